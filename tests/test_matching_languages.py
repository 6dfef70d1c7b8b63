"""Matching that respects the text's language (issue 13): an entry's forms are found only in
texts in their language, except proper names in capitals (NATO, G20); institutions carry their
names in French, Spanish, Russian and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.content.course import load_course
from coursegen.content.glossary import Entry, Glossary

from conftest import MakeCourse

BANK_COURSE = "title: Languages\n"


def article(text: str, language: str | None = None) -> str:
    """An article file: front matter (with `language:` when given), then the text."""
    declared = f"language: {language}\n" if language else ""
    return f"---\ntitle: An article\n{declared}---\n\n{text}\n"


def lesson_terms(root: Path) -> dict[str, list[str]]:
    """The lesson's glossary: each term, with the words of the text that named it."""
    course = load_course(root)
    lesson = course.lessons["l"]
    found: dict[str, list[str]] = {}
    for use in lesson.glossary:
        spans = found.setdefault(use.entry.term, [])
        for occurrence in use.occurrences:
            excerpt = next(e for e in lesson.excerpts if e.id == occurrence.excerpt)
            text = excerpt.passages[occurrence.passage].text
            spans.append(text[occurrence.start : occurrence.end])
    return found


def bank_terms(
    make_course: MakeCourse, text: str, language: str | None = None
) -> dict[str, list[str]]:
    """The lesson glossary the built-in bank gives an article in an English course."""
    root = make_course(
        {
            "course.yaml": BANK_COURSE,
            "glossary.yaml": "",
            "articles/test-article.md": article(text, language),
        }
    )
    return lesson_terms(root)


def test_security_council_and_its_variants_in_english(make_course: MakeCourse) -> None:
    text = (
        "The Security Council met. Then the UN Security Council, the U.N. Security Council, "
        "the UNSC and the United Nations Security Council."
    )
    assert bank_terms(make_course, text) == {
        "UNSC": [
            "Security Council",
            "UN Security Council",
            "U.N. Security Council",
            "UNSC",
            "United Nations Security Council",
        ]
    }


def test_english_text_finds_the_english_loanword_demarche(make_course: MakeCourse) -> None:
    text = "A démarche was delivered; two demarches followed."
    assert bank_terms(make_course, text) == {"démarche": ["démarche", "demarches"]}


def test_english_text_does_not_find_french_or_russian_names(make_course: MakeCourse) -> None:
    text = "Le Conseil de sécurité, l'ONU and l'OTAN; НАТО and ООН; NATO."
    assert bank_terms(make_course, text) == {"NATO": ["NATO"]}


def test_french_article(make_course: MakeCourse) -> None:
    text = (
        "La démarche du Conseil de sécurité de l'ONU et du CSNU. Les Nations unies, l'OTAN, "
        "l'Alliance atlantique, l'OSCE, l'Organisation pour la sécurité et la coopération en "
        "Europe, l'UE et l'Union européenne. Une démarche commune de NATO."
    )
    assert bank_terms(make_course, text, "fr") == {
        "EU": ["UE", "Union européenne"],
        "NATO": ["OTAN", "Alliance atlantique", "NATO"],
        "OSCE": ["OSCE", "Organisation pour la sécurité et la coopération en Europe"],
        "UN": ["Nations unies"],
        "UNSC": ["Conseil de sécurité de l'ONU", "CSNU"],
    }


def test_french_course_reads_undeclared_articles_as_french(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "course.yaml": "title: Cours\nlanguage: fr\n",
            "glossary.yaml": "",
            "articles/test-article.md": article("Une démarche auprès de l'ONU."),
        }
    )
    assert lesson_terms(root) == {"UN": ["ONU"]}


def test_russian_article(make_course: MakeCourse) -> None:
    text = (
        "Совет Безопасности ООН собрался. В Совете Безопасности, в Организации Объединённых "
        "Наций и в ООН говорили о НАТО, Североатлантическом альянсе, ОБСЕ, ЕС и Евросоюзе. "
        "Демарш посла; NATO и Security Council."
    )
    assert bank_terms(make_course, text, "ru") == {
        "EU": ["ЕС", "Евросоюзе"],
        "NATO": ["НАТО", "Североатлантическом альянсе", "NATO"],
        "OSCE": ["ОБСЕ"],
        "UN": ["Организации Объединённых Наций", "ООН"],
        "UNSC": ["Совет Безопасности ООН", "Совете Безопасности"],
    }


