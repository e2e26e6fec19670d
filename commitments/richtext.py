"""What editors write is Markdown: commitment bodies (the English translation, and the
Chinese body, which is the report's sentence), notes (``note:``) and progress notes.

Rendered with python-markdown, limited to what a note needs: paragraphs, lists and
quotes; emphasis, code and links. Raw HTML is shown as typed, escaped, never passed
through; a link goes only to an http(s) or relative address (a ``javascript:``,
``data:``, ``mailto:`` or other link stays plain text); images are not shown (CSP
allows no other site, and a note has no alt text to check). Headings, rules and
indented code are not Markdown here: a note sits under the page's own heading. Nor are
reference definitions (``[1]: …``), which Markdown hides: no line an editor writes
vanishes from the page.

Three forms of the same text:

- ``block``: a note, with its paragraphs and lists;
- ``inline``: a body where one sentence goes (a heading, a list of commitments, the
  report's paragraph): no block at all, so it fits inside a heading or a link;
- ``plain``: feeds, open data, search, page titles: the words without markup, each link
  followed by its address (an address on this site means nothing elsewhere: dropped).

Glossary terms are linked in the rendered tree, so a term is never linked inside an
editor's link or code, nor inside a word: in English a term is linked as a whole word
only ("mu" in "municipal" is not the area unit); Chinese has no spaces between words,
so there the longest term wins, as everywhere on the site (glossary.segments).

Each text is rendered once per process for each way it is shown (rendering is the costly
part of a page): the cache key is the text, its language and how it is shown.
"""
from __future__ import annotations

import html
import re
import threading
from functools import lru_cache
from urllib.parse import urlsplit
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .glossary import Term, segments

#: blocks of a note; "empty" and "paragraph" are the only ones inline.
BLOCKS = ("empty", "indent", "olist", "ulist", "quote", "paragraph")
#: raw HTML, images and e-mail addresses are text, not markup.
NOT_INLINE = ("html", "image_link", "image_reference", "short_image_ref", "automail")
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
# Browsers drop these from an address before reading its scheme (java\tscript:).
IGNORED_IN_URL_RE = re.compile(r"[\x00-\x20\x7f]")


def allowed_link(href: str) -> bool:
    """An http(s) address, or one relative to the page (not //host/…, which leaves the site).
    Read as the browser reads it: python-markdown keeps character references in an
    attribute (jav&#x61;script:), and browsers drop tabs and newlines."""
    href = IGNORED_IN_URL_RE.sub("", html.unescape(href))
    scheme = SCHEME_RE.match(href)
    if scheme:
        return scheme.group(1).lower() in ("http", "https") and bool(urlsplit(href).netloc)
    return not href.startswith(("//", "\\\\", "/\\", "\\/"))


class _Shape(Treeprocessor):
    """Unwrap links that may not be links, then link glossary terms (set per call)."""

    def __init__(self, md):
        super().__init__(md)
        self.terms: tuple[Term, ...] = ()
        self.lang = "zh"
        self.glossary_href = ""
        self.links = True
        self.plain = False

    def run(self, root):
        self._links(root)
        if self.terms and self.links and not self.plain:
            self._terms(root)

    def _links(self, parent):
        for child in list(parent):
            self._links(child)
            if child.tag != "a":
                continue
            href = child.get("href", "")
            address = html.unescape(href).strip()
            if self.plain and allowed_link(href) and SCHEME_RE.match(address) \
                    and "".join(child.itertext()).strip() != address:
                child.tail = f" ({address})" + (child.tail or "")
            if not (self.links and allowed_link(href)) or self.plain:
                _unwrap(parent, child)

    def _terms(self, element):
        if element.tag in ("a", "code"):
            return
        for child in list(element):
            self._terms(child)
            self._link_terms(element, child)
        self._link_terms(element, None)

    def _link_terms(self, parent, child):
        """Link terms in `parent`'s text (child None) or in `child`'s tail."""
        text = parent.text if child is None else child.tail
        runs = segments(text or "", self.terms, self.lang)
        if not any(term for _, term in runs):
            return
        at = 0 if child is None else list(parent).index(child) + 1
        if child is None:
            parent.text = ""
        else:
            child.tail = ""
        previous = child
        for run, term in runs:
            if term is None:
                if previous is None:
                    parent.text += run
                else:
                    previous.tail = (previous.tail or "") + run
                continue
            link = etree.Element("a", {"class": "term", "href": f"{self.glossary_href}#{term.anchor}"})
            link.text = run
            parent.insert(at, link)
            at += 1
            previous = link


