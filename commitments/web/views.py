"""The pages. Every URL but the root and the 404 page starts with a language."""
from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, render_template, request
from flask_babel import gettext, ngettext, refresh
from markupsafe import Markup, escape

from ..charts import Bar, bar_chart
from .. import richtext
from ..glossary import terms_in
from ..model import LANGUAGE_TAGS, LANGUAGES
from ..progress import STATUSES
from ..quantities import comparator_word, describe, number, reading, unit_word
from .report_text import report_text
from .templating import page_helper
from .pagination import (COMMITMENTS_PER_PAGE, REPORTS_PER_PAGE, TARGETS_PER_PAGE, list_page, page_count,
                         page_number)
from .urls import absolute_url, alternates, canonical_url, page_alternates, page_url

bp = Blueprint("pages", __name__)


def library():
    return current_app.extensions["library"]


@bp.app_url_value_preprocessor
def _forget_previous_page(endpoint, values):
    # The static build runs every request in one application context, so `g` (and
    # Flask-Babel's cached locale on it) would carry over from the previous page.
    # App-wide preprocessors run before the blueprints' ones, which set the language.
    g.pop("lang", None)
    refresh()


@bp.url_value_preprocessor
def take_language(endpoint, values):
    if values is not None and "lang" in values:
        g.lang = values.pop("lang")
        if g.lang not in LANGUAGES:
            abort(404)


@bp.url_defaults
def add_language(endpoint, values):
    if "lang" not in values and getattr(g, "lang", None) and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


@bp.app_context_processor
def _template_helpers():
    # The same for every page of a language (the library does not change under an
    # app): made once per language, not for each of thousands of pages.
    lang = getattr(g, "lang", "zh")
    made = current_app.extensions.setdefault("template_helpers", {})
    helpers = made.get(lang)
    if helpers is None:
        helpers = made[lang] = _helpers_for(lang)
    return helpers


def _helpers_for(lang: str) -> dict:
    return {
        "lang": lang,
        "other_lang": "en" if lang == "zh" else "zh",
        "lang_tag": LANGUAGE_TAGS[lang],
        "LANGUAGE_TAGS": LANGUAGE_TAGS,
        "lib": library(),
        "describe": describe,
        "reading": lambda t: reading(t, lang),
        "number": number,
        "page_url": page_url,
        "canonical_url": canonical_url,
        "alternates": alternates,
        "page_alternates": page_alternates,
        "absolute_url": absolute_url,
        # Chinese words quoted in an interface string, marked so screen readers say them in Chinese.
        "zh_text": lambda text: Markup('<span lang="zh-Hans">{}</span>').format(text),
        "STATUSES": STATUSES,
        "comparator_word": lambda t: comparator_word(t, lang),
        "unit_word": lambda t: unit_word(t, lang),
        "progress": library().progress,
        "rich_inline": rich_inline,
        "sentence_text": sentence_text,
        "badge_for_status": badge_for_status,
        "badge_for_commitment": badge_for_commitment,
        "target_value_text": target_value_text,
        "indicator_text": indicator_text,
        "rich_block": richtext.block,
        "plain": richtext.plain,
        "glossary_url": glossary_url,
        "report_text_url": report_text_url,
        "list_page_url": list_page_url,
        "publisher_name": publisher_name,
        "government": government,
    }


def rich_inline(edition, text: str, lang: str, terms: bool = False, links: bool = True):
    """An editor's Markdown where a sentence goes, with the terms of the report's glossary
    linked to their explanation when `terms` (commitments/richtext.py)."""
    if terms and links:
        return richtext.inline(text, lang, edition.glossary, glossary_url(edition))
    return richtext.inline(text, lang, links=links)