def test_russian_case_forms_of_the_general_assembly(make_course: MakeCourse) -> None:
    text = "Резолюция Генеральной Ассамблеи ООН; выступление в Генеральной Ассамблее."
    assert bank_terms(make_course, text, "ru") == {
        "UNGA": ["Генеральной Ассамблеи ООН", "Генеральной Ассамблее"]
    }


def test_spanish_article(make_course: MakeCourse) -> None:
    text = (
        "El Consejo de Seguridad de las Naciones Unidas y la ONU; las Naciones Unidas, "
        "la OTAN, la OSCE y la Unión Europea (UE)."
    )
    assert bank_terms(make_course, text, "es") == {
        "EU": ["Unión Europea", "UE"],
        "NATO": ["OTAN"],
        "OSCE": ["OSCE"],
        "UN": ["ONU", "Naciones Unidas"],
        "UNSC": ["Consejo de Seguridad de las Naciones Unidas"],
    }


def test_arabic_article(make_course: MakeCourse) -> None:
    text = (
        "اجتمع مجلس الأمن الدولي في الأمم المتحدة. "
        "وقال إن مجلس الأمن وحلف شمال الأطلسي والاتحاد الأوروبي ومنظمة الأمن والتعاون في أوروبا."
    )
    assert bank_terms(make_course, text, "ar") == {
        "EU": ["والاتحاد الأوروبي"],
        "OSCE": ["ومنظمة الأمن والتعاون في أوروبا"],
        "NATO": ["وحلف شمال الأطلسي"],
        "UN": ["الأمم المتحدة"],
        "UNSC": ["مجلس الأمن الدولي", "مجلس الأمن"],
    }


def test_a_course_entry_names_itself_in_other_languages(make_course: MakeCourse) -> None:
    glossary = """\
- term: Weimar Triangle
  definition: Consultations of France, Germany and Poland since 1991.
  names:
    fr: [Triangle de Weimar]
    ru: [Веймарский треугольник, Веймарского треугольника]
"""
    files = {"course.yaml": "title: T\nbuiltin_glossary: false\n", "glossary.yaml": glossary}
    french = article("Le Triangle de Weimar et le Weimar Triangle.", "fr")
    russian = article("Встреча Веймарского треугольника.", "ru")
    english = article("The Weimar Triangle, le Triangle de Weimar.")
    expected = {
        french: {"Weimar Triangle": ["Triangle de Weimar"]},
        russian: {"Weimar Triangle": ["Веймарского треугольника"]},
        english: {"Weimar Triangle": ["Weimar Triangle"]},
    }
    for text, terms in expected.items():
        root = make_course({**files, "articles/test-article.md": text})
        assert lesson_terms(root) == terms


def test_a_name_in_the_wrong_script_is_reported(make_course: MakeCourse) -> None:
    glossary = """\
- term: Weimar Triangle
  definition: Consultations of France, Germany and Poland since 1991.
  names:
    fr: [Triangle de Weimar, Веймарский треугольник]
"""
    root = make_course(
        {"course.yaml": "title: T\nbuiltin_glossary: false\n", "glossary.yaml": glossary}
    )
    found = [d for d in load_course(root).diagnostics if d.path == "glossary.yaml"]
    assert [(d.line, d.col, d.message, d.hint) for d in found] == [
        (
            4,
            30,
            "'Веймарский треугольник' is listed under 'fr' in the names of 'Weimar Triangle', "
            "but it is written in Cyrillic script: it will not be found",
            "list it under the language it is in, e.g. 'ru:'",
        )
    ]


def test_a_course_entry_is_in_the_course_language(make_course: MakeCourse) -> None:
    glossary = """\
- term: démarche
  definition: Une représentation diplomatique faite par un gouvernement auprès d'un autre.
"""
    root = make_course(
        {
            "course.yaml": "title: Cours\nlanguage: fr\nbuiltin_glossary: false\n",
            "glossary.yaml": glossary,
            "articles/test-article.md": article("Une démarche à Paris."),
        }
    )
    assert lesson_terms(root) == {"démarche": ["démarche"]}