def _unwrap(parent, child):
    """Put an element's text and children where it was."""
    index = list(parent).index(child)
    before = parent[index - 1] if index else None
    text = (child.text or "")
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text
    for offset, grandchild in enumerate(list(child)):
        parent.insert(index + 1 + offset, grandchild)
    last = child[-1] if len(child) else None
    parent.remove(child)
    tail = child.tail or ""
    if last is not None:
        last.tail = (last.tail or "") + tail
    elif before is None:
        parent.text = (parent.text or "") + tail
    else:
        before.tail = (before.tail or "") + tail


class _Limits(Extension):
    def __init__(self, inline: bool):
        super().__init__()
        self.inline = inline

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        keep = ("empty", "paragraph") if self.inline else BLOCKS
        for name in [p.name for p in md.parser.blockprocessors._priority]:
            if name not in keep:
                md.parser.blockprocessors.deregister(name)
        for name in NOT_INLINE:
            md.inlinePatterns.deregister(name)
        # After the inline patterns and the unescaping of \* and the like: the tree holds
        # the final text, so a term matches what the reader sees.
        md.treeprocessors.register(_Shape(md), "shape", -10)


_local = threading.local()


def _converter(inline: bool) -> markdown.Markdown:
    """One converter per thread and form: a Markdown instance is not thread-safe."""
    key = "inline" if inline else "block"
    md = getattr(_local, key, None)
    if md is None:
        md = markdown.Markdown(extensions=[_Limits(inline)], output_format="html")
        setattr(_local, key, md)
    return md


#: What Markdown acts on: the characters its inline patterns start with (` \\ [ ! < & * _),
#: those its serializer escapes (< > &), line breaks and tabs, and the placeholders it
#: uses itself (\x02, \x03). A text with none of them, and no space at either end, is
#: one paragraph of text that Markdown gives back as it is.
_MARKDOWN = re.compile(r"[`\\\[!<>&*_\n\r\t\x02\x03]")
#: How a list item starts (Markdown's olist and ulist, which a note's paragraphs have):
#: "1. ", "- ", "+ " ("* " is a pattern's character already).
_LIST_ITEM = re.compile(r"(?:\d+\.|[-+]) ")


def _rendered(text: str, lang: str, inline: bool, links: bool, plain: bool,
              terms: tuple[Term, ...], glossary_href: str) -> str:
    """`_render`, without Markdown for a text in which it finds nothing to do (most
    sentences of a report): a page shows hundreds, most of them once in a build."""
    if not (terms and links and not plain) and text and text == text.strip() and not _MARKDOWN.search(text) \
            and (inline or not _LIST_ITEM.match(text)):
        return text if inline else f"<p>{text}</p>"
    return _render(text, lang, inline, links, plain, terms, glossary_href)


@lru_cache(maxsize=16384)
def _render(text: str, lang: str, inline: bool, links: bool, plain: bool,
            terms: tuple[Term, ...], glossary_href: str) -> str:
    md = _converter(inline)
    shape = md.treeprocessors["shape"]
    shape.terms, shape.lang, shape.glossary_href, shape.links, shape.plain = terms, lang, glossary_href, links, plain
    out = md.reset().convert(text)
    if inline:
        # Paragraphs are all there is inline; a text of several is one run of sentences.
        out = out.removeprefix("<p>").removesuffix("</p>").replace("</p>\n<p>", " " if lang == "en" else "")
    return out


def block(text: str, lang: str) -> Markup:
    """A note: paragraphs and lists."""
    return Markup(_rendered(text, lang, False, True, False, (), ""))


def inline(text: str, lang: str, terms: tuple[Term, ...] = (), glossary_href: str = "",
           links: bool = True) -> Markup:
    """A body where a sentence goes; `links=False` inside another link (no link at all
    then, neither the editor's nor the glossary's)."""
    return Markup(_rendered(text, lang, True, links, False, terms if links else (), glossary_href if links else ""))


@lru_cache(maxsize=65536)  # a page's title and description, and its og: copies, say the same
def plain(text: str) -> str:
    """The words of a text without markup, for feeds, open data, search and titles."""
    return Markup(_rendered(text, "", False, True, True, (), "")).striptags()
