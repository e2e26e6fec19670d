"""Long lists split into numbered pages, so that no page grows with the site.

A page that lists commitments or targets of every report (a topic, a topic's status,
a report's topic, the key numbers) would otherwise grow with each report added: 765 KB
for a topic at 16 reports, against a budget of 50 KB a page. Each page of a list is a
static address of its own (…/page/2/); the first page keeps the list's address, so
links to it never change, and a list that fits on one page is what it always was.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypeVar

from flask import abort

T = TypeVar("T")

#: Commitments on one page of a topic: a card is 0.4 KB on average and 3 KB at most,
#: so a page stays far under 50 KB with its targets and navigation.
COMMITMENTS_PER_PAGE = 30
#: Rows of the key numbers tables on one page (0.2 KB a row, 0.3 KB at most).
TARGETS_PER_PAGE = 100
#: Reports on one page of the list of reports (0.3 KB each, with where it was published).
REPORTS_PER_PAGE = 50


def page_count(items: int, per_page: int) -> int:
    """How many pages `items` fill; an empty list is one (empty) page."""
    return max(1, -(-items // per_page))


@dataclass(frozen=True)
class Pagination:
    page: int
    pages: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    def numbers(self) -> list[int | None]:
        """The page numbers to link, None for a gap: the first and last pages and those
        beside the current one (as GOV.UK's pagination), so the links stay few at any
        number of pages."""
        shown = sorted({1, self.pages, *range(max(1, self.page - 1), min(self.pages, self.page + 1) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - numbers[-1] == 2:  # a gap of one page: the page, not "…"
                numbers.append(number - 1)
            elif numbers and number - numbers[-1] > 2:
                numbers.append(None)
            numbers.append(number)
        return numbers


def paginate(items: Sequence[T], page: int, per_page: int) -> tuple[Sequence[T], Pagination] | None:
    """The items on `page` (counted from 1), or None when there is no such page."""
    pages = page_count(len(items), per_page)
    if not 1 <= page <= pages:
        return None
    return items[(page - 1) * per_page:page * per_page], Pagination(page, pages)


def page_number(page: int | None) -> int:
    """The number of the page an address names: None (the list's own address) is the
    first; an address naming page 1 (no page has two) or 0 names none, 0 here."""
    return 1 if page is None else page if page > 1 else 0


def list_page(items: Sequence[T], page: int | None, per_page: int) -> tuple[Sequence[T], Pagination]:
    """A page of a list for a view (``page`` as its address names it: page_number), or
    a 404 past the last."""
    listed = paginate(items, page_number(page), per_page)
    if listed is None:
        abort(404)
    return listed
