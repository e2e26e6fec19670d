"""What list pages repeat, written in Python: a commitment's card, a row of a targets
table, a report's sentences, the paragraph a commitment page quotes, a section's name,
totals per status, the links to the pages of a long list, the items of the lists
comparing a report with the next year's.
A topic page shows thirty cards and a part of a report hundreds of sentences; as
Jinja macros they were most of those pages' time.

A card or a row says the same on every page that shows it, but for its link to the
commitment, which depends on the page's folder: each is made once per process, in two
pieces around that link, and the link is asked of url_for on each page. The library
does not change under an application, so neither does what was made from it. A piece
reads a commitment's English (library.EnglishReads) when it is made: in the static
build those reads are kept with it and counted again for every page that shows it, so
the build still knows which English each page shows.
"""
from __future__ import annotations

from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from ..library import EnglishReads
from ..quantities import comparator_word, number, unit_word
from ..richtext import plain
from .templating import page_helper
from .views import (glossary_url, indicator_text, list_page_url, sentence_text, status_badge,
                    target_value_text)


def _made(store: dict, key: tuple, make):
    """``make()`` (a piece of a page: a card as the strings before and after its link,
    a paragraph's sentences), kept in ``store`` under ``key``. While the static build
    records the English each page reads (one page at a time in a process), a piece is
    made recording its own reads, and they are counted for every page that shows it;
    otherwise (the live server, with its threads) nothing is recorded, and a piece made
    then is made again the first time it is recorded."""
    found = store.get(key)
    recording = EnglishReads.current
    if recording is None:
        if found is None:
            found = store[key] = (make(), None)
        return found[0]
    if found is None or found[1] is None:
        EnglishReads.current = set()
        try:
            # Reads as a tuple of strings, which the garbage collector stops tracking (a
            # frozenset it walks on every full collection: thousands of cards in a worker).
            found = store[key] = (make(), tuple(EnglishReads.current))
        finally:
            EnglishReads.current = recording
    recording.update(found[1])
    return found[0]


