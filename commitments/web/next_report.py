"""What the next year's report says, for residents: the comparison pages of two
reports of one place (/<lang>/reports/<earlier>/next/…) and the helpers the commitment,
topic and home pages use to show the quote and count the statuses.

The suggestions come from the library (Library.follow_up, Library.continuity); this
module only shows them.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template
from flask_babel import gettext

from ..next_report import bucket_counts
from ..progress import STATUSES
from .pagination import list_page, page_count
from .views import add_language, take_language

bp = Blueprint("next", __name__)
bp.url_value_preprocessor(take_language)
bp.url_defaults(add_language)

KINDS = ("carried-over", "new", "dropped")
#: items of each list on the comparison page; the rest are on the list's own pages.
PREVIEW = 20
#: items per page of a list's own pages: a page of long commitments stays within budget.
PER_PAGE = 50


def library():
    return current_app.extensions["library"]


# ---------------------------------------------------------------- helpers for templates


def init_app(app) -> None:
    """The template helpers on every site; the comparison pages only on a site that has
    two reports of one place for consecutive years (a route without pages makes
    Frozen-Flask warn)."""
    library = app.extensions["library"]
    # The same for every page (the library does not change under an app): globals, not
    # a context processor called for each page.
    app.jinja_env.globals.update(follow_up=library.follow_up, next_counts=next_counts, bucket_label=bucket_label,
                                 outcome_label=outcome_label, comparison_rows=comparison_rows)
    if any(library.next_edition(e.slug) for e in library.editions):
        app.register_blueprint(bp)


def next_counts(topic: str | None = None, report: str | None = None) -> tuple[int, dict[str, int]]:
    """(commitments that have a next report, how many of them per bucket), for the site,
    a topic or a report; (0, {}) when none has."""
    # Counted once for every topic and report together: each topic page, and each page
    # of it, asks, and scanning every follow-up of the site each time made a page's
    # work grow with the site. The library does not change under an application.
    table = current_app.extensions.get("next_counts")
    if table is None:
        groups: dict[tuple, list] = {}
        for follow_up in library().all_follow_ups():
            c = follow_up.outcome.commitment
            for key in {(None, None), (None, c.report), *((t, None) for t in c.topics), *((t, c.report) for t in c.topics)}:
                groups.setdefault(key, []).append(follow_up)
        table = current_app.extensions["next_counts"] = {key: (len(found), bucket_counts(found))
                                                          for key, found in groups.items()}
    return table.get((topic, report), (0, {}))


def bucket_label(bucket: str) -> str:
    if bucket == "not-mentioned":
        return gettext("Not mentioned in the next report")
    if bucket == "suggested":
        return gettext("Suggested automatically, not yet checked")
    return STATUSES[bucket][g.lang]


def outcome_label(status: str) -> str:
    """A suggested status (outcomes.py) in words."""
    labels = {"achieved": STATUSES["achieved"], "partly": STATUSES["partly-achieved"],
              "not_achieved": STATUSES["not-achieved"]}
    if status in labels:
        return labels[status][g.lang]
    if status == "unclear":
        return gettext("Unclear: mentioned, with nothing to compare")
    return gettext("Not mentioned in the next report")


def comparison_rows(entry, follow_up):
    """(index of the commitment's target or None, comparison) for each figure compared:
    the index names the indicator the way the targets table does."""
    texts = [t.text for t in entry.commitment.targets]
    return [(texts.index(c.target.text) if c.target.text in texts else None, c)
            for c in follow_up.outcome.comparisons]


# ---------------------------------------------------------------- pages


def _pair_or_404(report_slug):
    earlier = library().edition(report_slug)
    later = library().next_edition(report_slug) if earlier else None
    if later is None:
        abort(404)
    return earlier, later


def _lists(report_slug):
    continuity = library().continuity(report_slug)
    return {"carried-over": continuity.carried_over, "new": continuity.new, "dropped": continuity.dropped}


@bp.route("/<lang>/reports/<report_slug>/next/")
def compare(report_slug):
    earlier, later = _pair_or_404(report_slug)
    total, counts = next_counts(report=report_slug)
    return render_template("report/next/index.html", earlier=earlier, later=later, edition=earlier, lists=_lists(report_slug),
                           total=total, counts=counts, preview=PREVIEW)


@bp.route("/<lang>/reports/<report_slug>/next/<kind>/")
@bp.route("/<lang>/reports/<report_slug>/next/<kind>/<int:page>/")
def compare_list(report_slug, kind, page=None):
    earlier, later = _pair_or_404(report_slug)
    if kind not in KINDS:
        abort(404)
    items = _lists(report_slug)[kind]
    if len(items) <= PREVIEW:  # whole on the comparison page: no page of its own
        abort(404)
    shown, pagination = list_page(items, page, PER_PAGE)
    return render_template("report/next/list.html", earlier=earlier, later=later, edition=earlier, kind=kind,
                           items=shown, count=len(items), first=(pagination.page - 1) * PER_PAGE + 1,
                           pagination=pagination)


def compare_pages(library):
    """(endpoint, values) of every comparison page, without the language."""
    for edition in library.editions:
        continuity = library.continuity(edition.slug)
        if continuity is None:
            continue
        yield "next.compare", {"report_slug": edition.slug}
        for kind, items in zip(KINDS, (continuity.carried_over, continuity.new, continuity.dropped)):
            if len(items) <= PREVIEW:
                continue
            yield "next.compare_list", {"report_slug": edition.slug, "kind": kind}
            for page in range(2, page_count(len(items), PER_PAGE) + 1):
                yield "next.compare_list", {"report_slug": edition.slug, "kind": kind, "page": page}
