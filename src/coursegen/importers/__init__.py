"""`coursegen import`: an article from a text as it comes (pasted, or saved from a PDF record)
into `articles/<id>.md`, with a review report of every decision in `imports/<id>.report.txt`.

Only plain text for now (text.py); saved web pages, PDFs and Word files will each have a module
beside it. Nothing here prints: the command prints the summary the result carries.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CoursegenError
from ..output import write_atomic
from ..source.files import MAX_ARTICLE_BYTES, name_key
from ..source.schema import ArticleMeta, is_plain_id
from .text import TextImport, import_text

MAX_SOURCE_BYTES = 2 * MAX_ARTICLE_BYTES
_TITLE_MAX = 120
_ID_MAX = 60
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)
SUFFIXES = (".txt",)


@dataclass(frozen=True)
class ImportOptions:
    id: str | None = None
    title: str | None = None
    language: str | None = None
    author: str | None = None
    date: str | None = None
    publication: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ImportResult:
    id: str
    article: Path  # articles/<id>.md
    report: Path  # imports/<id>.report.txt
    summary: list[str]  # the lines the command prints


def read_source(source: Path) -> bytes:
    """The bytes of the file to import: a regular file, no larger than MAX_SOURCE_BYTES."""
    if source.suffix.lower() not in SUFFIXES:
        raise CoursegenError(
            f"{source}: coursegen can import only plain text (.txt) for now",
            "web pages, PDFs and Word files are coming; meanwhile save or copy the text into a "
            ".txt file, or paste it with 'coursegen import -'",
        )
    try:
        info = os.stat(source)
        if not stat.S_ISREG(info.st_mode):
            raise CoursegenError(f"{source}: not a file")
        if info.st_size > MAX_SOURCE_BYTES:
            raise CoursegenError(f"{source}: larger than {MAX_SOURCE_BYTES // 1_000_000} MB")
        with open(source, "rb") as stream:
            return stream.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise CoursegenError(f"{source}: cannot be read: {exc.strerror or exc}") from None


def slug(title: str) -> str:
    """A plain id from a title: ASCII letters and digits, words joined by '-'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > _ID_MAX and out:
            break
        out = f"{out}-{word}" if out else word
    return out[:_ID_MAX]


def _title_line(found: TextImport) -> str | None:
    """The first paragraph, when it looks like a title: one short line with no end punctuation,
    and text after it."""
    if len(found.paragraphs) < 2:
        return None
    first = found.paragraphs[0]
    if len(first) > _TITLE_MAX or first.rstrip().endswith(tuple(".,;:!?…-")):
        return None
    return first


def _language(text: str) -> str:
    import py3langid  # type: ignore[import-untyped]

    code, _ = py3langid.classify(text[:20_000])
    return str(code)


def _meta(found: TextImport, options: ImportOptions) -> tuple[dict[str, Any], list[str]]:
    """The front matter, and where each value came from."""
    sources: list[str] = []
    if options.title:
        title = options.title.strip()
        sources.append(f"title: {title!r} (from --title)")
    else:
        line = _title_line(found)
        if line is None:
            raise CoursegenError(
                "no title: the text's first line does not look like one (a short line on its "
                "own, with no end punctuation, followed by a blank line)",
                "give one with --title 'The article's title'",
            )
        title = line
        found.paragraphs.pop(0)
        number = found.first_lines.pop(0)
        sources.append(f"title: {title!r} (the text's first line, line {number})")
    meta: dict[str, Any] = {"title": title}
    for key in ("author", "publication", "date", "url"):
        value = getattr(options, key)
        if value:
            meta[key] = value.strip()
            sources.append(f"{key}: {value.strip()!r} (from --{key})")
    if options.language:
        meta["language"] = options.language.strip()
        sources.append(f"language: {meta['language']} (from --language)")
    else:
        meta["language"] = _language("\n".join(found.paragraphs))
        sources.append(f"language: {meta['language']} (identified from the text; check it)")
    try:
        ArticleMeta.model_validate(meta)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"][:1])
        message = str(error["msg"]).removeprefix("Value error, ")
        raise CoursegenError(f"--{field}: {message}") from None
    return meta, sources