def init_app(app) -> None:
    cards: dict = {}
    paragraphs: dict = {}
    rows: dict = {}
    library = app.extensions["library"]
    globals_ = app.jinja_env.globals

    # Pieces are joined as plain strings, each escaped where it goes in (Markup's own
    # + and % escape and copy at every step), and made Markup once.

    @page_helper
    def commitment_cards(context, edition, entries, heading: str = "h3") -> Markup:
        """Commitments of one report as a list shows them: each one's status, its text
        linked to its page, its targets."""
        lang = context["lang"]
        url_for = globals_["url_for"]
        out = []
        for entry in entries:
            c = entry.commitment

            def make():
                tag = escape(heading)
                before = "".join(('<li class="card">\n  <p class="card-status">',
                                  status_badge(library.progress(c.id).status, lang),
                                  "</p>\n  <", tag, ' class="card-title"><a href="'))
                after = ['">', sentence_text(context, edition, {"anchor": c.anchor, "text": c.text}, links=False),
                         "</a></", tag, ">"]
                if c.targets:
                    after.append('\n  <ul class="targets">')
                    for index, target in enumerate(c.targets):
                        after += ('\n    <li><span class="target-value">',
                                  target_value_text(context, entry, target, index),
                                  '</span> <span class="target-indicator">',
                                  indicator_text(context, entry, target, index), "</span></li>")
                    after.append("\n  </ul>")
                after.append("\n</li>")
                return before, "".join(after)

            before, after = _made(cards, (id(entry), id(edition), lang, heading), make)
            out += (before, escape(url_for("pages.commitment", commitment_id=c.id)), after)
        return Markup("".join(out))

    @page_helper
    def paragraph_text(context, edition, sentences, marked: str) -> Markup:
        """A paragraph of the report, its sentences' glossary terms linked, the one whose
        anchor is ``marked`` in <mark>. Every commitment of an item shows the item's
        whole paragraph, dozens of sentences: they are made once per report, language
        and glossary link (the same on every commitment page), not once a page."""
        lang = context["lang"]
        anchors = tuple(s.anchor for s in sentences)
        rendered = _made(paragraphs, (id(edition), lang, glossary_url(edition), anchors),
                         lambda: tuple(str(sentence_text(context, edition, s, terms=True)) for s in sentences))
        space = " " if lang == "en" else ""
        return Markup("".join(f"<mark>{html}</mark>{space}" if anchor == marked else f"{html}{space}"
                              for anchor, html in zip(anchors, rendered)))

    @page_helper
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

            before, after = _made(rows, (id(entry), index, lang), make)
            out += (before, escape(url_for("pages.commitment", commitment_id=c.id)), after)
        return Markup("".join(out))

    @page_helper
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

    def _translator(context):
        """The templates' gettext for this page: a message as {{ _(…) }} says it."""
        return lambda message, **variables: globals_["gettext"](context, message, **variables)

    @page_helper
    def section_name(context, edition, section) -> Markup:
        """A section's heading in the page's language, or what stands for it."""
        if section.appendix and not section.heading:
            return Markup('<span lang="zh-Hans">%s</span>') % section.appendix
        if section.heading:
            return sentence_text(context, edition, section.heading)
        _ = _translator(context)
        return _("Part %(number)s (heading not available)", number=section.number)

    @page_helper
    def status_totals(context, counts, topic=None, current=None) -> Markup:
        """How many commitments have each status; with `topic`, each a link to the
        topic's commitments of that status (but the `current` one's)."""
        lang = context["lang"]
        out = ['<ul class="status-totals">']
        for status, n in counts.items():
            linked = topic and n and status != current
            out.append("\n  <li>")
            if linked:
                out += ('<a href="', escape(globals_["url_for"]("pages.topic", slug=topic.slug, status=status)), '">')
            out += (status_badge(status, lang), ' <span class="n">', escape(n), "</span>", "</a></li>" if linked else "</li>")
        out.append("\n</ul>")
        return Markup("".join(out))

    @page_helper
    def pagination_nav(context, pagination) -> Markup:
        """Numbered links to the pages of a long list (web/pagination.py), GOV.UK-style:
        previous and next, the first and last page and those beside this one."""
        if pagination.pages <= 1:
            return Markup("")
        _ = _translator(context)
        out = ['\n<nav class="pager" aria-label="', _("Pages of this list"), '">\n<p>',
               _("Page %(page)s of %(pages)s", page=pagination.page, pages=pagination.pages), "</p>\n<ul>"]
        if pagination.previous:
            out += ('\n<li class="prev"><a href="', escape(list_page_url(pagination.previous)), '" rel="prev">',
                    _("Previous page"), "</a></li>")
        for page in pagination.numbers():
            if page is None:
                out.append('\n<li class="gap">…</li>')
                continue
            out += ('\n<li class="number"><a href="', escape(list_page_url(page)), '" aria-label="',
                    _("Page %(page)s", page=page), '"',
                    ' aria-current="page">' if page == pagination.page else ">", escape(page), "</a></li>")
        if pagination.next:
            out += ('\n<li class="next"><a href="', escape(list_page_url(pagination.next)), '" rel="next">',
                    _("Next page"), "</a></li>")
        out.append("\n</ul>\n</nav>")
        return Markup("".join(out))

    @page_helper
    def next_items(context, kind: str, items, earlier, later) -> Markup:
        """Items of a list of the comparison of a report with the next year's
        (report/next/): each commitment shortened, as plain text (Markdown cut short would
        be broken markup; its page has it whole); for a promise carried over, both years'."""
        lang = context["lang"]
        url_for = globals_["url_for"]

        def promise(edition, c) -> str:
            tr = edition.translation(c.anchor) if lang == "en" else None
            if tr and tr.text:
                words = escape(do_truncate(context.environment, plain(tr.text), 140, True, "…", 0))
            else:
                words = escape(do_truncate(context.environment, plain(c.text), 60, True, "…", 0))
                if lang == "en":
                    words = f'<span lang="zh-Hans">{words}</span>'
            return "".join(('<a href="', escape(url_for("pages.commitment", commitment_id=c.id)), '">', words, "</a>"))

        out = []
        for x in items:
            if kind == "carried-over":
                out += ('\n<li><p><span class="year">', escape(earlier.report.meta.year), "</span> ",
                        promise(earlier, x.earlier), '</p><p><span class="year">', escape(later.report.meta.year),
                        "</span> ", promise(later, x.later), "</p></li>")
            else:
                out += ("\n<li>", promise(later if kind == "new" else earlier, x), "</li>")
        return Markup("".join(out))

    globals_.update(commitment_cards_html=commitment_cards, next_items_html=next_items, target_rows_html=target_rows,
                    report_sentences_html=report_sentences, section_name_html=section_name,
                    status_totals_html=status_totals, pagination_nav_html=pagination_nav,
                    paragraph_text=paragraph_text)