def forms(entry: Entry) -> dict[str, frozenset[str] | None]:
    return entry.form_languages("en")


def test_form_languages() -> None:
    entry = Entry(
        "NATO",
        "An alliance.",
        expansion="North Atlantic Treaty Organization",
        aliases=("НАТО", "Североатлантический альянс"),
        names=(("fr", ("OTAN", "Alliance atlantique")), ("es", ("OTAN",))),
    )
    assert forms(entry) == {
        "NATO": None,  # a proper name in capitals: every language
        "North Atlantic Treaty Organization": frozenset({"en"}),
        "НАТО": None,
        "Североатлантический альянс": frozenset({"ru"}),  # its script's language
        "OTAN": frozenset({"fr", "es"}),
        "Alliance atlantique": frozenset({"fr"}),
    }
    assert forms(Entry("UN", "U.N.", case_sensitive=False))["UN"] == frozenset({"en"})
    assert forms(Entry("G20", "A forum.", language="en-GB"))["G20"] is None
    assert forms(Entry("reset", "A policy.", language="en-GB"))["reset"] == frozenset({"en"})
    assert Entry("reset", "A policy.").form_languages() == {"reset": None}


@pytest.mark.parametrize(
    ("language", "expected"),
    [(None, ["détente", "OTAN"]), ("en", ["détente"]), ("en-GB", ["détente"]), ("fr", ["OTAN"])],
)
def test_find_takes_the_forms_of_the_text_language(
    language: str | None, expected: list[str]
) -> None:
    glossary = Glossary(
        [
            Entry("détente", "Easing.", language="en"),
            Entry("NATO", "An alliance.", language="en", names=(("fr", ("OTAN",)),)),
        ]
    )
    text = "détente, OTAN"
    assert [text[m.start : m.end] for m in glossary.matcher.find(text, language)] == expected


def test_the_glossary_language_is_that_of_texts_and_entries_without_one() -> None:
    glossary = Glossary([Entry("démarche", "Une démarche.")], language="fr")
    assert [m.term for m in glossary.find("une démarche")] == ["démarche"]
    assert glossary.find("une démarche", "en") == []


def test_a_combining_mark_belongs_to_its_word() -> None:
    """A decomposed accent or an Arabic vowel sign does not split a word: no form is found
    in the part after it, nor as the part before it."""
    glossary = Glossary(
        [Entry("marche", "A walk.", language="en"), Entry("الأمن", "Security.", language="ar")]
    )
    assert glossary.find("de\u0301marche", "en") == []
    assert glossary.find("الأمنِيّة", "ar") == []
    assert [m.term for m in glossary.find("الأمن", "ar")] == ["الأمن"]


def test_french_names_of_other_bank_entries(make_course: MakeCourse) -> None:
    """The bank's French names are names, not English aliases: found in French text only."""
    text = (
        "La Cour pénale internationale, le Fonds monétaire international et la Société des "
        "Nations; le Conseil de l'Europe et le Pacte de Varsovie."
    )
    assert bank_terms(make_course, text, "fr") == {
        "Council of Europe": ["Conseil de l'Europe"],
        "ICC": ["Cour pénale internationale"],
        "IMF": ["Fonds monétaire international"],
        "League of Nations": ["Société des Nations"],
        "Warsaw Pact": ["Pacte de Varsovie"],
    }
    assert bank_terms(make_course, text, "en") == {}


def test_other_security_councils_are_not_the_uns(make_course: MakeCourse) -> None:
    text = (
        "The AU Peace and Security Council and the National Security Council met; the "
        "Security Council did not."
    )
    assert bank_terms(make_course, text) == {
        "AU Peace and Security Council": ["AU Peace and Security Council"],
        "US National Security Council": ["National Security Council"],
        "UNSC": ["Security Council"],
    }
    russian = "Совет Безопасности России собрался; Совет Безопасности ООН нет."
    assert bank_terms(make_course, russian, "ru") == {
        "Security Council of Russia": ["Совет Безопасности России"],
        "UNSC": ["Совет Безопасности ООН"],
    }
