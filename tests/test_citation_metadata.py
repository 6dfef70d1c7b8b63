"""Article front matter for citations: each kind of source an IR course reads, as CSL-JSON.

The articles are written as instructors write them and loaded with the course (load_course); the
expected items are exact, so a change of mapping shows here. Messages for bad values are in the
catalogue of tests/test_check_errors.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from coursegen.content.articles import Agent
from coursegen.content.citation import csl_item, csl_name
from coursegen.content.course import load_course

from conftest import REPO, MakeCourse

BODY = "\n\nThe text.\n"

SOURCES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "op-ed",
        "title: Now is the time for Russia and the US to cease to be adversaries\n"
        "type: article-newspaper\nauthor: Sergey Lavrov\npublication: The Independent\n"
        "date: 2009-07-06\nurl: https://www.independent.co.uk/x\naccessed: 2026-01-15\n"
        "language: en\n",
        {
            "type": "article-newspaper",
            "title": "Now is the time for Russia and the US to cease to be adversaries",
            "author": [{"family": "Lavrov", "given": "Sergey"}],
            "container-title": "The Independent",
            "issued": {"date-parts": [[2009, 7, 6]]},
            "accessed": {"date-parts": [[2026, 1, 15]]},
            "URL": "https://www.independent.co.uk/x",
            "language": "en",
        },
    ),
    (
        "wire",
        'title: "Russia, US improve ties: Lavrov"\ntype: article-newspaper\n'
        "author: {organization: Agence France-Presse}\ncontainer: The Hindu\n"
        'date: "2009-11"\nplace: Moscow\n',
        {
            "type": "article-newspaper",
            "title": "Russia, US improve ties: Lavrov",
            "author": [{"literal": "Agence France-Presse"}],
            "container-title": "The Hindu",
            "issued": {"date-parts": [[2009, 11]]},
            "publisher-place": "Moscow",
        },
    ),
    (
        "speech",
        "title: Address to the General Assembly\ntype: speech\nauthor: Ban Ki-moon\n"
        "event: UN General Assembly, 64th session\nplace: New York\ndate: 2009-09-22\n"
        "translator: [Anna Smith, Boris Ivanov]\n",
        {
            "type": "speech",
            "title": "Address to the General Assembly",
            "author": [{"literal": "Ban Ki-moon"}],
            "translator": [
                {"family": "Smith", "given": "Anna"},
                {"family": "Ivanov", "given": "Boris"},
            ],
            "issued": {"date-parts": [[2009, 9, 22]]},
            "publisher-place": "New York",
            "event-title": "UN General Assembly, 64th session",
        },
    ),
    (
        "un-resolution",
        "title: Resolution 1441 (2002)\ntype: un-document\n"
        "author: {organization: United Nations Security Council}\n"
        'number: "S/RES/1441 (2002)"\npublisher: United Nations\nplace: New York\n'
        "date: 2002-11-08\n",
        {
            "type": "document",
            "title": "Resolution 1441 (2002)",
            "author": [{"literal": "United Nations Security Council"}],
            "issued": {"date-parts": [[2002, 11, 8]]},
            "publisher": "United Nations",
            "publisher-place": "New York",
            "number": "S/RES/1441 (2002)",
        },
    ),
    (
        "treaty",
        "title: Treaty on Measures for the Further Reduction and Limitation of Strategic "
        "Offensive Arms\ntype: Treaty\ndate: 2010-04-08\nplace: Prague\n"
        "number: T.I.A.S. 11-205\n",
        {
            "type": "treaty",
            "title": "Treaty on Measures for the Further Reduction and Limitation of "
            "Strategic Offensive Arms",
            "issued": {"date-parts": [[2010, 4, 8]]},
            "publisher-place": "Prague",
            "number": "T.I.A.S. 11-205",
        },
    ),
    (
        "government-statement",
        "title: Statement on the Iran nuclear talks\ntype: government-statement\n"
        "author: {organization: Ministry of Foreign Affairs of the Russian Federation}\n"
        "number: 1234-05-07-2015\ndate: 2015-07-05\nurl: https://mid.ru/x\n"
        "accessed: 2026-02-01\nlanguage: en-GB\n",
        {
            "type": "document",
            "title": "Statement on the Iran nuclear talks",
            "author": [{"literal": "Ministry of Foreign Affairs of the Russian Federation"}],
            "issued": {"date-parts": [[2015, 7, 5]]},
            "accessed": {"date-parts": [[2026, 2, 1]]},
            "URL": "https://mid.ru/x",
            "number": "1234-05-07-2015",
            "language": "en-GB",
        },
    ),
    (
        "think-tank-report",
        "title: Russia's Nuclear Doctrine\ntype: report\n"
        "author: [Olga Oliker, Andrey Baklitskiy]\npublisher: RAND Corporation\n"
        'place: Santa Monica\nnumber: RR-1234\ndate: "2016"\n',
        {
            "type": "report",
            "title": "Russia's Nuclear Doctrine",
            "author": [
                {"family": "Oliker", "given": "Olga"},
                {"family": "Baklitskiy", "given": "Andrey"},
            ],
            "issued": {"date-parts": [[2016]]},
            "publisher": "RAND Corporation",
            "publisher-place": "Santa Monica",
            "number": "RR-1234",
        },
    ),
    (
        "journal-article",
        "title: The False Promise of International Institutions\ntype: article-journal\n"
        "author: Mearsheimer, John J.\ncontainer: International Security\nvolume: 19\n"
        'issue: 3\npages: 5–49\ndate: "1994"\n',
        {
            "type": "article-journal",
            "title": "The False Promise of International Institutions",
            "author": [{"family": "Mearsheimer", "given": "John J."}],
            "container-title": "International Security",
            "issued": {"date-parts": [[1994]]},
            "page": "5-49",
            "volume": "19",
            "issue": "3",
        },
    ),
    (
        "book-chapter",
        "title: Russia and the West\ntype: chapter\nauthor: Charles de Gaulle\n"
        "container: The Oxford Handbook of Russian Foreign Policy\n"
        "editor: [Andrei Tsygankov]\npublisher: Oxford University Press\nplace: Oxford\n"
        'pages: 101 - 120\ndate: "2018"\n',
        {
            "type": "chapter",
            "title": "Russia and the West",
            "author": [{"family": "de Gaulle", "given": "Charles"}],
            "editor": [{"family": "Tsygankov", "given": "Andrei"}],
            "container-title": "The Oxford Handbook of Russian Foreign Policy",
            "issued": {"date-parts": [[2018]]},
            "page": "101-120",
            "publisher": "Oxford University Press",
            "publisher-place": "Oxford",
        },
    ),
    (
        "web-page",
        "title: New START at a glance\ntype: webpage\n"
        "author: {organization: Arms Control Association}\n"
        "publication: armscontrol.org\nurl: https://www.armscontrol.org/factsheets/NewSTART\n"
        "accessed: 2026-03-10\n",
        {
            "type": "webpage",
            "title": "New START at a glance",
            "author": [{"literal": "Arms Control Association"}],
            "container-title": "armscontrol.org",
            "accessed": {"date-parts": [[2026, 3, 10]]},
            "URL": "https://www.armscontrol.org/factsheets/NewSTART",
        },
    ),
    (
        "no-type-with-publication",
        "title: Lavrov on the reset\nauthor: Sergey Lavrov\npublication: Rossiyskaya Gazeta\n",
        {
            "type": "article-newspaper",
            "title": "Lavrov on the reset",
            "author": [{"family": "Lavrov", "given": "Sergey"}],
            "container-title": "Rossiyskaya Gazeta",
        },
    ),
    (
        "no-type-alone",
        "title: Notes\n",
        {"type": "document", "title": "Notes"},
    ),
]


@pytest.mark.parametrize(
    ("front", "expected"), [s[1:] for s in SOURCES], ids=[s[0] for s in SOURCES]
)
def test_front_matter_becomes_the_exact_csl_item(
    make_course: MakeCourse, front: str, expected: dict[str, Any]
) -> None:
    root = make_course({"articles/source.md": f"---\n{front}---{BODY}"})
    course = load_course(root)
    assert [d for d in course.diagnostics if d.path == "articles/source.md"] == []
    assert csl_item(course.articles["source"]) == {"id": "source", **expected}


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (Agent("Sergey Lavrov"), {"family": "Lavrov", "given": "Sergey"}),
        (Agent("Hillary Rodham Clinton"), {"family": "Clinton", "given": "Hillary Rodham"}),
        (Agent("Charles de Gaulle"), {"family": "de Gaulle", "given": "Charles"}),
        (Agent("Bashar al-Assad"), {"family": "al-Assad", "given": "Bashar"}),
        (Agent("Jean-Marc Ayrault"), {"family": "Ayrault", "given": "Jean-Marc"}),
        (Agent("Ban Ki-moon"), {"literal": "Ban Ki-moon"}),
        (Agent("Moon Jae-in"), {"literal": "Moon Jae-in"}),
        (Agent("Ban, Ki-moon"), {"family": "Ban", "given": "Ki-moon"}),
        (Agent("Сергей  Лавров"), {"family": "Лавров", "given": "Сергей"}),
        (Agent("習近平"), {"literal": "習近平"}),
        (Agent("NATO", organization=True), {"literal": "NATO"}),
        (Agent("Reuters Staff", organization=True), {"literal": "Reuters Staff"}),
    ],
)
def test_names_split_only_when_the_split_is_sure(agent: Agent, name: dict[str, str]) -> None:
    assert csl_name(agent) == name


def test_several_authors_print_as_before_in_the_source_line(make_course: MakeCourse) -> None:
    front = "title: T\nauthor: [Olga Oliker, {organization: RAND}]\ncontainer: Survival\n"
    root = make_course({"articles/source.md": f"---\n{front}---{BODY}"})
    article = load_course(root).articles["source"]
    assert article.author == "Olga Oliker, RAND"
    assert article.publication == "Survival"


def test_the_sample_course_loads_with_no_problem_from_its_front_matter() -> None:
    course = load_course(REPO)
    assert [d for d in course.diagnostics if d.path.startswith("articles/")] == []
    items = [csl_item(article) for article in course.articles.values()]
    assert all(item["type"] in ("article-newspaper", "document") for item in items)
    lavrov = csl_item(course.articles["lavrov-2009-newsweek"])
    assert lavrov["author"] == [{"family": "Lavrov", "given": "Sergey"}]
