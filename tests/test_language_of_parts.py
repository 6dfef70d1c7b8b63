"""Language of parts (WCAG 3.1.2, issue 10 item 3): every text field can carry `language:`, text
whose script does not fit the language in effect is marked by its script with a warning, and
fixed words keep the document's language even inside a foreign excerpt.

The multilingual course is tests/courses/multilingual; conftest.py's `multilingual_build` is it
built in both formats."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from coursegen import open_course
from coursegen.content.scripts import dominant_script, part_language, run_language
from coursegen.documents import planned_documents
from coursegen.documents.model import Document
from coursegen.errors import sorted_diagnostics

from conftest import MULTILINGUAL, MakeCourse
from pdfcheck import structure


def warnings(root: Path) -> list[str]:
    course = open_course(root)
    assert course.errors == [], course.errors
    return [d.format() for d in sorted_diagnostics(course.diagnostics) if not d.is_error]


def documents(root: Path) -> dict[str, Document]:
    course = open_course(root)
    return {p.stem: p.document for p in planned_documents(course, sorted(course.lessons), True)}


# --- script detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Почему доверие строят годами?", "Cyrillic"),
        ("Η ειρήνη δεν είναι μόνο η απουσία πολέμου.", "Greek"),
        ("الدبلوماسية هي فن الحوار", "Arabic"),
        ("שיתוף פעולה בין מדינות", "Hebrew"),
        ("国际合作需要相互信任。", "Han"),
        ("अंतरराष्ट्रीय सहयोग", "Devanagari"),
        ("START и НАТО: переговоры 2010 года", "Cyrillic"),
        ("Trust, 1991–2010 (¶3)", "Latin"),
        ("1991–2010 (¶3) — «»", None),
    ],
)
def test_the_dominant_script_counts_letters_only(text: str, script: str | None) -> None:
    assert dominant_script(text) == script


def test_a_part_in_the_documents_language_is_not_marked() -> None:
    assert part_language("en", "en") is None
    assert part_language("en", "en-GB") is None
    assert part_language("EN-gb", "en-GB") is None
    assert part_language("en-US", "en-GB") == "en-US"
    assert part_language("ru", "en") == "ru"
    assert part_language(None, "en") is None


# --- warnings, exact ----------------------------------------------------------------------------


def test_the_multilingual_course_warns_where_it_guessed() -> None:
    assert warnings(MULTILINGUAL) == [
        "lessons/01-russian.yaml:26:15: warning: question 3 is in Cyrillic script but the course "
        "language is 'en': it is marked as Russian (ru)\n"
        "    hint: add 'language: ru' to the question (or the right language, e.g. uk) to say so "
        "yourself",
        "lessons/03-chinese.yaml:5:15: warning: question 1 is in Han script but the course "
        "language is 'en': it is marked as Chinese (zh)\n"
        "    hint: add 'language: zh' to the question (or the right language, e.g. zh-Hant) to "
        "say so yourself",
    ]


LESSON_FIELDS = """\
title: Fields
summary: Краткое содержание урока.
objectives:
  - Объяснить кризис доверия.
  - text: Ἡ εἰρήνη
readings:
  - article: test-article
    excerpts:
      - paragraphs: 1
        note: Заметка к отрывку.
questions:
  - question: Why?
    notes: שאלה טובה מאוד
  - question: Почему?
    language: en
