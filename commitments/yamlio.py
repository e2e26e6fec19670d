"""YAML in and out, with the line numbers editors need in error messages.

Output is deterministic (keys in the order given, block style, Unicode kept), so
regenerating a file from the same data changes no byte.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it: ~10× faster
    """Safe loading; dates stay strings, checked as written by the schemas (format: date)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, path: Path, first_line: int = 1):
    """Parse YAML text; a syntax error becomes a ContentError at the right line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ContentError(f"invalid YAML: {problem}", path, line) from None


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of YAML text as parse_yaml reads it: its marks give every line."""
    return yaml.compose(text, Loader=_Loader)


def read_text(path: Path, data: bytes | None = None) -> str:
    """The file's text (``data``: its bytes, read already); what is not there or not
    UTF-8 is a ContentError naming the file, not a traceback."""
    try:
        if data is None:
            return path.read_text(encoding="utf-8")
        text = data.decode("utf-8")
        # As path.read_text reads it: every line break "\n" (open's universal newlines).
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    except FileNotFoundError:
        raise ContentError("file not found", path) from None
    except IsADirectoryError:
        raise ContentError("is a folder; a file is expected here", path) from None
    except UnicodeDecodeError:
        raise ContentError("not UTF-8 text", path) from None


def load_yaml_text(path: Path, data: bytes | None = None):
    """The file's data and its text (from which a message composes the node tree, whose
    marks give every line, only when it needs one); ``data``: its bytes, read already."""
    text = read_text(path, data)
    return parse_yaml(text, path), text


def load_yaml_node(path: Path):
    """The file's data and its node tree (whose marks give every line), parsed once each."""
    data, text = load_yaml_text(path)
    return data, compose_yaml(text)


def load_yaml_with_lines(path: Path):
    """The file's data, and for a top-level list or mapping, the line of each entry."""
    data, node = load_yaml_node(path)
    lines = {}
    if isinstance(node, yaml.SequenceNode):
        lines = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
    elif isinstance(node, yaml.MappingNode):
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return data, lines


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1000)
