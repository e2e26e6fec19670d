"""The search page, /<lang>/search/?q=…&topic=…&report=…&page=…

On the live server the page answers the query itself (no JavaScript needed).
The static build freezes the page without a query (Frozen-Flask drops query
strings); there static/js/search.js answers it in the browser from the exported
index, with the same core (see commitments.search.engine).
"""
from __future__ import annotations

import threading
from urllib.parse import urlencode

from flask import Blueprint, current_app, g, render_template, request

from ..search import engine
from ..search import tokenize as tk
from ..search.index import build_index, documents, library_reports
from ..search.synonyms import FILENAME, load_synonyms
from .views import add_language, take_language

bp = Blueprint("search", __name__)
_lock = threading.Lock()


def init_app(app) -> None:
    """Check the synonyms file at start-up (a mistake stops it, with file and line);
    the index itself is built on the first search."""
    app.extensions["search_synonyms"] = load_synonyms(app.config["CONTENT_DIR"] / FILENAME)
    # {% if word is han %}: Chinese in a result's reason, to be marked with its language
    app.jinja_env.tests["han"] = lambda text: any(kind == "uni" for kind, _, _ in tk.index_tokens(text))
    app.register_blueprint(bp)


def search_index():
    """The Whoosh index of the app's library, built once, on first use."""
    index = current_app.extensions.get("search_index")
    if index is None:
        with _lock:
            index = current_app.extensions.get("search_index")
            if index is None:
                library = current_app.extensions["library"]
                index = build_index(documents(library), library.topics,
                                    current_app.extensions["search_synonyms"],
                                    reports=library_reports(library))
                index.settle()
                current_app.extensions["search_index"] = index
    return index


# The language prefix works as on every other page.
bp.url_value_preprocessor(take_language)
bp.url_defaults(add_language)


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100000))
    except ValueError:
        return 1


def _href(**params) -> str:
    """A link to this page with other parameters, relative to it ("?q=…")."""
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "", 1)})


@bp.route("/<lang>/search/")
def search():
    raw = request.args.get("q", "")
    query = engine.query_text(raw)
    # exact=1: the words as typed, without correcting them ("search for … instead")
    exact = "1" if request.args.get("exact") == "1" else None
    result = None
    if query.strip():
        topic = request.args.get("topic") or None
        report = request.args.get("report") or None
        result = search_index().search(raw, topic=topic, page=_page_number(request.args.get("page")),
                                       lang=g.lang, report=report, exact=bool(exact))
    library = current_app.extensions["library"]
    names = {t.slug: t.name[g.lang] for t in library.used_topics}
    report_names = {e.slug: e.report.meta.title.get(g.lang) or e.slug for e in library.editions}
    links = {}
    if result is not None:
        shown, topic, report = result["query"], result["topic"], result["report"]
        links = {
            "all": _href(q=shown, report=report, exact=exact),
            "topics": {slug: _href(q=shown, topic=slug, report=report, exact=exact) for slug, _ in result["topics"]},
            "all_reports": _href(q=shown, topic=topic, exact=exact),
            "reports": {slug: _href(q=shown, topic=topic, report=slug, exact=exact) for slug, _ in result["reports"]},
            "previous": _href(q=shown, topic=topic, report=report, page=result["page"] - 1, exact=exact),
            "next": _href(q=shown, topic=topic, report=report, page=result["page"] + 1, exact=exact),
            "suggestion": _href(q=result["suggestion"]) if result["suggestion"] else None,
            "corrected": _href(q=result["corrected"]) if result["corrected"] else None,
            "exact": _href(q=shown, exact="1"),
        }
    return render_template(
        "search/index.html",
        query=query.strip() and query,
        result=result,
        links=links,
        topic_names=names,
        report_names=report_names,
        report_facet=len(library.editions) > 1,
        page_size=engine.PAGE_SIZE,
        static_build=bool(current_app.config.get("SEARCH_STATIC")),
        lang_switch_query=_href(q=query, topic=request.args.get("topic"),
                                report=request.args.get("report")) if query.strip() else "",
    )
