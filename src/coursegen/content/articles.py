"""The article library: front matter, numbered paragraphs and section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Diagnostic, Severity
from ..source.files import MAX_ARTICLE_BYTES, Source, read_text
from ..source.schema import AgentSpec, ArticleMeta
from ..source.validate import validate
from ..source.yamlfile import parse_yaml
from .noise import article_noise
from .scripts import resolve

_HEADING = re.compile(r"^##\s+(.*\S)\s*$")
_INLINE_SPACE = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    line: int
    heading: str | None = None  # the section heading printed just before this paragraph


@dataclass(frozen=True)
class Agent:
    """An author, translator or editor: a person's name as written, or an organisation."""

    name: str
    organization: bool = False


@dataclass(frozen=True)
class Citation:
    """What a citation needs beyond title, author, publication, date, url and language."""

    type: str | None = None  # one of schema.SOURCE_TYPES
    authors: tuple[Agent, ...] = ()
    translators: tuple[Agent, ...] = ()
    editors: tuple[Agent, ...] = ()
    pages: str | None = None
    volume: str | None = None
    issue: str | None = None
    publisher: str | None = None
    place: str | None = None
    number: str | None = None
    accessed: str | None = None
    event: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    rel: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    author: str | None = None
    publication: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    citation: Citation = Citation()

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


TOO_LARGE_HINT = (
    "split the article into two files in articles/, each with its own front matter, "
    "or keep only the part your lessons use"
)


def load_article(
    path: Path, rel: str, root: Path | None = None
) -> tuple[Article | None, list[Diagnostic]]:
    """Read one article file inside `root` (by default, its own folder); the Article is
    returned even when its front matter has problems."""
    text, diagnostics = read_text(
        root or path.parent, Source(path, rel, path.stem), MAX_ARTICLE_BYTES, TOO_LARGE_HINT
    )
    if text is None:
        return None, diagnostics
    return parse_article(text, path.stem, rel, diagnostics)


def parse_article(
    text: str, article_id: str, rel: str, diagnostics: list[Diagnostic]
) -> tuple[Article | None, list[Diagnostic]]:
    lines = text.split("\n")
    meta: ArticleMeta | None = None
    body_start = 0
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if close is None:
            diagnostics.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    "front matter is not closed",
                    hint="add a line with only '---' after the last front matter line",
                )
            )
            return None, diagnostics
        doc, problems = parse_yaml("\n".join(lines[1:close]), rel, line_offset=1)
        diagnostics += problems
        if doc is not None:
            meta, problems = validate(ArticleMeta, doc, rel, "front matter")
            diagnostics += problems
            if meta is not None and meta.publication and meta.container:
                pos = doc.key_pos(("container",))
                diagnostics.append(
                    Diagnostic(
                        rel,
                        pos.line,
                        pos.col,
                        "'container' and 'publication' both name where the article was published",
                        hint="keep one of the two: they mean the same",
                    )
                )
        body_start = close + 1
    else:
        diagnostics.append(
            Diagnostic(
                rel,
                1,
                1,
                "article has no front matter",
                hint="begin the file with a line '---', then 'title: …', then another line '---'",
            )
        )
    paragraphs = _paragraphs(lines, body_start)
    diagnostics += article_noise(lines, body_start, rel)
    if not paragraphs:
        diagnostics.append(
            Diagnostic(
                rel,
                min(body_start + 1, len(lines)),
                1,
                "article has no text after its front matter",
                hint="write the article's paragraphs after the closing '---' line, "
                "separated by blank lines",
            )
        )
    article = Article(
        id=article_id,
        rel=rel,
        title=meta.title if meta else article_id,
        paragraphs=paragraphs,
        author=_display(meta.author) if meta else None,
        publication=(meta.publication or meta.container) if meta else None,
        date=meta.date if meta else None,
        url=meta.url if meta else None,
        language=meta.language if meta else None,
        citation=_citation(meta) if meta else Citation(),
    )
    return article, diagnostics


def _agents(specs: tuple[AgentSpec, ...] | None) -> tuple[Agent, ...]:
    return tuple(
        Agent(spec.organization, organization=True) if spec.organization else Agent(spec.name or "")
        for spec in specs or ()
    )


def _display(specs: tuple[AgentSpec, ...] | None) -> str | None:
    """The authors as the source line prints them: their names, separated by commas."""
    return ", ".join(agent.name for agent in _agents(specs)) or None


def _citation(meta: ArticleMeta) -> Citation:
    return Citation(
        type=meta.type,
        authors=_agents(meta.author),
        translators=_agents(meta.translator),
        editors=_agents(meta.editor),
        pages=meta.pages,
        volume=meta.volume,
        issue=meta.issue,
        publisher=meta.publisher,
        place=meta.place,
        number=meta.number,
        accessed=meta.accessed,
        event=meta.event,
    )


def _paragraphs(lines: list[str], start: int) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    first_line = 0
    heading: str | None = None

    def flush() -> None:
        nonlocal current, heading
        if current:
            text = _INLINE_SPACE.sub(" ", " ".join(current)).strip()
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, first_line, heading))
            heading = None
        current = []

    for index in range(start, len(lines)):
        line = lines[index]
        match = _HEADING.match(line)
        if match:
            flush()
            heading = match.group(1)
        elif line.strip():
            if not current:
                first_line = index + 1
            current.append(line.strip())
        else:
            flush()
    flush()
    return tuple(paragraphs)


_SAMPLE = 20_000  # characters of an article enough to tell its script


def with_language(article: Article, course_language: str) -> tuple[Article, Diagnostic | None]:
    """The article with the language its text is marked with: its declared one, or the
    course's if the script fits, else its script's (with a warning at its first paragraph)."""
    sample, size = [], 0
    for paragraph in article.paragraphs:
        if size >= _SAMPLE:
            break
        sample.append(paragraph.text[: _SAMPLE - size])
        size += len(sample[-1])
    language, finding = resolve(
        " ".join(sample),
        article.language,
        course_language,
        what=f"article '{article.id}'",
        whose="course",
        how="add 'language: {lang}' to its front matter",
    )
    if finding is None:
        return article, None
    line = article.paragraphs[0].line if article.paragraphs else 1
    warning = Diagnostic(
        article.rel, line, 1, finding.message, hint=finding.hint, severity=Severity.WARNING
    )
    return (replace(article, language=language) if language else article), warning
