"""Content files checked against their JSON Schemas (commitments/schemas/*.schema.json).

The schemas say what every file editors touch may hold; they are published with the
site (/data/schemas/) so that editors' tools can check a file as it is typed. Here a file's
data is checked against its schema with `jsonschema`, and the first mistake becomes one
ContentError at the line of the offending YAML node, naming the field and what was
expected. What a schema cannot say (a date not after today, updates in date order, ids
and topics that exist) is checked by the loaders after the schema, with `Document.error`
for the same kind of message.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jsonschema_rs
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match, by_relevance
from referencing import Registry, Resource

from .errors import ContentError
from .yamlio import compose_yaml, load_yaml_text

FOLDER = Path(__file__).parent / "schemas"
SUFFIX = ".schema.json"

TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
              "array": "a list", "object": "'key: value' lines", "null": "empty"}


def names() -> list[str]:
    """Every schema, by name (site, progress, …): the files published for editors."""
    return sorted(p.name.removesuffix(SUFFIX) for p in FOLDER.glob("*" + SUFFIX))


@lru_cache(maxsize=None)
def _registry() -> Registry:
    resources = [(p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8"))))
                 for p in FOLDER.glob("*" + SUFFIX)]
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    schema = _inlined(_registry().resolver(name + SUFFIX), _registry().contents(name + SUFFIX))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _inlined(resolver, schema):
    """The schema with every $ref replaced by what it refers to (as allOf, which means
    the same beside other keywords): the files keep their $refs for editors' tools, and
    validation, a thousand times a build, looks nothing up. The schemas have no cycles."""
    if isinstance(schema, list):
        return [_inlined(resolver, item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    inlined = {key: _inlined(resolver, value) for key, value in schema.items() if key != "$ref"}
    if "$ref" in schema:
        target = resolver.lookup(schema["$ref"])
        inlined["allOf"] = [_inlined(target.resolver, target.contents), *inlined.get("allOf", ())]
    return inlined


def today() -> dt.date:
    """The day after which no date of the content may be: the system's date, or the
    build's as reproducible builds set it (SOURCE_DATE_EPOCH, seconds since 1970, UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise ContentError(f"SOURCE_DATE_EPOCH={epoch!r} is not a time in seconds since 1970") from None


@dataclass(frozen=True)
class Document:
    """A content file's data with its YAML node tree, for messages at the right line."""

    path: Path
    data: object
    node: yaml.Node | None = None
    #: the file's line of the node text's first line (2 for front matter after '---').
    first_line: int = 1
    #: what one entry of a file that is a list is called (topic, term), from its schema.
    noun: str = ""
    #: the YAML text, when ``node`` is None: its node tree is composed from it only when
    #: a message needs a line (composing is most of loading a file that has no mistake).
    text: str | None = dataclasses.field(default=None, repr=False, compare=False)

    @cached_property
    def tree(self) -> yaml.Node | None:
        """The node tree: ``node``, or composed from ``text``."""
        if self.node is None and self.text is not None:
            return compose_yaml(self.text)
        return self.node

    def node_at(self, location) -> yaml.Node | None:
        node = self.tree
        for key in location:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == str(key)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                return None
        return node

    def line(self, location=()) -> int | None:
        """The line of the value at `location` (keys and indexes): of its key in a mapping,
        else of the item; else of the nearest enclosing value that has one."""
        location = tuple(location)
        while location:
            if isinstance(self.node_at(location[:-1]), yaml.MappingNode) and self.node_at(location) is not None:
                return self.key_line(location)
            node = self.node_at(location)
            if node is not None:
                return node.start_mark.line + self.first_line
            location = location[:-1]
        return self.first_line if self.tree is not None else None

    def key_line(self, location) -> int | None:
        """The line of the key that ends `location` in its mapping."""
        *outer, key = location
        mapping = self.node_at(outer)
        if isinstance(mapping, yaml.MappingNode):
            for k, _ in mapping.value:
                if getattr(k, "value", None) == str(key):
                    return k.start_mark.line + self.first_line
        return self.line(outer)

    def field(self, location) -> str:
        """`location` as an editor reads it: topic 'jobs': keywords[2], 2021-x-5-2-1.updates[0].date.
        An entry of a file that is a list is named by its first key (slug, term), as written."""
        location, label = list(location), ""
        if location and isinstance(location[0], int) and isinstance(self.data, list):
            index = location.pop(0)
            label = f"[{index}]"
            item = self.data[index] if index < len(self.data) else None
            if isinstance(item, dict) and item and isinstance(next(iter(item.values())), str):
                key, value = next(iter(item.items()))
                if location[:1] == [key]:
                    label = ""  # the name itself is wrong: say so without repeating it
                else:
                    label = f"{self.noun or key} {value!r}"
        path = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in location).lstrip(".")
        return ": ".join(part for part in (label, path) if part)

    def error(self, location, message: str, line: int | None = None) -> ContentError:
        """A mistake at `location`, as one line: path:line: field: message."""
        field = self.field(location)
        return ContentError(f"{field}: {message}" if field else message, self.path,
                            line if line is not None else self.line(location))

    def past_date(self, location) -> dt.date:
        """The date at `location` (checked by the schema as YYYY-MM-DD): not after today."""
        value = self.data
        for key in location:
            value = value[key]
        date = dt.date.fromisoformat(value)
        if date > today():
            raise self.error(location, f"{value!r} is in the future (today is {today().isoformat()})")
        return date


