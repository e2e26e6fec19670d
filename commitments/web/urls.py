"""Addresses of the current page: relative links between pages (so the static build
works anywhere), full addresses only where the web requires them (canonical and
hreflang links, feeds, sitemap, open data), built from content/site.yaml's base_url."""
from __future__ import annotations

from flask import current_app, g, request, url_for

from ..model import LANGUAGE_TAGS, LANGUAGES

#: A page in no language that stands for a page in every language (hreflang x-default):
#: the root, where readers choose the language of the home page.
X_DEFAULT = {"pages.home": "pages.root"}


def link_key(endpoint: str, values: dict, req=None, page_g=None) -> tuple:
    """What a link depends on besides the app: endpoint and arguments, the page's
    language (url_defaults add it), the mount point and, for a relative endpoint, the
    blueprint. ``req``, ``page_g``: the page's request and g, when the caller holds them
    (the static build, without the context proxies). Raises TypeError for an argument
    that cannot be a key."""
    if req is None:
        req, page_g = request, g
    # A link that names its language does not depend on the page's (add_language adds
    # one only when it is missing): one key for it from every page.
    lang = None if values and "lang" in values else page_g.get("lang")
    key = (endpoint, req.blueprint if endpoint.startswith(".") else None, lang,
           req.script_root, tuple(sorted(values.items())) if values else ())
    hash(key)
    return key


def remembered(store: dict, endpoint: str, values: dict, make) -> str:
    """``make()``, kept in ``store`` under the link's key (link_key, path_under); made
    afresh for an argument that cannot be a key or outside a request."""
    try:
        key = link_key(endpoint, values)
    except (TypeError, RuntimeError):
        return make()
    return path_under(store, key, endpoint, values, make)


def path_under(store: dict, key: tuple, endpoint: str, values: dict, make, req=None, page_g=None) -> str:
    """The path kept in ``store`` under ``key``, the link_key of ``endpoint`` and
    ``values`` on the page of ``req`` and ``page_g``; else ``make()``, kept there. A link
    that leaves its language to url_defaults is the same link with the page's language
    named (add_language), and takes that one's path when it is kept: the static build's
    list of the site's files keeps every page's before its workers start."""
    path = store.get(key)
    if path is None:
        lang = key[2]  # the page's, when the link names none
        if lang and not endpoint.startswith(".") and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
            path = store.get(link_key(endpoint, {**values, "lang": lang}, req, page_g))
        if path is None:
            if len(store) > 100000:
                store.clear()
            path = make()
        store[key] = path
    return path


#: Where the app keeps the path url_for gives for each link key: one store for the links
#: of live pages, the full addresses and the static build's relative links (freeze.py),
#: which ask for the same pages' paths (a page's own in each language, its neighbours).
PATHS = "url_paths"


def absolute_url(endpoint: str, **values) -> str:
    """A page's full address at the published site; its path remembered, as every page
    asks for its own in each language and a feed or the sitemap for thousands."""
    path = remembered(current_app.extensions[PATHS], endpoint, values, lambda: url_for(endpoint, **values))
    return current_app.extensions["library"].site.base_url + path.lstrip("/")


def _this_page(lang: str) -> dict:
    return {**(request.view_args or {}), "lang": lang}


def page_url(lang: str) -> str:
    """This page in `lang`, as a link: relative in the static build, absolute live."""
    url_for_page = current_app.jinja_env.globals["url_for"]  # Frozen-Flask makes this one relative
    if request.endpoint in (None, "pages.not_found_page", "pages.root"):
        return url_for_page("pages.home", lang=lang)
    return url_for_page(request.endpoint, **_this_page(lang))


def alternates(endpoint: str, values: dict) -> dict[str, str]:
    """A page's full address in each language by hreflang tag, and ``x-default`` for the
    page in no language that stands for it: search engines want these absolute, and the
    same in the page's head as in the sitemap."""
    urls = {LANGUAGE_TAGS[lang]: absolute_url(endpoint, **{**values, "lang": lang}) for lang in LANGUAGES}
    if endpoint in X_DEFAULT:
        urls["x-default"] = absolute_url(X_DEFAULT[endpoint])
    return urls


def page_alternates() -> dict[str, str]:
    """`alternates` of this page."""
    return alternates(request.endpoint, request.view_args or {})


def canonical_url() -> str | None:
    """This page's full address, or None for error pages and data files."""
    if request.endpoint in (None, "pages.not_found_page") or request.endpoint.startswith("data."):
        return None
    if "lang" in request.url_rule.arguments:
        return absolute_url(request.endpoint, **_this_page(g.lang))
    return absolute_url(request.endpoint, **(request.view_args or {}))


def init_app(app) -> None:
    """Templates build the same few dozen links on every page (a tenth of a live page's
    time): remember each, per page language and mount point, which are all a link
    depends on besides its arguments. The static build swaps in Frozen-Flask's
    relative url_for while it freezes, so it never sees these."""
    plain = app.jinja_env.globals["url_for"]
    links = app.extensions[PATHS] = {}

    def url_for_remembered(endpoint: str, **values) -> str:
        if any(name.startswith("_") for name in values):  # _external, _anchor, …: as asked
            return plain(endpoint, **values)
        return remembered(links, endpoint, values, lambda: plain(endpoint, **values))

    app.jinja_env.globals["url_for"] = url_for_remembered
