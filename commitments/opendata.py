"""Open data: every commitment as plain records, for JSON, CSV and feeds.

Texts are plain text: what editors write in Markdown is given as its words, with each
link's address after it (commitments/richtext.py), never as HTML or markup.

The records are built from the `Library` alone; the web layer decides the URLs and
serialises them.
"""
from __future__ import annotations

import csv
import io
import json
import math
from json.encoder import encode_basestring

from .library import Library
from .quantities import english
from .richtext import plain

SCHEMA_ID = "commitments.schema.json"


def commitment_records(library: Library, page_url) -> list[dict]:
    """One record per commitment; `page_url(lang, id)` gives a page's full address."""
    records = []
    for edition in library.editions:
        for entry in edition.entries:
            c = entry.commitment
            progress = library.progress(c.id)
            records.append({
                "id": c.id,
                "report": c.report,
                "section": c.section,
                "item": c.item,
                "sentence": c.sentence,
                "topics": list(c.topics),
                "status": progress.status,
                "status_updated": progress.updated.isoformat() if progress.updated else None,
                "text": {"zh": plain(c.text), "en": plain(entry.translation.text) or None},
                "translation_status": entry.translation.status,
                "targets": [
                    {
                        "indicator": {"zh": t.indicator,
                                      "en": entry.indicators[i] if i < len(entry.indicators) else None},
                        "comparator": t.comparator,
                        "value": t.value,
                        "multiplier": t.multiplier,
                        "amount": t.amount,
                        "unit": t.unit,
                        "change": t.change,
                        "text": {"zh": t.text, "en": english(t)},
                    }
                    for i, t in enumerate(c.targets)
                ],
                "updates": [
                    {"date": u.date.isoformat(), "status": u.status, "source": u.source,
                     "note": {lang: plain(note) for lang, note in u.note.items()}}
                    for u in progress.updates
                ],
                "url": {"zh": page_url("zh", c.id), "en": page_url("en", c.id)},
            })
    return records


def to_json(records: list[dict], schema_url: str) -> str:
    document = {"$schema": schema_url, "commitments": records}
    try:
        return _indented(document, "") + "\n"
    except _NotPlain:
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


class _NotPlain(Exception):
    """A value `_indented` leaves to json.dumps."""


def _indented(value, indent: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=1) for what records hold (strings,
    numbers, None, lists, dicts with string keys): json's indented output is written by
    its pure-Python encoder, item by item through generators, three times slower than
    this for the file of every commitment. Anything else raises _NotPlain."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = indent + " "
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            items.append(f"{inner}{encode_basestring(key)}: {_indented(item, inner)}")
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = indent + " "
        return "[\n" + ",\n".join(inner + _indented(item, inner) for item in value) + "\n" + indent + "]"
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    raise _NotPlain


CSV_COLUMNS = ["id", "report", "section", "item", "sentence", "topics", "status", "status_updated",
               "text_zh", "text_en", "targets", "url_zh", "url_en"]


def to_csv(records: list[dict]) -> str:
    """A flat table: lists are joined with '; ', targets written as their English reading."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([
            r["id"], r["report"], r["section"], r["item"], r["sentence"], "; ".join(r["topics"]),
            r["status"], r["status_updated"] or "", r["text"]["zh"], r["text"]["en"] or "",
            "; ".join(f'{t["indicator"]["zh"]}: {t["text"]["zh"]}' for t in r["targets"]),
            r["url"]["zh"], r["url"]["en"],
        ])
    # A byte-order mark lets spreadsheet programs open the Chinese text as UTF-8.
    return "\ufeff" + out.getvalue()


def json_schema(base_url: str) -> dict:
    text = {"type": "object", "required": ["zh", "en"],
            "properties": {"zh": {"type": "string"}, "en": {"type": ["string", "null"]}},
            "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base_url + "data/" + SCHEMA_ID,
        "title": "Government work report commitments",
        "description": "Every commitment of the government work reports on this site, with its targets and progress.",
        "type": "object",
        "required": ["commitments"],
        "properties": {
            "$schema": {"type": "string"},
            "commitments": {"type": "array", "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "report", "section", "item", "sentence", "topics", "status", "status_updated",
                             "text", "translation_status", "targets", "updates", "url"],
                "properties": {
                    "id": {"type": "string", "description": "Stable id: report, section, item, sentence.",
                           "pattern": "^[a-z0-9-]+-[0-9]+-[0-9]+-[0-9]+$"},
                    "report": {"type": "string"},
                    "section": {"type": "integer", "minimum": 1},
                    "item": {"type": "integer", "minimum": 1},
                    "sentence": {"type": "integer", "minimum": 1},
                    "topics": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    "status": {"enum": ["not-yet-rated", "in-progress", "stalled", "achieved",
                                        "partly-achieved", "not-achieved"]},
                    "status_updated": {"type": ["string", "null"], "format": "date"},
                    "text": {**text, "description": "The sentence as published and its English translation, as "
                                                    "plain text (a link's address in brackets after it)."},
                    "translation_status": {"enum": ["pending", "translated", "outdated"]},
                    "targets": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["indicator", "comparator", "value", "multiplier", "amount", "unit", "change", "text"],
                        "properties": {
                            "indicator": text,
                            "comparator": {"enum": ["=", ">", ">=", "<", "<=", "~"]},
                            "value": {"type": "number", "description": "The number as written (2.1 in 2.1万)."},
                            "multiplier": {"type": "integer", "description": "10000 for 万, 1 otherwise."},
                            "amount": {"type": "number", "description": "value × multiplier."},
                            "unit": {"type": "string", "description": "As written: 人, %, 平方米, 个百分点 …"},
                            "change": {"enum": ["increase", "decrease", None]},
                            "text": {"type": "object", "required": ["zh", "en"],
                                     "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
                        },
                    }},
                    "updates": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["date", "status", "source", "note"],
                        "properties": {
                            "date": {"type": "string", "format": "date"},
                            "status": {"type": "string"},
                            "source": {"type": "string", "format": "uri"},
                            "note": {**text, "description": "The editor's note, as plain text (a link's "
                                                            "address in brackets after it)."},
                        },
                    }},
                    "url": {"type": "object", "required": ["zh", "en"],
                            "properties": {"zh": {"type": "string", "format": "uri"},
                                           "en": {"type": "string", "format": "uri"}}},
                },
            }},
        },
    }