@page_helper
def sentence_text(context, edition, sentence, terms: bool = False, links: bool = True) -> Markup:
    """A sentence of the report (an object or a dict with its anchor and text) in the
    page's language; Chinese while its English is pending. Editors write Markdown
    (commitments/richtext.py): shown inline, where a sentence goes; `links=False` inside
    another link; `terms` links the report's glossary terms."""
    if context["lang"] == "zh":
        return rich_inline(edition, _field(sentence, "text"), "zh", terms, links)
    translation = edition.translation(_field(sentence, "anchor"))
    if translation and translation.text:
        return rich_inline(edition, translation.text, "en", terms, links)
    return Markup('<span lang="zh-Hans">%s</span>') % rich_inline(edition, _field(sentence, "text"), "zh", False, links)


# A topic page shows dozens of cards, each with a status badge, its targets' values and
# what they measure: helpers, not macros (templates call them as m.status_badge and so
# on; _macros.html names them), as a macro call costs more than what it writes.

@page_helper
def badge_for_status(context, status: str) -> Markup:
    """A progress status as a badge in the page's language."""
    return status_badge(status, context["lang"])


@lru_cache(maxsize=None)
def status_badge(status: str, lang: str) -> Markup:
    """A progress status as a badge in ``lang``: the same few on every page."""
    return Markup('<span class="status status-{}">{}</span>').format(status, STATUSES[status][lang])


@page_helper
def badge_for_commitment(context, commitment_id: str) -> Markup:
    """The badge of a commitment's current status."""
    return badge_for_status(context, library().progress(commitment_id).status)


@page_helper
def target_value_text(context, entry, target, index: int) -> Markup:
    """A target's value: in Chinese as the report words it, in English described."""
    return escape(target.text if context["lang"] == "zh" else describe(target, "en"))


@page_helper
def indicator_text(context, entry, target, index: int) -> Markup:
    """What a target measures: in English an editor's name for it, else the Chinese marked as such."""
    if context["lang"] == "en":
        if entry.indicators:
            return escape(entry.indicators[index])
        return Markup('<span lang="zh-Hans">{}</span>').format(target.indicator)
    return escape(target.indicator)


def _field(thing, name: str):
    """``thing.name`` as a template reads it: an attribute, else an item."""
    try:
        return getattr(thing, name)
    except AttributeError:
        return thing[name]


def publisher_name(meta) -> str:
    """Who published a report: report.yaml's publisher, else the government of its place."""
    if meta.publisher:
        return meta.publisher[g.lang]
    return gettext("Government of %(place)s", place=meta.place[g.lang])


def government(meta) -> str:
    """The publisher as a sentence names it. In English the name of a government body
    takes "the" (the State Council, the … People's Government); a name still in Chinese
    (no English yet) takes none."""
    name = publisher_name(meta)
    if g.lang == "en" and name[:1].isascii() and not name.lower().startswith("the "):
        return "the " + name
    return name


def _commitment_count(editions, count: int) -> str:
    """How many commitments the site's reports make, honest about reports that are
    incomplete (report.yaml `missing:`): then only the available part is counted."""
    if len(editions) == 1:
        meta = editions[0].report.meta
        values = {"year": meta.year, "government": government(meta)}
        if meta.missing:
            return ngettext("In the part of its %(year)s work report that is available, %(government)s made "
                            "%(num)s commitment.",
                            "In the part of its %(year)s work report that is available, %(government)s made "
                            "%(num)s commitments.", count, **values)
        return ngettext("In its %(year)s work report, %(government)s made %(num)s commitment.",
                        "In its %(year)s work report, %(government)s made %(num)s commitments.", count, **values)
    text = ngettext("The %(reports)s government work reports on this site make %(num)s commitment.",
                    "The %(reports)s government work reports on this site make %(num)s commitments.",
                    count, reports=len(editions))
    if any(e.report.meta.missing for e in editions):
        text += (" " if g.lang == "en" else "") + gettext("Some reports are incomplete: for those, only the part that is available is counted.")
    return text


def _edition_for(entry):
    return library().edition(entry.commitment.report)


def _topic_counts():
    return Counter(slug for e in library().entries() for slug in e.commitment.topics)


