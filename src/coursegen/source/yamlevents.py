"""YAML parser events to plain data with the position of every value, in one pass without
recursion, so that nesting, aliases and numbers are checked before they cost memory, time or
the stack (libyaml's own composer crashes on a list nested 100,000 deep)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from yaml.nodes import ScalarNode

from ..errors import Diagnostic

PathKey = tuple[str | int, ...]


# Generous for any real course file, yet an alias bomb ("billion laughs") hits them at once:
# the values and the characters of text that aliases (*name) repeat, in one file.
MAX_VALUES = 50_000
MAX_ALIASED_CHARS = 1_000_000
# Far more than a course file needs; deeper nesting is refused before it can exhaust the stack.
MAX_DEPTH = 100
# A whole number longer than this is a mistake (Python refuses to convert 4,300 digits).
MAX_DIGITS = 100

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = f"{_CORE}seq"
_MAP_TAG = f"{_CORE}map"
_KINDS = {
    f"{_CORE}int": "a whole number",
    f"{_CORE}float": "a number",
    f"{_CORE}bool": "true or false",
    f"{_CORE}timestamp": "a date",
}
_ALIAS_HINT = "remove the YAML aliases (*name) that repeat large parts of the file"
_UNDEFINED_HINT = "define the anchor (&name) before the alias (*name), or remove it"


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


class Stop(Exception):
    """Building cannot go on (a limit was reached); the reason is in the diagnostics."""


_AWAITING_KEY = object()  # a mapping frame waiting for its next key
_DROPPED = object()  # the key was refused: its value is read but not kept
_KEY_COLLECTION = object()  # a list or mapping used as a key is being read (then dropped)


@dataclass
class _Frame:
    """A sequence or mapping being built."""

    container: list[Any] | dict[str, Any]
    path: PathKey
    anchor: str | None
    start: tuple[int, int, int, int]  # logs and counters when the collection started
    key: object = _AWAITING_KEY
    first_seen: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Anchor:
    value: Any
    raw: str | None  # the text of an anchored scalar (a key may be an alias of one)
    path_length: int
    values: tuple[int, int]  # the slice of the value log recorded under the anchored node
    keys: tuple[int, int]
    count: int  # values in the anchored node, aliases in it expanded
    chars: int  # characters of text in it


class Builder:
    """Plain data and positions from parser events, in one pass without recursion, so that
    depth, aliases and numbers are checked before they can cost memory, time or the stack."""

    def __init__(self, rel: str, line_offset: int) -> None:
        self.rel = rel
        self.line_offset = line_offset
        self.diagnostics: list[Diagnostic] = []
        self.value_log: list[tuple[PathKey, Pos]] = []
        self.key_log: list[tuple[PathKey, Pos]] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.count = 0  # values built, aliases expanded
        self.chars = 0  # characters of scalar text built, aliases expanded
        self.aliased_count = 0
        self.aliased_chars = 0
        self.root: Any = None
        self.has_root = False
        self.documents = 0
        self.loader = yaml.SafeLoader("")

    def document(self) -> YamlDocument:
        values: dict[PathKey, Pos] = {}
        keys: dict[PathKey, Pos] = {}
        for path, pos in self.value_log:
            values.setdefault(path, pos)
        for path, pos in self.key_log:
            keys.setdefault(path, pos)
        return YamlDocument(self.root, values, keys)

    def _pos(self, mark: Any) -> Pos:
        return Pos(mark.line + 1 + self.line_offset, mark.column + 1)

    def _error(self, mark: Any, message: str, hint: str | None = None) -> None:
        pos = self._pos(mark)
        self.diagnostics.append(Diagnostic(self.rel, pos.line, pos.col, message, hint=hint))

    def build(self, events: Iterable[Event]) -> None:
        for event in events:
            if isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._error(
                        event.start_mark,
                        "the file holds a second YAML document",
                        hint="a line '---' starts a new document: remove it",
                    )
                    raise Stop
            elif isinstance(event, NodeEvent):
                self._node(event)
            elif isinstance(event, SequenceEndEvent) or type(event).__name__ == "MappingEndEvent":
                self._end()

    def _in_key_position(self) -> bool:
        return (
            bool(self.stack)
            and self.stack[-1].key is _AWAITING_KEY
            and isinstance(self.stack[-1].container, dict)
        )

    def _child_path(self) -> PathKey:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        key = frame.key if isinstance(frame.key, str) else "\0"
        return (*frame.path, key)

    def _node(self, event: NodeEvent) -> None:
        if self._in_key_position():
            self._key(event)
            return
        path = self._child_path()
        pos = self._pos(event.start_mark)
        if isinstance(event, AliasEvent):
            self._attach(self._alias(event, path, pos))
            return
        if isinstance(event, CollectionStartEvent):
            self._start(event, path, pos)
            return
        assert isinstance(event, ScalarEvent)
        self.value_log.append((path, pos))
        self.count += 1
        self.chars += len(event.value)
        value = self._scalar(event)
        if event.anchor:
            self.anchors[event.anchor] = _Anchor(
                value,
                event.value,
                len(path),
                (len(self.value_log) - 1, len(self.value_log)),
                (0, 0),
                1,
                len(event.value),
            )
        self._attach(value)

    def _start(self, event: CollectionStartEvent, path: PathKey, pos: Pos) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._error(
                event.start_mark,
                f"the YAML is nested more than {MAX_DEPTH} levels deep here",
                hint="a course file needs only a few levels of indentation or brackets: "
                "check that each [ and { is closed",
            )
            raise Stop
        is_map = isinstance(event, MappingStartEvent)
        expected = _MAP_TAG if is_map else _SEQ_TAG
        if event.tag not in (None, "!", expected):
            self._not_allowed(event.start_mark, event.tag)
        self.value_log.append((path, pos))
        self.count += 1
        start = (len(self.value_log) - 1, len(self.key_log), self.count - 1, self.chars)
        container: list[Any] | dict[str, Any] = {} if is_map else []
        self.stack.append(_Frame(container, path, event.anchor, start))

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = _Anchor(
                frame.container,
                None,
                len(frame.path),
                (frame.start[0], len(self.value_log)),
                (frame.start[1], len(self.key_log)),
                self.count - frame.start[2],
                self.chars - frame.start[3],
            )
        self._attach(frame.container)

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root, self.has_root = value, True
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.key is _KEY_COLLECTION:
            frame.key = _DROPPED
            return
        if isinstance(frame.key, str):
            frame.container[frame.key] = value
        frame.key = _AWAITING_KEY

    def _key(self, event: NodeEvent) -> None:
        frame = self.stack[-1]
        raw: str | None = None
        if isinstance(event, ScalarEvent):
            raw = event.value
            self.chars += len(raw)
            if event.tag is None and event.implicit[0] and raw == "<<":
                self._error(event.start_mark, "YAML merge keys (<<) are not supported")
                frame.key = _DROPPED
                return
        elif isinstance(event, AliasEvent):
            anchor = self._anchor(event)
            raw = anchor.raw
        if raw is None:
            self._error(event.start_mark, "a key must be a plain word, not a list or mapping")
            frame.key = _DROPPED
            if isinstance(event, CollectionStartEvent):
                frame.key = _KEY_COLLECTION
                self._start(event, (*frame.path, "\0"), self._pos(event.start_mark))
            return
        pos = self._pos(event.start_mark)
        if raw in frame.first_seen:
            self._error(
                event.start_mark,
                f"duplicate key '{raw}' (first given on line {frame.first_seen[raw]})",
                hint="give each key once; remove or merge the repeated one",
            )
            frame.key = _DROPPED
            return
        frame.first_seen[raw] = pos.line
        self.key_log.append(((*frame.path, raw), pos))
        frame.key = raw

    def _anchor(self, event: AliasEvent) -> _Anchor:
        anchor = self.anchors.get(event.anchor or "")
        if anchor is None:
            self._error(
                event.start_mark,
                f"YAML syntax error: found undefined alias '{event.anchor}'",
                hint=_UNDEFINED_HINT,
            )
            raise Stop
        return anchor

    def _alias(self, event: AliasEvent, path: PathKey, pos: Pos) -> Any:
        """A copy of the anchored value, its positions under `path`; the aliased size counted
        first, so that a bomb is stopped before it is copied."""
        anchor = self._anchor(event)
        self.aliased_count += anchor.count
        self.aliased_chars += anchor.chars
        if self.aliased_count > MAX_VALUES:
            self._error(
                event.start_mark, f"file expands to more than {MAX_VALUES:,} values", _ALIAS_HINT
            )
            raise Stop
        if self.aliased_chars > MAX_ALIASED_CHARS:
            self._error(
                event.start_mark,
                f"file expands to more than {MAX_ALIASED_CHARS:,} characters of text",
                _ALIAS_HINT,
            )
            raise Stop
        self.count += anchor.count
        self.chars += anchor.chars
        self.value_log.append((path, pos))
        cut = anchor.path_length
        for log, (first, last) in ((self.value_log, anchor.values), (self.key_log, anchor.keys)):
            log.extend([((*path, *p[cut:]), where) for p, where in log[first:last]])
        return copy.deepcopy(anchor.value)

    def _not_allowed(self, mark: Any, tag: str) -> None:
        shown = tag.replace(_CORE, "!!", 1) if tag.startswith(_CORE) else tag
        self._error(
            mark,
            f"YAML tag '{shown}' is not allowed",
            hint="coursegen reads plain YAML only: remove the tag",
        )

    def _scalar(self, event: ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if tag == f"{_CORE}str":
            return event.value
        if tag not in _SCALAR_TAGS:
            self._not_allowed(event.start_mark, tag)
            return None
        node = ScalarNode(tag, event.value, None, None, event.style)
        if tag == f"{_CORE}int" and sum(c.isdigit() for c in event.value) > MAX_DIGITS:
            digits = sum(c.isdigit() for c in event.value)
            self._error(
                event.start_mark,
                f"a number with {digits:,} digits is far too long",
                hint="write a small number, or put the value in quotes if it is text",
            )
            return None
        try:
            if tag == f"{_CORE}timestamp":
                try:
                    value = self.loader.construct_yaml_timestamp(node)
                except ValueError:
                    return event.value  # an impossible date such as 2027-02-30: schema reports it
                return value.date() if isinstance(value, dt.datetime) else value
            return self.loader.construct_object(node)
        except (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
            shown = event.value if len(event.value) <= 40 else event.value[:40] + "…"
            self._error(
                event.start_mark,
                f"'{shown}' cannot be read as {_KINDS.get(tag, 'a value')}",
                hint="remove the YAML tag (such as !!int) in front of it, or correct the value",
            )
            return None
