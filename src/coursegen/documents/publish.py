"""What the documents of a published course say: the course reader, the reading list, and the
package that the LMS and study exports are made from (`coursegen publish`).

Each is composed from the lesson documents, so that the reader prints exactly the handouts a
build makes and a cartridge's pages say exactly what the PDFs say.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content.lessons import Lesson
from ..source.schema import CourseSettings
from .course import course_document
from .labels import Labels
from .lesson import citation_spans, url_language
from .model import Document, ReadingGroup, ReadingView
from .setting import lesson_name


def reader(settings: CourseSettings, handouts: Sequence[Document], glossary: Document) -> Document:
    """The course reader: a cover, the contents, every lesson's handout in order, the course
    glossary."""
    labels = Labels(settings.language, settings.labels)
    return course_document(
        settings,
        "course-reader",
        "course-reader",
        contents_heading=labels("contents"),
        parts=(*handouts, glossary),
    )


def reading_list(settings: CourseSettings, lessons: Sequence[Lesson]) -> Document:
    """Every lesson's readings, lesson by lesson, each article cited once per lesson: with a
    `citation_style`, in that style and in the style's bibliography order (the entry carries
    the address); without one, as the source lines are, in the order the lesson reads them."""
    labels = Labels(settings.language, settings.labels)
    style = settings.citation_style
    groups = []
    for lesson in lessons:
        articles = list({e.article.id: e.article for e in lesson.excerpts}.values())
        if style is not None:
            from ..content.citestyle import bibliography  # citeproc: only with a style

            ordered = [article for article, _ in bibliography(articles, style, settings.language)]
        else:
            ordered = articles
        readings = tuple(
            ReadingView(
                citation_spans(article, labels, style=style),
                url := None if style is not None else article.url,
                article.id,
                url_language(url, settings.language),
            )
            for article in ordered
        )
        groups.append(ReadingGroup(lesson_name(lesson, labels), lesson.id, readings))
    return course_document(settings, "reading-list", "reading-list", readings=tuple(groups))


def package(
    settings: CourseSettings, documents: Sequence[Document], glossary: Document
) -> Document:
    """What the LMS and study exports are made from: every lesson document, lesson by lesson
    (each knows its lesson: `meta.lesson`), then the course glossary."""
    return course_document(settings, "course-package", "course", parts=(*documents, glossary))
