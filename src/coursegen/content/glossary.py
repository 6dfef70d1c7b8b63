"""Glossary entries (built-in bank + the course's own) and the one-pass term matcher."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..errors import Diagnostic
from ..source.schema import GlossaryEntrySpec
from ..source.validate import validate
from ..source.yamlfile import PathKey, Pos, YamlDocument, parse_yaml
from .textnorm import fold, fold_with_map, original_end

_WORD = re.compile(r"[^\W_]+")


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
    def from_spec(cls, spec: GlossaryEntrySpec, source: str) -> Entry:
        return cls(
            term=spec.term,
            definition=" ".join(spec.definition.split()),
            expansion=spec.expansion,
            aliases=spec.aliases,
            see=spec.see,
            category=spec.category,
            case_sensitive=spec.case_sensitive,
            source=source,
        )


@dataclass(frozen=True)
class Match:
    term: str
    start: int
    end: int


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class TermMatcher:
    """Finds glossary terms in text in one left-to-right pass over its words.

    Each form is filed under its first word; at each word of the text only the forms filed
    under that word are tried, longest first, so the cost does not grow with the bank's size.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._found: dict[str, list[Match]] = {}
        self._exact: dict[str, list[tuple[str, str]]] = {}
        self._folded: dict[str, list[tuple[str, str]]] = {}
        for entry in entries:
            for form in entry.forms:
                folded = fold(form.strip())
                first = _WORD.match(folded)
                if first is None:
                    continue
                if entry.is_case_sensitive(form):
                    self._exact.setdefault(first.group(), []).append((folded, entry.term))
                else:
                    lowered = _lower_same_length(folded)
                    self._folded.setdefault(lowered[: first.end()], []).append(
                        (lowered, entry.term)
                    )
        for table in (self._exact, self._folded):
            for candidates in table.values():
                candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str) -> list[Match]:
        """Every term in `text`, left to right, never overlapping (remembered per text)."""
        cached = self._found.get(text)
        if cached is None:
            cached = self._found[text] = self._find(text)
        return list(cached)

    def _find(self, text: str) -> list[Match]:
        folded, mapping = fold_with_map(text)
        lowered = _lower_same_length(folded)
        matches: list[Match] = []
        resume = 0
        for word in _WORD.finditer(folded):
            pos = word.start()
            if pos < resume:
                continue
            best: tuple[int, str] | None = None
            for haystack, table, key in (
                (folded, self._exact, word.group()),
                (lowered, self._folded, lowered[pos : word.end()]),
            ):
                for form, term in table.get(key, ()):
                    if best is not None and len(form) <= best[0]:
                        break
                    end = pos + len(form)
                    if haystack.startswith(form, pos) and not _is_word_char(folded, end):
                        best = (len(form), term)
                        break
            if best is not None:
                end = pos + best[0]
                matches.append(Match(best[1], mapping[pos], original_end(mapping, end, text)))
                resume = end
        return matches


def _is_word_char(text: str, index: int) -> bool:
    return index < len(text) and text[index].isalnum()


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
                entries.append(Entry.from_spec(GlossaryEntrySpec.model_validate(raw), "built-in"))
    return tuple(entries)


def entries_from_yaml(text: str, rel: str, source: str) -> tuple[list[Entry], list[Diagnostic]]:
    doc, problems = parse_yaml(text, rel)
    if doc is None:
        return [], problems
    return entries_from_document(doc, rel, source)


def entries_from_document(
    doc: YamlDocument, rel: str, source: str
) -> tuple[list[Entry], list[Diagnostic]]:
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
            entries.append(Entry.from_spec(spec, source))
    return entries, problems