#: an unknown key first: it is often a misspelling of the key that is missing.
_RELEVANCE = by_relevance(strong=frozenset({"additionalProperties"}))


def valid(data, name: str) -> bool:
    """Whether `data` fits the schema `name` (no node tree needed to tell).

    A build asks this of every commitment file, ten thousand times at 32 reports, and
    `jsonschema` takes a tenth of a millisecond each: jsonschema-rs, which implements
    the same draft in compiled code, answers in a fiftieth of that. It only says yes or
    no; what is wrong is said by `check`, with `jsonschema`, as before. Where the two
    could differ it is not asked: a schema with a `format` (dates and web addresses are
    checked by the Python checkers), data it cannot take (.nan, very large numbers, YAML's
    binary or sets); and where it finds a mistake, `jsonschema` is asked too, so a stricter
    reading of a pattern (`$` before a final line break) refuses nothing that was let in."""
    fast = _fast_validator(name)
    if fast is not None:
        try:
            if fast.is_valid(data):
                return True
        except Exception:  # data it cannot represent: jsonschema decides
            pass
    return _validator(name).is_valid(data)


@lru_cache(maxsize=None)
def _fast_validator(name: str):
    """jsonschema-rs's validator of the schema `name` ($refs inlined), or None when the
    schema has a format (see `valid`)."""
    schema = _validator(name).schema
    if '"format"' in json.dumps(schema):
        return None
    return jsonschema_rs.validator_for(schema)


def check(document: Document, name: str) -> Document:
    """Raise the first mistake of `document` against the schema `name`, else return it."""
    if valid(document.data, name):  # the quick answer first: most files have no mistake
        return document
    validator = _validator(name)
    errors = list(validator.iter_errors(document.data))
    # A key whose value is wrong counts as unevaluated too: say what is wrong with it instead.
    error = best_match([e for e in errors if e.validator != "unevaluatedProperties"] or errors, key=_RELEVANCE)
    if error is not None:
        items = validator.schema.get("items", {})
        noun = re.sub(r"^an? ", "", items.get("title", "")) if isinstance(items, dict) else ""
        document = dataclasses.replace(document, noun=noun)
        raise _content_error(document, error)
    return document


def load(path: Path, name: str, data: bytes | None = None) -> Document:
    """Read a YAML file (or its bytes ``data``, as read already) and check it against its schema."""
    parsed, text = load_yaml_text(path, data)
    return check(Document(path, parsed, text=text), name)


def _content_error(document: Document, error: ValidationError) -> ContentError:
    location = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    title, description = schema.get("title"), schema.get("description")
    value = _show(error.instance)
    kind = error.validator
    if kind in ("additionalProperties", "unevaluatedProperties"):
        extra = re.findall(r"'([^']*)'", error.message)
        key = extra[0] if extra else "?"
        # unevaluatedProperties sees the keys of this schema only, not those of its $ref.
        known = [k for k in schema.get("properties", {}) if k not in error.instance
                 and kind == "additionalProperties"]
        hint = f"; expected one of: {', '.join(known)}" if known else ""
        return document.error(location, f"unknown key {key!r}{hint}", document.key_line((*location, key)))
    if kind == "required":
        key = next(k for k in error.validator_value if k not in error.instance)
        if description and not schema.get("properties"):  # a rule of its own: it says what is needed
            return document.error(location, description)
        about = schema.get("properties", {}).get(key, {}).get("description")
        if about and about[1:2].islower():
            about = about[0].lower() + about[1:]
        return document.error(location, f"{key!r} is missing" + (f" ({about.rstrip('.')})" if about else ""))
    if not location and kind == "type":
        return document.error(location, f"expected {_types(error.validator_value)}: {description}")
    if kind in ("minItems", "minLength"):
        return document.error(location, "is empty" + (f"; expected {title}" if title else
                                                      f"; {description}" if description else ""))
    if kind == "minimum":
        return document.error(location, f"{value} is less than {error.validator_value}")
    if kind == "maximum":
        return document.error(location, f"{value} is more than {error.validator_value}")
    if kind == "const":
        return document.error(location, f"{value} must be {error.validator_value!r}")
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        expected = title or "one of"
        if not all(o in expected for o in options):
            expected += ": " + ", ".join(options)
        return document.error(location, f"{value} is not {expected}")
    if kind == "format" and error.validator_value == "date":
        if isinstance(error.instance, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", error.instance):
            return document.error(location, f"{value} is written as a date but is no day of the calendar")
        title = title or "a date written YYYY-MM-DD"
    if title:
        return document.error(location, f"{value} is not {title}")
    if description:
        return document.error(location, description)
    if kind == "type":
        return document.error(location, f"{value} is not {_types(error.validator_value)}")
    return document.error(location, error.message)


def _types(types) -> str:
    return " or ".join(TYPE_WORDS[t] for t in ([types] if isinstance(types, str) else types))


def _show(value) -> str:
    """A value as the message quotes it: short, on one line."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "…'"
