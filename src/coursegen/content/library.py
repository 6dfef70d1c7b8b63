"""The article library: every article in articles/, and the anchor index of each, made once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from ..errors import Diagnostic, Severity
from ..folders import ARTICLES_FOLDER as ARTICLES_FOLDER
from ..source.files import Source, list_sources
from ..source.schema import is_plain_id
from .articles import Article, load_article
from .excerpts import ArticleIndex


class ArticleLibrary(Mapping[str, Article]):
    """Articles by id. The anchor index of an article is built the first time an excerpt needs it
    and kept, so lessons that quote one article share one index."""

    def __init__(
        self, articles: Mapping[str, Article], unreadable: Mapping[str, str] | None = None
    ) -> None:
        self._articles = dict(articles)
        self._indexes: dict[str, ArticleIndex] = {}
        self.unreadable = dict(unreadable or {})  # id -> file, for articles that could not be read

    def __getitem__(self, article_id: str) -> Article:
        return self._articles[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def index(self, article_id: str) -> ArticleIndex:
        found = self._indexes.get(article_id)
        if found is None:
            found = self._indexes[article_id] = ArticleIndex(self._articles[article_id])
        return found


def load_library(root: Path) -> tuple[ArticleLibrary, list[Diagnostic]]:
    """Every `articles/<id>.md`; an article with problems in its front matter is still loaded."""
    articles: dict[str, Article] = {}
    unreadable: dict[str, str] = {}
    sources, _, diagnostics = list_sources(root, ARTICLES_FOLDER, (".md",), "an article", _plain)
    diagnostics += _not_markdown(root / ARTICLES_FOLDER)
    for src in sources:
        article, problems = load_article(src.path, src.rel, root)
        diagnostics += problems
        if article is not None:
            articles[article.id] = article
        else:
            unreadable[src.id] = src.rel
    return ArticleLibrary(articles, unreadable), diagnostics


def _not_markdown(folder: Path) -> list[Diagnostic]:
    """A warning for each file in articles/ that is not read: a web page, a PDF, a text file.
    Hidden files have their own warning (source/files.py) when they end in .md, and none else."""
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.endswith(".md") or name.startswith(".") or path.is_dir():
            continue
        stem = name.rsplit(".", 1)[0] if "." in name else name
        out.append(
            Diagnostic(
                f"{ARTICLES_FOLDER}/{name}",
                1,
                1,
                f"'{name}' is not used: only Markdown files (.md) in articles/ are articles",
                hint=f"copy its text into articles/{stem}.md with front matter, see the user "
                "guide (section 5), or move it out of articles/; `coursegen import` does this "
                "for text files",
                severity=Severity.WARNING,
            )
        )
    return out


def _plain(src: Source) -> Diagnostic | None:
    if is_plain_id(src.id):
        return None
    return Diagnostic(
        src.rel,
        1,
        1,
        f"'{src.path.name}' cannot be used as an article: its name is not a plain id",
        hint="rename it with letters, digits, '-', '_' or '.' only, e.g. lavrov-2009-newsweek.md",
        severity=Severity.WARNING,
    )
