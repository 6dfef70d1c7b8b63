"""Safe YAML loading that remembers where every key and value came from (line and column)."""

from __future__ import annotations

import yaml

from ..errors import Diagnostic
from .yamlevents import Builder, Stop
from .yamlevents import PathKey as PathKey
from .yamlevents import Pos as Pos
from .yamlevents import YamlDocument as YamlDocument

# libyaml's parser when PyYAML has it (about ten times faster), with the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_HINTS = {
    "mapping values are not allowed here": (
        "a value that contains ': ' must be put in quotes, e.g. question: \"Why: and how?\""
    ),
    "found character that cannot start any token": (
        "a value that starts with a special character such as ` @ % must be put in quotes"
    ),
    "could not find expected ':'": "each line of a mapping is 'key: value'; check this line",
    "found unexpected end of stream": "a quotation mark is opened but never closed",
    "did not find expected key": (
        "check the indentation: the keys of one mapping start in the same column"
    ),
    "did not find expected '-' indicator": (
        "check the indentation: the items of one list start with '- ' in the same column"
    ),
    "found a tab character": "YAML indents with spaces only: replace the tab with spaces",
}
# For these, libyaml's position is where it gave up (often the next line); its context mark is
# the start of the line that is wrong.
_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream")


def decode_text(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file's bytes, or a diagnostic when it is not UTF-8."""
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
    builder = Builder(rel, line_offset)
    try:
        builder.build(yaml.parse(text, Loader=_LOADER))
    except Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context_mark and problem.startswith(_AT_CONTEXT):
            mark = exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = problem.replace(
            "not allowed in this context", "not allowed here"
        )  # libyaml's words
        hint = next((h for key, h in _HINTS.items() if problem.startswith(key)), None)
        return None, [Diagnostic(rel, line, col, f"YAML syntax error: {problem}", hint=hint)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Diagnostic(rel, 1 + line_offset, 1, f"YAML syntax error: {exc}")]
    if builder.diagnostics:
        return None, builder.diagnostics
    if not builder.has_root:
        return YamlDocument(None, {(): Pos(1 + line_offset, 1)}), []
    return builder.document(), []


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
