"""The search page, /<lang>/search/?q=…&topic=…&page=…

On the live server the page answers the query itself (no JavaScript needed).
The static build freezes the page without a query (Frozen-Flask drops query
strings); there static/js/search.js answers it in the browser from the exported
index, with the same core (see commitments.search.engine).
"""
from __future__ import annotations

import threading
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, g, render_template, request

from ..model import LANGUAGES
from ..search import engine
from ..search.index import build_index, documents
from ..search.synonyms import FILENAME, load_synonyms

bp = Blueprint("search", __name__)
_lock = threading.Lock()


def init_app(app) -> None:
    """Check the synonyms file at start-up (a mistake stops it, with file and line);
    the index itself is built on the first search."""
    app.extensions["search_synonyms"] = load_synonyms(app.config["CONTENT_DIR"] / FILENAME)
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
                                    current_app.extensions["search_synonyms"])
                current_app.extensions["search_index"] = index
    return index


@bp.url_value_preprocessor
def _take_language(endpoint, values):
    if values is not None and "lang" in values:
        g.lang = values.pop("lang")
        if g.lang not in LANGUAGES:
            abort(404)


@bp.url_defaults
def _add_language(endpoint, values):
    if "lang" not in values and getattr(g, "lang", None):
        values["lang"] = g.lang


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
    result = None
    if query.strip():
        topic = request.args.get("topic") or None
        result = search_index().search(raw, topic=topic, page=_page_number(request.args.get("page")),
                                       lang=g.lang)
    library = current_app.extensions["library"]
    names = {t.slug: t.name[g.lang] for t in library.used_topics}
    links = {}
    if result is not None:
        shown = result["query"]
        links = {
            "all": _href(q=shown),
            "topics": {slug: _href(q=shown, topic=slug) for slug, _ in result["topics"]},
            "previous": _href(q=shown, topic=result["topic"], page=result["page"] - 1),
            "next": _href(q=shown, topic=result["topic"], page=result["page"] + 1),
            "suggestion": _href(q=result["suggestion"]) if result["suggestion"] else None,
        }
    return render_template(
        "search/index.html",
        query=query.strip() and query,
        result=result,
        links=links,
        topic_names=names,
        page_size=engine.PAGE_SIZE,
        static_build=bool(current_app.config.get("SEARCH_STATIC")),
        lang_switch_query=_href(q=query, topic=request.args.get("topic")) if query.strip() else "",
    )
