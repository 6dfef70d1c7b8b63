"""Importing articles, side by side with the tools an instructor would otherwise use, in one run:

- saved web pages (tests/data/html): body-text F1 of `coursegen import` against trafilatura
  alone on the same pages, and the time per page (benchmarks/import_html.py);
- PDFs with known paragraphs (tests/data/pdf): the share of paragraphs coursegen gets exactly
  right against `pdftotext`, and the time per page (benchmarks/import_pdf.py).

Targets (issue 12): F1 at least trafilatura's; 100% of the generated PDFs' paragraphs exact; a
web page in under 0.3 s. Run: .venv/bin/python -m benchmarks.imports
"""

from __future__ import annotations

from benchmarks import import_html, import_pdf
from benchmarks.common import git_revision, write_results


def main() -> None:
    lines = [
        f"Revision {git_revision()}. Each source imported warm, in one process; medians of "
        "several runs.",
        "",
        "### Saved web pages",
        "",
        *import_html.run(),
        "",
        "### PDFs",
        "",
        *import_pdf.run(),
    ]
    text = "\n".join(lines)
    print(text)
    write_results("Importing articles", text, ".venv/bin/python -m benchmarks.imports")


if __name__ == "__main__":
    main()
