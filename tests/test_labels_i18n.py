"""Labels and dates in the course language (issue 11 item 4): every fixed word translated into
seven languages with their plural rules, dates through Babel (CLDR), quotation marks by language,
`labels:` in course.yaml, and English labels, tagged English, with a warning for a language
coursegen has no translation for.

The French course is tests/courses/french, the Arabic one tests/courses/arabic-labels."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursegen import open_course
from coursegen.documents import planned_documents
from coursegen.documents.labels import (
    LANGUAGES,
    PLURAL_CATEGORIES,
    Labels,
    catalogue,
    keys,
    placeholders,
)
from coursegen.documents.model import Document
from coursegen.errors import sorted_diagnostics

from conftest import REPO, MakeCourse

FRENCH = REPO / "tests" / "courses" / "french"
ARABIC = REPO / "tests" / "courses" / "arabic-labels"
NBSP = "\u00a0"


def documents(root: Path) -> dict[str, Document]:
    course = open_course(root)
    return {p.stem: p.document for p in planned_documents(course, sorted(course.lessons), True)}


def problems(root: Path) -> list[str]:
    return [d.format() for d in sorted_diagnostics(open_course(root).diagnostics)]


# --- the catalogue ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_key_with_its_placeholders(language: str) -> None:
    words = catalogue(language)
    assert tuple(words) == keys()
    for key, label in catalogue("en").items():
        english = label if isinstance(label, str) else label["other"]
        own = words[key]
        forms = {"other": own} if isinstance(own, str) else own
        assert "other" in forms and set(forms) <= set(PLURAL_CATEGORIES), key
        assert placeholders(forms["other"]) == placeholders(english), (language, key)
        for text in forms.values():
            assert placeholders(text) <= placeholders(english), (language, key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_labels_have_every_form_the_language_uses(language: str) -> None:
    from babel import Locale

    used = {Locale.parse(language).plural_form(n) for n in range(0, 1001)}
    for key, label in catalogue(language).items():
        if not isinstance(label, str):
            assert used <= set(label), (language, key, used - set(label))


def test_russian_has_three_plural_forms() -> None:
    labels = Labels("ru")
    assert [labels("minutes-in-all", minutes=n) for n in (1, 2, 5, 21, 22, 25, 11)] == [
        "· всего 1 минута",
        "· всего 2 минуты",
        "· всего 5 минут",
        "· всего 21 минута",
        "· всего 22 минуты",
        "· всего 25 минут",
        "· всего 11 минут",
    ]


def test_arabic_counts_agree_with_the_number() -> None:
    labels = Labels("ar")
    assert [labels("minutes", minutes=n) for n in (1, 2, 3, 10, 11, 100)] == [
        "دقيقة واحدة",
        "دقيقتان",
        "3 دقائق",
        "10 دقائق",
        "11 دقيقة",
        "100 دقيقة",
    ]


def test_english_is_unchanged() -> None:
    labels = Labels("en")
    assert labels("minutes-in-all", minutes=45) == "· 45 minutes in all"
    assert labels("minutes-in-all", minutes=1) == "· 1 minute in all"
    assert labels("cites", id="B", paragraphs=labels.paragraph_ranges([2, 3, 6])) == (
        "Excerpt B, ¶2–3, 6"
    )
    assert labels.page_label().parts == ("Page ", "page", " of ", "pages", "")


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [
        ("en", "6 July 2009", "November 2009"),
        ("en-US", "July 6, 2009", "November 2009"),
        ("fr", "6 juillet 2009", "novembre 2009"),
        ("es", "6 de julio de 2009", "noviembre de 2009"),
        ("de", "6. Juli 2009", "November 2009"),
        ("ru", "6 июля 2009\u202fг.", "ноябрь 2009\u202fг."),
        ("ar", "6 يوليو 2009", "نوفمبر 2009"),
        ("zh", "2009年7月6日", "2009年11月"),
        ("sw", "6 July 2009", "November 2009"),  # labels in English: dates too
    ],
)
def test_dates_come_from_cldr(language: str, day: str, month: str) -> None:
    labels = Labels(language)
    assert (labels.date("2009-07-06"), labels.date("2009-11"), labels.date("2009")) == (
        day,
        month,
        "2009",
    )


@pytest.mark.parametrize(
    ("language", "page"),
    [
        ("fr", ("Page ", "page", " sur ", "pages", "")),
        ("de", ("Seite ", "page", " von ", "pages", "")),
        ("ru", ("Страница ", "page", " из ", "pages", "")),
        ("ar", ("الصفحة ", "page", " من ", "pages", "")),
        ("zh", ("第 ", "page", " 页，共 ", "pages", " 页")),
    ],
)
def test_the_page_label_is_cut_at_its_numbers(language: str, page: tuple[str, ...]) -> None:
    assert Labels(language).page_label().parts == page


# --- documents --------------------------------------------------------------------------------

ARTICLE = """\
---
title: A short title
author: A. Author
publication: The Journal
date: 2009-07-06
---

