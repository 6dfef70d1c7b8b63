"""A mistake in a course template is reported at the template's file and line, in the names a
template author uses (`doc`, not coursegen's module paths), and the other documents are built."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coursegen.cli import main

from conftest import MakeCourse

pytestmark = pytest.mark.render


def test_template_mistakes_name_the_file_line_and_field(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "templates/handout.html": '{% extends "builtin/handout.html" %}\n'
            "{% block heading %}\n{{ doc.nonexistent }}\n{% endblock %}\n",
            "templates/glossary.html": '{% extends "builtin/glossary.html" %}\n'
            "{% block heading %}{{ doc.heading \n{% endblock %}\n",
        }
    )
    result = CliRunner().invoke(
        main, ["build", "--course", str(root), "l", "--format", "pdf", "-j", "1"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: l/glossary.pdf: could not be rendered: templates/glossary.html:3: "
        "expected token 'end of print statement', got '{'\n"
        "error: l/handout.pdf: could not be rendered: templates/handout.html:3: "
        "'doc' has no field 'nonexistent'\n"
    )
    assert sorted(p.name for p in (root / "output/l").iterdir()) == [
        "questions-instructor.pdf",
        "questions.pdf",
    ]


def test_a_mistake_in_an_included_template_names_its_subfolder(make_course: MakeCourse) -> None:
    import datetime as dt

    from coursegen import open_course
    from coursegen.documents import planned_documents
    from coursegen.render.html import HtmlRenderer, TemplateProblem

    root = make_course(
        {
            "templates/handout.html": '{% include "parts/banner.html" %}',
            "templates/parts/banner.html": "<p>\n{{ doc.banner }}</p>",
        }
    )
    planned = planned_documents(open_course(root), ["l"], whole_course=False)[0]
    renderer = HtmlRenderer(root / "templates", dt.datetime(2000, 1, 1))
    with pytest.raises(TemplateProblem) as problem:
        renderer.render(planned.document)
    assert str(problem.value) == "templates/parts/banner.html:2: 'doc' has no field 'banner'"
