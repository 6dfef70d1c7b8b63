"""A course folder from someone else: a hostile `templates/reference.docx` (a zip bomb, a file
that is not a .docx, a link out of the folder) is refused before python-docx unpacks it, with one
message saying what is wrong and how to fix it, and nothing else changes; only the style parts
of a reference reach the outputs; `coursegen check` reports every template problem at once."""

from __future__ import annotations

import io
import os
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from coursegen.cli import main
from coursegen.render.docx.reference import (
    MAX_PART_BYTES,
    ReferenceProblem,
    read_reference,
)

from conftest import MakeCourse

MIB = 1 << 20
GIB = 1 << 30

RESAVE = (
    "open it in Word or LibreOffice Writer and save it again in Word format (.docx) as "
    "templates/reference.docx (a handout coursegen made is a good start), or delete it to use "
    "coursegen's built-in Word look"
)
SMALLER = (
    "save it again from Word or LibreOffice without large images or embedded fonts (a handout "
    "coursegen made is a good start), or delete it to use coursegen's built-in Word look"
)


# --- zip archives made by hand: a bomb is ~1 MB of bytes, made in a fraction of a second -------


def zeros_deflated(size: int) -> tuple[bytes, int]:
    """Raw deflate data that unpacks to `size` zero bytes (a multiple of 1 MiB), and its CRC.

    One 1 MiB block is compressed once with a full flush (so it stands alone) and repeated: the
    test never holds the unpacked bytes.
    """
    chunk = bytes(MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()
    crc = 0
    for _ in range(size // MIB):
        crc = zlib.crc32(chunk, crc)
    return block * (size // MIB) + end, crc


Member = tuple[str, bytes, int, int]  # name, deflated data, CRC, size declared


def member(name: str, text: bytes) -> Member:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, packer.compress(text) + packer.flush(), zlib.crc32(text), len(text)


def zip_of(members: list[Member]) -> bytes:
    """A zip archive of deflated members, each declaring the size given (true or not)."""
    body = bytearray()
    directory = bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        directory += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body))
            + encoded
        )
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(directory), len(body), 0)  # fmt: skip
    return bytes(body + directory + end)


