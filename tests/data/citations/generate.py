"""Write the expected citations of tests/test_citation_styles.py with pandoc's citeproc.

Run once, and again only when sources.yaml or a vendored style changes:

    .venv/bin/python tests/data/citations/generate.py

Each article of sources.yaml goes through coursegen's own front matter reader and CSL-JSON
mapping (content/citation.py), then all of them through `pandoc --citeproc` (pandoc 3.9, from
the benchmark extra's pypandoc-binary) with the same .csl file coursegen vendors and an en-US
locale. pandoc's HTML bibliography is cut into runs of text, italic or not, and written to
<style>.json in pandoc's order (the sorted bibliography).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pypandoc
import yaml

from coursegen.content.articles import parse_article
from coursegen.content.citation import csl_item
from coursegen.content.citestyle import CSL_DIR, STYLES

HERE = Path(__file__).resolve().parent


class _Entries(HTMLParser):
    """The csl-entry divs of pandoc's HTML, each as [[text, italic], ...]."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[str, list[list[object]]]] = []
        self.italic = 0
        self.depth = 0  # inside an entry's div

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div" and "csl-entry" in (found.get("class") or ""):
            self.entries.append(((found["id"] or "").removeprefix("ref-"), []))
            self.depth = 1
        elif tag == "div" and self.depth:
            self.depth += 1
        elif tag in ("em", "i"):
            self.italic += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1
        elif tag in ("em", "i"):
            self.italic -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        runs = self.entries[-1][1]
        italic = self.italic % 2 == 1
        if runs and runs[-1][1] == italic:
            runs[-1][0] = str(runs[-1][0]) + data
        else:
            runs.append([data, italic])


def articles() -> list:
    sources = yaml.safe_load((HERE / "sources.yaml").read_text(encoding="utf-8"))
    found = []
    for source in sources:
        text = "---\n" + source["front"] + "---\n\nText.\n"
        article, problems = parse_article(text, source["id"], source["id"] + ".md", [])
        assert article is not None and not problems, problems
        found.append(article)
    return found


def tidy(runs: list[list[object]]) -> list[list[object]]:
    """Each white space as one space, none at the ends; neighbouring runs of one style merged."""
    merged: list[list[object]] = []
    for text, italic in runs:
        part = re.sub(r"\s+", " ", str(text))
        if merged and str(merged[-1][0]).endswith(" "):
            part = part.lstrip(" ")
        if merged and merged[-1][1] == italic:
            merged[-1][0] = str(merged[-1][0]) + part
        elif part:
            merged.append([part, italic])
    merged[0][0] = str(merged[0][0]).lstrip()
    merged[-1][0] = str(merged[-1][0]).rstrip()
    return [run for run in merged if run[0]]


def main() -> int:
    pandoc = pypandoc.get_pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    items = [csl_item(article) for article in articles()]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "items.json"
        data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        for name, filename in STYLES.items():
            html = subprocess.run(
                [
                    pandoc,
                    "-f",
                    "markdown",
                    "-t",
                    "html",
                    "--wrap=none",
                    "--citeproc",
                    "--csl",
                    str(CSL_DIR / filename),
                    "--bibliography",
                    str(data),
                ],
                input="---\nnocite: '@*'\nlang: en-US\n---\n",
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            parser = _Entries()
            parser.feed(html)
            expected = {
                "style": filename,
                "pandoc": version.splitlines()[0],
                "entries": [{"id": key, "runs": tidy(runs)} for key, runs in parser.entries],
            }
            out = HERE / f"{name}.json"
            out.write_text(
                json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            print(out.name, len(parser.entries), "entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