"""


def test_every_field_is_checked_at_its_own_place(make_course: MakeCourse) -> None:
    found = warnings(make_course({"lessons/l.yaml": LESSON_FIELDS}))
    assert found == [
        "lessons/l.yaml:2:10: warning: the summary is in Cyrillic script but the course language "
        "is 'en': it is marked as Russian (ru)\n"
        "    hint: write it as 'summary: {text: …, language: ru}' (or the right language, e.g. "
        "uk) to say so yourself",
        "lessons/l.yaml:4:5: warning: objective 1 is in Cyrillic script but the course language "
        "is 'en': it is marked as Russian (ru)\n"
        "    hint: write the objective as '- text: …' with 'language: ru' below it (or the right "
        "language, e.g. uk) to say so yourself",
        "lessons/l.yaml:5:11: warning: objective 2 is in Greek script but the course language "
        "is 'en': it is marked as Greek (el)\n"
        "    hint: write the objective as '- text: …' with 'language: el' below it (or the right "
        "language, e.g. grc) to say so yourself",
        "lessons/l.yaml:10:15: warning: the note of excerpt 'A' is in Cyrillic script but the "
        "course language is 'en': it is marked as Russian (ru)\n"
        "    hint: write it as 'note: {text: …, language: ru}' (or the right language, e.g. uk) "
        "to say so yourself",
        "lessons/l.yaml:13:12: warning: the notes of question 1 is in Hebrew script but the "
        "course language is 'en': it is marked as Hebrew (he)\n"
        "    hint: write them as 'notes: {text: …, language: he}' (or the right language, e.g. "
        "yi) to say so yourself",
        "lessons/l.yaml:14:15: warning: question 2 has 'language: en' but is written in "
        "Cyrillic script\n"
        "    hint: give the language it is written in, e.g. 'language: ru', or remove "
        "'language:' to have it marked by its script",
    ]


def test_a_declared_language_that_fits_gives_no_warning(make_course: MakeCourse) -> None:
    lesson = LESSON_FIELDS.replace("language: en", "language: ru")
    lesson = lesson.replace(
        "summary: Краткое содержание урока.", "summary:\n  text: Кратко.\n  language: ru"
    )
    found = warnings(make_course({"lessons/l.yaml": lesson}))
    assert not any("question 2" in w or "summary" in w for w in found)


def test_glossary_definitions_and_articles_are_checked(make_course: MakeCourse) -> None:
    glossary = "- term: СНВ\n  definition: Договор о стратегических наступательных вооружениях.\n"
    article = "---\ntitle: Статья\n---\n\nТекст статьи о договоре СНВ.\n"
    lesson = "title: L\nreadings:\n  - article: ru-text\n"
    root = make_course(
        {"glossary.yaml": glossary, "articles/ru-text.md": article, "lessons/l.yaml": lesson}
    )
    assert warnings(root) == [
        "articles/ru-text.md:5:1: warning: article 'ru-text' is in Cyrillic script but the "
        "course language is 'en': it is marked as Russian (ru)\n"
        "    hint: add 'language: ru' to its front matter (or the right language, e.g. uk) to "
        "say so yourself",
        "glossary.yaml:2:15: warning: the definition of 'СНВ' is in Cyrillic script but the "
        "course language is 'en': it is marked as Russian (ru)\n"
        "    hint: add 'language: ru' to the entry (or the right language, e.g. uk) to say so "
        "yourself",
    ]
    docs = documents(root)
    assert docs["l/handout"].excerpts[0].language == "ru"
    assert docs["l/glossary"].terms[0].language == "ru"


@pytest.mark.parametrize(
    ("lesson", "message"),
    [
        (
            "  - question: Why?\n    language: 5\n",
            "lessons/l.yaml:6:15: error: 'language' must be a language code such as en or fr, "
            "not the number 5\n    hint: use a BCP 47 code such as en, ru, fr, ar, he, en-GB",
        ),
        (
            "  - question: Why?\n    language: russian!\n",
            "lessons/l.yaml:6:15: error: 'russian!' is not a language code\n"
            "    hint: use a BCP 47 code such as en, ru, fr, ar, he, en-GB",
        ),
        (
            "  - question: Why?\n    notes: [a, b]\n",
            "lessons/l.yaml:6:12: error: 'notes' must be text, or 'text:' with 'language:', "
            "not a list\n    hint: write notes: followed by the text, or on two indented lines "
            "'text: …' and 'language: ru'",
        ),
        (
            "  - question: Why?\n    notes: {text: Why, lang: ru}\n",
            "lessons/l.yaml:6:24: error: unknown key 'lang'\n    hint: did you mean 'language'?",
        ),
    ],
)
def test_language_keys_are_validated(make_course: MakeCourse, lesson: str, message: str) -> None:
    root = make_course(
        {"lessons/l.yaml": "title: L\nreadings:\n  - article: test-article\nquestions:\n" + lesson}
    )
    course = open_course(root)
    assert [d.format() for d in course.diagnostics] == [message]


def test_an_empty_objective_is_named_as_before(make_course: MakeCourse) -> None:
    lesson = "title: L\nobjectives:\n  - text: ''\n    language: ru\nreadings:\n  - article: test-article\n"
    course = open_course(make_course({"lessons/l.yaml": lesson}))
    assert [d.format() for d in course.diagnostics] == [
        "lessons/l.yaml:3:11: error: each item of 'objectives' must not be empty"
    ]


# --- the model ------------------------------------------------------------------------------------


def test_the_model_carries_each_parts_language() -> None:
    docs = documents(MULTILINGUAL)
    handout = docs["01-russian/handout"]
    assert handout.language == "en"
    assert [q.language for q in handout.questions] == [None, "ru", "ru"]
    assert handout.objective_items == (
        ("Explain what a confidence-building measure is.", None),
        ("Объяснить, что такое кризис доверия.", "ru"),
    )
    assert handout.summary_language is None
    russian = handout.excerpts[1]
    assert (russian.label, russian.language, russian.note_language) == ("Excerpt B", "ru", None)
    assert [(s.text, s.language) for s in russian.source_spans] == [
        ("Source: ", None),
        ("И. Автор", "ru"),
        (", “", None),
        ("Доверие и безопасность в Европе", "ru"),
        ("”, ", None),
        ("Тестовый журнал", "ru"),
        (", 2 April 2026.", None),
    ]
    assert "".join(s.text for s in russian.source_spans) == russian.source
    instructor = docs["01-russian/questions-instructor"]
    assert [(q.language, q.notes_language) for q in instructor.questions] == [
        (None, None),
        ("ru", "ru"),
        ("ru", None),
    ]
    assert [(t.term, t.language) for t in docs["glossary"].terms] == [
        ("confidence-building measure", None),
        ("кризис доверия", "ru"),
    ]


@pytest.mark.parametrize(
    ("text", "article", "document", "language"),
    [
        ("И. Автор", "ru", "en", "ru"),  # in the article's language, its script fits
        ("Доверие", "uk", "en", "uk"),
        ("Доверие", "ru", "ru", None),
        ("A. Writer", "ru", "en", None),  # Latin, in a Russian article: the document's
        ("A. Writer", "ru", "fr", None),
        ("С. Лавров", "en", "en", "ru"),  # Cyrillic, in an English article: by its script
        ("Η Καθημερινή", "ru", "en", "el"),
        ("The Times", "en", "en-GB", None),
        ("1984", "ru", "en", "ru"),  # no letters to tell: the article's
    ],
)
def test_a_run_is_in_its_articles_language_where_the_script_fits_else_its_scripts(
    text: str, article: str, document: str, language: str | None
) -> None:
    assert run_language(text, article, document) == language


def test_each_run_of_a_source_line_has_its_language(make_course: MakeCourse) -> None:
    """The author and the publication are marked like the title; the label, the date and the
    punctuation keep the document's language."""
    english = (
        "---\ntitle: Lavrov on the reset\nauthor: С. Лавров\npublication: Российская газета\n"
        "date: 2009-07-06\n---\n\nThe first paragraph.\n"
    )
    russian = (
        "---\ntitle: Перезагрузка\nauthor: S. Lavrov\npublication: Rossiyskaya Gazeta\n"
        "language: ru\n---\n\nПервый абзац.\n"
    )
    lesson = "title: L\nreadings:\n  - article: english\n  - article: russian\n"
    root = make_course(
        {"articles/english.md": english, "articles/russian.md": russian, "lessons/l.yaml": lesson}
    )
    first, second = documents(root)["l/handout"].excerpts
    assert [(s.text, s.language) for s in first.source_spans] == [
        ("Source: ", None),
        ("С. Лавров", "ru"),
        (", “Lavrov on the reset”, ", None),
        ("Российская газета", "ru"),
        (", 6 July 2009.", None),
    ]
    assert [(s.text, s.language) for s in second.source_spans] == [
        ("Source: S. Lavrov, “", None),
        ("Перезагрузка", "ru"),
        ("”, Rossiyskaya Gazeta.", None),
    ]
    assert (
        first.source == "Source: С. Лавров, “Lavrov on the reset”, Российская газета, 6 July 2009."
    )