One paragraph.
"""


@pytest.mark.parametrize(
    ("language", "source"),
    [
        ("en", "Source: A. Author, “A short title”, The Journal, 6 July 2009."),
        (
            "fr",
            f"Source{NBSP}: A. Author, «{NBSP}A short title{NBSP}», The Journal, 6 juillet 2009.",
        ),
        ("es", "Fuente: A. Author, «A short title», The Journal, 6 de julio de 2009."),
        ("de", "Quelle: A. Author, „A short title“, The Journal, 6. Juli 2009."),
        ("ru", "Источник: A. Author, «A short title», The Journal, 6 июля 2009\u202fг."),
        ("ar", "المصدر: A. Author، «A short title»، The Journal، 6 يوليو 2009."),
        ("zh", "来源：A. Author，《A short title》，The Journal，2009年7月6日。"),
    ],
)
def test_the_source_line_is_in_the_course_language(
    make_course: MakeCourse, language: str, source: str
) -> None:
    root = make_course(
        {
            "course.yaml": f"title: T\nlanguage: {language}\nbuiltin_glossary: false\n",
            "articles/test-article.md": ARTICLE.replace("---\n\n", "language: en\n---\n\n"),
        }
    )
    handout = documents(root)["l/handout"]
    assert handout.excerpts[0].source == source
    assert handout.meta.labels_language is None


def test_the_french_course_in_the_model() -> None:
    docs = documents(FRENCH)
    handout, plan = docs["01-confiance/handout"], docs["01-confiance/questions-instructor"]
    assert handout.meta_line == "Semaine 3 · 10 février 2027"
    assert handout.subtitle == "Dossier de lecture"
    assert handout.objectives_heading == "Objectifs d’apprentissage"
    assert [e.label for e in handout.excerpts] == ["Extrait A", "Extrait B"]
    assert handout.questions[0].cites == "(Extrait A, ¶1–2)"
    assert plan.questions_total == "· 11 minutes au total"
    assert plan.questions[0].meta == "· Comprendre · 1 min"
    assert plan.questions[1].notes_label == "Notes"
    glossary = docs["01-confiance/glossary"]
    assert [t.where for t in glossary.terms] == [
        f"Figure dans{NBSP}: extrait B ¶3",
        f"Figure dans{NBSP}: extrait A ¶2",
    ]
    assert glossary.terms[1].see == f"Voir aussi{NBSP}: désarmement"
    assert (
        docs["glossary"].terms[0].where
        == f"Séances{NBSP}: Semaine 3{NBSP}: Construire la confiance"
    )


# --- labels: in course.yaml -------------------------------------------------------------------


def test_labels_in_course_yaml_override_the_catalogue(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "course.yaml": (
                "title: T\nlanguage: fr\nbuiltin_glossary: false\nlabels:\n"
                '  excerpt: "Texte {id}"\n'
                "  handout: Polycopié\n"
                "  minutes-in-all:\n"
                '    one: "· {minutes} minute en tout"\n'
                '    other: "· {minutes} minutes en tout"\n'
            ),
            "lessons/l.yaml": (
                "title: L\nreadings:\n  - article: test-article\n"
                "questions:\n  - question: Q?\n    minutes: 7\n"
            ),
        }
    )
    assert problems(root) == []
    docs = documents(root)
    assert docs["l/handout"].excerpts[0].label == "Texte A"
    assert docs["l/handout"].subtitle == "Polycopié"
    assert docs["l/questions-instructor"].questions_total == "· 7 minutes en tout"
    assert docs["l/handout"].objectives_heading is None
    assert docs["l/questions"].subtitle == "Questions pour la discussion"  # the rest: French


def test_a_wrong_label_is_a_located_error(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "course.yaml": (
                "title: T\nlabels:\n"
                "  exerpt: Reading {id}\n"
                "  excerpt: Reading\n"
                "  page-of: Page {page} of {total}\n"
                "  minutes-in-all:\n"
                '    one: "{minutes} minute"\n'
            )
        }
    )
    assert problems(root) == [
        "course.yaml:3:3: error: unknown label 'exerpt'\n    hint: did you mean 'excerpt'?",
        "course.yaml:4:12: error: label 'excerpt' must keep {id}\n"
        "    hint: coursegen's English label is 'Excerpt {id}'",
        "course.yaml:5:12: error: label 'page-of' has unknown {total}\n"
        "    hint: it may use {page}, {pages}",
        "course.yaml:5:12: error: label 'page-of' must keep {pages}\n"
        "    hint: coursegen's English label is 'Page {page} of {pages}'",
        "course.yaml:7:5: error: label 'minutes-in-all' has no 'other' form\n"
        "    hint: add 'other:', used by default",
    ]


def test_a_language_without_translation_falls_back_to_english(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "course.yaml": "title: T\nlanguage: sw\nbuiltin_glossary: false\n",
            "articles/test-article.md": ARTICLE,
        }
    )
    assert problems(root) == [
        "course.yaml:2:11: warning: coursegen has no translation of its labels into 'sw'; they "
        "are printed in English\n"
        "    hint: give them in your language under 'labels:' in course.yaml (the keys are "
        "listed in the user guide, section 4)"
    ]
    handout = documents(root)["l/handout"]
    assert handout.language == "sw"
    assert handout.meta.labels_language == "en"
    assert handout.excerpts[0].label == "Excerpt A"
    spans = [(s.text, s.language) for s in handout.excerpts[0].source_spans]
    assert spans[0] == ("Source: ", "en")
    assert spans[-1] == (", 6 July 2009.", "en")


@pytest.mark.render
def test_english_labels_in_an_untranslated_course_are_tagged_english(
    make_course: MakeCourse,
) -> None:
    """A screen reader must not read "Excerpt A" with a Swahili voice: every element holding
    coursegen's own words says lang="en" when the labels fell back to English."""
    from coursegen.render.html import HtmlRenderer

    root = make_course(
        {
            "course.yaml": "title: T\nlanguage: sw\nbuiltin_glossary: false\n",
            "articles/test-article.md": ARTICLE,
            "lessons/l.yaml": "title: A lesson\nobjectives: [Soma]\nreadings:\n"
            "  - article: test-article\nquestions:\n  - question: Kwa nini?\n    excerpts: [A]\n"
            "    notes: Maelezo\n",
        }
    )
    docs = documents(root)
    renderer = HtmlRenderer(root / "templates", dt.datetime(2000, 1, 1))
    handout = renderer.render(docs["l/handout"])
    assert '<html lang="sw"' in handout
    for label in ("Handout", "Learning objectives", "Excerpt A", "Questions for discussion"):
        assert re.search(rf'lang="en"[^>]*>{label}<', handout), label
    sheet = renderer.render(docs["l/questions"])
    assert re.search(r'class="instructions" lang="en"', sheet)
    assert re.search(r'class="cites" lang="en">Excerpt A', sheet)
    instructor = renderer.render(docs["l/questions-instructor"])
    assert re.search(r'class="notes-label" lang="en">Notes<', instructor)
    assert re.search(r'<h3 lang="en">Question 1', instructor)


