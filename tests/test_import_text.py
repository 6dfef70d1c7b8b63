"""`coursegen import FILE.txt` (and `-`, pasted text): paragraphs rebuilt from hard-wrapped
lines, page furniture removed, line-end hyphens resolved with the text's own words, characters
repaired, front matter from the options or the text; never over an existing article; a review
report of every decision in imports/<id>.report.txt."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coursegen.cli import main
from coursegen.content.articles import load_article
from coursegen.content.course import load_course
from coursegen.importers.cleaning import decode, repair_line
from coursegen.importers.text import import_text

from conftest import REPO, MakeCourse, snapshot

UN_RECORD = REPO / "tests" / "data" / "ungdc" / "AUS_60_2005.txt"  # provenance: its README.md


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def problems_of(root: Path, rel: str) -> list[str]:
    course = load_course(root)
    return [d.message for d in course.diagnostics if d.path == rel]


def test_the_un_record(make_course: MakeCourse) -> None:
    """Australia's 2005 General Debate statement, as text from the UN's PDF record: `check`
    warns about it as it is; imported, it has its 37 paragraphs and no noise."""
    root = make_course({"articles/raw.md": "---\ntitle: Raw\n---\n\n" + UN_RECORD.read_text()})
    before = problems_of(root, "articles/raw.md")
    assert [m.split(":")[0] for m in before] == [
        "the text looks hard-wrapped",
        "a line with only the number '5' is inside a sentence (2 such lines)",
    ]
    (root / "articles" / "raw.md").unlink()
    code, out, err = run(
        "import", str(UN_RECORD), "--course", str(root), "--title", "Statement by Australia",
        "--publication", "UN General Assembly, 60th session, General Debate", "--date", "2005-09",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "wrote articles/statement-by-australia.md, and its review report "
        "imports/statement-by-australia.report.txt\n"
        "  read as UTF-8\n"
        "  37 paragraphs found, 221 lines joined, 2 line-end hyphens resolved\n"
        "  page furniture removed: 2 lines\n"
        "  blocks dropped as boilerplate: 0\n"
        "  characters repaired: 0 in 0 lines\n"
        "  title: 'Statement by Australia' (from --title)\n"
        "  publication: 'UN General Assembly, 60th session, General Debate' (from --publication)\n"
        "  date: '2005-09' (from --date)\n"
        "  language: en (identified from the text; check it)\n"
        "review the article and the report before teaching from it\n"
    )
    assert problems_of(root, "articles/statement-by-australia.md") == []
    article_file = root / "articles" / "statement-by-australia.md"
    assert article_file.read_text().startswith(
        "---\ntitle: Statement by Australia\npublication: UN General Assembly, 60th session, General "
        "Debate\ndate: 2005-09\n"
        "language: en\n---\n\nAustralia is a founding Member of the United Nations, and we have "
        "long supported this Organization’s important role in world affairs. The United Nations "
        "has many achievements to celebrate in its sixtieth year. Equally, the sixtieth "
        "anniversary places the shortcomings and indeed the failings of the United Nations under "
        "a microscope for all to see.\n\nIn approaching this occasion,"
    )
    article, problems = load_article(article_file, "articles/statement-by-australia.md", root)
    assert article is not None and not [p for p in problems if p.is_error]
    paragraphs = [p.text for p in article.paragraphs]
    assert len(paragraphs) == 37
    # the page number '5' and the blank line after it were inside this sentence
    assert paragraphs[11] == (
        "We were disappointed that the summit missed the opportunity to make progress on "
        "Security Council reform to ensure that the Council’s membership and functioning match "
        "the priorities and the realities of this century."
    )
    # a paragraph whose first line was indented in the record (its last line is not short)
    assert paragraphs[23].startswith("Australia welcomed the General Assembly’s adoption of")
    assert paragraphs[28] == (
        "Australia — together with the overwhelming majority of States — remains unwavering in "
        "its support for the Non-Proliferation Treaty, and we will continue to take a leading "
        "role in universalizing the Additional Protocol on strengthening nuclear safeguards, "
        "making it a precondition for the supply of uranium to non-nuclear-weapon States."
    )
    assert paragraphs[-1].endswith("The publics of the world expect nothing less.")
    report = (root / "imports" / "statement-by-australia.report.txt").read_text()
    assert (
        "  ¶12 line 81: We were disappointed that the summit missed the opportunity …\n" in report
    )
    assert (
        "Line-end hyphens:\n"
        "  line 189: non- + proliferation -> non-proliferation ('non-proliferation' is written "
        "so elsewhere in the text)\n"
        "  line 211: non- + nuclear-weapon -> non-nuclear-weapon ('nuclear-weapon' is itself "
        "hyphenated)\n\n"
        "Page furniture removed:\n"
        "  line 84: '5' (a page number)\n"
        "  line 180: '6' (a page number)\n\n"
        "Blocks dropped as boilerplate: none\n\n"
        "Characters repaired: none\n"
    ) in report
    assert report.startswith(
        f"coursegen import: {UN_RECORD} -> articles/statement-by-australia.md\n"
        "Review this before teaching from the article: every decision is listed below.\n"
    )


def test_never_over_an_existing_article(make_course: MakeCourse) -> None:
    root = make_course({})
    before = snapshot(root)
    code, out, err = run(
        "import", "-", "--course", str(root), "--title", "x", "--id", "Test-Article",
        stdin=b"Some text.\n",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.endswith(
        "Error: articles/Test-Article.md already exists: nothing was written\n"
        "    hint: import under another id with --id, or delete the old article first\n"
    )
    assert snapshot(root) == before


def test_a_title_is_required_when_the_first_line_is_not_one(make_course: MakeCourse) -> None:
    root = make_course({})
    before = snapshot(root)
    code, _, err = run("import", str(UN_RECORD), "--course", str(root))
    assert code == 2
    assert err.endswith(
        "Error: no title: the text's first line does not look like one (a short line on its "
        "own, with no end punctuation, followed by a blank line)\n"
        "    hint: give one with --title 'The article's title'\n"
    )
    assert snapshot(root) == before


PASTED = """\
Le Sénat et la réforme