def test_a_language_change_changes_the_content_digest(make_course: MakeCourse) -> None:
    from coursegen.builder import content_digest

    lesson = "title: L\nreadings:\n  - article: test-article\nquestions:\n  - question: Warum?\n"
    before = documents(make_course({"lessons/l.yaml": lesson}))["l/handout"]
    after = documents(make_course({"lessons/l.yaml": lesson + "    language: de\n"}))["l/handout"]
    assert before.questions[0].text == after.questions[0].text
    assert content_digest(before) != content_digest(after)


# --- the outputs ------------------------------------------------------------------------------------


def tagged_texts(path: Path) -> list[tuple[str | None, str]]:
    """The text of each marked-content sequence the structure tree reaches, in tree order, with
    the /Lang in force there (the nearest structure element's that sets one)."""
    reader = PdfReader(path)
    texts: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        for mcid, text in _marked_texts(page).items():
            texts[(number, mcid)] = text
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}  # type: ignore[union-attr]

    def walk(node: Any, lang: str | None, page: int) -> Iterator[tuple[str | None, str]]:
        if isinstance(node, int):
            yield lang, texts.get((page, node), "")
            return
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                yield from walk(child, lang, page)
        elif isinstance(node, dict):
            if "/Pg" in node:
                page = pages.get(node.raw_get("/Pg").idnum, page)  # type: ignore[attr-defined]
            lang = str(node["/Lang"]) if "/Lang" in node else lang
            if "/MCID" in node:
                yield lang, texts.get((page, int(node["/MCID"])), "")
            elif "/K" in node:
                yield from walk(node["/K"], lang, page)

    catalog: Any = reader.trailer["/Root"]
    root = catalog["/StructTreeRoot"].get_object()
    document_language = str(catalog["/Lang"])
    return [
        (lang or document_language, " ".join(t.split()))
        for lang, t in walk(root, None, 0)
        if t.strip()
    ]


