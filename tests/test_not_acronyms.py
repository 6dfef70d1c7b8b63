"""course.yaml `not_acronyms`: words in capitals the course says are not terms are not flagged."""

from __future__ import annotations

from coursegen.content.course import load_course

from conftest import MakeCourse

ARTICLE = (
    "---\ntitle: Débat\nlanguage: fr\n---\n\n"
    "MM. les députés de l'UMP et de l'UDF ont voté avec le groupe SRC.\n"
)
LESSON = "title: L\nreadings:\n  - article: debat\n"


def warnings(make_course: MakeCourse, course_yaml: str) -> list[str]:
    root = make_course(
        {"course.yaml": course_yaml, "articles/debat.md": ARTICLE, "lessons/l.yaml": LESSON}
    )
    return [d.message.split("'")[1] for d in load_course(root).diagnostics if not d.is_error]


def test_listed_words_are_not_flagged(make_course: MakeCourse) -> None:
    assert warnings(make_course, "title: C\nlanguage: fr\n") == ["MM", "UMP", "UDF", "SRC"]
    assert warnings(make_course, "title: C\nlanguage: fr\nnot_acronyms: [UMP, UDF, MM]\n") == [
        "SRC"
    ]
