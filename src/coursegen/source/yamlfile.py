"""Safe YAML loading that remembers where every key and value came from (line and column)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Diagnostic

PathKey = tuple[str | int, ...]

# libyaml's parser when PyYAML has it (about ten times faster), with the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Generous for any real lesson, yet an alias bomb ("billion laughs") hits it in microseconds.
MAX_VALUES = 50_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = f"{_CORE}seq"
_MAP_TAG = f"{_CORE}map"

_HINTS = {
    "mapping values are not allowed here": (
        "a value that contains ': ' must be put in quotes, e.g. question: \"Why: and how?\""
    ),
    "found character that cannot start any token": (
        "a value that starts with a special character such as ` @ % must be put in quotes"
    ),
    "could not find expected ':'": "each line of a mapping is 'key: value'; check this line",
    "found unexpected end of stream": "a quotation mark is opened but never closed",
}


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


@dataclass
class YamlDocument:
    """Plain Python data plus the position of each value and each mapping key, by path."""

    data: Any
    values: dict[PathKey, Pos] = field(default_factory=dict)
    keys: dict[PathKey, Pos] = field(default_factory=dict)

    def pos(self, path: PathKey) -> Pos:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Pos(1, 1)

    def key_pos(self, path: PathKey) -> Pos:
        return self.keys.get(path) or self.pos(path)


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or a diagnostic when it is not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Diagnostic(
                rel,
                line,
                col,
                f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
                hint="save the file as UTF-8 (in most editors: Save As… > Encoding: UTF-8)",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse_yaml(
    text: str, rel: str, line_offset: int = 0
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document; `line_offset` shifts lines (front matter inside a larger file)."""
    tabs = _tab_diagnostics(text, rel, line_offset)
    if tabs:
        return None, tabs
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and (exc.problem or "").startswith("found unexpected end of stream"):
            mark = exc.context_mark  # where the unclosed quotation starts, not the end of the file
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        problem = problem.replace(
            "not allowed in this context", "not allowed here"
        )  # libyaml's words
        hint = next((h for key, h in _HINTS.items() if problem.startswith(key)), None)
        return None, [Diagnostic(rel, line, col, f"YAML syntax error: {problem}", hint=hint)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Diagnostic(rel, 1 + line_offset, 1, f"YAML syntax error: {exc}")]
    if node is None:
        return YamlDocument(None, {(): Pos(1 + line_offset, 1)}), []
    converter = _Converter(rel, line_offset)
    data = converter.convert(node, ())
    if converter.diagnostics:
        return None, converter.diagnostics
    return YamlDocument(data, converter.values, converter.keys), []


def _tab_diagnostics(text: str, rel: str, line_offset: int) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(
                Diagnostic(
                    rel,
                    number + line_offset,
                    indent.index("\t") + 1,
                    "tab character in indentation",
                    hint="YAML indents with spaces only: replace the tab with spaces",
                )
            )
    return found


class _Converter:
    def __init__(self, rel: str, line_offset: int) -> None:
        self.rel = rel
        self.line_offset = line_offset
        self.values: dict[PathKey, Pos] = {}
        self.keys: dict[PathKey, Pos] = {}
        self.diagnostics: list[Diagnostic] = []
        self.budget = MAX_VALUES
        self.constructor = yaml.SafeLoader("")

    def _pos(self, node: Node) -> Pos:
        return Pos(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def _error(self, node: Node, message: str, hint: str | None = None) -> None:
        pos = self._pos(node)
        self.diagnostics.append(Diagnostic(self.rel, pos.line, pos.col, message, hint=hint))

    def convert(self, node: Node, path: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self._error(
                    node,
                    f"file expands to more than {MAX_VALUES:,} values",
                    hint="remove the YAML aliases (*name) that repeat large parts of the file",
                )
            return None
        self.values.setdefault(path, self._pos(node))
        if isinstance(node, ScalarNode) and node.tag in _SCALAR_TAGS:
            return self._scalar(node)
        if isinstance(node, SequenceNode) and node.tag == _SEQ_TAG:
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _MAP_TAG:
            return self._mapping(node, path)
        tag = node.tag.replace(_CORE, "!!", 1) if node.tag.startswith(_CORE) else node.tag
        self._error(
            node,
            f"YAML tag '{tag}' is not allowed",
            hint="coursegen reads plain YAML only: remove the tag",
        )
        return None

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == f"{_CORE}timestamp":
            try:
                value = self.constructor.construct_yaml_timestamp(node)
            except ValueError:
                return node.value  # an impossible date such as 2027-02-30: the schema reports it
            return value.date() if isinstance(value, dt.datetime) else value
        return self.constructor.construct_object(node)

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_CORE}merge":
                self._error(key_node, "YAML merge keys (<<) are not supported")
                continue
            if not isinstance(key_node, ScalarNode):
                self._error(key_node, "a key must be a plain word, not a list or mapping")
                continue
            key = str(key_node.value)
            line = self._pos(key_node).line
            if key in first_seen:
                self._error(
                    key_node,
                    f"duplicate key '{key}' (first given on line {first_seen[key]})",
                    hint="give each key once; remove or merge the repeated one",
                )
                continue
            first_seen[key] = line
            self.keys[(*path, key)] = self._pos(key_node)
            result[key] = self.convert(value_node, (*path, key))
        return result
