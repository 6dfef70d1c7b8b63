"""`coursegen check --a11y`: the sample course passes; doctored copies of its outputs and
sources fail, each naming its criterion (WCAG 2.1 success criterion or Matterhorn checkpoint)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pikepdf
import pytest
from click.testing import CliRunner

from coursegen.a11y.docx import check_docx, ends_a_sentence
from coursegen.a11y.findings import Finding
from coursegen.a11y.pdf import criterion_for
from coursegen.a11y.pdfcontent import parse_cmap
from coursegen.a11y.scripts import foreign_words
from coursegen.cli import main
from coursegen.errors import Severity

from conftest import REPO, MakeCourse

HANDOUT = "output/01-reset-crisis-of-trust/handout.pdf"


def check_a11y(course: Path, *more: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--a11y", "--course", str(course), *more])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout.splitlines()


def lines_for(lines: list[str], path: str, criterion: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{path}: {criterion}: ")]


@pytest.fixture
def built_copy(sample_build: Path, tmp_path: Path) -> Path:
    """A copy of the built sample course (its sources and output/) to doctor."""
    copy = tmp_path / "course"
    shutil.copytree(sample_build.parent, copy)
    return copy


# --- the parts, without rendering ---------------------------------------------------------


def test_finding_format() -> None:
    assert Finding("a.pdf", "WCAG 3.1.1 Language of Page", "m").format() == (
        "a.pdf: WCAG 3.1.1 Language of Page: m"
    )
    warning = Finding("articles/x.md", "C", "m", Severity.WARNING, line=3)
    assert warning.format() == "articles/x.md:3: C: warning: m"


def test_page_rules_map_to_matterhorn_checkpoints() -> None:
    assert criterion_for("PDFUA1-LI-KIDS-001") == "Matterhorn 09-005 (PDFUA1-LI-KIDS-001)"
    assert criterion_for("PDFUA1-TR-KIDS-001") == "Matterhorn 09-004 (PDFUA1-TR-KIDS-001)"
    assert criterion_for("PDFUA1-NEW-RULE-001") == "PDF/UA-1 (PDFUA1-NEW-RULE-001)"


def test_tounicode_cmap() -> None:
    cmap = b"""2 beginbfchar