def _status_counts(entries) -> dict[str, int]:
    counts = Counter(library().progress(e.commitment.id).status for e in entries)
    return {status: counts.get(status, 0) for status in STATUSES}


def _topic_status_counts() -> dict[str, dict[str, int]]:
    """For each topic with commitments, its commitments per status (each topic's from
    the library's index of them, not from a scan of every commitment)."""
    return {t.slug: _status_counts(library().topic_entries(t.slug)) for t in library().used_topics}


def _topic_chart(topic_status, counts, lang):
    topics = sorted(library().used_topics, key=lambda t: -counts[t.slug])
    bars = [Bar(t.name[lang], tuple(topic_status[t.slug].items())) for t in topics]
    summary = gettext("Commitments per topic, coloured by status. The same figures are in the table below.")
    return bar_chart(bars, summary), [(t, counts[t.slug]) for t in topics]


def _ordered_topics(lib=None):
    return sorted((lib or library()).used_topics, key=lambda t: not t.headline)


def _key_target(topic):
    """The topic's headline number: a target whose indicator itself names the topic."""
    candidates = [(entry, i, t) for entry in library().topic_entries(topic.slug)
                  for i, t in enumerate(entry.commitment.targets)]
    if not candidates:
        return None

    def rank(candidate):  # the topic's first keywords are its most typical words
        return next((n for n, k in enumerate(topic.keywords) if k in candidate[2].indicator), len(topic.keywords))

    entry, i, _ = min(candidates, key=rank)
    return topic, entry, i


@bp.route("/")
def root():
    return render_template("root.html")


@bp.route("/404.html")
def not_found_page():
    # Frozen-Flask freezes only 200 responses: static hosts serve this file for 404s,
    # at whatever depth the missing address was, so its links start from base_url.
    g.lang = "zh"
    return render_template("404.html", base_path=urlsplit(library().site.base_url).path)


@bp.app_errorhandler(404)
def not_found(error):
    if getattr(g, "lang", None) not in LANGUAGES:
        g.lang = "zh"
    return render_template("404.html", base_path=request.script_root + "/"), 404


@bp.route("/<lang>/")
def home():
    entries = list(library().entries())
    headline = [t for t in library().used_topics if t.headline]
    key_targets = [k for k in (_key_target(topic) for topic in headline) if k]
    counts = _topic_counts()
    topic_status = _topic_status_counts()
    chart, chart_rows = _topic_chart(topic_status, counts, g.lang)
    return render_template(
        "home.html",
        count_sentence=_commitment_count(library().editions, len(entries)),
        chart=chart, chart_rows=chart_rows, status_counts=_status_counts(entries),
        topic_status=topic_status,
        topics=_ordered_topics(),
        counts=counts,
        entries=entries,
        target_count=sum(len(e.commitment.targets) for e in entries),
        key_targets=key_targets,
    )


@bp.route("/<lang>/topics/")
def topics():
    return render_template("topics/index.html", topics=_ordered_topics(), counts=_topic_counts())


