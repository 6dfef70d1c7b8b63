"""`coursegen import`: an article from a source as it comes (a saved web page, a PDF, a Word
file, plain or pasted text) into `articles/<id>.md`, with a review report of every decision in
`imports/<id>.report.txt`.

Each kind of source has a module beside this one with `extract(data) -> Extraction`
(extraction.py); this module picks it by the file's suffix, merges what it found with the
instructor's options, and writes the two files. Nothing here prints: the command prints the
summary the result carries.
"""

from __future__ import annotations

import importlib
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
from .extraction import META_KEYS, Extraction

MAX_SOURCE_BYTES = 2 * MAX_ARTICLE_BYTES
_ID_MAX = 60
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)
# Which module reads which files, and what the review report calls them.
IMPORTERS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "word",
    ".txt": "text",
}
SUFFIXES = tuple(IMPORTERS)
_DATE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}){0,2}$")


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
            f"{source}: coursegen cannot import {source.suffix} files"
            if source.suffix
            else f"{source}: coursegen cannot import files without a suffix",
            "it imports saved web pages (.html, .htm), PDFs, Word files (.docx) and plain text "
            "(.txt); save or copy the text into a .txt file, or paste it with "
            "'coursegen import -'",
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


def _language(text: str) -> str:
    import py3langid  # type: ignore[import-untyped]

    code, _ = py3langid.classify(text[:20_000])
    return str(code)


def _meta(found: Extraction, options: ImportOptions) -> tuple[dict[str, Any], list[str]]:
    """The front matter, and where each value came from: the options win over what the
    importer found; the language is identified from the text when neither gives it."""
    meta: dict[str, Any] = {}
    sources: list[str] = []
    for key in META_KEYS:
        given = getattr(options, key)
        if given and given.strip():
            meta[key] = given.strip()
            sources.append(f"{key}: {meta[key]!r} (from --{key})")
        elif key in found.meta:
            meta[key] = found.meta[key].value
            sources.append(f"{key}: {meta[key]!r} ({found.meta[key].where})")
    if "title" not in meta:
        raise CoursegenError(
            "no title: the text's first line does not look like one (a short line on its "
            "own, with no end punctuation, followed by a blank line)"
            if found.kind == "plain text"
            else f"no title found in the {found.kind}",
            "give one with --title 'The article's title'",
        )
    if "language" not in meta:
        meta["language"] = _language("\n".join(block.text for block in found.paragraphs))
        sources.append(f"language: {meta['language']} (identified from the text; check it)")
    elif "language" in found.meta and not options.language:
        sources[-1] = sources[-1][:-1] + "; check it)"
    meta = {key: meta[key] for key in META_KEYS if key in meta}
    try:
        ArticleMeta.model_validate(meta)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"][:1])
        message = str(error["msg"]).removeprefix("Value error, ")
        if getattr(options, field, None):
            raise CoursegenError(f"--{field}: {message}") from None
        # a value the importer found and got wrong: leave it out, and say so
        dropped = meta.pop(field)
        sources = [
            line
            if not line.startswith(f"{field}: ")
            else f"{field}: {dropped!r} left out ({message})"
            for line in sources
        ]
        ArticleMeta.model_validate(meta)
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


def markdown(meta: dict[str, Any], found: Extraction) -> str:
    front = "".join(
        # a date is written as a date (YAML would quote '2009-07-06' to keep it a string)
        f"{key}: {value}\n"
        if key == "date" and _DATE.match(value)
        else yaml.safe_dump({key: value}, allow_unicode=True, width=10_000)
        for key, value in meta.items()
    )
    body = "\n\n".join(f"## {b.text}" if b.heading else b.text for b in found.blocks)
    return f"---\n{front}---\n\n{body}\n"


def report_text(source_name: str, article_rel: str, found: Extraction, sources: list[str]) -> str:
    out = [
        f"coursegen import: {source_name} -> {article_rel}",
        "Review this before teaching from the article: every decision is listed below.",
        "",
        *found.facts,
        *sources,
        "",
        "Paragraphs (where each starts in the source):",
    ]
    number = 0
    for block in found.blocks:
        short = f"{block.text[:60]}{'…' if len(block.text) > 60 else ''}"
        if block.heading:
            out.append(f"  heading, {block.origin}: {short}")
        else:
            number += 1
            out.append(f"  ¶{number} {block.origin}: {short}")
    for section in found.sections:
        out += ["", f"{section.title}:" if section.lines else f"{section.title}: none"]
        out += [f"  {line}" for line in section.lines]
    return "\n".join(out) + "\n"


def extract(data: bytes, suffix: str) -> Extraction:
    """What the importer for `suffix` ('.txt', '.html'…) finds in `data`."""
    module = importlib.import_module(f"{__name__}.{IMPORTERS[suffix]}")
    found: Extraction = module.extract(data)
    return found


def import_article(
    source: Path | bytes, course_root: Path, options: ImportOptions, name: str = "-"
) -> ImportResult:
    """Import a source (a file, or the bytes of pasted text) into the course at `course_root`
    as articles/<id>.md, never over an existing article, and write its review report."""
    data = read_source(source) if isinstance(source, Path) else source
    source_name = str(source) if isinstance(source, Path) else name
    if len(data) > MAX_SOURCE_BYTES:
        raise CoursegenError(f"{source_name}: larger than {MAX_SOURCE_BYTES // 1_000_000} MB")
    try:
        found = extract(data, source.suffix.lower() if isinstance(source, Path) else ".txt")
    except CoursegenError as exc:  # the importers do not know the file's name: add it
        raise CoursegenError(f"{source_name}: {exc.message}", exc.hint) from None
    if not found.blocks and "title" not in found.meta:
        raise CoursegenError(f"{source_name}: no text to import")
    meta, sources = _meta(found, options)
    if not found.paragraphs:
        raise CoursegenError(f"{source_name}: a title and nothing else: nothing to import")
    article_id = _article_id(options, str(meta["title"]), course_root)
    article = course_root / "articles" / f"{article_id}.md"
    report = course_root / "imports" / f"{article_id}.report.txt"
    write_atomic(article, markdown(meta, found).encode("utf-8"))
    text = report_text(source_name, f"articles/{article_id}.md", found, sources)
    write_atomic(report, text.encode("utf-8"))
    return ImportResult(article_id, article, report, [*found.facts, *sources])
