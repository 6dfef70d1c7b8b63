"""One article with its ¶ numbers, as `coursegen show` prints it: which article a user named,
which paragraphs of it, and the section heading in force before each. Nothing here prints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CoursegenError, Diagnostic, did_you_mean
from ..workspace import course_root
from .articles import Article, Paragraph
from .library import ARTICLES_FOLDER, load_library

_RANGE = re.compile(r"^¶?\s*(\d+)\s*(?:[-–—]\s*¶?\s*(\d+))?$")
RANGE_EXAMPLE = "give a number or a range, e.g. 3, 3-5 or ¶3–5"


@dataclass(frozen=True)
class ArticleFile:
    """The article a user named: `article` is None when its file could not be read at all;
    `diagnostics` are the problems in its file (as `coursegen check` reports them)."""

    rel: str
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def has_errors(self) -> bool:
        return self.article is None or any(d.is_error for d in self.diagnostics)


@dataclass(frozen=True)
class ShownParagraph:
    paragraph: Paragraph
    heading: str | None  # the section heading to print just before it, if any


def find_article(course_dir: Path | str, given: Path | str) -> ArticleFile:
    """The article named by its id ('lavrov-2009-newsweek') or file ('articles/x.md');
    CoursegenError when the course has no such article."""
    root = course_root(Path(course_dir))
    library, diagnostics = load_library(root)
    path = Path(given)
    article_id = path.stem if path.suffix == ".md" else path.name
    if article_id in library:
        article = library[article_id]
        rel = article.rel
    elif article_id in library.unreadable:
        article, rel = None, library.unreadable[article_id]
    else:
        hint = did_you_mean(article_id, [*library, *library.unreadable])
        raise CoursegenError(
            f"no article '{given}' in {root / ARTICLES_FOLDER}" + (f" ({hint})" if hint else "")
        )
    own = tuple(d for d in diagnostics if d.path == rel)
    return ArticleFile(rel, article, own)


def parse_ranges(given: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """'3', '3-5', '¶3–5' (hyphen, en or em dash; commas separate several) as (first, last)
    pairs; CoursegenError for anything else."""
    ranges: list[tuple[int, int]] = []
    for item in given:
        for part in item.split(","):
            match = _RANGE.match(part.strip())
            if not match:
                raise CoursegenError(f"'{part.strip()}' is not a paragraph range: {RANGE_EXAMPLE}")
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if first < 1:
                raise CoursegenError("paragraph numbers start at 1, not 0")
            if last < first:
                raise CoursegenError(
                    f"reversed paragraph range '{part.strip()}': "
                    f"write the smaller number first, e.g. {last}-{first}"
                )
            ranges.append((first, last))
    return tuple(ranges)


def select_paragraphs(
    article: Article, ranges: Sequence[tuple[int, int]] = ()
) -> list[ShownParagraph]:
    """The paragraphs in `ranges` (all when none), in article order, each once; a heading is
    shown before the first paragraph shown of each section (the heading in force there).
    CoursegenError for a number the article does not have."""
    count = len(article.paragraphs)
    numbers: set[int] = set()
    for first, last in ranges:
        if last > count:
            missing = first if first > count else last
            raise CoursegenError(
                f"article '{article.id}' has {_paragraphs(count)}; ¶{missing} does not exist"
            )
        numbers.update(range(first, last + 1))
    wanted = sorted(numbers) if ranges else list(range(1, count + 1))
    # Which section each paragraph is in: the number of the paragraph its heading stands before.
    section: list[int] = []
    current = 0
    for paragraph in article.paragraphs:
        if paragraph.heading is not None:
            current = paragraph.number
        section.append(current)
    shown: list[ShownParagraph] = []
    previous: int | None = None
    for number in wanted:
        start = section[number - 1]
        heading = None
        if start and start != previous:
            heading = article.paragraph(start).heading
        shown.append(ShownParagraph(article.paragraph(number), heading))
        previous = start
    return shown


def title_line(article: Article) -> str:
    """'Title — Author, Publication, date' with the parts the front matter has."""
    details = [part for part in (article.author, article.publication, article.date) if part]
    return article.title + (" — " + ", ".join(details) if details else "")


def _paragraphs(count: int) -> str:
    return f"{count} paragraph" + ("" if count == 1 else "s")