@bp.route("/<lang>/topics/<slug>/")
@bp.route("/<lang>/topics/<slug>/page/<int:page>/")
@bp.route("/<lang>/topics/<slug>/status/<status>/")
@bp.route("/<lang>/topics/<slug>/status/<status>/page/<int:page>/")
@bp.route("/<lang>/reports/<report_slug>/topics/<slug>/")
@bp.route("/<lang>/reports/<report_slug>/topics/<slug>/page/<int:page>/")
def topic(slug, status=None, report_slug=None, page=None):
    topic = library().topic(slug)
    if topic not in library().used_topics or (status is not None and status not in STATUSES):
        abort(404)
    if report_slug is not None and library().edition(report_slug) is None:
        abort(404)
    # Read from the library's index: a page's work is its share of the list, not the topic.
    shown = library().listing(slug, report_slug, status)
    if (status is not None or report_slug is not None) and not shown:
        abort(404)
    on_page, pagination = list_page(shown, page, COMMITMENTS_PER_PAGE)
    groups = []
    for e in on_page:
        if not groups or (groups[-1][0].slug, groups[-1][1].number) != (e.commitment.report, e.commitment.section):
            edition = library().edition(e.commitment.report)
            groups.append((edition, next(s for s in edition.report.sections if s.number == e.commitment.section), []))
        groups[-1][2].append(e)
    # How many each report has is a page of its own (topic_reports), linked from the
    # topic's first page: listed here it would grow with every report added.
    by_report = len(library().editions) > 1 and status is None and report_slug is None and pagination.page == 1
    # The targets of the commitments on this page: all of the topic's when it fits on one.
    targets = [(e, i, t) for e in on_page for i, t in enumerate(e.commitment.targets)]
    status_counts = {st: len(library().listing(slug, report_slug, st)) for st in STATUSES}
    return render_template("topics/topic.html", topic=topic, groups=groups, status=status,
                           report_slug=report_slug, by_report=by_report,
                           edition=library().edition(report_slug) if report_slug else None,
                           count=len(shown), total=len(library().listing(slug, report_slug)), targets=targets,
                           status_counts=status_counts, pagination=pagination)


@bp.route("/<lang>/topics/<slug>/reports/")
@bp.route("/<lang>/topics/<slug>/reports/page/<int:page>/")
def topic_reports(slug, page=None):
    """How many commitments each report has in a topic, each linking to its part of it."""
    topic = library().topic(slug)
    if topic not in library().used_topics or len(library().editions) < 2:
        abort(404)
    counts = reports_in_topic(library(), slug)
    shown, pagination = list_page(counts, page, REPORTS_PER_PAGE)
    return render_template("topics/reports.html", topic=topic, counts=shown, reports=len(counts),
                           pagination=pagination)


def reports_in_topic(library, slug: str) -> list:
    """(edition, how many commitments it has in the topic) of each report with any."""
    return [(e, n) for e in library.editions if (n := len(library.listing(slug, e.slug)))]


def topic_report_list_pages(library):
    """The values of each topic's list of reports, when there are several reports."""
    if len(library.editions) < 2:
        return
    for topic in library.used_topics:
        yield {"slug": topic.slug}
        reports = len(reports_in_topic(library, topic.slug))
        for number in range(2, page_count(reports, REPORTS_PER_PAGE) + 1):
            yield {"slug": topic.slug, "page": number}


def topic_pages(library):
    """The values of every topic page: each topic, each of its statuses, and when there
    are several reports, each report's part of it; a long list's further pages after
    its first."""
    def with_pages(values, entries):
        yield values
        for number in range(2, page_count(len(entries), COMMITMENTS_PER_PAGE) + 1):
            yield {**values, "page": number}

    for topic in library.used_topics:
        yield from with_pages({"slug": topic.slug}, library.listing(topic.slug))
    for report_slug, slug in topic_report_pages(library):
        yield from with_pages({"slug": slug, "report_slug": report_slug},
                              library.listing(slug, report_slug))
    for slug, status in topic_status_pages(library):
        yield from with_pages({"slug": slug, "status": status}, library.listing(slug, status=status))


def topic_report_pages(library):
    """(report, topic) pairs with commitments, when there are several reports to filter."""
    if len(library.editions) < 2:
        return
    for edition in library.editions:
        for slug in sorted({s for e in edition.entries for s in e.commitment.topics}):
            yield edition.slug, slug


def topic_status_pages(library):
    """(topic, status) pairs that have commitments: the static build's filter pages."""
    for topic in library.used_topics:
        statuses = {library.progress(e.commitment.id).status for e in library.topic_entries(topic.slug)}
        for status in sorted(statuses):
            yield topic.slug, status