def _marked_texts(page: Any) -> dict[int, str]:
    """The text of each marked-content sequence (by MCID) on one page."""
    texts: dict[int, str] = {}
    stack: list[int | None] = []

    def before(op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op == b"BDC":
            props: Any = args[1] if len(args) > 1 else {}
            stack.append(props.get("/MCID") if isinstance(props, dict) else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None:
            texts[mcid] = texts.get(mcid, "") + t

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def language_of(tagged: list[tuple[str | None, str]], words: str) -> set[str | None]:
    """The languages of every tagged text that contains `words`."""
    return {lang for lang, text in tagged if words in text}


@pytest.mark.render
@pytest.mark.parametrize("document", ["handout", "questions", "questions-instructor"])
def test_the_pdf_tags_the_russian_question_ru_and_the_labels_en(
    multilingual_build: Path, document: str
) -> None:
    tagged = tagged_texts(multilingual_build / "01-russian" / f"{document}.pdf")
    assert language_of(tagged, "Почему доверие строят годами?") == {"ru"}
    assert language_of(tagged, "Как рождается кризис доверия?") == {"ru"}
    assert language_of(tagged, "What changes what each side expects?") == {"en"}
    if document != "questions":
        assert language_of(tagged, "Excerpt B") == {"en"}
        assert language_of(tagged, "Source:") == {"en"}
        assert language_of(tagged, "Доверие и безопасность в Европе") == {"ru"}
        assert language_of(tagged, "Автор") == {"ru"}
        assert language_of(tagged, "Тестовый журнал") == {"ru"}
        assert language_of(tagged, "2 April 2026.") == {"en"}
        assert language_of(tagged, "Доверие между государствами") == {"ru"}


@pytest.mark.render
@pytest.mark.parametrize("document", ["handout", "questions-instructor"])
def test_the_docx_marks_each_run_of_the_russian_source_line(
    multilingual_build: Path, document: str
) -> None:
    from test_docx_structure import languages, paragraphs_with

    data = (multilingual_build / "01-russian" / f"{document}.docx").read_bytes()
    lines = paragraphs_with(data, "Тестовый журнал")
    assert lines
    for line in lines:
        assert languages(line) == [
            ("Source: ", None, None, None),
            ("И. Автор", "ru", None, None),
            (", “", None, None, None),
            ("Доверие и безопасность в Европе", "ru", None, None),
            ("”, ", None, None, None),
            ("Тестовый журнал", "ru", None, None),
            (", 2 April 2026.", None, None, None),
        ]


@pytest.mark.render
def test_the_pdf_tags_notes_objectives_and_glossary_entries(multilingual_build: Path) -> None:
    instructor = tagged_texts(multilingual_build / "01-russian" / "questions-instructor.pdf")
    assert language_of(instructor, "Обратите внимание") == {"ru"}
    assert language_of(instructor, "Ask how the two texts differ.") == {"en"}
    assert language_of(instructor, "Объяснить, что такое кризис доверия.") == {"ru"}
    assert language_of(instructor, "A Russian text read in an English course.") == {"en"}
    glossary = tagged_texts(multilingual_build / "glossary.pdf")
    assert language_of(glossary, "Состояние, когда государства") == {"ru"}
    assert language_of(glossary, "A step such as notifying") == {"en"}


@pytest.mark.render
@pytest.mark.parametrize(
    ("letter", "language", "words"),
    [
        ("A", "el", "Η ειρήνη δεν είναι"),
        ("B", "ar", "الدبلوماسية"),
        ("C", "he", "שיתוף"),
        ("D", "hi", "सहयोग"),
    ],
)
def test_the_pdf_tags_excerpts_in_other_scripts(
    multilingual_build: Path, letter: str, language: str, words: str
) -> None:
    tagged = tagged_texts(multilingual_build / "02-scripts" / "handout.pdf")
    assert language in language_of(tagged, words)
    assert language_of(tagged, f"Excerpt {letter}") == {"en"}


@pytest.mark.render
def test_the_pdf_tags_a_chinese_excerpt_and_question(multilingual_build: Path) -> None:
    _, languages = structure(multilingual_build / "03-chinese" / "handout.pdf")
    assert languages == {"zh"}  # the excerpt, the citation's title and the question


@pytest.mark.render
def test_the_html_marks_each_part_and_nothing_else() -> None:
    from coursegen.render.html import HtmlRenderer

    docs = documents(MULTILINGUAL)
    renderer = HtmlRenderer(MULTILINGUAL / "templates", dt.datetime(2000, 1, 1))
    handout = renderer.render(docs["01-russian/handout"])
    assert '<li lang="ru">Объяснить, что такое кризис доверия.</li>' in handout
    assert '<span lang="ru">Почему доверие строят годами?</span>' in handout
    assert '<h2 class="excerpt-title">Excerpt B</h2>' in handout
    assert '<div class="passages" lang="ru">' in handout
    assert (
        'Source: <span lang="ru">И. Автор</span>, “<span lang="ru">Доверие и безопасность в '
        'Европе</span>”, <span lang="ru">Тестовый журнал</span>, 2 April 2026.'
    ) in handout
    assert re.findall(r'lang="([^"]+)"', handout) == ["en", "ru", "en", "ru"] + ["ru"] * 5
