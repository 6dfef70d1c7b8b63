"""Words written in a script that their declared language is not written in (WCAG 3.1.2).

The scripts and the languages that fit them are content/scripts.py's, the tables the build uses
to tag text by script: what the build tags, the check accepts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..content.scripts import LATIN, script_of, scripts_of

_WORD = re.compile(r"\w+")


def foreign_words(text: str, language: str) -> Iterator[tuple[str, str]]:
    """(word, script) for each word of `text` in a script that `language` is not written in.

    A language coursegen does not know fits every script. In a language with another script,
    Latin abbreviations in capitals and words with digits (NATO, G20, P5) are left alone: they
    are read letter by letter in any language. One letter says nothing."""
    known = scripts_of(language.strip().replace("_", "-"))
    if known is None:
        return
    for match in _WORD.finditer(text):
        word = match.group()
        found = {script_of(c) for c in word} - {None}
        if len(found) != 1:
            continue
        script = found.pop()
        assert script is not None
        if script in known or sum(c.isalpha() for c in word) < 2:
            continue
        if script == LATIN and (word.isupper() or any(c.isdigit() for c in word)):
            continue
        yield word, script