def test_labels_for_every_key_make_an_untranslated_language_yours(make_course: MakeCourse) -> None:
    lines = "".join(f"  {key}: {_quoted('x' + _other(catalogue('en')[key]))}\n" for key in keys())
    root = make_course({"course.yaml": f"title: T\nlanguage: sw\nlabels:\n{lines}"})
    assert [p for p in problems(root) if "warning" in p] == []
    handout = documents(root)["l/handout"]
    assert handout.meta.labels_language is None
    assert handout.excerpts[0].label == "xExcerpt A"


def _other(label: object) -> str:
    return label if isinstance(label, str) else label["other"]  # type: ignore[index,return-value]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- built files ------------------------------------------------------------------------------


def _built(course: Path, tmp_path: Path) -> Path:
    from coursegen.builder import BuildOptions, build
    from coursegen.content.course import load_course

    root = tmp_path / "course"
    shutil.copytree(course, root)
    report = build(load_course(root), None, BuildOptions(out_dir=root / "output", jobs=1))
    assert report.ok, report
    return root / "output"


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _docx_text(path: Path) -> tuple[list[str], list[str]]:
    """The body's paragraphs and the footer's text, fields shown as their instruction."""
    import docx
    from docx.oxml.ns import qn

    word = docx.Document(str(path))
    footer = []
    for paragraph in word.sections[0].footer.paragraphs:
        text = ""
        for child in paragraph._p:
            if child.tag == qn("w:r"):
                text += "".join(t.text or "" for t in child.iter(qn("w:t")))
            elif child.tag == qn("w:fldSimple"):
                text += "{" + child.get(qn("w:instr")).strip() + "}"
        footer.append(text)
    return [p.text for p in word.paragraphs], footer


