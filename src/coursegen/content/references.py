"""Cross-references in the course's glossary: a `see:` name with no entry behind it.

An entry's `see:` list is printed to students as "See also: …"; a misspelt name there
('UN Charta') sends them to an entry that does not exist. The built-in bank's own references
are kept valid by tests/test_bank.py; this checks the course's glossary.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Severity, did_you_mean
from ..source.files import MAX_GLOSSARY_BYTES, course_file, read_text
from ..source.yamlfile import YamlDocument, parse_yaml
from .glossary import Glossary


def see_reference_warnings(
    doc: YamlDocument | None, rel: str, glossary: Glossary
) -> list[Diagnostic]:
    """A warning at each `see:` item of the glossary file `rel` (read as `doc`) that names no
    entry of the glossary in force (the course's entries and, unless turned off, the bank's).

    Only entries that loaded are checked: a file or an entry with errors is reported as such
    when the course is loaded, and its references are not printed."""
    if doc is None:
        return []
    warnings = []
    for index, term, see in _entries(doc):
        entry = glossary.entries.get(term.casefold())
        if entry is None or entry.source != rel:
            continue
        for item, target in enumerate(see):
            if isinstance(target, str) and glossary.lookup(target) is None:
                pos = doc.pos((index, "see", item))
                warnings.append(
                    Diagnostic(
                        rel,
                        pos.line,
                        pos.col,
                        f"'{term}' says see '{target}', but the glossary has no entry '{target}'",
                        hint=did_you_mean(target, glossary.names())
                        or f"add an entry '{target}' to {rel}, or correct the name: students "
                        f'read "See also: {target}"',
                        severity=Severity.WARNING,
                    )
                )
    return warnings


def glossary_document(root: Path, rel: str) -> YamlDocument | None:
    """The course's glossary file as a YAML document with positions, or None when it is
    missing, unreadable or not YAML (loading the course reports why)."""
    src = course_file(root, rel)
    if src is None:
        return None
    text, _ = read_text(root, src, MAX_GLOSSARY_BYTES, "")
    if text is None:
        return None
    doc, _ = parse_yaml(text, rel)
    return doc


def _entries(doc: YamlDocument) -> Iterator[tuple[int, str, list[Any]]]:
    """(index, term, see list) of each item of the file that has a term and a see list."""
    if not isinstance(doc.data, list):
        return
    for index, item in enumerate(doc.data):
        if isinstance(item, dict):
            term, see = item.get("term"), item.get("see")
            if isinstance(term, str) and isinstance(see, list):
                yield index, term, see
