"""The pages. Every URL but the root and the 404 page starts with a language."""
from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, current_app, g, render_template, request, url_for

from ..glossary import segments, terms_in
from ..model import LANGUAGE_TAGS, LANGUAGES
from ..quantities import COMPARATOR_SYMBOL, describe, number

bp = Blueprint("pages", __name__)


def library():
    return current_app.extensions["library"]


@bp.url_value_preprocessor
def _take_language(endpoint, values):
    if values is not None and "lang" in values:
        g.lang = values.pop("lang")
        if g.lang not in LANGUAGES:
            abort(404)


@bp.url_defaults
def _add_language(endpoint, values):
    if "lang" not in values and getattr(g, "lang", None) and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


@bp.app_context_processor
def _template_helpers():
    lang = getattr(g, "lang", "zh")
    return {
        "lang": lang,
        "other_lang": "en" if lang == "zh" else "zh",
        "lang_tag": LANGUAGE_TAGS[lang],
        "LANGUAGE_TAGS": LANGUAGE_TAGS,
        "lib": library(),
        "describe": describe,
        "symbol": COMPARATOR_SYMBOL,
        "number": number,
        "page_url": _page_url,
        "glossary_segments": lambda text, lang: segments(text, library().glossary, lang),
    }


def _page_url(lang: str) -> str:
    """This page in another language."""
    # The template url_for: relative in the static build, absolute on the live server.
    url_for_page = current_app.jinja_env.globals["url_for"]
    if request.endpoint in (None, "pages.not_found_page", "pages.root"):
        return url_for_page("pages.home", lang=lang)
    return url_for_page(request.endpoint, **{**(request.view_args or {}), "lang": lang})


def _edition_for(entry):
    return library().edition(entry.commitment.report)


def _topic_counts():
    counts = Counter(slug for e in library().entries() for slug in e.commitment.topics)
    return counts


def _ordered_topics():
    topics = library().topics
    return sorted(topics, key=lambda t: not t.headline)


def _key_target(topic, entries):
    """The topic's headline number: a target whose indicator itself names the topic."""
    candidates = [(entry, i, t) for entry in entries if topic.slug in entry.commitment.topics
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
    # Frozen-Flask freezes only 200 responses: static hosts serve this file for 404s.
    g.lang = "zh"
    return render_template("404.html")


@bp.app_errorhandler(404)
def not_found(error):
    if getattr(g, "lang", None) not in LANGUAGES:
        g.lang = "zh"
    return render_template("404.html"), 404


@bp.route("/<lang>/")
def home():
    entries = list(library().entries())
    headline = [t for t in library().topics if t.headline]
    key_targets = [k for k in (_key_target(topic, entries) for topic in headline) if k]
    return render_template(
        "home.html",
        topics=_ordered_topics(),
        counts=_topic_counts(),
        entries=entries,
        target_count=sum(len(e.commitment.targets) for e in entries),
        key_targets=key_targets,
    )


@bp.route("/<lang>/topics/")
def topics():
    return render_template("topics/index.html", topics=_ordered_topics(), counts=_topic_counts())


@bp.route("/<lang>/topics/<slug>/")
def topic(slug):
    topic = library().topic(slug)
    if topic is None:
        abort(404)
    groups = []
    for edition in library().editions:
        for section in edition.report.sections:
            in_section = [e for e in edition.entries
                          if e.commitment.section == section.number and slug in e.commitment.topics]
            if in_section:
                groups.append((edition, section, in_section))
    return render_template("topics/topic.html", topic=topic, groups=groups,
                           count=sum(len(g[2]) for g in groups))


@bp.route("/<lang>/commitments/<commitment_id>/")
def commitment(commitment_id):
    entry = library().entry(commitment_id)
    if entry is None:
        abort(404)
    edition = _edition_for(entry)
    c = entry.commitment
    section = next(s for s in edition.report.sections if s.number == c.section)
    item = next(i for i in section.items if i.number == c.item)
    index = edition.entries.index(entry)
    previous = edition.entries[index - 1] if index > 0 else None
    following = edition.entries[index + 1] if index + 1 < len(edition.entries) else None
    terms = terms_in(c.text, library().glossary, "zh")
    return render_template("commitments/commitment.html", entry=entry, edition=edition, terms=terms,
                           section=section, item=item, previous=previous, following=following)


@bp.route("/<lang>/report/")
def report():
    edition = library().editions[0]
    return render_template("report/index.html", edition=edition)


@bp.route("/<lang>/glossary/")
def glossary():
    return render_template("glossary/index.html", terms=library().glossary)