<0003> <0020>
<0201> <2010>
endbfchar
1 beginbfrange
<0044> <0046> <0061>
endbfrange"""
    assert parse_cmap(cmap) == {3: " ", 0x201: "\u2010", 0x44: "a", 0x45: "b", 0x46: "c"}


def test_words_in_a_script_their_language_is_not_written_in() -> None:
    text = "Lavrov called it перезагрузка, with NATO and the G20 — Ελλάδα"
    assert list(foreign_words(text, "en")) == [("перезагрузка", "Cyrillic"), ("Ελλάδα", "Greek")]
    # Capital abbreviations and words with digits are read letter by letter in any language.
    assert list(foreign_words("Лавров и NATO, G20, START, а также Obama", "ru")) == [
        ("Obama", "Latin")
    ]
    assert list(foreign_words("перезагрузка", "ru-RU")) == []
    assert list(foreign_words("перезагрузка", "sr-Latn")) == [("перезагрузка", "Cyrillic")]
    assert list(foreign_words("перезагрузка", "tlh")) == []  # a language coursegen does not know


@pytest.mark.parametrize(
    "text",
    [
        "What changed in 2009?",
        "Why trust?”",  # before a closing quotation mark
        "A sentence (in brackets.)",
        "各国如何解决分歧？",  # full-width question mark
        "国际合作需要相互信任。",  # ideographic full stop
        "各国！",
        "ما هي الدبلوماسية؟",  # Arabic question mark
        "بین کشورها۔",  # Arabic full stop (Urdu)
        "देश बातचीत से मतभेद सुलझाते हैं।",  # Devanagari danda
        "Τι είναι η ειρήνη;",  # Greek question mark, U+037E
        "Τι είναι η ειρήνη\u037e",
        "Ի՞նչ է խաղաղությունը։",  # Armenian full stop
        "ሰላም ምንድን ነው፧",  # Ethiopic question mark
        "Notes:",
        "And so…",
    ],
)
def test_sentence_ending_punctuation_of_every_script(text: str) -> None:
    assert ends_a_sentence(text)


@pytest.mark.parametrize(
    "text", ["Trust and security", "国际合作", "Η ειρήνη", "Excerpt “A”", "Russia–US", "§ 3", ""]
)
def test_no_sentence_ending_punctuation(text: str) -> None:
    assert not ends_a_sentence(text)


def test_a_bold_question_in_any_script_is_not_taken_for_a_heading(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Questions"
    for text in ["各国如何解决分歧？", "ما هي الدبلوماسية؟", "Τι είναι η ειρήνη;", "国际合作"]:
        document.add_paragraph().add_run(text).bold = True
    path = tmp_path / "questions.docx"
    document.save(str(path))
    found = [
        finding.format()
        for finding in check_docx(path, "questions.docx")
        if finding.criterion == "WCAG 1.3.1 Info and Relationships"
    ]
    assert found == [
        "questions.docx: WCAG 1.3.1 Info and Relationships: 1 paragraph in bold on a line of its "
        'own looks like a heading but is not one ("国际合作"); give it a Heading style (an outline '
        "level) so that the navigation pane and screen readers find it"
    ]


def test_control_characters_and_mojibake_in_sources(make_course: MakeCourse) -> None:
    """Two real articles had curly quotes decoded twice: C1 controls that print as empty boxes
    while plain `check` said "no problems"."""
    article = (
        "---\ntitle: A test article\nauthor: A. Writer\npublication: The Test Times\n"
        "date: 2009-07-06\n---\n\n"
        "The first paragraph mentions START and the G-20 summit.\n\n"
        "Lavrov\u00e2\u0080\u0099s \u00e2\u0080\u009creset\u00e2\u0080\u009d.\n\n"
        "The caf\u00c3\u00a9 talks.\n"
    )
    course = make_course({"articles/test-article.md": article})
    code, lines = check_a11y(course)
    assert code == 1
    assert lines_for(
        lines, "articles/test-article.md:10", "Matterhorn 31-030 (ISO 14289-1 7.21.8 .notdef)"
    ) == [
        "articles/test-article.md:10: Matterhorn 31-030 (ISO 14289-1 7.21.8 .notdef): C1 control "
        "characters (what is left of curly quotes or dashes decoded twice) U+0080, U+0099, U+009C, "
        "U+009D at column 8, which every PDF prints as an empty box and a screen reader skips or "
        'spells out; probably meant: "Lavrov\u2019s \u201creset\u201d."'
    ]
    assert lines_for(
        lines, "articles/test-article.md:12", "WCAG 1.3.1 Info and Relationships (text encoding)"
    ) == [
        "articles/test-article.md:12: WCAG 1.3.1 Info and Relationships (text encoding): mojibake: "
        "this line looks like UTF-8 text decoded as Windows-1252 or Latin-1 and saved again; "
        'probably meant: "The caf\u00e9 talks."'
    ]


def test_outputs_not_built(make_course: MakeCourse) -> None:
    code, lines = check_a11y(make_course({}))
    assert code == 1
    assert "output/: not built: no outputs; run 'coursegen build' first" in lines


def test_plain_check_is_unchanged(make_course: MakeCourse) -> None:
    result = CliRunner().invoke(main, ["check", "--course", str(make_course({}))])
    assert result.exit_code == 0
    assert "accessibility" not in result.output


# --- the built sample course and doctored copies of it -------------------------------------


@pytest.mark.render
def test_sample_course_passes(built_copy: Path) -> None:
    code, lines = check_a11y(built_copy)
    assert code == 0, "\n".join(lines)
    assert lines[-1].endswith("output/: no failures")


@pytest.mark.render
def test_multilingual_course_passes(multilingual_build: Path) -> None:
    """Russian, Greek, Arabic, Hebrew, Hindi and Chinese: each part's language, every glyph, and
    no bold question taken for a heading (check --a11y writes nothing)."""
    code, lines = check_a11y(multilingual_build.parent)
    assert code == 0, "\n".join(lines)
    assert lines[-1].endswith("output/: no failures")


@pytest.mark.render
def test_missing_and_stale_outputs(built_copy: Path) -> None:
    (built_copy / HANDOUT).unlink()
    lesson = built_copy / "lessons/02-replacing-start.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("week: 6", "week: 7", 1), encoding="utf-8")
    code, lines = check_a11y(built_copy)
    assert code == 1
    assert f"{HANDOUT}: not built: missing; run 'coursegen build' first" in lines
    assert (
        "output/02-replacing-start/handout.pdf: out of date: its sources changed since it was "
        "built; run 'coursegen build' first"
    ) in lines


@pytest.mark.render
@pytest.mark.invalid_pdf
def test_pdf_without_lang(built_copy: Path) -> None:
    path = built_copy / HANDOUT
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.Root["/Lang"]
        pdf.save(path)
    code, lines = check_a11y(built_copy)
    assert code == 1
    assert lines_for(lines, HANDOUT, "WCAG 3.1.1 Language of Page") == [
        f"{HANDOUT}: WCAG 3.1.1 Language of Page: the document catalog has no /Lang, so a "
        "screen reader cannot tell which language to read it in"
    ]


def _remove_actual_text(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and "/ActualText" in obj:
            del obj["/ActualText"]


@pytest.mark.render
@pytest.mark.invalid_pdf
def test_inserted_hyphen_as_u2010_without_actual_text(built_copy: Path) -> None:
    path = built_copy / HANDOUT
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        _remove_actual_text(pdf)
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                cmap = font.ToUnicode
                cmap.write(
                    re.sub(rb"(<[0-9a-fA-F]{4}>\s*)<002[dD]>", rb"\1<2010>", cmap.read_bytes())
                )
        pdf.save(path)
    code, lines = check_a11y(built_copy)
    assert code == 1
    found = lines_for(
        lines, HANDOUT, "WCAG 1.3.1 Info and Relationships (ISO 32000-1 14.8.2.2.3 hyphens)"
    )
    assert len(found) == 1, lines
    assert re.fullmatch(
        rf"{HANDOUT}: WCAG 1\.3\.1 Info and Relationships \(ISO 32000-1 14\.8\.2\.2\.3 hyphens\): "
        r"\d+ words are broken at a line end by a hyphen that the layout inserted and the text "
        r'keeps \(page 1: "\w+\u2010\w+".*\); copied, searched or read aloud, the word is broken: '
        r"an inserted hyphen must be a soft hyphen \(U\+00AD\) or be covered by /ActualText",
        found[0],
    ), found[0]


@pytest.mark.render
@pytest.mark.invalid_pdf
def test_page_numbers_not_artifacts(built_copy: Path) -> None:
    path = built_copy / HANDOUT
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            mcid = 9000
            instructions = []
            for instruction in pikepdf.parse_content_stream(page):
                operands = list(instruction.operands)
                if (
                    str(instruction.operator) in ("BMC", "BDC")
                    and operands[0] == pikepdf.Name.Artifact
                ):
                    mcid += 1
                    properties = pikepdf.Dictionary(MCID=mcid)
                    instruction = pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Span, properties], pikepdf.Operator("BDC")
                    )
                instructions.append(instruction)
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        pdf.save(path)
    code, lines = check_a11y(built_copy)
    assert code == 1
    found = lines_for(lines, HANDOUT, "Matterhorn 01-005 (ISO 14289-1 7.1, 7.8)")
    assert len(found) == 1, lines
    assert found[0].startswith(
        f"{HANDOUT}: Matterhorn 01-005 (ISO 14289-1 7.1, 7.8): 5 pieces of text are neither an "
        'artifact nor in the structure tree (page 1: "Page 1 of 3"'
    ), found[0]
    assert found[0].endswith(
        "running headers, footers and page numbers must be /Artifact with /Type /Pagination"
    )


@pytest.mark.render
@pytest.mark.invalid_pdf
def test_notdef_glyph(built_copy: Path) -> None:
    path = built_copy / HANDOUT
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        instructions = list(pikepdf.parse_content_stream(page))
        for at, instruction in enumerate(instructions):
            if str(instruction.operator) == "TJ":
                array = instruction.operands[0]
                first = next(i for i, item in enumerate(array) if isinstance(item, pikepdf.String))
                array[first] = pikepdf.String(b"\x00\x00" + bytes(array[first])[2:])
                instructions[at] = pikepdf.ContentStreamInstruction([array], instruction.operator)
                break
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        pdf.save(path)
    code, lines = check_a11y(built_copy)
    assert code == 1
    found = lines_for(lines, HANDOUT, "Matterhorn 31-030 (ISO 14289-1 7.21.8 .notdef)")
    assert len(found) == 1, lines
    assert found[0].startswith(
        f"{HANDOUT}: Matterhorn 31-030 (ISO 14289-1 7.21.8 .notdef): 1 character is drawn with "
        "the .notdef glyph, an empty box, because the font has no glyph for them (page 1: "
    ), found[0]


@pytest.mark.render
def test_docx_heading_turned_into_bold_text(built_copy: Path) -> None:
    rel = "output/01-reset-crisis-of-trust/handout.docx"
    document = docx.Document(str(built_copy / rel))
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    text = heading.text
    heading.style = document.styles["Normal"]
    for run in heading.runs:
        run.bold = True
    document.save(str(built_copy / rel))
    code, lines = check_a11y(built_copy)
    assert code == 1
    assert lines_for(lines, rel, "WCAG 1.3.1 Info and Relationships") == [
        f"{rel}: WCAG 1.3.1 Info and Relationships: 1 paragraph in bold on a line of its own "
        f'looks like a heading but is not one ("{text}"); give it a Heading style (an outline '
        "level) so that the navigation pane and screen readers find it"
    ]


@pytest.mark.render
def test_an_arabic_course_with_a_web_address_passes_published_and_all(tmp_path: Path) -> None:
    """The article's address, in Latin letters, is marked English in an Arabic handout, reader
    and reading list (it was tagged 'ar': "4 words in Latin script tagged 'ar' (https…)")."""
    root = tmp_path / "arabic"
    shutil.copytree(REPO / "tests" / "courses" / "arabic", root)
    assert "url: https://example.org/" in (root / "articles" / "verification-en.md").read_text(
        encoding="utf-8"
    )
    for command in ("build", "publish"):
        result = CliRunner().invoke(main, [command, "--course", str(root), "-j", "1"])
        assert result.exit_code == 0, result.output
    code, lines = check_a11y(root)
    assert code == 0, "\n".join(lines)
    assert (root / "output" / "course-reader.pdf").is_file()