def _article_id(options: ImportOptions, title: str, root: Path) -> str:
    if options.id is not None:
        article_id = options.id
        if not is_plain_id(article_id) or _WINDOWS_DEVICES.match(article_id):
            raise CoursegenError(
                f"--id '{article_id}' cannot be an article id",
                "use letters, digits, '-', '_' and '.', starting with a letter or a digit",
            )
    else:
        article_id = slug(title)
        if not article_id or _WINDOWS_DEVICES.match(article_id):
            raise CoursegenError(
                f"no id can be made from the title {title!r}", "give one with --id"
            )
    folder = root / "articles"
    taken = {name_key(p.stem) for p in folder.iterdir()} if folder.is_dir() else set()
    if name_key(article_id) in taken or os.path.lexists(folder / f"{article_id}.md"):
        raise CoursegenError(
            f"articles/{article_id}.md already exists: nothing was written",
            "import under another id with --id, or delete the old article first",
        )
    return article_id


def markdown(meta: dict[str, Any], paragraphs: list[str]) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n" + "\n\n".join(paragraphs) + "\n"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def summary_lines(found: TextImport, sources: list[str]) -> list[str]:
    repaired = sum(r.changed for r in found.repairs)
    return [
        f"read as {found.encoding}",
        f"{_plural(len(found.paragraphs), 'paragraph')} found, "
        f"{_plural(found.lines_joined, 'line')} joined, "
        f"{_plural(len(found.hyphens), 'line-end hyphen')} resolved",
        f"page furniture removed: {_plural(len(found.removed), 'line')}",
        f"characters repaired: {repaired} in {_plural(len(found.repairs), 'line')}",
        *sources,
    ]


def report_text(source_name: str, article_rel: str, found: TextImport, sources: list[str]) -> str:
    out = [
        f"coursegen import: {source_name} -> {article_rel}",
        "Review this before teaching from the article: every decision is listed below.",
        "",
        *summary_lines(found, sources),
        "",
        "Paragraphs (the source line each starts at):",
        *(
            f"  ¶{n} line {line}: {text[:60]}{'…' if len(text) > 60 else ''}"
            for n, (line, text) in enumerate(
                zip(found.first_lines, found.paragraphs, strict=True), 1
            )
        ),
        "",
        "Line-end hyphens:" if found.hyphens else "Line-end hyphens: none",
        *(
            f"  line {h.line}: {h.first} + {h.second} -> {h.result} ({h.why})"
            for h in found.hyphens
        ),
        "",
        "Page furniture removed:" if found.removed else "Page furniture removed: none",
        *(f"  line {r.line}: {r.text!r} ({r.why})" for r in found.removed),
        "",
        "Characters repaired:" if found.repairs else "Characters repaired: none",
        *(f"  line {r.line}: {r.before!r}\n       -> {r.after!r}" for r in found.repairs),
    ]
    return "\n".join(out) + "\n"


def import_article(
    source: Path | bytes, course_root: Path, options: ImportOptions, name: str = "-"
) -> ImportResult:
    """Import a text (a .txt file, or the bytes of pasted text) into the course at `course_root`
    as articles/<id>.md, never over an existing article, and write its review report."""
    data = read_source(source) if isinstance(source, Path) else source
    if len(data) > MAX_SOURCE_BYTES:
        raise CoursegenError(f"{name}: larger than {MAX_SOURCE_BYTES // 1_000_000} MB")
    found = import_text(data)
    if not found.paragraphs:
        raise CoursegenError(f"{source if isinstance(source, Path) else name}: no text to import")
    meta, sources = _meta(found, options)
    if not found.paragraphs:
        raise CoursegenError("the text has a title and nothing else: nothing to import")
    article_id = _article_id(options, str(meta["title"]), course_root)
    article = course_root / "articles" / f"{article_id}.md"
    report = course_root / "imports" / f"{article_id}.report.txt"
    write_atomic(article, markdown(meta, found.paragraphs).encode("utf-8"))
    source_name = str(source) if isinstance(source, Path) else name
    text = report_text(source_name, f"articles/{article_id}.md", found, sources)
    write_atomic(report, text.encode("utf-8"))
    return ImportResult(article_id, article, report, summary_lines(found, sources))
