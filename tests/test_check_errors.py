"""`coursegen check` on a corpus of bad courses: one small course per mistake, exact messages.

Each case writes the files given over a sound base course (see conftest.py), runs
`coursegen check`, and asserts the exact report, exit status 1, no traceback, and that
nothing on disk changed.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coursegen.cli import main

from conftest import MakeCourse, snapshot

CASES: list[tuple[str, dict[str, str | bytes], str, str]] = [
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
            "lessons/l.yaml:1:32: error: file expands to more than 50,000 values\n"
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
        "bad-glossary",
        {
            "glossary.yaml": "- term: START\n- term: NPT\n  definition: The treaty.\n  alias: [Non-Proliferation Treaty]\n",
        },
        (
            "articles/test-article.md:8:1: warning: 'START' (¶1) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition, or ignore this warning\n"
            "articles/test-article.md:11:1: warning: 'P5+1' (¶2) looks like a glossary term, but the glossary has no entry for it\n"
            "    hint: add it to glossary.yaml with a definition, or ignore this warning\n"
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
]


@pytest.mark.parametrize(
    ("files", "expected", "summary"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_check_reports_the_exact_problem(
    make_course: MakeCourse, files: dict[str, str | bytes], expected: str, summary: str
) -> None:
    root = make_course(files)
    before = snapshot(root)
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exit_code == 1
    assert result.stderr == expected
    assert result.stdout.strip() == summary
    assert "Traceback" not in result.output
    assert snapshot(root) == before
