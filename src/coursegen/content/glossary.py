"""Glossary entries: the built-in bank and the course's own, looked up by any of their forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import Diagnostic, Severity
from ..source.schema import GlossaryEntrySpec
from ..source.validate import validate
from ..source.yamlfile import PathKey, Pos, YamlDocument, parse_yaml
from .bank import read_compiled
from .matcher import Match, TermMatcher
from .scripts import DEFAULTS, dominant_script, fits, primary_language, resolve
from .textnorm import fold

# A form's languages: the primary subtags of the texts it may be found in; None: every language.
FormLanguages = frozenset[str] | None


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
    # its names in other languages: (("fr", ("Conseil de sécurité", "CSNU")), ("ru", (…)))
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def own_forms(self) -> tuple[str, ...]:
        """The forms in the entry's own language: term, expansion, aliases."""
        forms = [self.term, *([self.expansion] if self.expansion else []), *self.aliases]
        return tuple(dict.fromkeys(forms))

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way a text may name this entry, in any language: its own forms, then its
        names in other languages."""
        named = [form for _, forms in self.names for form in forms]
        return tuple(dict.fromkeys([*self.own_forms, *named]))

    def is_case_sensitive(self, form: str) -> bool:
        if self.case_sensitive is not None:
            return self.case_sensitive
        return not any(char.islower() for char in form)

    def is_proper_name(self, form: str) -> bool:
        """A form in capitals, matched as written (NATO, G20, P5+1): the same proper name in
        every language, so it is found in texts in any language."""
        return (
            any(char.isupper() for char in form)
            and not any(char.islower() for char in form)
            and self.is_case_sensitive(form)
        )

    def form_languages(self, default: str | None = None) -> dict[str, FormLanguages]:
        """Each form, with the languages of the texts it may be found in.

        The entry's own forms are in its language (`default`, the course's, when it has none),
        except a proper name in capitals, found in every language, and a form whose script the
        language is not written in (a Cyrillic alias of an English entry), which is in its
        script's language. Its names are in the languages they are listed under."""
        language = self.language or default
        found: dict[str, FormLanguages] = {}
        for form in self.own_forms:
            found[form] = _own_form_languages(self, form, language)
        for name_language, forms in self.names:
            for form in forms:
                if form not in found:
                    found[form] = frozenset({primary_language(name_language)})
                elif (known := found[form]) is not None:
                    found[form] = known | {primary_language(name_language)}
        return found

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
            names=tuple(spec.names.items()),
        )


def _own_form_languages(entry: Entry, form: str, language: str | None) -> FormLanguages:
    """The languages one of an entry's own forms may be found in (see Entry.form_languages)."""
    if language is None or entry.is_proper_name(form):
        return None
    script = dominant_script(form)
    if script is not None and not fits(script, language):
        return frozenset({primary_language(DEFAULTS[script].language)})
    return frozenset({primary_language(language)})


class Glossary:
    """The entries in force for a course: its own first, then the built-in bank.

    `language` is the course's: that of the entries that declare none, and of the texts
    searched with no language of their own."""

    def __init__(self, entries: Sequence[Entry], language: str | None = None) -> None:
        self.language = language
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries.setdefault(entry.term.casefold(), entry)
        self._forms: dict[str, Entry] = {}
        self._folded_forms: dict[str, Entry] = {}
        for entry in self.entries.values():
            for folded, casefolded in _lookup_keys(entry):
                self._forms.setdefault(folded, entry)
                self._folded_forms.setdefault(casefolded, entry)
        self.matcher = TermMatcher(self.entries.values(), language)

    def find(self, text: str, language: str | None = None) -> list[Match]:
        """Every term in `text`, written in `language` (None: the course's)."""
        return self.matcher.find(text, language or self.language)

    def lookup(self, name: str) -> Entry | None:
        """The entry a lesson means by `name` (its term, expansion, an alias or a name in
        another language)."""
        key = fold(name.strip())
        return self._forms.get(key) or self._folded_forms.get(key.casefold())

    def names(self) -> list[str]:
        return [form for entry in self.entries.values() for form in entry.forms]

    def __len__(self) -> int:
        return len(self.entries)


@lru_cache(maxsize=8192)  # per entry, across loads: see matcher.filed_forms
def _lookup_keys(entry: Entry) -> tuple[tuple[str, str], ...]:
    """Each form of `entry` as Glossary.lookup compares it: folded, and folded in any case."""
    return tuple((fold(form), fold(form).casefold()) for form in entry.forms)


BUILTIN_LANGUAGE = "en"  # the bank's terms and definitions are in English


@cache
def builtin_entries() -> tuple[Entry, ...]:
    """The bank shipped in coursegen/data/glossary/*.yaml, read from its compiled JSON
    (content/bank.py): tests/test_bank.py keeps both valid and equal, and pydantic still checks
    each entry here."""
    return tuple(
        Entry.from_spec(GlossaryEntrySpec.model_validate(raw), "built-in", BUILTIN_LANGUAGE)
        for raw in read_compiled()
    )


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
            problems += names_warnings(spec, item, rel)
            entries.append(Entry.from_spec(spec, source, entry_language))
    return entries, problems


def names_warnings(spec: GlossaryEntrySpec, item: YamlDocument, rel: str) -> list[Diagnostic]:
    """A warning for each name listed under a language it cannot be written in (Cyrillic
    under fr:): it would never be found, since a text is searched with its language's names."""
    warnings: list[Diagnostic] = []
    for language, forms in spec.names.items():
        for index, form in enumerate(forms):
            script = dominant_script(form)
            if script is None or fits(script, language):
                continue
            pos = item.pos(("names", language, index))
            warnings.append(
                Diagnostic(
                    rel,
                    pos.line,
                    pos.col,
                    f"'{form}' is listed under '{language}' in the names of '{spec.term}', "
                    f"but it is written in {script} script: it will not be found",
                    hint=f"list it under the language it is in, e.g. "
                    f"'{DEFAULTS[script].language}:'",
                    severity=Severity.WARNING,
                )
            )
    return warnings
