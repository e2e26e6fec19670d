"""Machine-readable views: open data files, Atom feeds, sitemap and robots.txt.

These need full addresses (feed readers and search engines resolve nothing), so they
use `absolute_url`, built from content/site.yaml's base_url.
"""
from __future__ import annotations

import datetime as dt
import heapq
import json
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, g, render_template, request
from markupsafe import Markup, escape

from .. import schema as content_schemas
from ..model import LANGUAGES
from ..opendata import SCHEMA_ID, commitment_records, json_schema, to_csv, to_json
from .site_pages import site_pages, sitemap_parts
from .urls import absolute_url, alternates
from .views import publisher_name

bp = Blueprint("data", __name__)


@bp.url_value_preprocessor
def known_language(endpoint, values):
    """A feed's language is one of the site's, before anything is looked up in it (as
    views.take_language for the pages; the views here take ``lang`` as an argument)."""
    if values is not None and values.get("lang", LANGUAGES[0]) not in LANGUAGES:
        abort(404)


def library():
    return current_app.extensions["library"]


def _records():
    """The records of the JSON and the CSV file: made once for both (the library does
    not change under an application), per mount point, as their addresses are full."""
    made = current_app.extensions.setdefault("open_data_records", {})
    records = made.get(request.script_root)
    if records is None:
        records = made[request.script_root] = commitment_records(
            library(), lambda lang, cid: absolute_url("pages.commitment", lang=lang, commitment_id=cid))
    return records


@bp.route("/data/commitments.json")
def commitments_json():
    schema_url = absolute_url("data.schema")
    return Response(to_json(_records(), schema_url), mimetype="application/json")


@bp.route("/data/commitments.csv")
def commitments_csv():
    return Response(to_csv(_records()), mimetype="text/csv")


@bp.route(f"/data/{SCHEMA_ID}")
def schema():
    return Response(json.dumps(json_schema(library().site.base_url), ensure_ascii=False, indent=1) + "\n",
                    mimetype="application/json")


@bp.route("/data/schemas/<name>.schema.json")
def content_schema(name: str):
    """The JSON Schema of a content file, for editors' tools (commitments/schemas/)."""
    if name not in content_schemas.names():
        abort(404)
    text = (content_schemas.FOLDER / f"{name}{content_schemas.SUFFIX}").read_text(encoding="utf-8")
    return Response(text, mimetype="application/json")


#: Entries in a feed: the most recently updated. Feed readers fetch a feed again and again
#: and keep what they have seen, so a feed need only hold what is new; a feed of every
#: commitment would grow with each report (the open data files hold them all).
FEED_ENTRIES = 100


def _feed(lang: str, entries, title: str, self_url: str):
    g.lang = lang
    lib = library()
    site = lib.site
    items = []
    for entry in entries:
        progress = lib.progress(entry.commitment.id)
        updated = progress.updated or site.first_published
        items.append((entry, progress, updated))
    items = heapq.nlargest(FEED_ENTRIES, items, key=lambda x: (x[2], x[0].commitment.id))
    # Each entry's English read through its report, as pages read English: the static
    # build then knows which English each feed shows (library.EnglishReads).
    items = [(entry, progress, updated,
              lib.edition(entry.commitment.report).translation(entry.commitment.anchor) if lang == "en" else None)
             for entry, progress, updated in items]
    feed_updated = max((i[2] for i in items), default=site.first_published)
    # The governments whose reports the feed's commitments come from, not the site's
    # first report: a topic feed of a site with several reports has several authors.
    in_feed = {entry.commitment.report for entry, *_ in items}
    authors = list(dict.fromkeys(publisher_name(e.report.meta) for e in library().editions if e.slug in in_feed))
    xml = render_template(
        "feeds/atom.xml", items=items, title=title, updated=feed_updated, authors=authors,
        self_url=self_url,
        home_url=absolute_url("pages.home", lang=lang), absolute_url=absolute_url,
        timestamp=lambda d: dt.datetime.combine(d, dt.time(0, 0)).isoformat() + "Z",
    )
    return Response(xml, mimetype="application/atom+xml")


@bp.route("/<lang>/feeds/all.xml")
def feed_all(lang):
    title = library().site.name[lang] + ("：全部" if lang == "zh" else ": all")
    return _feed(lang, list(library().entries()), title, absolute_url("data.feed_all", lang=lang))


@bp.route("/<lang>/feeds/topics/<slug>.xml")
def feed_topic(lang, slug):
    topic = library().topic(slug)
    if topic not in library().used_topics:
        abort(404)
    entries = list(library().topic_entries(slug))
    title = library().site.name[lang] + ("：" if lang == "zh" else ": ") + topic.name[lang]
    return _feed(lang, entries, title, absolute_url("data.feed_topic", lang=lang, slug=slug))


def _sitemap_parts():
    return sitemap_parts([page for page in site_pages(library(), Path(current_app.static_folder)) if page.in_sitemap])


def _urlset(pages) -> Response:
    return Response(render_template("sitemap.xml", urls=_url_elements(pages)), mimetype="application/xml")


def _url_elements(pages) -> Markup:
    """A <url> for each address of each page, with the page's alternates (every
    language and the x-default) as <xhtml:link>s."""
    out = []
    for page in pages:
        group = [(escape(tag), escape(href)) for tag, href in alternates(page.endpoint, page.values).items()]
        links = "".join(f'\n    <xhtml:link rel="alternate" hreflang="{tag}" href="{href}"/>' for tag, href in group)
        for _, href in group:
            out.append(f"\n  <url>\n    <loc>{href}</loc>{links}\n  </url>")
    return Markup("".join(out))


@bp.route("/sitemap.xml")
def sitemap():
    parts = _sitemap_parts()
    if len(parts) == 1:
        return _urlset(parts[0])
    locations = [absolute_url("data.sitemap_part", number=n) for n in range(1, len(parts) + 1)]
    return Response(render_template("sitemap_index.xml", locations=locations), mimetype="application/xml")


@bp.route("/sitemaps/<int:number>.xml")
def sitemap_part(number: int):
    """A part of a sitemap too large for one file (sitemap.xml is then their index)."""
    parts = _sitemap_parts()
    if len(parts) == 1 or not 1 <= number <= len(parts):
        abort(404)
    return _urlset(parts[number - 1])


@bp.route("/robots.txt")
def robots():
    text = f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url('data.sitemap')}\n"
    return Response(text, mimetype="text/plain")
