"""Glossary entries: the built-in bank and the course's own, looked up by any of their forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..errors import Diagnostic, Severity
from ..source.schema import GlossaryEntrySpec
from ..source.validate import validate
from ..source.yamlfile import PathKey, Pos, YamlDocument, parse_yaml
from .matcher import TermMatcher
from .scripts import resolve
from .textnorm import fold


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    expansion: str | None = None
    aliases: tuple[str, ...] = ()
    see: tuple[str, ...] = ()
    category: str | None = None
    case_sensitive: bool | None = None
    source: str = "built-in"
    language: str | None = None  # of term, expansion and definition; None: the course's

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way a text may name this entry: term, expansion, aliases."""
        forms = [self.term, *([self.expansion] if self.expansion else []), *self.aliases]
        return tuple(dict.fromkeys(forms))

    def is_case_sensitive(self, form: str) -> bool:
        if self.case_sensitive is not None:
            return self.case_sensitive
        return not any(char.islower() for char in form)

    @classmethod
    def from_spec(cls, spec: GlossaryEntrySpec, source: str, language: str | None = None) -> Entry:
        """`language` overrides the entry's own (the bank's is English; a course entry's may
        be found by its script)."""
        return cls(
            term=spec.term,
            definition=" ".join(spec.definition.split()),
            expansion=spec.expansion,
            aliases=spec.aliases,
            see=spec.see,
            category=spec.category,
            case_sensitive=spec.case_sensitive,
            source=source,
            language=language or spec.language,
        )


class Glossary:
    """The entries in force for a course: its own first, then the built-in bank."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries.setdefault(entry.term.casefold(), entry)
        self._forms: dict[str, Entry] = {}
        self._folded_forms: dict[str, Entry] = {}
        for entry in self.entries.values():
            for form in entry.forms:
                self._forms.setdefault(fold(form), entry)
                self._folded_forms.setdefault(fold(form).casefold(), entry)
        self.matcher = TermMatcher(self.entries.values())

    def lookup(self, name: str) -> Entry | None:
        """The entry a lesson means by `name` (its term, expansion or an alias)."""
        key = fold(name.strip())
        return self._forms.get(key) or self._folded_forms.get(key.casefold())

    def names(self) -> list[str]:
        return [form for entry in self.entries.values() for form in entry.forms]

    def __len__(self) -> int:
        return len(self.entries)


BUILTIN_LANGUAGE = "en"  # the bank's terms and definitions are in English


@cache
def builtin_entries() -> tuple[Entry, ...]:
    """The bank shipped in coursegen/data/glossary/*.yaml.

    It is read on every run, so it skips the position-tracking loader used for course files:
    tests/test_bank.py keeps the bank valid, and pydantic still checks each entry here.
    """
    folder = resources.files("coursegen") / "data" / "glossary"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries: list[Entry] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            for raw in yaml.load(item.read_text(encoding="utf-8"), Loader=loader) or ():
                spec = GlossaryEntrySpec.model_validate(raw)
                entries.append(Entry.from_spec(spec, "built-in", BUILTIN_LANGUAGE))
    return tuple(entries)


def entries_from_yaml(
    text: str, rel: str, source: str, language: str = "en"
) -> tuple[list[Entry], list[Diagnostic]]:
    doc, problems = parse_yaml(text, rel)
    if doc is None:
        return [], problems
    return entries_from_document(doc, rel, source, language)


def entries_from_document(
    doc: YamlDocument, rel: str, source: str, language: str = "en"
) -> tuple[list[Entry], list[Diagnostic]]:
    """The entries of a glossary file; `language` is the course's: an entry that declares none
    is in it, unless its definition's script says otherwise (then a warning says so)."""
    if doc.data is None:
        return [], []
    if not isinstance(doc.data, list):
        pos = doc.pos(())
        return [], [
            Diagnostic(
                rel,
                pos.line,
                pos.col,
                "the glossary must be a list of entries",
                hint="start each entry with '- term: …' followed by '  definition: …'",
            )
        ]
    entries: list[Entry] = []
    problems: list[Diagnostic] = []
    values: dict[object, dict[PathKey, Pos]] = {}
    keys: dict[object, dict[PathKey, Pos]] = {}
    for positions, target in ((doc.values, values), (doc.keys, keys)):
        for path, pos in positions.items():
            if path:
                target.setdefault(path[0], {})[path[1:]] = pos
    for index in range(len(doc.data)):
        item = YamlDocument(doc.data[index], values.get(index, {}), keys.get(index, {}))
        spec, found = validate(GlossaryEntrySpec, item, rel, "a glossary entry")
        problems += found
        if spec is not None:
            entry_language, finding = resolve(
                spec.definition,
                spec.language,
                language,
                what=f"the definition of '{spec.term}'",
                whose="course",
                how="add 'language: {lang}' to the entry",
            )
            if finding is not None:
                pos = item.pos(("definition",))
                problems.append(
                    Diagnostic(
                        rel,
                        pos.line,
                        pos.col,
                        finding.message,
                        hint=finding.hint,
                        severity=Severity.WARNING,
                    )
                )
            entries.append(Entry.from_spec(spec, source, entry_language))
    return entries, problems
