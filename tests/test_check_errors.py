"""`coursegen check` on a corpus of bad courses: one small course per mistake, exact messages.

Each case writes the files given over a sound base course (see conftest.py; a file given as None
is removed), runs `coursegen check`, and asserts the exact report, the summary line, exit status
1 when there is an error and 0 for warnings only, no traceback, and that nothing on disk changed.
The table is the catalogue of every message and hint `check` can print: a new message gets a case
here, and tests/test_guide_messages.py holds the user guide to it.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coursegen.cli import main

from conftest import GLOSSARY, MakeCourse, snapshot

CASES: list[tuple[str, dict[str, str | bytes | None], str, str]] = [
    (
        "see-leads-nowhere",
        {"glossary.yaml": GLOSSARY + "- term: NPT\n  definition: The treaty.\n  see: [STRAT]\n"},
        (
            "glossary.yaml:14:9: warning: 'NPT' says see 'STRAT', but the glossary has no entry "
            "'STRAT'\n"
            "    hint: did you mean 'START'?\n"
        ),
        "checked 1 lesson, 1 article, 5 glossary entries: 1 warning",
    ),
    (
        "yaml-syntax",
        {
            "lessons/l.yaml": "title: Why: and how\nreadings: []\n",
        },
        (
            "lessons/l.yaml:1:11: error: YAML syntax error: mapping values are not allowed here\n"
            "    hint: a value that contains ': ' must be put in quotes, e.g. question: \"Why: and how?\"\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "unclosed-quote",
        {
            "lessons/l.yaml": 'title: "Resetting\nreadings:\n  - article: test-article\n',
        },
        (
            "lessons/l.yaml:1:8: error: YAML syntax error: found unexpected end of stream\n"
            "    hint: a quotation mark is opened but never closed\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "tab-indentation",
        {
            "lessons/l.yaml": "title: T\nreadings:\n\t- article: test-article\n",
        },
        (
            "lessons/l.yaml:3:1: error: tab character in indentation\n"
            "    hint: YAML indents with spaces only: replace the tab with spaces\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "empty-file",
        {
            "lessons/l.yaml": "",
        },
        (
            "lessons/l.yaml:1:1: error: a lesson is empty\n"
            "    hint: start with the keys title:, readings:\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "not-utf8",
        {
            "lessons/l.yaml": b"title: Caf\xe9\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:1:11: error: file is not UTF-8 text (byte 0xe9 cannot be read)\n"
            "    hint: save the file as UTF-8 (in most editors: Save As… > Encoding: UTF-8)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "not-a-mapping",
        {
            "lessons/l.yaml": "- title: T\n- readings: []\n",
        },
        (
            "lessons/l.yaml:1:1: error: a lesson must be a mapping of keys, not a list\n"
            "    hint: start with the keys title:, readings:\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "unknown-key",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nqestions:\n  - question: Why?\n",
        },
        (
            "lessons/l.yaml:4:1: error: unknown key 'qestions'\n"
            "    hint: did you mean 'questions'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "missing-title",
        {
            "lessons/l.yaml": "week: 5\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:1:1: error: missing required key 'title'\n"
            "    hint: add a line 'title: …' with the title\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "missing-readings",
        {
            "lessons/l.yaml": "title: T\n",
        },
        (
            "lessons/l.yaml:1:1: error: missing required key 'readings'\n"
            "    hint: list at least one article, e.g. readings: [{article: my-article-id}]\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "wrong-type",
        {
            "lessons/l.yaml": "title: A test lesson\nweek: five\nobjectives: Explain the reset.\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:2:7: error: 'week' must be a whole number, not 'five'\n"
            "lessons/l.yaml:3:13: error: 'objectives' must be a list, not 'Explain the reset.'\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "impossible-date",
        {
            "lessons/l.yaml": "title: T\ndate: 2027-02-30\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:2:7: error: 'date' is not a real date: 2027-02-30\n"
            "    hint: check the month and day\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "unknown-bloom-level",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nquestions:\n  - question: Why?\n    level: synthesise\n",
        },
        (
            "lessons/l.yaml:6:12: error: unknown Bloom level 'synthesise'\n"
            "    hint: use one of: remember, understand, apply, analyze, evaluate, create\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "unknown-article",
        {
            "lessons/l.yaml": "title: T\nreadings:\n  - article: test-articel\n",
        },
        (
            "lessons/l.yaml:3:14: error: unknown article 'test-articel'\n"
            "    hint: did you mean 'test-article'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "path-traversal",
        {
            "lessons/l.yaml": "title: T\nreadings:\n  - article: ../../etc/passwd\n",
        },
        (
            "lessons/l.yaml:3:14: error: '../../etc/passwd' is not an article id\n"
            "    hint: an article id is the name of a file in articles/ without '.md', e.g. lavrov-2009-newsweek\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "paragraph-out-of-range",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: [1, 2-5]\n",
        },
        (
            "lessons/l.yaml:5:21: error: excerpt 'A': paragraph 5 is out of range: article 'test-article' has 3 paragraphs\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "reversed-range",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 3-1\n",
        },
        (
            "lessons/l.yaml:5:21: error: reversed paragraph range '3-1'\n"
            "    hint: write the smaller number first: 1-3\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "paragraphs-drifted",  # ¶2 showed "Second." when recorded; a paragraph was added above
        {
            "articles/lavrov-2009-start-wire.md": "---\ntitle: A wire report\n---\n\nFirst.\n\nAdded.\n\nSecond.\n\nThird.\n",
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: lavrov-2009-start-wire\n    excerpts:\n      - paragraphs: 2\n",
            "excerpts.lock": '"l":\n  "A": {article: "lavrov-2009-start-wire", paragraphs: "2", text: ["1e8bbbab"], starts: "Second."}\n',
        },
        (
            "lessons/l.yaml:5:21: error: excerpt 'A' (¶2 of 'lavrov-2009-start-wire') now shows other text: it showed \"Second.\" and now shows \"Added.\"; the text it showed is now ¶3\n"
            "    hint: run 'coursegen accept lessons/l.yaml' to keep the new text, or change 'paragraphs:' to 3\n"
        ),
        "checked 1 lesson, 2 articles, 4 glossary entries: 1 error",
    ),
    (
        "anchor-not-found",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - from: "crisis of trus"\n        to: "G-20 sumit"\n',
        },
        (
            "lessons/l.yaml:6:13: error: excerpt 'A': \"G-20 sumit\" not found in article 'test-article'; closest: \"G-20 summit.\" (¶1)\n"
            "    hint: copy the words exactly from the article (spacing, quotes and dashes may differ)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "anchor-ambiguous",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - from: "Russia"\n',
        },
        (
            "lessons/l.yaml:5:15: error: excerpt 'A': \"Russia\" occurs 3 times in article 'test-article' (¶3)\n"
            "    hint: an anchor must occur once: add words before or after it\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "anchor-to-before-from",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - from: "The second paragraph"\n        to: "crisis of trust"\n',
        },
        (
            "lessons/l.yaml:6:13: error: excerpt 'A': the 'to' text \"crisis of trust\" comes before the 'from' text in article 'test-article'\n"
            "    hint: 'to' marks where the excerpt ends: choose words after the 'from' text\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "paragraphs-and-from",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 1\n        from: "The first"\n',
        },
        (
            "lessons/l.yaml:6:15: error: excerpt 'A' gives both 'paragraphs' and 'from'\n"
            "    hint: use either paragraphs: or from:/to:, not both\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "duplicate-excerpt-id",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - id: A\n        paragraphs: 1\n      - id: A\n        paragraphs: 2\n",
        },
        (
            "lessons/l.yaml:7:13: error: duplicate excerpt id 'A' (first used on line 5)\n"
            "    hint: give each excerpt of a lesson its own id\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "question-unknown-excerpt",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - id: A\n        paragraphs: 1\n      - id: B\n        paragraphs: 2\nquestions:\n  - question: Why?\n    excerpts: [A, C]\n",
        },
        (
            "lessons/l.yaml:11:19: error: question 1 cites excerpt 'C', which this lesson does not have\n"
            "    hint: this lesson's excerpts are: A, B\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "unknown-glossary-term",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nglossary:\n  terms: [P5 + 1, Quartett]\n",
        },
        (
            "lessons/l.yaml:5:11: error: glossary term 'P5 + 1' is not defined in the glossary\n"
            "    hint: did you mean 'P5+1'?\n"
            "lessons/l.yaml:5:19: error: glossary term 'Quartett' is not defined in the glossary\n"
            "    hint: did you mean 'Quartet'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "article-no-front-matter",
        {
            "articles/test-article.md": "Just text.\n\nMore text.\n",
        },
        (
            "articles/test-article.md:1:1: error: article has no front matter\n"
            "    hint: begin the file with a line '---', then 'title: …', then another line '---'\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "article-no-title",
        {
            "articles/test-article.md": "---\nauthor: A. Writer\ndate: 2009-13-01\n---\n\nText.\n",
        },
        (
            "articles/test-article.md:2:1: error: missing required key 'title'\n"
            "    hint: add a line 'title: …' with the title\n"
            "articles/test-article.md:3:7: error: 'date' is not a real date: 2009-13-01\n"
            "    hint: write it as YYYY-MM-DD\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "python-tag",
        {
            "lessons/l.yaml": 'title: !!python/object/apply:os.system ["echo pwned"]\nreadings:\n  - article: test-article\n',
        },
        (
            "lessons/l.yaml:1:8: error: YAML tag '!!python/object/apply:os.system' is not allowed\n"
            "    hint: coursegen reads plain YAML only: remove the tag\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "alias-bomb",
        {
            "lessons/l.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ntitle: T\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:5:20: error: file expands to more than 50,000 values\n"
            "    hint: remove the YAML aliases (*name) that repeat large parts of the file\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "duplicate-key",
        {
            "lessons/l.yaml": "title: T\ntitle: U\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:2:1: error: duplicate key 'title' (first given on line 1)\n"
            "    hint: give each key once; remove or merge the repeated one\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "bad-course-yaml",
        {
            "course.yaml": "title: Test course\npaper: a5\nbuiltin_glossary: false\nlangauge: en\n",
        },
        (
            "course.yaml:2:8: error: 'paper' must be one of 'a4' or 'letter', not 'a5'\n"
            "course.yaml:4:1: error: unknown key 'langauge'\n"
            "    hint: did you mean 'language'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "bad-citation-style",
        {
            "course.yaml": "title: Test course\nbuiltin_glossary: false\ncitation_style: chicgo\n",
        },
        (
            "course.yaml:3:17: error: unknown citation style 'chicgo'\n"
            "    hint: did you mean 'chicago-author-date'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "bad-citation-style-unknown",
        {
            "course.yaml": "title: Test course\nbuiltin_glossary: false\ncitation_style: harvard\n",
        },
        (
            "course.yaml:3:17: error: unknown citation style 'harvard'\n"
            "    hint: use one of: chicago-author-date, apa, mla\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "bad-glossary",
        {
            "glossary.yaml": "- term: START\n- term: NPT\n  definition: The treaty.\n  alias: [Non-Proliferation Treaty]\n",
        },
        (
            "articles/test-article.md:8:1: warning: 'START' (¶1) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
            "name, an abbreviation), list it under not_acronyms in course.yaml\n"
            "articles/test-article.md:11:1: warning: 'P5+1' (¶2) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
            "name, an abbreviation), list it under not_acronyms in course.yaml\n"
            "glossary.yaml:1:3: error: missing required key 'definition'\n"
            "    hint: add a definition of one to three sentences\n"
            "glossary.yaml:4:3: error: unknown key 'alias'\n"
            "    hint: did you mean 'aliases'?\n"
        ),
        "checked 1 lesson, 1 article, 1 glossary entry: 2 errors, 2 warnings",
    ),
    (
        "problems-in-two-lessons",
        {
            "lessons/a.yaml": "title: A\nreadings:\n  - article: nope\n",
            "lessons/b.yaml": "title: B\nreadings:\n  - article: test-article\nquestions:\n  - question: Q\n    minutes: 0\n",
        },
        (
            "lessons/a.yaml:3:14: error: unknown article 'nope'\n"
            "    hint: the articles are: test-article\n"
            "lessons/b.yaml:6:14: error: 'minutes' must be at least 1, not the number 0\n"
        ),
        "checked 3 lessons, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "yaml-special-character",
        {
            "lessons/l.yaml": "title: @home\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:1:8: error: YAML syntax error: found character that cannot start any token\n"
            "    hint: a value that starts with a special character such as ` @ % must be put in quotes\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "yaml-line-without-colon",
        {
            "lessons/l.yaml": "title: A test lesson\nsummary: The reset\nand what followed\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:3:1: error: YAML syntax error: could not find expected ':'\n"
            "    hint: each line of a mapping is 'key: value'; check this line\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "yaml-merge-key",
        {
            "lessons/l.yaml": "base: &b {title: T}\n<<: *b\nreadings:\n  - article: test-article\n",
        },
        ("lessons/l.yaml:2:1: error: YAML merge keys (<<) are not supported\n"),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "yaml-key-not-a-word",
        {
            "lessons/l.yaml": "title: T\n[a, b]: x\nreadings:\n  - article: test-article\n",
        },
        ("lessons/l.yaml:2:1: error: a key must be a plain word, not a list or mapping\n"),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "course-yaml-not-a-mapping",
        {
            "course.yaml": "- title: Test course\n",
        },
        (
            "course.yaml:1:1: error: course.yaml must be a mapping of keys, not a list\n"
            "    hint: start with keys such as title:, code:, instructor:, institution:\n"
        ),
        "checked 1 lesson, 1 article, 498 glossary entries: 1 error",
    ),
    (
        "unknown-key-no-close-match",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nquestions:\n  - question: Why?\n    answer: Because.\n",
        },
        (
            "lessons/l.yaml:6:5: error: unknown key 'answer'\n"
            "    hint: allowed keys: question, excerpts, level, notes, minutes, language\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "misspelt-required-key-in-a-list",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nquestions:\n  - qestion: Why?\n",
        },
        (
            "lessons/l.yaml:5:5: error: missing required key 'question'\n"
            '    hint: write the question itself, e.g. question: "Why did trust break down?"\n'
            "lessons/l.yaml:5:5: error: unknown key 'qestion'\n"
            "    hint: did you mean 'question'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "missing-article-and-question",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n  - excerpts: [{paragraphs: 1}]\nquestions:\n  - notes: Ask about trust.\n",
        },
        (
            "lessons/l.yaml:4:5: error: missing required key 'article'\n"
            "    hint: name the article to read, e.g. article: lavrov-2009-newsweek\n"
            "lessons/l.yaml:6:5: error: missing required key 'question'\n"
            '    hint: write the question itself, e.g. question: "Why did trust break down?"\n'
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "glossary-missing-term",
        {
            "glossary.yaml": GLOSSARY + "- definition: A treaty.\n",
        },
        (
            "glossary.yaml:12:3: error: missing required key 'term'\n"
            "    hint: name the term, e.g. term: START\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "glossary-not-a-list",
        {
            "glossary.yaml": "term: START\ndefinition: A treaty.\n",
        },
        (
            "articles/test-article.md:8:1: warning: 'START' (¶1) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
            "name, an abbreviation), list it under not_acronyms in course.yaml\n"
            "articles/test-article.md:11:1: warning: 'P5+1' (¶2) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
            "name, an abbreviation), list it under not_acronyms in course.yaml\n"
            "glossary.yaml:1:1: error: the glossary must be a list of entries\n"
            "    hint: start each entry with '- term: …' followed by '  definition: …'\n"
        ),
        "checked 1 lesson, 1 article, 0 glossary entries: 1 error, 2 warnings",
    ),
    (
        "glossary-entry-empty-or-list",
        {
            "glossary.yaml": GLOSSARY + "-\n- [NPT, A treaty.]\n",
        },
        (
            "glossary.yaml:12:2: error: a glossary entry is empty\n"
            "    hint: start with the keys term:, definition:\n"
            "glossary.yaml:13:3: error: a glossary entry must be a mapping of keys, not a list\n"
            "    hint: start with the keys term:, definition:\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "paragraphs-not-a-range",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 1\n      - paragraphs: two\n      - paragraphs: [1.5]\n      - paragraphs: {first: 1}\n",
        },
        (
            "lessons/l.yaml:6:21: error: 'paragraphs' must be a number, a range like 1-3, or a list like [1-2, 6], not 'two'\n"
            "lessons/l.yaml:7:21: error: 'paragraphs' must be a number, a range like 1-3, or a list like [1-2, 6], not the number 1.5\n"
            "lessons/l.yaml:8:21: error: 'paragraphs' must be a number, a range like 1-3, or a list like [1-2, 6], not a mapping\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 3 errors",
    ),
    (
        "paragraphs-empty-or-zero",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 0\n      - paragraphs: []\n",
        },
        (
            "lessons/l.yaml:5:21: error: paragraph numbers start at 1, not 0\n"
            "lessons/l.yaml:6:21: error: 'paragraphs' is an empty list\n"
            "    hint: give a number, a range like 1-3, or a list\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "excerpts-empty-list",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 1\n  - article: test-article\n    excerpts: []\n",
        },
        (
            "lessons/l.yaml:7:15: error: 'excerpts' is an empty list\n"
            "    hint: list at least one excerpt, or remove 'excerpts' to use the whole article\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "paragraphs-and-to",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 1\n        to: "G-20 summit"\n',
        },
        (
            "lessons/l.yaml:6:13: error: excerpt 'A' gives both 'paragraphs' and 'to'\n"
            "    hint: use either paragraphs: or from:/to:, not both\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "to-without-from",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 1\n      - to: "G-20 summit"\n',
        },
        (
            "lessons/l.yaml:6:13: error: excerpt 'B' has 'to' but no 'from'\n"
            "    hint: add from: with the words the excerpt starts with\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "anchor-not-found-nothing-close",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - from: "xyzzy"\n',
        },
        (
            "lessons/l.yaml:5:15: error: excerpt 'A': \"xyzzy\" not found in article 'test-article'\n"
            "    hint: copy the words exactly from the article (spacing, quotes and dashes may differ)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "anchor-only-spaces",
        {
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: test-article\n    excerpts:\n      - from: "  "\n      - from: "crisis of trust"\n        to: " "\n',
        },
        (
            "lessons/l.yaml:5:15: error: 'from' must contain words, not only spaces\n"
            '    hint: copy a few words from the article, e.g. from: "crisis of trust"\n'
            "lessons/l.yaml:7:13: error: 'to' must contain words, not only spaces\n"
            '    hint: copy a few words from the article, e.g. to: "crisis of trust"\n'
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "empty-values",
        {
            "lessons/l.yaml": "title: ''\nobjectives: ['']\nreadings:\n  - article: test-article\nquestions:\n  - question: ''\n",
        },
        (
            "lessons/l.yaml:1:8: error: 'title' must not be empty\n"
            "lessons/l.yaml:2:14: error: each item of 'objectives' must not be empty\n"
            "lessons/l.yaml:6:15: error: 'question' must not be empty\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 3 errors",
    ),
    (
        "empty-readings",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings: []\n",
        },
        ("lessons/l.yaml:2:11: error: 'readings' must not be empty\n"),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "empty-glossary-values",
        {
            "glossary.yaml": GLOSSARY + "- term: ''\n  definition: A treaty.\n  aliases: ['']\n",
        },
        (
            "glossary.yaml:12:9: error: 'term' must not be empty\n"
            "glossary.yaml:14:13: error: each item of 'aliases' must not be empty\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "wrong-kinds",
        {
            "lessons/l.yaml": "title: [The reset]\nreadings:\n  - test-article\nglossary: [START]\n",
        },
        (
            "lessons/l.yaml:1:8: error: 'title' must be text, not a list\n"
            "lessons/l.yaml:3:5: error: each item of 'readings' must be a mapping of keys, not 'test-article'\n"
            "lessons/l.yaml:4:11: error: 'glossary' must be a mapping of keys, not a list\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 3 errors",
    ),
    (
        "not-true-or-false",
        {
            "course.yaml": "title: Test course\nbuiltin_glossary: maybe\n",
        },
        ("course.yaml:2:19: error: 'builtin_glossary' must be true or false, not 'maybe'\n"),
        "checked 1 lesson, 1 article, 498 glossary entries: 1 error",
    ),
    (
        "numbers-too-large-or-infinite",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nweek: .inf\nquestions:\n  - question: Why?\n    minutes: 1.0e+30\n",
        },
        (
            "lessons/l.yaml:4:7: error: 'week' must be a whole number, not the number inf\n"
            "lessons/l.yaml:7:14: error: 'minutes' is far too large: the number 1e+30\n"
            "    hint: write a small whole number, e.g. 5\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 2 errors",
    ),
    (
        "lesson-date-format",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\ndate: next week\n",
        },
        ("lessons/l.yaml:4:7: error: 'date' must be a date written YYYY-MM-DD, not 'next week'\n"),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "article-date-format",
        {
            "articles/test-article.md": "---\ntitle: A test article\ndate: July 2009\n---\n\nText.\n",
        },
        (
            "articles/test-article.md:3:7: error: 'date' must be written YYYY-MM-DD (or YYYY-MM when the day is unknown), not 'July 2009'\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "language-code",
        {
            "course.yaml": "title: Test course\nlanguage: en_GB\nbuiltin_glossary: false\n",
        },
        (
            "course.yaml:2:11: error: 'en_GB' is not a language code\n"
            "    hint: use a BCP 47 code such as en, ru, fr, ar, he, en-GB\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "language-read-as-false",
        {
            "course.yaml": "title: Test course\nlanguage: no\nbuiltin_glossary: false\n",
        },
        (
            "course.yaml:2:11: error: 'language' must be a language code such as en or fr, not 'false'\n"
            '    hint: write the code in quotes, e.g. language: "no"\n'
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "labels-untranslated-language",
        {
            "course.yaml": "title: Test course\nlanguage: sw\nbuiltin_glossary: false\n",
        },
        (
            "course.yaml:2:11: warning: coursegen has no translation of its labels into 'sw'; they are printed in English\n"
            "    hint: give them in your language under 'labels:' in course.yaml (the keys are listed in the user guide, section 4)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "labels-wrong",
        {
            "course.yaml": (
                "title: Test course\nbuiltin_glossary: false\nlabels:\n"
                "  exerpt: Reading {id}\n"
                "  excerpt: Reading\n"
                "  minutes-in-all:\n"
                '    one: "{minutes} minute in all"\n'
                '    other: "{count} minutes in all"\n'
            ),
        },
        (
            "course.yaml:4:3: error: unknown label 'exerpt'\n"
            "    hint: did you mean 'excerpt'?\n"
            "course.yaml:5:12: error: label 'excerpt' must keep {id}\n"
            "    hint: coursegen's English label is 'Excerpt {id}'\n"
            "course.yaml:8:12: error: label 'minutes-in-all' (other) has unknown {count}\n"
            "    hint: it may use {minutes}\n"
            "course.yaml:8:12: error: label 'minutes-in-all' (other) must keep {minutes}\n"
            "    hint: coursegen's English label is '· {minutes} minutes in all'\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 4 errors",
    ),
    (
        "language-a-number",
        {
            "articles/test-article.md": "---\ntitle: A test article\nlanguage: 5\n---\n\nText.\n",
        },
        (
            "articles/test-article.md:3:11: error: 'language' must be a language code such as en or fr, not the number 5\n"
            "    hint: use a BCP 47 code such as en, ru, fr, ar, he, en-GB\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "front-matter-not-closed",
        {
            "articles/test-article.md": "---\ntitle: A test article\n\nText.\n",
        },
        (
            "articles/test-article.md:1:1: error: front matter is not closed\n"
            "    hint: add a line with only '---' after the last front matter line\n"
            "lessons/l.yaml:3:14: error: article 'test-article' could not be read\n"
            "    hint: fix the problems reported for articles/test-article.md\n"
        ),
        "checked 1 lesson, 0 articles, 4 glossary entries: 2 errors",
    ),
    (
        "front-matter-empty",
        {
            "articles/test-article.md": "---\n---\n\nText.\n",
        },
        (
            "articles/test-article.md:2:1: error: front matter is empty\n"
            "    hint: start with the keys title:\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "article-no-text",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n",
        },
        (
            "articles/test-article.md:4:1: error: article has no text after its front matter\n"
            "    hint: write the article's paragraphs after the closing '---' line, separated by blank lines\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "no-articles",
        {
            "articles/test-article.md": None,
        },
        (
            "lessons/l.yaml:3:14: error: unknown article 'test-article'\n"
            "    hint: put the article in articles/ as <id>.md\n"
        ),
        "checked 1 lesson, 0 articles, 4 glossary entries: 1 error",
    ),
    (
        "glossary-term-nothing-close",
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\nglossary:\n  terms: [Zeitgeist]\n",
        },
        (
            "lessons/l.yaml:5:11: error: glossary term 'Zeitgeist' is not defined in the glossary\n"
            "    hint: define it in glossary.yaml (term: and definition:)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "article-name-not-an-id",
        {
            "articles/test-article(2).md": "---\ntitle: T\n---\n\nText.\n",
        },
        (
            "articles/test-article(2).md:1:1: warning: 'test-article(2).md' cannot be used as an article: its name is not a plain id\n"
            "    hint: rename it with letters, digits, '-', '_' or '.' only, e.g. lavrov-2009-newsweek.md\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "lesson-name-output",
        {
            "lessons/glossary.yaml": "title: T\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/glossary.yaml:1:1: error: 'glossary.yaml' cannot be used as a lesson: the build writes the course's own files under this name\n"
            "    hint: rename it with letters, digits, '-', '_' or '.' only, e.g. 05-reset.yaml\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "lesson-hidden",
        {
            "lessons/...yaml": "title: T\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/...yaml:1:1: warning: '...yaml' is a hidden file (its name starts with '.'): it is not read as a lesson\n"
            "    hint: if it is meant to be used, rename it to start with a letter or digit\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "lesson-two-files",
        {
            "lessons/l.yml": "title: T\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:1:1: error: 'lessons/l.yaml', 'lessons/l.yml' are one lesson: their names differ only in capitals, accents or the ending\n"
            "    hint: keep one file per lesson: rename or remove the others\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "yaml-too-deep",
        {
            "lessons/l.yaml": "title: T\nreadings:\n  - article: test-article\nobjectives: "
            + "[" * 101
            + "]" * 101
            + "\n",
        },
        (
            "lessons/l.yaml:4:112: error: the YAML is nested more than 100 levels deep here\n"
            "    hint: a course file needs only a few levels of indentation or brackets: check that each [ and { is closed\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "yaml-number-too-long",
        {
            "lessons/l.yaml": "title: T\nweek: "
            + "9" * 5000
            + "\nreadings:\n  - article: test-article\n",
        },
        (
            "lessons/l.yaml:2:7: error: a number with 5,000 digits is far too long\n"
            "    hint: write a small number, or put the value in quotes if it is text\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "yaml-tag-wrong-value",
        {
            "lessons/l.yaml": 'title: T\nweek: !!int "five"\nreadings:\n  - article: test-article\n',
        },
        (
            "lessons/l.yaml:2:7: error: 'five' cannot be read as a whole number\n"
            "    hint: remove the YAML tag (such as !!int) in front of it, or correct the value\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "week-true",
        {
            "lessons/l.yaml": "title: T\nweek: true\nreadings:\n  - article: test-article\n",
        },
        ("lessons/l.yaml:2:7: error: 'week' must be a whole number, not 'true'\n"),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "no-lessons",
        {
            "lessons/l.yaml": None,
        },
        (
            "lessons:1:1: warning: the course has no lessons\n"
            "    hint: add a file lessons/<id>.yaml (see docs/user-guide.md)\n"
        ),
        "checked 0 lessons, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "unknown-acronym-warning",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nThe IRQZ met in Vienna.\n",
        },
        (
            "articles/test-article.md:5:1: warning: 'IRQZ' (¶1) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
            "name, an abbreviation), list it under not_acronyms in course.yaml\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "anchor-typo-closest",
        {
            "articles/lavrov-2009-start-wire.md": "---\ntitle: A wire report\n---\n\nFirst.\n\nSecond.\n\nThird.\n\nThen the minister warned. Talks went on.\n",
            "lessons/l.yaml": 'title: A test lesson\nreadings:\n  - article: lavrov-2009-start-wire\n    excerpts:\n      - paragraphs: 1\n      - from: "the minister warnd."\n',
        },
        (
            "lessons/l.yaml:6:15: error: excerpt 'B': \"the minister warnd.\" not found in article 'lavrov-2009-start-wire'; closest: \"the minister warned.\" (¶4)\n"
            "    hint: copy the words exactly from the article (spacing, quotes and dashes may differ)\n"
        ),
        "checked 1 lesson, 2 articles, 4 glossary entries: 1 error",
    ),
    (
        "noise-html-markup",
        {
            "articles/test-article.md": '---\ntitle: A test article\n---\n\n<div class="story"><p>The talks&nbsp;went on.</p>\n<p>They ended, as 3 < 4.</p></div>\n',
        },
        (
            "articles/test-article.md:5:1: warning: the article contains HTML markup (7 tags or entities such as '<div class=\"story\">'), which the documents would print as it is\n"
            "    hint: keep only the article's text: clean it up by hand, or save the page again as text from your browser (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-control-characters",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nFirst.\n\nHe said \x93yes\x94 to it.\n",
        },
        (
            'articles/test-article.md:7:1: warning: C1 control characters (what is left of curly quotes or dashes decoded twice) U+0093, U+0094 in 1 line, which every PDF prints as an empty box; probably meant: "He said “yes” to it."\n'
            "    hint: fix the text by hand, or copy it again from its source (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-mojibake",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nFirst.\n\nThe cafÃ© was full.\n",
        },
        (
            'articles/test-article.md:7:1: warning: mojibake in 1 line: the text looks like UTF-8 decoded as Windows-1252 or Latin-1 and saved again; probably meant: "The café was full."\n'
            "    hint: fix the text by hand, or copy it again from its source (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-hard-wrapped-lines",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nAustralia is a founding\nMember of the United Nations, and we have long\nsupported this Organization's important role in world\naffairs. The United Nations has many achievements to\ncelebrate in its sixtieth year. Equally, the sixtieth\nanniversary places the shortcomings and indeed the\nfailings of the United Nations under a microscope for\nall to see.\nIn approaching this occasion, the United Nations\nand its Members have been presented with a challenge:\nto find practical and workable ways to bring greater\nsecurity and prosperity to the people of the world\nthrough a reformed United Nations system. This has\nnot been easy. The reform agenda is simultaneously\nvast and urgent, with agreement on approaches\ndifficult, at times impossible, to achieve, as the\nrecent summit process made clear.\n",
        },
        (
            "articles/test-article.md:6:1: warning: the text looks hard-wrapped: 13 short lines end in the middle of a sentence, so paragraph breaks may be lost\n"
            "    hint: join each paragraph's lines and leave a blank line between paragraphs: by hand, or save the page again as text (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-hard-wrapped-paragraphs",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nThe assembly heard\n\nspeeches from many\n\nstates that welcomed\n\nthe reform of the\n\nCouncil.\n",
        },
        (
            "articles/test-article.md:5:1: warning: the text looks hard-wrapped: 4 of its 5 paragraphs are a single short line that ends mid-sentence\n"
            "    hint: join each paragraph's lines and leave a blank line between paragraphs: by hand, or save the page again as text (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-repeated-lines",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nFirst.\n\nMinister's Office: 02 6277 7500\n\nSecond.\n\nMinister's Office: 02 6277 7500\n\nThird.\n\nMinister's Office: 02 6277 7500\n",
        },
        (
            "articles/test-article.md:7:1: warning: the line 'Minister's Office: 02 6277 7500' appears 3 times: it looks like a page header or footer left in the text\n"
            "    hint: delete the repeated lines: by hand, or save the page again as text (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-page-number",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nThe talks went on and the ministers\n\n9\n\nagreed on a text.\n",
        },
        (
            "articles/test-article.md:7:1: warning: a line with only the number '9' is inside a sentence (1 such line): it looks like a page number left in the text\n"
            "    hint: delete the page numbers: by hand, or save the page again as text (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "noise-no-break-spaces",
        {
            "articles/test-article.md": "---\ntitle: A test article\n---\n\nThe\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. The\xa0talks went\xa0on. \n",
        },
        (
            "articles/test-article.md:5:1: warning: 24 no-break spaces between words: each keeps two words together on one line, so lines may not wrap where they should\n"
            "    hint: replace them with ordinary spaces: by hand, or save the page again as text (`coursegen import` does this for text files)\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "not-markdown-in-articles",
        {
            "articles/speech.html": "<html></html>\n",
        },
        (
            "articles/speech.html:1:1: warning: 'speech.html' is not used: only Markdown files (.md) in articles/ are articles\n"
            "    hint: copy its text into articles/speech.md with front matter, see the user guide (section 5), or move it out of articles/; `coursegen import` does this for text files\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 warning",
    ),
    (
        "article-citation-type",
        {"articles/test-article.md": "---\ntitle: A test article\ntype: oped\n---\n\nText.\n"},
        (
            "articles/test-article.md:3:7: error: unknown source type 'oped'\n"
            "    hint: did you mean 'article-newspaper'?\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 1 error",
    ),
    (
        "article-citation-values",
        {
            "articles/test-article.md": "---\ntitle: A test article\ntype: communique\nauthor: {organisation: United Nations}\ntranslator: [Anna Smith, 5]\neditor: {organization: }\npages: twelve to fifteen\naccessed: July 2009\n---\n\nText.\n"
        },
        (
            "articles/test-article.md:3:7: error: unknown source type 'communique'\n"
            "    hint: use one of: article-newspaper, article-magazine, article-journal, speech, un-document, treaty, report, government-statement, chapter, book, webpage, interview, legal-case\n"
            "articles/test-article.md:4:9: error: unknown key 'organisation'\n"
            "    hint: did you mean 'organization'?\n"
            "articles/test-article.md:5:26: error: a name must be text, or 'organization:' with a name, not the number 5\n"
            "    hint: write the name in quotes if it is a number\n"
            "articles/test-article.md:6:9: error: 'organization' must be the organisation's name, not empty\n"
            "    hint: write its name after it, e.g. {organization: United Nations Security Council}\n"
            "articles/test-article.md:7:8: error: 'pages' must be a page or a range of pages such as 12-15, not 'twelve to fifteen'\n"
            "    hint: write the first and last page with a dash, e.g. pages: 12-15, or several: 3, 7-9\n"
            "articles/test-article.md:8:11: error: 'accessed' must be a full date written YYYY-MM-DD, not 'July 2009'\n"
            "    hint: write the day you read it, e.g. accessed: 2026-01-15\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 6 errors",
    ),
    (
        "article-citation-shapes",
        {
            "articles/test-article.md": "---\ntitle: A test article\ntype: 3\nauthor: 1441\naccessed: 2026-02-30\npublication: The Hindu\ncontainer: The Hindu\n---\n\nText.\n"
        },
        (
            "articles/test-article.md:3:7: error: 'type' must be a kind of source such as article-newspaper, not the number 3\n"
            "    hint: use one of: article-newspaper, article-magazine, article-journal, speech, un-document, treaty, report, government-statement, chapter, book, webpage, interview, legal-case\n"
            "articles/test-article.md:4:9: error: 'author' must be a name, a list of names, or 'organization:' with a name, not the number 1441\n"
            "    hint: write e.g. author: Sergey Lavrov, or author: [Sergey Lavrov, Hillary Clinton]\n"
            "articles/test-article.md:5:11: error: 'accessed' is not a real date: 2026-02-30\n"
            "    hint: write it as YYYY-MM-DD\n"
            "articles/test-article.md:7:1: error: 'container' and 'publication' both name where the article was published\n"
            "    hint: keep one of the two: they mean the same\n"
        ),
        "checked 1 lesson, 1 article, 4 glossary entries: 4 errors",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected", "summary"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_check_reports_the_exact_problem(
    make_course: MakeCourse, files: dict[str, str | bytes | None], expected: str, summary: str
) -> None:
    root = make_course({rel: text for rel, text in files.items() if text is not None})
    for rel, text in files.items():
        if text is None:
            (root / rel).unlink()
    before = snapshot(root)
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exit_code == (1 if "error" in summary.rpartition(": ")[2] else 0)
    assert result.stderr == expected
    assert result.stdout.strip() == summary
    assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_every_case_has_its_own_name() -> None:
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names))
