"""Addresses of the current page: relative links between pages (so the static build
works anywhere), full addresses only where the web requires them (canonical and
hreflang links, feeds, sitemap, open data), built from content/site.yaml's base_url."""
from __future__ import annotations

from flask import current_app, g, request, url_for


def absolute_url(endpoint: str, **values) -> str:
    """A page's full address at the published site."""
    return current_app.extensions["library"].site.base_url + url_for(endpoint, **values).lstrip("/")


def _this_page(lang: str) -> dict:
    return {**(request.view_args or {}), "lang": lang}


def page_url(lang: str) -> str:
    """This page in `lang`, as a link: relative in the static build, absolute live."""
    url_for_page = current_app.jinja_env.globals["url_for"]  # Frozen-Flask makes this one relative
    if request.endpoint in (None, "pages.not_found_page", "pages.root"):
        return url_for_page("pages.home", lang=lang)
    return url_for_page(request.endpoint, **_this_page(lang))


def alternate_url(lang: str) -> str:
    """This page's full address in `lang`: search engines want hreflang links absolute."""
    return absolute_url(request.endpoint, **_this_page(lang))


def canonical_url() -> str | None:
    """This page's full address, or None for error pages and data files."""
    if request.endpoint in (None, "pages.not_found_page") or request.endpoint.startswith("data."):
        return None
    if "lang" in request.url_rule.arguments:
        return alternate_url(g.lang)
    return absolute_url(request.endpoint, **(request.view_args or {}))