Le gouvernement a présenté hier au Sénat une réforme des\u00a0institu-
tions\u00a0: les sénateurs en débattront dès la semaine prochaine.
Page 1
Le texte reprend les propositions de la commission sur les institutions
de l’après-guerre et l’Europe post-
Soviet, dit-on, qu’elle a rendues «\u00a0publiques\u00a0» en mars.
Page 2
Le Sénat en débattra.
"""


def test_pasted_text_with_a_title_line_from_standard_input(make_course: MakeCourse) -> None:
    root = make_course({})
    code, out, err = run("import", "-", "--course", str(root), stdin=PASTED.encode("cp1252"))
    assert (code, err) == (0, "")
    assert out.splitlines()[:8] == [
        "wrote articles/le-senat-et-la-reforme.md, and its review report "
        "imports/le-senat-et-la-reforme.report.txt",
        "  read as Windows-1252 (the file is not UTF-8)",
        "  3 paragraphs found, 3 lines joined, 2 line-end hyphens resolved",
        "  page furniture removed: 2 lines",
        "  blocks dropped as boilerplate: 0",
        "  characters repaired: 1 in 1 line",
        "  title: 'Le Sénat et la réforme' (the text's first line, line 1)",
        "  language: fr (identified from the text; check it)",
    ]
    text = (root / "articles" / "le-senat-et-la-reforme.md").read_text()
    assert text == (
        "---\ntitle: Le Sénat et la réforme\nlanguage: fr\n---\n\n"
        "Le gouvernement a présenté hier au Sénat une réforme des institutions\u00a0: les "
        "sénateurs en débattront dès la semaine prochaine.\n\nLe texte reprend les propositions de "
        "la commission sur les institutions de l’après-guerre et l’Europe post-Soviet, dit-on, "
        "qu’elle a rendues «\u00a0publiques\u00a0» en mars.\n\nLe Sénat en débattra.\n"
    )
    report = (root / "imports" / "le-senat-et-la-reforme.report.txt").read_text()
    assert (
        "  line 3: institu- + tions -> institutions ('institutions' is written so elsewhere in "
        "the text)\n"
        "  line 7: post- + Soviet -> post-Soviet ('Soviet' starts with a capital or a digit)\n"
    ) in report
    assert (
        "  line 3: 'Le gouvernement a présenté hier au Sénat une réforme des\\xa0institu-'\n"
        in report
    )
    assert "  line 5: 'Page 1' (a page number)\n  line 9: 'Page 2' (a page number)\n" in report
    assert problems_of(root, "articles/le-senat-et-la-reforme.md") == []


def test_decoding() -> None:
    assert decode("é’".encode()) == ("é’", "UTF-8")
    assert decode(b"\xef\xbb\xbf\xc3\xa9") == ("é", "UTF-8 (its byte-order mark removed)")
    assert decode("é’".encode("cp1252")) == ("é’", "Windows-1252 (the file is not UTF-8)")
    assert decode(b"\x81\xe9") == (
        "\x81é",
        "Latin-1 (the file is not UTF-8 nor Windows-1252)",
    )


def test_repairs_keep_the_quotes_the_instructor_wrote() -> None:
    assert repair_line('step\u00e2\u0080\u0090by “step” "and" l\u2019an') == (
        'step\u2010by “step” "and" l\u2019an'
    )
    assert repair_line("the caf\u00c3\u00a9\u2019s menu") == "the café’s menu"
    assert repair_line("zero\u200bwidth\u00adsoft\x07bell\tand\u00a0nbsp") == (
        "zerowidthsoftbell and nbsp"
    )
    assert repair_line("Quoi\u202f? « oui » 10\u00a0000") == "Quoi\u202f? « oui » 10\u00a0000"


def test_running_heads_repeated_three_times_are_removed() -> None:
    lines = []
    for page in range(3):
        lines += [
            "Minister's Office: 02 6277 7500",
            f"Text on page {page} goes on and",
            f"ends on page {page}.",
        ]
    found = import_text("\n".join(lines).encode())
    assert found.paragraphs == [f"Text on page {n} goes on and ends on page {n}." for n in range(3)]
    assert [(r.line, r.why) for r in found.removed] == [
        (1, "repeated 3 times (a running head or foot)"),
        (4, "repeated 3 times (a running head or foot)"),
        (7, "repeated 3 times (a running head or foot)"),
    ]


def test_text_already_in_long_lines_keeps_one_paragraph_a_line() -> None:
    long = "A sentence that goes on for a while and ends with a full stop. " * 4
    found = import_text(f"{long}\n{long}\n\n{long}\n".encode())
    assert found.paragraphs == [long.strip()] * 3
    assert found.lines_joined == 0


def test_only_the_kinds_it_reads(make_course: MakeCourse, tmp_path: Path) -> None:
    root = make_course({})
    before = snapshot(root)
    page = tmp_path / "notes.odt"
    page.write_bytes(b"PK")
    code, out, err = run("import", str(page), "--course", str(root))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {page}: coursegen cannot import .odt files\n"
        "    hint: it imports saved web pages (.html, .htm), PDFs, Word files (.docx) and plain "
        "text (.txt); save or copy the text into a .txt file, or paste it with 'coursegen "
        "import -'\n"
    )
    assert snapshot(root) == before


SEED_NAME = "003_fe6758cd62d9f746.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / SEED_NAME
VENDORED_SEED = REPO / "tests" / "data" / "seeds" / "003_lavrov_independent.txt"  # README.md


def paragraphs_of(root: Path, rel: str) -> list[str]:
    article, problems = load_article(root / rel, rel, root)
    assert article is not None and not [p for p in problems if p.is_error]
    return [p.text for p in article.paragraphs]


def test_the_seed_op_ed_imports_as_the_sample_article(make_course: MakeCourse) -> None:
    """The Independent's page of Lavrov's op-ed, as saved text: the same paragraphs as the sample
    course's cleaned article, the page's boilerplate dropped and reported, the date, the author
    and the publication in the front matter."""
    seed = SHARED_SEED if SHARED_SEED.exists() else VENDORED_SEED
    if SHARED_SEED.exists():
        assert SHARED_SEED.read_bytes() == VENDORED_SEED.read_bytes()
    root = make_course({})
    code, out, err = run("import", str(seed), "--course", str(root), "--id", "op-ed")
    assert (code, err) == (0, "")
    assert out == (
        "wrote articles/op-ed.md, and its review report imports/op-ed.report.txt\n"
        "  read as UTF-8\n"
        "  7 paragraphs found, 0 lines joined, 0 line-end hyphens resolved\n"
        "  page furniture removed: 0 lines\n"
        "  blocks dropped as boilerplate: 13\n"
        "  characters repaired: 0 in 0 lines\n"
        "  title: 'Sergey Lavrov: Now is the time for Russia and the US to cease to be "
        "adversaries' (the text's first line, line 1)\n"
        "  author: 'Sergey Lavrov' (the author's note, line 33 (the name is in the title))\n"
        "  publication: 'Newsweek' (the author's note, line 33: 'first appeared in Newsweek')\n"
        "  date: '2009-07-06' (the dateline, line 3)\n"
        "  language: en (identified from the text; check it)\n"
        "review the article and the report before teaching from it\n"
    )
    text = (root / "articles" / "op-ed.md").read_text()
    assert text.startswith(
        "---\ntitle: 'Sergey Lavrov: Now is the time for Russia and the US to cease to be "
        "adversaries'\nauthor: Sergey Lavrov\npublication: Newsweek\ndate: 2009-07-06\n"
        "language: en\n---\n\nThere is a new dynamic"
    )
    sample = paragraphs_of(REPO, "articles/lavrov-2009-newsweek.md")
    assert paragraphs_of(root, "articles/op-ed.md") == sample
    assert problems_of(root, "articles/op-ed.md") == []
    report = (root / "imports" / "op-ed.report.txt").read_text()
    assert (
        "Blocks dropped as boilerplate:\n"
        "  line 3: 'Monday 06 July 2009 00:00 BST' (a dateline: 2009-07-06)\n"
        "  line 5: 'Support truly' (a donation plea)\n"
        "  line 6: 'independent journalism' (inside a donation plea)\n"
        "  line 8: 'Our mission is to deliver unbiased, fact-based reporting tha…' (inside a "
        "donation plea)\n"
        "  line 10: 'Whether $5 or $50, every contribution counts.' (a donation plea)\n"
        "  line 12: 'Support us to deliver journalism without an agenda.' (a donation plea)\n"
        "  line 14: 'Louise Thomas' (a name or a label repeated 2 times around the article)\n"
        "  line 16: 'Louise Thomas' (a name or a label repeated 2 times around the article)\n"
        '  line 33: "Sergey Lavrov is Russia\'s foreign affairs minister. This art…" (the '
        "author's note: author Sergey Lavrov, publication Newsweek in the front matter)\n"
        "  line 35: 'Join our commenting forum' (a comment-forum notice)\n"
        "  line 37: 'Join thought-provoking conversations, follow other Independe…' (a "
        "comment-forum notice)\n"
        "  line 40: 'Thank you for registering' (a login or registration notice)\n"
        "  line 42: 'Please refresh the page or navigate to another page on the s…' (a login "
        "or registration notice)\n\n"
    ) in report
    assert "  ¶7 line 31: Russia and the US bear a special responsibility in world aff…\n" in (
        report
    )


PASTED_NEWS = """\
Skip to main content

