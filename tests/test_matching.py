"""The glossary matching rules, on hand-made text, on the seed articles, and as properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursegen.content.articles import load_article
from coursegen.content.glossary import Entry, Glossary, builtin_entries

from conftest import REPO

ENTRIES = [
    Entry("START", "A 1991 treaty.", expansion="Strategic Arms Reduction Treaty"),
    Entry("New START", "A 2010 treaty."),
    Entry("P5+1", "Six powers.", aliases=("E3+3",)),
    Entry("Quartet", "Four mediators.", case_sensitive=True),
    Entry("G20", "A forum.", aliases=("G-20", "Group of Twenty")),
    Entry(
        "NPT",
        "A treaty.",
        expansion="Treaty on the Non-Proliferation of Nuclear Weapons",
        aliases=("Non-Proliferation Treaty",),
    ),
    Entry("Arab Peace Initiative", "A 2002 plan."),
    Entry("détente", "Easing of tension.", aliases=("detente",)),
    Entry("NATO", "An alliance.", aliases=("НАТО", "OTAN")),
]
GLOSSARY = Glossary(ENTRIES)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.term, text[m.start : m.end]) for m in GLOSSARY.matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the START treaty", [("START", "START")]),
        ("a fresh start, a restart, STARTED, START-up", [("START", "START")]),
        ("New START replaced START", [("New START", "New START"), ("START", "START")]),
        ("New\nSTART", [("New START", "New\nSTART")]),
        (
            "new START",
            [("New START", "new START")],
        ),  # 'New' has lower case: the form is case-insensitive
        (
            "the Strategic Arms Reduction Treaty (START)",
            [("START", "Strategic Arms Reduction Treaty"), ("START", "START")],
        ),
        ('the "P5+1" effort and P5+1\'s role', [("P5+1", "P5+1"), ("P5+1", "P5+1")]),
        ("P5+10 is not P5+1", [("P5+1", "P5+1")]),
        ("the E3+3 met", [("P5+1", "E3+3")]),
        ('the "Quartet" met', [("Quartet", "Quartet")]),
        ("a string quartet; the QUARTET", []),
        (
            "the G-20 summit, the G20 and the G‑20",
            [("G20", "G-20"), ("G20", "G20"), ("G20", "G‑20")],
        ),
        ("the G 20 and G200", []),
        ("the Non\u2011Proliferation\u00a0Treaty", [("NPT", "Non\u2011Proliferation\u00a0Treaty")]),
        ("the Arab peace initiative", [("Arab Peace Initiative", "Arab peace initiative")]),
        ("Détente and detente", [("détente", "Détente"), ("détente", "detente")]),
        ("расширение НАТО и OTAN", [("NATO", "НАТО"), ("NATO", "OTAN")]),
        ("NATOs and NATO's", [("NATO", "NATO")]),
    ],
)
def test_matching_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_an_entry_may_choose_its_case_rule() -> None:
    glossary = Glossary(
        [
            Entry("Contact Group", "Balkans.", case_sensitive=True),
            Entry("UN", "U.N.", case_sensitive=False),
        ]
    )
    text = "a contact group, the Contact Group, un vote"
    assert [text[m.start : m.end] for m in glossary.matcher.find(text)] == ["Contact Group", "un"]


def seed_terms(name: str) -> dict[str, list[str]]:
    article, problems = load_article(REPO / "articles" / f"{name}.md", name)
    assert article is not None and not problems
    glossary = Glossary(builtin_entries())
    terms: dict[str, list[str]] = {}
    for paragraph in article.paragraphs:
        for match in glossary.matcher.find(paragraph.text):
            terms.setdefault(match.term, []).append(paragraph.text[match.start : match.end])
    return terms


def test_seed_wire_report_finds_start_and_g20_but_not_the_word_start() -> None:
    terms = seed_terms("lavrov-2009-start-wire")
    assert terms["START"] == ["START", "Strategic Arms Reduction Treaty", "START"]
    assert terms["G20"] == ["G-20"]
    assert "Cold War" in terms


def test_seed_op_ed_finds_quoted_and_lower_case_terms() -> None:
    terms = seed_terms("lavrov-2009-newsweek")
    assert terms["P5+1"] == ["P5+1"]
    assert terms["Quartet"] == ["Quartet"]
    assert terms["G20"] == ["G20"] and terms["G8"] == ["G8"]
    assert terms["NPT"] == ["Non-Proliferation Treaty"]
    assert terms["Arab Peace Initiative"] == ["Arab peace initiative"]
    assert terms["Six-Party Talks"] == ["Six-Party Talks"]
    assert terms["indivisible security"] == ["indivisible security"]
    assert "START" not in terms  # the op-ed says "start" nowhere as the treaty
    assert "reset" in terms and "NATO" in terms


def test_sample_lessons_find_exactly_the_expected_terms() -> None:
    from coursegen.content.course import load_course

    course = load_course(REPO)
    found_terms = {
        lesson_id: {u.entry.term for u in lesson.glossary if u.occurrences}
        for lesson_id, lesson in course.lessons.items()
    }
    assert found_terms["02-replacing-start"] >= {"START", "G20", "NPT"}
    assert found_terms["04-where-interests-align"] >= {
        "P5+1",
        "Quartet",
        "Six-Party Talks",
        "G8",
        "G20",
        "NATO",
        "Arab Peace Initiative",
        "two-state solution",
        "indivisible security",
        "UN",
        "EU",
    }
    everything = set().union(*found_terms.values())
    for false_friend in ("START I", "US", "Russia", "Moscow", "crisis"):
        assert false_friend not in everything


WORDS = st.sampled_from(
    [
        "START",
        "start",
        "New",
        "P5+1",
        "P5",
        "+1",
        "10",
        "Quartet",
        "quartet",
        "G-20",
        "G20",
        "0",
        "Treaty",
        "NATO",
        "NATOs",
        "x",
        "é",
        "—",
        "-",
        '"',
        "'",
        " ",
        "\n",
        "\u00a0",
        ",",
        ".",
        "(",
        ")",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map("".join))
def test_no_match_lies_inside_a_longer_word(text: str) -> None:
    for match in GLOSSARY.matcher.find(text):
        before = text[match.start - 1] if match.start > 0 else " "
        after = text[match.end] if match.end < len(text) else " "
        assert not before.isalnum() and not after.isalnum(), (text, match)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map("".join))
def test_every_occurrence_is_really_in_the_text(text: str) -> None:
    from coursegen.content.textnorm import fold

    previous_end = 0
    for match in GLOSSARY.matcher.find(text):
        assert match.start >= previous_end  # in order, never overlapping
        previous_end = match.end
        entry = GLOSSARY.entries[match.term.casefold()]
        piece = fold(text[match.start : match.end])
        forms = {fold(f) for f in entry.forms}
        if entry.is_case_sensitive(entry.term) and entry.case_sensitive is not False:
            assert piece in forms or piece.casefold() in {f.casefold() for f in forms}
        else:
            assert piece.casefold() in {f.casefold() for f in forms}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["START", "P5+1", "G-20", "Quartet", "New START"]), min_size=1, max_size=8
    ),
    st.sampled_from([" ", "; ", " and ", ", "]),
)
def test_terms_separated_by_boundaries_are_all_found(terms: list[str], separator: str) -> None:
    text = separator.join(terms)
    expected = [t.replace("G-20", "G20") for t in terms]
    assert [m.term for m in GLOSSARY.matcher.find(text)] == expected


def test_matching_scales_with_text_not_with_bank(tmp_path: Path) -> None:
    """One pass: a bank 20× bigger finds the same matches (timing lives in benchmarks/)."""
    extra = [Entry(f"TERM{i}", "Padding.", aliases=(f"padding term {i}",)) for i in range(2000)]
    big = Glossary([*ENTRIES, *extra])
    text = 'New START and the G-20 and the "Quartet" and P5+1 ' * 50
    assert [m.term for m in big.matcher.find(text)] == [m.term for m in GLOSSARY.matcher.find(text)]