@pytest.mark.render
def test_the_french_course_builds_in_french(tmp_path: Path) -> None:
    out = _built(FRENCH, tmp_path) / "01-confiance"
    source = (
        f"Source{NBSP}: Claire Exemple, «{NBSP}La confiance, une ressource rare{NBSP}», "
        "Revue d’essai des relations internationales, 6 juillet 2009."
    )
    pdf = _pdf_text(out / "handout.pdf")
    for line in (
        "Semaine 3 · 10 février 2027",
        "Dossier de lecture",
        "Objectifs d’apprentissage",
        "Extrait A",
        "Extrait B",
        "Questions pour la discussion",
        "Page 1 sur 1",
    ):
        assert line in pdf.splitlines(), line
    assert " ".join(source.split()) in " ".join(pdf.split())
    body, footer = _docx_text(out / "handout.docx")
    for line in (
        "Semaine 3 · 10 février 2027",
        "Dossier de lecture",
        "Objectifs d’apprentissage",
        "Extrait A",
        "Extrait B",
        source,
    ):
        assert line in body, line
    assert footer == ["Page {PAGE} sur {NUMPAGES}"]
    plan = _pdf_text(out / "questions-instructor.pdf")
    assert "Déroulement de la discussion · 11 minutes au total" in plan.splitlines()
    assert "Question 1 · Comprendre · 1 min" in plan.splitlines()
    body, _ = _docx_text(out / "questions-instructor.docx")
    assert "Déroulement de la discussion · 11 minutes au total" in body


@pytest.mark.render
def test_the_arabic_course_builds_in_arabic(tmp_path: Path) -> None:
    out = _built(ARABIC, tmp_path) / "01-thiqa"
    source = "المصدر: سلمى مثال، «الثقة مورد نادر»، مجلة العلاقات الدولية التجريبية، 6 يوليو 2009."
    body, footer = _docx_text(out / "handout.docx")
    for line in (
        "الأسبوع 2 · 10 فبراير 2027",
        "مادة القراءة",
        "أهداف التعلّم",
        "المقتطف A",
        "المقتطف B",
        source,
    ):
        assert line in body, line
    assert footer == ["الصفحة {PAGE} من {NUMPAGES}"]
    body, _ = _docx_text(out / "questions-instructor.docx")
    assert "السؤال 1 · الفهم · دقيقتان" in body
    assert "خطة النقاش · 13 دقيقة إجمالًا" in body
    # pdftotext -raw gives right-to-left lines in visual order, words wrapped in bidi controls:
    # compare each line's words, in any order (a word with a shadda, such as التعلّم, comes out
    # with the mark misplaced, so none is compared here).
    pdf = _pdf_text(out / "handout.pdf")
    lines = [sorted(re.sub("[\u202a-\u202e]", "", row).split()) for row in pdf.splitlines()]
    for line in ("مادة القراءة", "المقتطف A", "الصفحة 1 من 1", "الأسبوع 2 · 10 فبراير 2027"):
        assert sorted(line.split()) in lines, line


def test_the_user_guide_lists_every_key() -> None:
    guide = (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("### Language, dates and labels") :]
    section = section[: section.index("\n## ")]
    assert [key for key in keys() if f"| `{key}` |" not in section] == []