City votes to double its cycle lanes

By Jane Doe and John Roe, City Desk

Published 12 March 2024

Share this article

The city council voted on Tuesday to double the length of the city's protected cycle lanes by
2030. The plan, which passed by 31 votes to 12, will cost an estimated 40 million euros.

Advertisement

Supporters said the vote ends a decade of delays. Opponents warned that shops on the main
streets would lose parking spaces and trade.

It passed.

Sign up for our newsletter

The first new lanes will open in the autumn, the council said, starting with the ring road and
the streets around the central station.

Updated: 14 March 2024

Share this article
"""


def test_boilerplate_of_a_pasted_news_page(make_course: MakeCourse) -> None:
    """A byline and a dateline before the article give the authors and the date; prompts around
    the article and short prompts inside it are dropped; a short real paragraph is kept."""
    root = make_course({})
    code, out, err = run("import", "-", "--course", str(root), stdin=PASTED_NEWS.encode())
    assert (code, err) == (0, "")
    assert out.splitlines()[1:10] == [
        "  read as UTF-8",
        "  4 paragraphs found, 3 lines joined, 0 line-end hyphens resolved",
        "  page furniture removed: 0 lines",
        "  blocks dropped as boilerplate: 8",
        "  characters repaired: 0 in 0 lines",
        "  title: 'City votes to double its cycle lanes' (the first line before the article, "
        "line 3)",
        "  author: 'Jane Doe and John Roe' (the byline, line 5)",
        "  date: '2024-03-12' (the dateline, line 7)",
        "  language: en (identified from the text; check it)",
    ]
    paragraphs = paragraphs_of(root, "articles/city-votes-to-double-its-cycle-lanes.md")
    assert [p[:30] for p in paragraphs] == [
        "The city council voted on Tues",
        "Supporters said the vote ends ",
        "It passed.",
        "The first new lanes will open ",
    ]
    report = (root / "imports" / "city-votes-to-double-its-cycle-lanes.report.txt").read_text()
    assert (
        "Blocks dropped as boilerplate:\n"
        "  line 1: 'Skip to main content' (an advertisement or a link to other pages)\n"
        "  line 5: 'By Jane Doe and John Roe, City Desk' (a byline: Jane Doe and John Roe)\n"
        "  line 7: 'Published 12 March 2024' (a dateline: 2024-03-12)\n"
        "  line 9: 'Share this article' (a share or follow prompt)\n"
        "  line 14: 'Advertisement' (an advertisement or a link to other pages)\n"
        "  line 21: 'Sign up for our newsletter' (a subscription or newsletter offer)\n"
        "  line 26: 'Updated: 14 March 2024' (a dateline: 2024-03-14)\n"
        "  line 28: 'Share this article' (a share or follow prompt)\n\n"
    ) in report
    assert problems_of(root, "articles/city-votes-to-double-its-cycle-lanes.md") == []
