"""`coursegen check --a11y`: the accessibility of a course, checked in its sources and in the
outputs a build wrote (it builds nothing). Each finding names the WCAG 2.1 success criterion or
the Matterhorn Protocol checkpoint it fails.

sources.py      control characters and mojibake in the course's text files, at file:line
pdf.py          PDF/UA-1 rules (page-validation), /Lang, inserted hyphens, untagged content,
                language of parts by script, .notdef glyphs, fonts not embedded
pdfcontent.py   what a PDF's pages show and how it is tagged (pikepdf)
docx.py         headings, language, title, empty paragraphs, language of parts in a DOCX
html.py         language, title, heading levels, language of parts in an HTML page
scripts.py      words in a script their language is not written in
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..builder import BuildOptions, plan
from ..content.course import Course
from ..output import Manifest
from ..render import default_formats
from . import findings as f
from .docx import check_docx
from .findings import Finding
from .html import check_html
from .pdf import SourceWords, check_pdf
from .sources import check_text, read_sources, words_of

__all__ = ["Finding", "check_accessibility"]

CHECKED_SUFFIXES = (".pdf", ".docx", ".html")
# Formats a build makes only when asked for: their outputs are checked where they exist.
OPTIONAL_FORMATS = ("html",)
BUILD_FIRST = "run 'coursegen build' first"
PUBLISH_FIRST = "run 'coursegen publish' first"


def check_accessibility(course: Course, out_dir: Path) -> list[Finding]:
    """Every accessibility finding in the course's sources and in its built outputs under
    `out_dir`, sorted by file. Outputs that are missing or older than their inputs are
    findings too (they are not built here)."""
    texts = dict(read_sources(course))
    out = [finding for rel, text in texts.items() for finding in check_text(rel, text)]
    words, hyphenated = words_of(course, list(texts.values()))
    sources = SourceWords(words, hyphenated)
    for path, shown in _outputs(course, out_dir, out):
        if path.suffix == ".pdf":
            out += check_pdf(path, shown, sources)
        elif path.suffix == ".html":
            out += check_html(path, shown)
        else:
            out += check_docx(path, shown)
    return sorted(out, key=Finding.sort_key)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _outputs(course: Course, out_dir: Path, out: list[Finding]) -> list[tuple[Path, str]]:
    """The PDF and DOCX files a whole-course build makes, and the HTML pages one made when asked
    and the documents `publish` made, that exist as regular files; the missing and out-of-date
    ones are added to `out`."""
    folder = Path(os.path.abspath(out_dir))
    root = Path(os.path.abspath(course.root))
    if not folder.is_dir():
        out.append(Finding(_shown(folder, root) + "/", f.NOT_BUILT, f"no outputs; {BUILD_FIRST}"))
        return []
    defaults = default_formats("build")
    optional = tuple(name for name in OPTIONAL_FORMATS if name not in defaults)
    jobs, _ = plan(course, None, BuildOptions(out_dir=folder, formats=(*defaults, *optional)))
    # what `coursegen publish` makes (the reader, the reading list), checked where it exists
    published, _ = plan(
        course, None, BuildOptions(out_dir=folder, formats=(*defaults, *optional), publish=True)
    )
    built = {job.rel for job in jobs}
    jobs += [job for job in published if job.rel not in built]
    optional_outputs = {job.rel for job in published if job.rel not in built}
    manifest = Manifest(folder)
    found = []
    missing = []
    for job in jobs:
        if not job.rel.endswith(CHECKED_SUFFIXES):
            continue
        path = folder / job.rel
        shown = _shown(path, root)
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            if job.format not in optional and job.rel not in optional_outputs:
                missing.append(shown)
            continue
        if not stat.S_ISREG(mode):
            out.append(Finding(shown, f.UNREADABLE, "is not a regular file; it is not read"))
            continue
        record = manifest.records.get(job.rel)
        if record is None or record.inputs != job.inputs:
            again = PUBLISH_FIRST if job.rel in optional_outputs else BUILD_FIRST
            out.append(
                Finding(shown, f.OUT_OF_DATE, f"its sources changed since it was built; {again}")
            )
        found.append((path, shown))
    if missing and not found:
        out.append(Finding(_shown(folder, root) + "/", f.NOT_BUILT, f"no outputs; {BUILD_FIRST}"))
    else:
        out += [Finding(shown, f.NOT_BUILT, f"missing; {BUILD_FIRST}") for shown in missing]
    return found