def word_members(replace: dict[str, bytes] | None = None) -> list[Member]:
    """The members of a sound .docx (python-docx's own), some replaced."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        texts = {name: package.read(name) for name in package.namelist()}
    return [member(name, text) for name, text in {**texts, **(replace or {})}.items()]


def with_bomb(name: str, size: int, declared: int | None = None) -> bytes:
    data, crc = zeros_deflated(size)
    bomb = (name, data, crc, size if declared is None else declared)
    return zip_of([m for m in word_members() if m[0] != name] + [bomb])


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def build_docx(root: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["build", "--course", str(root), "l", "--format", "docx", "-j", "1"]
    )
    return result.exit_code, result.stdout, result.stderr


def refused(message: str, hint: str) -> str:
    return (
        "error: no DOCX files were made: templates/reference.docx cannot be used: "
        f"{message}. To fix it, {hint}\n"
    )


# --- the zip bomb ------------------------------------------------------------------------------


@pytest.mark.render  # makes DOCX files
def test_a_zip_bomb_reference_is_refused_quickly_and_in_little_memory(
    make_course: MakeCourse,
) -> None:
    bomb = with_bomb("word/styles.xml", GIB)
    assert len(bomb) < 1_200_000
    root = make_course({"templates/reference.docx": bomb})
    before = snapshot(root)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ReferenceProblem) as problem:
        read_reference(root / "templates/reference.docx")
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problem.value.message == (
        "its part 'word/styles.xml' unpacks to more than 32 MB; a Word style sheet needs far less"
    )
    assert seconds < 5 and peak < 80 * MIB

    code, out, err = build_docx(root)
    assert code == 1
    assert err == refused(
        "its part 'word/styles.xml' unpacks to more than 32 MB; a Word style sheet needs far less",
        SMALLER,
    )
    assert "built 0 files, 4 not made in " in out
    assert {k: v for k, v in snapshot(root).items() if not k.startswith("output/")} == before
    assert not list((root / "output").rglob("*.docx"))


def test_a_part_that_unpacks_to_more_than_it_declares_is_read_no_further() -> None:
    # The directory says 1 KB; the data would unpack to 1 GiB: it is read to 1 KB, then refused.
    with pytest.raises(ReferenceProblem) as problem:
        _check_bytes(with_bomb("word/styles.xml", GIB, declared=1024))
    assert problem.value.message == "it is damaged: its part 'word/styles.xml' cannot be unpacked"
    assert problem.value.hint == RESAVE


def test_parts_within_the_limit_each_but_too_large_together_are_refused() -> None:
    size = MAX_PART_BYTES // MIB * MIB  # just under the limit of one part
    data, crc = zeros_deflated(size)
    parts = [(f"word/media/image{i}.png", data, crc, size) for i in range(3)]
    with pytest.raises(ReferenceProblem) as problem:
        _check_bytes(zip_of(word_members() + parts))
    assert problem.value.message == (
        "its parts unpack to more than 64 MB in all; a Word style sheet needs far less"
    )


def test_too_many_parts_are_refused_before_they_are_listed() -> None:
    many = word_members() + [member(f"customXml/item{i}.xml", b"<a/>") for i in range(1001)]
    with pytest.raises(ReferenceProblem) as problem:
        _check_bytes(zip_of(many))
    assert problem.value.message == "it has more than 1000 parts; a Word document has a few dozen"
    assert problem.value.hint == SMALLER


def _check_bytes(data: bytes) -> None:
    from coursegen.render.docx.reference import check_package

    check_package(data)


# --- other broken references: the same one message in build and check ------------------------

BROKEN = [
    pytest.param(b"just some text", "it is not a Word document (.docx)", id="not-a-zip"),
    pytest.param(
        zip_of([member("word/styles.xml", b"<w:styles/>")]),
        "it is not a Word document: it has no word/document.xml",
        id="no-document",
    ),
    pytest.param(
        zip_of(word_members({"[Content_Types].xml": b"<Types"})),
        "it is damaged: Word's files inside it cannot be read",
        id="broken-xml",
    ),
]


@pytest.mark.render  # makes DOCX files
@pytest.mark.parametrize(("content", "message"), BROKEN)
def test_a_broken_reference_is_one_message_in_build_and_check(
    make_course: MakeCourse, content: bytes, message: str
) -> None:
    root = make_course({"templates/reference.docx": content})
    before = snapshot(root)
    code, _, err = build_docx(root)
    assert (code, err) == (1, refused(message, RESAVE))
    assert not list((root / "output").rglob("*.docx"))
    assert {k: v for k, v in snapshot(root).items() if not k.startswith("output/")} == before
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"templates/reference.docx:1:1: error: 'reference.docx' cannot be used: {message}\n"
        f"    hint: {RESAVE}\n"
    )
    assert result.stdout.endswith(": 1 error\n")


@pytest.mark.render  # makes DOCX files
def test_a_word_template_is_not_a_reference(make_course: MakeCourse) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        types = package.read("[Content_Types].xml").replace(
            b"document.main+xml", b"template.main+xml"
        )
    root = make_course(
        {"templates/reference.docx": zip_of(word_members({"[Content_Types].xml": types}))}
    )
    message = "it is a Word template or a document with macros, not a plain Word document"
    assert build_docx(root)[2] == refused(message, RESAVE)


@pytest.mark.render  # makes DOCX files
def test_a_reference_linked_from_outside_the_course_is_not_read(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(with_bomb("word/styles.xml", GIB))
    root = make_course({"templates/x.css": ""})
    (root / "templates/reference.docx").symlink_to(outside)
    message = "it is a link to a file outside the templates folder; coursegen does not read it"
    assert build_docx(root)[2] == refused(
        message, "copy the file into templates/ instead of linking to it"
    )


# --- what a sound reference passes on to the outputs -------------------------------------------


def png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.render  # makes DOCX files
def test_only_the_style_parts_of_a_reference_reach_the_outputs(make_course: MakeCourse) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    reference = docx.Document()
    reference.add_paragraph("Reference text that must not be printed.")
    reference.add_picture(io.BytesIO(png()))
    reference.styles["Normal"].font.name = "Georgia"
    settings = reference.settings.element
    rid = reference.part._settings_part.relate_to(
        "https://attacker.example/template.dotm",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
        is_external=True,
    )
    attached = OxmlElement("w:attachedTemplate")
    attached.set(qn("r:id"), rid)
    settings.append(attached)
    buffer = io.BytesIO()
    reference.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        assert "word/media/image1.png" in package.namelist()
        assert "docProps/thumbnail.jpeg" in package.namelist()
    root = make_course({"templates/reference.docx": buffer.getvalue()})

    assert build_docx(root)[0] == 0
    with zipfile.ZipFile(root / "output/l/handout.docx") as package:
        names = sorted(package.namelist())
        everything = b"".join(package.read(name) for name in names)
    assert names == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/header1.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/styles.xml",
        "word/theme/theme1.xml",
    ]
    assert b"attacker.example" not in everything and b"attachedTemplate" not in everything
    assert b"Reference text" not in everything
    assert docx.Document(str(root / "output/l/handout.docx")).styles["Normal"].font.name == (
        "Georgia"
    )


# --- coursegen check: every template problem at once ------------------------------------------

SYNTAX_HINT = (
    "check that every {{ is closed by }}, and every {% if %}, {% for %} and {% block %} by "
    "{% endif %}, {% endfor %} and {% endblock %} (see docs/templates.md, 'When a template has "
    "a mistake')"
)
LINK_OUT = "it is a link to a file outside the templates folder; coursegen does not read it"
COPY_IN = "copy the file into templates/ instead of linking to it"


def test_check_reports_every_template_problem_at_once(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    root = make_course(
        {
            "templates/glossary.html": '{% extends "builtin/glossary.html" %}\n'
            "{% block heading %}{{ doc.heading \n{% endblock %}\n",
            "templates/handout.html": '{% include "secret.html" %}\n'
            '{% include "nosuch.html" %}\n'
            '{% include "maybe.html" ignore missing %}\n'
            '{% extends "builtin/handout.html" %}\n',
            "templates/questions.html": '{% extends "builtin/nosuch.html" %}',
            "templates/custom.css": "/* {{ not a template }} */",
            "templates/reference.docx": b"PK\x03\x04 not really a zip",
        }
    )
    (root / "templates/secret.html").symlink_to(secret)
    os.mkfifo(root / "templates/pipe.html")
    before = snapshot(root)
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exit_code == 1
    assert result.stderr == (
        "templates/glossary.html:3:1: error: template syntax error: expected token 'end of print "
        "statement', got '{'\n"
        f"    hint: {SYNTAX_HINT}\n"
        f"templates/handout.html:1:1: error: templates/secret.html cannot be used: {LINK_OUT}\n"
        f"    hint: {COPY_IN}\n"
        "templates/handout.html:2:1: error: there is no template 'nosuch.html'\n"
        "    hint: name a file in templates/ or a built-in one as 'builtin/handout.html' (see "
        "docs/templates.md, 'The built-in templates')\n"
        "templates/pipe.html:1:1: error: 'pipe.html' cannot be used: it is not a regular file; "
        "coursegen does not read it\n"
        "templates/questions.html:1:1: error: there is no template 'builtin/nosuch.html'\n"
        "    hint: name a file in templates/ or a built-in one as 'builtin/handout.html' (see "
        "docs/templates.md, 'The built-in templates')\n"
        "templates/reference.docx:1:1: error: 'reference.docx' cannot be used: it is not a Word "
        "document (.docx)\n"
        f"    hint: {RESAVE}\n"
        f"templates/secret.html:1:1: error: 'secret.html' cannot be used: {LINK_OUT}\n"
        f"    hint: {COPY_IN}\n"
    )
    assert result.stdout == "checked 1 lesson, 1 article, 4 glossary entries: 7 errors\n"
    assert "TOP SECRET" not in result.output
    assert snapshot(root) == before


def test_the_library_reports_template_problems(make_course: MakeCourse) -> None:
    import coursegen

    root = make_course({"templates/handout.html": "{% if x %}"})
    assert coursegen.check_templates(root) == [
        coursegen.Diagnostic(
            "templates/handout.html",
            1,
            1,
            "template syntax error: Unexpected end of template. Jinja was looking for the "
            "following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be "
            "closed is 'if'.",
            SYNTAX_HINT,
        )
    ]


def test_check_passes_sound_templates_and_a_sound_reference(make_course: MakeCourse) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    root = make_course(
        {
            "templates/handout.html": '{% extends "builtin/handout.html" %}\n'
            '{% block heading %}{% include "parts/banner.html" %}{% endblock %}\n',
            "templates/parts/banner.html": "<p>{{ doc.heading }}</p>",
            "templates/reference.docx": buffer.getvalue(),
        }
    )
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert (result.exit_code, result.output) == (
        0,
        "checked 1 lesson, 1 article, 4 glossary entries: no problems\n",
    )


def test_a_course_template_linked_outside_is_refused_not_replaced_by_the_builtin(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    import datetime as dt

    from coursegen import open_course
    from coursegen.documents import planned_documents
    from coursegen.render.html import HtmlRenderer, TemplateProblem

    outside = tmp_path / "handout.html"
    outside.write_text("TOP SECRET", encoding="utf-8")
    root = make_course({"templates/custom.css": ""})
    (root / "templates/handout.html").symlink_to(outside)
    planned = planned_documents(open_course(root), ["l"], whole_course=False)[0]
    with pytest.raises(TemplateProblem) as problem:
        HtmlRenderer(root / "templates", dt.datetime(2000, 1, 1)).render(planned.document)
    assert str(problem.value) == f"templates/handout.html cannot be used: {LINK_OUT}"
