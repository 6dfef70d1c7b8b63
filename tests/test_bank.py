"""Consistency checks on the built-in term bank (coursegen/data/glossary/*.yaml)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from coursegen.content.glossary import Entry, Glossary, builtin_entries
from coursegen.content.scripts import dominant_script, fits, scripts_of
from coursegen.content.textnorm import fold

from conftest import REPO

CATEGORIES = frozenset({"arms-control", "institution", "format", "concept", "agreement"})

# Full stops that do not end a sentence: runs of initials ("U.S.", "A. F. K."), a single
# capital initial before a space ("George W. Bush"; "I" is left out so that "SALT I." still
# counts) and a few common abbreviations.
_NOT_AN_END = re.compile(
    r"\b(?:[A-Z]\.){2,}"
    r"|\b[A-HJ-Z]\.(?=\s)"
    r"|\b(?:e\.g|i\.e|cf|St|Dr|Mr|Mrs|Ms|Jr|Sr|No|vs)\."
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s|$)")


def sentence_count(text: str) -> int:
    """Number of sentences in `text`, not counting full stops after initials or abbreviations."""
    masked = _NOT_AN_END.sub(lambda m: m.group().replace(".", "\0"), text.strip())
    if not masked:
        return 0
    ends = list(_SENTENCE_END.finditer(masked))
    unterminated = not ends or ends[-1].end() != len(masked)
    return len(ends) + (1 if unterminated else 0)


def _key(text: str) -> str:
    return fold(text).casefold()


def _where(entry: Entry) -> str:
    return f"{entry.term!r}"


@pytest.fixture(scope="module")
def bank() -> tuple[Entry, ...]:
    return builtin_entries()


@pytest.fixture(scope="module")
def glossary(bank: tuple[Entry, ...]) -> Glossary:
    return Glossary(bank)


def test_sentence_counter_ignores_initials_and_abbreviations() -> None:
    assert sentence_count("The A. Q. Khan network sold designs. It was exposed in 2004.") == 2
    assert sentence_count("Signed by George H. W. Bush, e.g. in Moscow.") == 1
    assert sentence_count("The U.S. and St. Petersburg agreed. Then it ended.") == 2
    assert sentence_count('It was called "peace for our time." Later it failed.') == 2
    assert sentence_count("The first round was SALT I. The second was SALT II.") == 2
    assert sentence_count("No full stop at the end") == 1
    assert sentence_count("   ") == 0


def test_bank_is_large_enough(bank: tuple[Entry, ...]) -> None:
    assert len(bank) >= 200, f"the bank has only {len(bank)} entries"


def test_definitions_have_one_to_three_sentences(bank: tuple[Entry, ...]) -> None:
    offenders = [
        f"{_where(e)}: {sentence_count(e.definition)} sentences"
        for e in bank
        if not 1 <= sentence_count(e.definition) <= 3
    ]
    assert not offenders, "definitions must have 1–3 sentences:\n" + "\n".join(offenders)


def test_no_term_is_defined_twice(bank: tuple[Entry, ...]) -> None:
    by_term: dict[str, list[Entry]] = defaultdict(list)
    for entry in bank:
        by_term[_key(entry.term)].append(entry)
    offenders = [
        f"{entries[0].term!r} is defined {len(entries)} times"
        for entries in by_term.values()
        if len(entries) > 1
    ]
    assert not offenders, "duplicate terms:\n" + "\n".join(offenders)


def test_no_form_is_claimed_by_two_entries(bank: tuple[Entry, ...]) -> None:
    """Two entries may share a form only in different languages (a name found in every
    language, such as NATO, clashes with the same form in any language)."""
    owners: dict[str, list[tuple[str, frozenset[str] | None]]] = defaultdict(list)
    for entry in bank:
        for form, languages in entry.form_languages().items():
            owners[_key(form)].append((entry.term, languages))
    offenders = [
        f"{form!r} is claimed by {sorted({term for term, _ in claims})}"
        for form, claims in sorted(owners.items())
        if any(
            a != b and (la is None or lb is None or bool(la & lb))
            for i, (a, la) in enumerate(claims)
            for b, lb in claims[i + 1 :]
        )
    ]
    assert not offenders, "forms shared between entries:\n" + "\n".join(offenders)


def test_names_are_in_known_languages_and_their_scripts(bank: tuple[Entry, ...]) -> None:
    offenders = [
        f"{_where(e)} {language}: {form!r}"
        for e in bank
        for language, forms in e.names
        for form in forms
        if scripts_of(language) is None
        or ((script := dominant_script(form)) is not None and not fits(script, language))
    ]
    assert not offenders, "names under a language coursegen does not know, or written in "
    "another script:\n" + "\n".join(offenders)


def test_names_are_not_also_aliases(bank: tuple[Entry, ...]) -> None:
    offenders = [
        f"{_where(e)}: {form!r}"
        for e in bank
        for _, forms in e.names
        for form in forms
        if _key(form) in {_key(own) for own in e.own_forms}
    ]
    assert not offenders, "forms both among an entry's own forms and its names:\n" + "\n".join(
        offenders
    )


def test_no_name_is_listed_twice_in_a_language(bank: tuple[Entry, ...]) -> None:
    offenders = [
        f"{_where(e)} {language}: {form!r}"
        for e in bank
        for language, forms in e.names
        for form in {f for f in forms if [_key(g) for g in forms].count(_key(f)) > 1}
    ]
    assert not offenders, "names repeated:\n" + "\n".join(offenders)


def test_every_see_target_exists(bank: tuple[Entry, ...]) -> None:
    terms = {entry.term for entry in bank}
    offenders = [
        f"{_where(e)} -> {target!r}" for e in bank for target in e.see if target not in terms
    ]
    assert not offenders, "'see' targets that are not terms of an entry:\n" + "\n".join(offenders)


def test_every_category_is_known(bank: tuple[Entry, ...]) -> None:
    offenders = [f"{_where(e)}: {e.category!r}" for e in bank if e.category not in CATEGORIES]
    assert not offenders, f"categories must be one of {sorted(CATEGORIES)}:\n" + "\n".join(
        offenders
    )


def test_every_form_starts_with_a_letter_or_digit(bank: tuple[Entry, ...]) -> None:
    offenders = [
        f"{_where(e)}: {form!r}" for e in bank for form in e.forms if not form[:1].isalnum()
    ]
    assert not offenders, "forms must start with a letter or digit:\n" + "\n".join(offenders)


REQUIRED_TERMS: tuple[str, ...] = (
    "START",
    "New START",
    "SALT I",
    "ABM Treaty",
    "CTBT",
    "NPT",
    "IAEA",
    "FMCT",
    "ICBM",
    "MIRV",
    "Additional Protocol",
    "JCPOA",
    "P5",
    "P5+1",
    "E3",
    "Quartet",
    "Six-Party Talks",
    "Normandy format",
    "Minsk agreements",
    "UN",
    "UNSC",
    "UNGA",
    "NATO",
    "EU",
    "OSCE",
    "CSTO",
    "SCO",
    "BRICS",
    "G7",
    "G8",
    "G20",
    "WTO",
    "IMF",
    "ASEAN",
    "AU",
    "Arab League",
    "reset",
    "détente",
    "containment",
    "deterrence",
    "mutually assured destruction",
    "balance of power",
    "sovereignty",
    "multilateralism",
    "two-state solution",
    "Arab Peace Initiative",
    "indivisible security",
    "sanctions",
)


def test_required_terms_exist(glossary: Glossary) -> None:
    missing = [name for name in REQUIRED_TERMS if glossary.lookup(name) is None]
    if glossary.lookup("INF Treaty") is None and glossary.lookup("INF") is None:
        missing.append("INF Treaty (or INF)")
    assert not missing, "required terms missing from the bank: " + ", ".join(missing)


REQUIRED_NAMES: tuple[tuple[str, str], ...] = (
    ("E3+3", "P5+1"),
    ("G-20", "G20"),
    ("Group of Twenty", "G20"),
    ("Non-Proliferation Treaty", "NPT"),
    ("НАТО", "NATO"),
    ("OTAN", "NATO"),
    ("ООН", "UN"),
    ("ONU", "UN"),
    ("ОБСЕ", "OSCE"),
    ("ЕС", "EU"),
    ("UE", "EU"),
)


@pytest.mark.parametrize(("name", "term"), REQUIRED_NAMES)
def test_alternative_names_lead_to_the_right_entry(
    glossary: Glossary, name: str, term: str
) -> None:
    entry = glossary.lookup(name)
    assert entry is not None, f"{name!r} finds no entry (expected {term!r})"
    assert entry.term == term, f"{name!r} finds {entry.term!r}, expected {term!r}"


def _found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.term, text[m.start : m.end]) for m in glossary.matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "term", "span"),
    [
        ("New START", "New START", "New START"),
        ("the G-20 summit", "G20", "G-20"),
        ('the "P5+1" effort', "P5+1", "P5+1"),
        ('the "Quartet" (Russia, the US', "Quartet", "Quartet"),
        ("Non-Proliferation Treaty", "NPT", "Non-Proliferation Treaty"),
    ],
)
def test_matcher_finds_bank_terms(glossary: Glossary, text: str, term: str, span: str) -> None:
    found = _found(glossary, text)
    assert (term, span) in found, f"{text!r}: expected {term!r} at {span!r}, found {found}"


def test_new_start_is_not_found_as_start(glossary: Glossary) -> None:
    found = _found(glossary, "New START")
    assert [t for t, _ in found] == ["New START"], f"'New START' found as {found}"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("a string quartet played", "Quartet"),
        ("we start to restart", "START"),
    ],
)
def test_matcher_ignores_ordinary_words(glossary: Glossary, text: str, term: str) -> None:
    found = _found(glossary, text)
    assert all(t != term for t, _ in found), f"{text!r} wrongly found {term!r}: {found}"


def test_the_compiled_bank_is_the_yaml() -> None:
    """builtin_entries() reads data/glossary.json; it must be the YAML's entries exactly."""
    from coursegen.content.bank import compiled_text, read_compiled, read_sources

    sources = read_sources()
    assert read_compiled() == sources, (
        "data/glossary.json differs from data/glossary/*.yaml: run "
        ".venv/bin/python -m coursegen.content.bank"
    )
    assert (REPO / "src" / "coursegen" / "data" / "glossary.json").read_text(
        encoding="utf-8"
    ) == compiled_text(sources)
