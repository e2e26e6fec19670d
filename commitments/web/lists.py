"""What list pages repeat, written in Python: a commitment's card, a row of a targets
table, a report's sentences. A topic page shows thirty cards and a part of a report
hundreds of sentences; as Jinja macros they were most of those pages' time.

A card or a row says the same on every page that shows it, but for its link to the
commitment, which depends on the page's folder: each is made once per process, in two
pieces around that link, and the link is asked of url_for on each page. The library
does not change under an application, so neither does what was made from it. A piece
reads a commitment's English (library.EnglishReads) when it is made: those reads are
kept with it and counted again for every page that shows it, so the static build still
knows which English each page shows.
"""
from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup, escape

from ..library import EnglishReads
from ..progress import STATUSES
from ..quantities import comparator_word, number, unit_word
from .views import indicator_text, sentence_text, target_value_text


def _made(store: dict, key: tuple, make) -> tuple:
    """``make()`` as (before the link, after it), with the English it read, kept in
    ``store`` under ``key``; its reads counted for the page being made."""
    found = store.get(key)
    if found is None:
        outer, EnglishReads.current = EnglishReads.current, set()
        try:
            before, after = make()
            reads = frozenset(EnglishReads.current)
        finally:
            EnglishReads.current = outer
        found = store[key] = (before, after, reads)
    if found[2] and EnglishReads.current is not None:
        EnglishReads.current.update(found[2])
    return found


def init_app(app) -> None:
    cards: dict = {}
    rows: dict = {}
    badges: dict = {}
    library = app.extensions["library"]
    globals_ = app.jinja_env.globals

    # Pieces are joined as plain strings, each escaped where it goes in (Markup's own
    # + and % escape and copy at every step), and made Markup once.

    def badge(status: str, lang: str) -> str:
        """views.badge_for_status, kept per status and language."""
        found = badges.get((status, lang))
        if found is None:
            found = badges[(status, lang)] = '<span class="status status-{}">{}</span>'.format(
                escape(status), escape(STATUSES[status][lang]))
        return found

    @pass_context
    def commitment_card(context, edition, entry, heading: str = "h3") -> Markup:
        """A commitment as a list shows it: status, text linked to its page, targets."""
        c = entry.commitment
        lang = context["lang"]

        def make():
            tag = escape(heading)
            before = "".join(('<li class="card">\n  <p class="card-status">', badge(library.progress(c.id).status, lang),
                              "</p>\n  <", tag, ' class="card-title"><a href="'))
            after = ['">', sentence_text(context, edition, {"anchor": c.anchor, "text": c.text}, links=False),
                     "</a></", tag, ">"]
            if c.targets:
                after.append('\n  <ul class="targets">')
                for index, target in enumerate(c.targets):
                    after += ('\n    <li><span class="target-value">', target_value_text(context, entry, target, index),
                              '</span> <span class="target-indicator">', indicator_text(context, entry, target, index),
                              "</span></li>")
                after.append("\n  </ul>")
            after.append("\n</li>")
            return before, "".join(after)

        before, after, _ = _made(cards, (id(entry), id(edition), lang, heading), make)
        return Markup("".join((before, escape(globals_["url_for"]("pages.commitment", commitment_id=c.id)), after)))

    @pass_context
    def target_rows(context, table_rows) -> Markup:
        """The rows of a targets table, each (entry, index of the target, target)."""
        lang = context["lang"]
        url_for = globals_["url_for"]
        out = []
        for entry, index, target in table_rows:
            c = entry.commitment

            def make():
                before = "".join(("\n<tr><td>", indicator_text(context, entry, target, index), "</td><td>",
                                  escape(comparator_word(target, lang)), '</td><td class="num" data-value="',
                                  escape(target.amount), '">', escape(number(target.amount, lang)), "</td><td>",
                                  escape(unit_word(target, lang)), '</td><td><a href="'))
                after = "".join(('">', escape(c.section), ".", escape(c.item), ".", escape(c.sentence), "</a></td></tr>"))
                return before, after

            before, after, _ = _made(rows, (id(entry), index, lang), make)
            out += (before, escape(url_for("pages.commitment", commitment_id=c.id)), after)
        return Markup("".join(out))

    @pass_context
    def report_sentences(context, edition, sentences) -> Markup:
        """Sentences of a report's text, each with its anchor; a commitment's linked to its
        page. Each is on one page of the report's text: nothing to keep."""
        end = "</span> " if context["lang"] == "en" else "</span>"
        url_for = globals_["url_for"]
        out = []
        for s in sentences:
            e = edition.entry_at(s.anchor)
            if e:
                out += ('<span id="', escape(s.anchor), '"><a href="',
                        escape(url_for("pages.commitment", commitment_id=e.commitment.id)), '">',
                        sentence_text(context, edition, s, links=False), "</a>", end)
            else:
                out += ('<span id="', escape(s.anchor), '">', sentence_text(context, edition, s), end)
        return Markup("".join(out))

    globals_.update(commitment_card_html=commitment_card, target_rows_html=target_rows,
                    report_sentences_html=report_sentences)