@bp.route("/<lang>/targets/")
@bp.route("/<lang>/targets/page/<int:page>/")
def targets(page=None):
    made = current_app.extensions.get("key_numbers")
    if made is None:  # the same for every page of the list: made once, not once a page
        tables = target_tables(library())
        made = current_app.extensions["key_numbers"] = (
            tables, [(n, row) for n, (_, _, rows) in enumerate(tables) for row in rows],
            sum(len(e.commitment.targets) for e in library().entries()))
    tables, all_rows, total = made
    rows, pagination = list_page(all_rows, page, TARGETS_PER_PAGE)
    # The tables on this page: a table that runs over a page break goes on on the next.
    here: dict[int, list] = {}
    for n, row in rows:
        here.setdefault(n, []).append(row)
    headline = [(tables[n][1], part) for n, part in here.items() if tables[n][0] == "headline"]
    groups = [(tables[n][1], part) for n, part in here.items() if tables[n][0] == "topic"]
    # Where each table starts, for the list of topics on the first page.
    starts, seen = {}, 0
    for kind, key, table_rows in tables:
        starts.setdefault("headline" if kind == "headline" else key.slug, seen // TARGETS_PER_PAGE + 1)
        seen += len(table_rows)
    by_topic = [(key, table_rows) for kind, key, table_rows in tables if kind == "topic"]
    bars = [Bar(t.name[g.lang], (("target", len(rows)),)) for t, rows in by_topic]
    chart = bar_chart(bars, gettext("Numeric targets per topic. The same figures are in the tables below."))
    return render_template("targets/index.html", groups=groups, chart=chart, headline=headline,
                           topics=[t for t, _ in by_topic], starts=starts, pagination=pagination,
                           has_headline=any(kind == "headline" for kind, _, _ in tables),
                           chart_rows=[(t.name[g.lang], len(rows)) for t, rows in by_topic], total=total)


def target_tables(library) -> list[tuple[str, object, list]]:
    """The key numbers' tables in their order, as (kind, report or topic, rows): the
    year's main expected targets (主要预期目标) first, one table per report, then every
    target by topic."""
    tables = [("headline", edition, rows) for edition in library.editions
              if (rows := [(e, i, t) for e in edition.entries if e.commitment.headline
                           for i, t in enumerate(e.commitment.targets)])]
    for topic in _ordered_topics(library):
        rows = [(e, i, t) for e in library.topic_entries(topic.slug) for i, t in enumerate(e.commitment.targets)]
        if rows:
            tables.append(("topic", topic, rows))
    return tables


def target_pages(library):
    """The values of the key numbers' pages after the first."""
    rows = sum(len(rows) for _, _, rows in target_tables(library))
    for number in range(2, page_count(rows, TARGETS_PER_PAGE) + 1):
        yield {"page": number}


@bp.route("/<lang>/commitments/<commitment_id>/")
def commitment(commitment_id):
    entry = library().entry(commitment_id)
    if entry is None:
        abort(404)
    edition = _edition_for(entry)
    c = entry.commitment
    section = next(s for s in edition.report.sections if s.number == c.section)
    # A headline target stands in the section's introduction, not in an item.
    item = next((i for i in section.items if i.number == c.item), None)
    paragraph = [*item.paragraph] if item else section.intro
    index = edition.position(entry)
    previous = edition.entries[index - 1] if index > 0 else None
    following = edition.entries[index + 1] if index + 1 < len(edition.entries) else None
    terms = terms_in(c.text, edition.glossary, "zh")
    return render_template("commitments/commitment.html", entry=entry, edition=edition, terms=terms,
                           section=section, item=item, paragraph=paragraph, previous=previous,
                           following=following)


@bp.route("/<lang>/report/")
@bp.route("/<lang>/report/part/<int:part>/")
@bp.route("/<lang>/reports/<report_slug>/")
@bp.route("/<lang>/reports/<report_slug>/part/<int:part>/")
def report(report_slug=None, part=None):
    edition = library().edition(report_slug) if report_slug else library().default_edition
    if edition is None:
        abort(404)
    # A long report is in parts (web/report_text.py): the first at the report's address.
    text = report_text(edition)
    shown = text.part(page_number(part))  # a report's parts are numbered as a list's pages
    if shown is None:
        abort(404)
    return render_template("report/index.html", edition=edition, text=text, part=shown, report_slug=report_slug)


def report_text_url(edition, anchor: str | None = None) -> str:
    """Where a sentence or heading of a report's text is (its id, `anchor`): the address
    of the part that holds it, with the anchor."""
    url_for = current_app.jinja_env.globals["url_for"]  # relative in the static build, as in templates
    number = report_text(edition).part_of(anchor)
    url = url_for("pages.report", report_slug=edition.slug, **({"part": number} if number > 1 else {}))
    return f"{url}#{anchor}" if anchor else url


@bp.route("/<lang>/reports/")
@bp.route("/<lang>/reports/page/<int:page>/")
def reports(page=None):
    editions, pagination = list_page(library().editions, page, REPORTS_PER_PAGE)
    return render_template("report/list.html", editions=editions, pagination=pagination)


def report_list_pages(library):
    """The values of the list of reports' pages after the first."""
    for number in range(2, page_count(len(library.editions), REPORTS_PER_PAGE) + 1):
        yield {"page": number}


def glossary_url(edition=None) -> str:
    """The glossary page of a report: /glossary/ for the default report (as /report/ is its
    text), /reports/<slug>/glossary/ for the others."""
    url_for = current_app.jinja_env.globals["url_for"]  # relative in the static build, as in templates
    if edition is None or edition is library().default_edition:
        return url_for("pages.glossary")
    return url_for("pages.glossary", report_slug=edition.slug)


def list_page_url(number: int) -> str:
    """Page `number` of the list this page is part of; the first page has no number."""
    url_for = current_app.jinja_env.globals["url_for"]  # relative in the static build, as in templates
    values = {name: value for name, value in (request.view_args or {}).items() if name != "page"}
    return url_for(request.endpoint, **values, **({"page": number} if number > 1 else {}))


def glossary_pages(library):
    """The report slugs with a glossary page of their own: all but the default report."""
    return [e.slug for e in library.editions if e is not library.default_edition]


@bp.route("/<lang>/glossary/")
@bp.route("/<lang>/reports/<report_slug>/glossary/")
def glossary(report_slug=None):
    edition = library().edition(report_slug) if report_slug else library().default_edition
    if edition is None:
        abort(404)
    return render_template("glossary/index.html", edition=edition, terms=edition.glossary)


@bp.route("/<lang>/data/")
def data_page():
    site = library().site
    metas = [e.report.meta for e in library().editions]
    years = sorted({m.year for m in metas})
    dataset = {
        "@context": "https://schema.org", "@type": "Dataset",
        "name": site.name[g.lang],
        "description": gettext("Download every commitment, with its targets and progress, as JSON or CSV."),
        "url": absolute_url("pages.data_page", lang=g.lang),
        "inLanguage": ["zh-Hans", "en"],
        "license": site.licence_url,
        "isBasedOn": _one_or_list([m.source_url for m in metas if m.source_url]),
        "temporalCoverage": str(years[0]) if len(years) == 1 else f"{years[0]}/{years[-1]}",
        "spatialCoverage": _one_or_list(list(dict.fromkeys(m.place[g.lang] for m in metas))),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": absolute_url("data.commitments_json")},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": absolute_url("data.commitments_csv")},
        ],
    }
    dataset = {key: value for key, value in dataset.items() if value is not None}
    # Escape "<" so the JSON can never close the script element it sits in.
    ld = json.dumps(dataset, ensure_ascii=False).replace("<", "\\u003c")
    return render_template("data/index.html", dataset_ld=ld)


def _one_or_list(values: list):
    """schema.org takes one value or a list; one report gives one."""
    return None if not values else values[0] if len(values) == 1 else values
