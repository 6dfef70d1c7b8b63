"""The first draft of a real page's ground truth, from the page's own HTML (source.html at the
Readability commit): run once, then reviewed by hand against the page as a browser shows it
(README.md says what was decided). The tests never run it.

Rules (what an instructor wants in a handout of the article):
- the article's container only (CONTAINER, per page: its <article>, its post's <div>, the
  wiki's content <div>), so no navigation, sidebar, comments or site footer;
- kept: section headings (h2-h6, without their '[edit]' link or '#' anchor), prose paragraphs,
  list items, quotations, and code blocks of the article (one block each, lines kept);
- a formula (Wikipedia's hidden MathML beside its image) is the symbols it shows: the MathML's
  text without its TeX <annotation>; a displayed formula outside a paragraph is a block;
- left out: the title (h1), tables of contents, infoboxes and other tables (a table only
  holding a code block is a code block), image captions, footnote markers ('[12]',
  '[citation needed]'), reference lists, hatnotes, navboxes, and every section from 'See also',
  'Notes', 'References', 'Further reading' or 'External links' on;
- page-specific: the blocks named in DROP (bylines, 'Posted by') go.

Usage: python make_truth.py READABILITY_GIT_DIR PAGE OUT.truth.json
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from lxml import html

COMMIT = "ab4027a8b37669745016869a37a504727992b2ba"
END_SECTIONS = {"see also", "notes", "references", "further reading", "external links"}
_MARKERS = re.compile(r"\[(?:\d+|[a-z]|note \d+|citation needed|clarification needed)\]")
CONTAINER = {
    "v8-blog": "//article",
    "ebb-org": "//div[@id='post']",
    "002": "//article[contains(@class,'post')]",
    "wikipedia": "//div[@id='mw-content-text']",
    # held-out pages (README.md), added after the importer's rules were written
    "wikipedia-3": "//div[@id='mw-content-text']",
    "001": "//article/section",
    "firefox-nightly-blog": "//div[contains(@class,'entry-content')]",
}
LEFT_OUT = (
    "//header | //footer | //h1 | //*[@id='toc'] | //span[contains(@class,'mw-editsection')]"
    " | //sup[contains(@class,'reference')] | //sup[contains(@class,'noprint')]"
    " | //table[not(.//pre)] | //figure | //*[contains(@class,'thumb')]"
    " | //*[contains(@class,'reflist')] | //ol[contains(@class,'references')]"
    " | //*[contains(@class,'hatnote')] | //*[contains(@class,'dablink')]"
    " | //*[contains(@class,'navbox')] | //*[contains(@class,'bookmark')]"
    " | //*[local-name()='annotation'] | //*[contains(@class,'wp-caption-text')]"
)
DROP = {
    "ebb-org": [
        r"^Tuesday 15 October 2019 by Bradley M\. Kuhn$",
        r"^Posted on ",
        r"^Submit comments",
    ],
}


def squash(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")


def _text(element: html.HtmlElement, code: bool) -> list[str]:
    """The element's text without nested lists; <br> a line break in code."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag == "br" and code:
            pieces.append("\n")
        elif isinstance(child.tag, str) and child.tag not in ("ul", "ol"):
            pieces += _text(child, code)
        pieces.append(child.tail or "")
    return pieces


def blocks(page: str, source: str) -> list[dict[str, object]]:
    root = html.fromstring(source.encode("utf-8")).xpath(CONTAINER[page])[0]
    for bad in root.xpath("." + LEFT_OUT.replace(" | //", " | .//")):
        bad.drop_tree()
    out: list[dict[str, object]] = []
    for element in root.iter("h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "dd", "dt", "div"):
        if element.tag == "div" and "mwe-math-element" not in element.get("class", ""):
            continue  # a <div> is a block only as a displayed formula
        if element.xpath("ancestor::pre | ancestor::p | ancestor::dd") or (
            element.tag != "li" and element.xpath("ancestor::li")
        ):
            continue  # inside a block already taken (a list item's own list is not)
        heading = element.tag in ("h2", "h3", "h4", "h5", "h6")
        if element.tag == "pre":
            lines = "".join(_text(element, True)).strip("\n").split("\n")
            text = "\n".join(line.rstrip() for line in lines)
        else:
            text = squash(_MARKERS.sub("", "".join(_text(element, False))))
        if heading:
            text = squash(text.replace("[edit]", "").removesuffix("#"))
            if text.casefold() in END_SECTIONS:
                break
        if not text or not any(c.isalnum() for c in text):
            continue
        if any(re.search(p, text) for p in DROP.get(page, [])):
            continue
        out.append({"text": text, "heading": heading})
    return out


def main() -> None:
    git_dir, page, out = sys.argv[1:4]
    source = subprocess.run(
        ["git", "-C", git_dir, "show", f"{COMMIT}:test/test-pages/{page}/source.html"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with open(out, "w", encoding="utf-8") as file:
        json.dump(blocks(page, source), file, ensure_ascii=False, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
