"""Term-bank coverage on real IR prose: 120 UN General Debate speeches (2005–2014).

Runs the built-in bank's matcher over every speech and reports which bank entries occur (and in
how many speeches), the most frequent names the bank does not know (capitalised multi-word names,
acronyms, treaty and programme names; each with counts and one example), and the matches that
earlier hand review found to be another word than the term (each probe below says why).
A sample of every entry's matches, for the next hand review, goes to
benchmarks/work/terms-matches.md.

The corpus is vendored in benchmarks/data/ungdc-dev/ (CC0; provenance and checksums in its
MANIFEST.md); ../shared/corpus/ungdc-dev is used when the vendored copy is absent.
Run: .venv/bin/python -m benchmarks.terms
"""

from __future__ import annotations

import inspect
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks.common import REPO, WORK, _git, git_dirty, git_revision, write_results
from coursegen.content.glossary import Entry, Glossary, builtin_entries
from coursegen.content.matcher import Match
from coursegen.source.schema import GlossaryEntrySpec

CORPORA = (
    REPO / "benchmarks" / "data" / "ungdc-dev",
    REPO.parent / "shared" / "corpus" / "ungdc-dev",
)
TOP = 50  # candidates ranked by occurrences; the figure is how many of them the bank misses
MIN_SPEECHES = 2  # a candidate must occur in at least this many speeches

# The bank before it grew for issue 13: the report measures it (read from git) beside the
# current one; BEFORE holds its figures for a copy without git history.
BASE = "a89a389"
BEFORE: dict[str, str] = {
    "bank entries": "421",
    "entries matched": "165 (2,735 matches)",
    f"top {TOP} candidates unknown to the bank": "34",
    "false matches (hand-review probes) still found": "39",
}


def _names(text: str, sep: str | None = None) -> list[str]:
    """The items of a list written as one string, whitespace runs made single spaces."""
    return [" ".join(item.split()) for item in text.split(sep) if item.strip()]


# Words that start a capitalised run only because they start a sentence (or a title before a name).
_LEADING = frozenset(
    _names("""a all also an and as at because both but by during each even every few for from further
    given he her here his how however i if in indeed it its last let like many may more moreover
    most mr mrs ms madam much my no nor not now of on once one only or our over since so some still
    such that the their then there these they this those through thus to today together under
    unfortunately unless until upon we what when where whether which while who why with within
    without yet you your""")
)
# Lower-case words allowed inside a name ("Convention on the Rights of the Child").
_CONNECTORS = frozenset(_names("of the for on and to in against de la del des du"))
# Names of this kind are reported as treaties and programmes.
_INSTRUMENT_WORDS = frozenset(
    _names("""Treaty Treaties Convention Conventions Protocol Agenda Goals Goal Agreement Accord Accords
    Declaration Charter Programme Program Statute Consensus Round Plan Initiative Strategy
    Compact Framework Resolution Mechanism Partnership Platform""")
)
_DOCUMENT = re.compile(r"^[AS]/")  # UN document symbols: A/66/PV.11, S/PV.6191
_ROMAN = re.compile(r"^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_TOKEN = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_ACRONYM = re.compile(r"(?<![\w/+-])(?:[A-Z][A-Za-z0-9]*(?:[/&+-][A-Z0-9]+)*)(?![\w/+])")

# Reviewed by hand: frequent capitalised runs that are places, people, titles or the speech's own
# formulae, not terms a student glossary should explain. They are counted apart.
NOT_TERMS: frozenset[str] = frozenset(
    {
        # places and peoples
        *_names(
            """Middle East|United States|Democratic People’s Republic of Korea|Republic of Korea|
        United Arab Emirates|Islamic Republic of Iran|South Africa|New York|New Zealand|West Bank|
        North Korea|South Sudan|United Kingdom|Russian Federation|Viet Nam|Latin America|
        Saudi Arabia|Middle East and North Africa|Republic of Serbia|East Jerusalem|Horn of Africa|
        Gaza Strip|Sierra Leone|United States of America|Israel and Palestine|Great Lakes|
        Republic of South Sudan|Kingdom of Saudi Arabia|South Ossetia|Palestine and Israel|
        State of Israel|Arab States|Republic of the Sudan|North-East Asia|Pacific Ocean|
        East and West|West Africa|Democratic Republic of the Congo|Iraq and Afghanistan|
        Latin American|Syrian Golan|Iraq and Syria|Afghanistan and Iraq|Asia and Latin America|
        Western Sahara|African States|Al-Quds Al-Sharif|Arab Gulf|Israelis and Palestinians|
        Israeli and Palestinian|Sunni and Shia|Jammu and Kashmir|South Asia|Jewish State|
        Syrian Arab Republic|Afghanistan and Pakistan|South America|Indian Ocean|Africa and Asia|
        Sudan and South Sudan|Syria and Lebanon|Palestinian and Israeli|Asia and Africa|
        Syria and Iraq|Abkhazia and South Ossetia|India and Pakistan|Egypt and Jordan|Tel Aviv|
        North-East Asian|Palestinians and Israelis|Arab and Islamic|Russia-United States|
        Suez Canal|Indian Ocean""",
            "|",
        ),
        # governments, people and their titles, forms of address
        *_names(
            """Excellency Mr|Secretary-General Ban Ki-moon|President Abbas|President Obama|
        Chinese Government|Kofi Annan|Ban Ki-moon|President of the United States|
        Iraqi Government|Iranian Government|Government of the Sudan|Joseph Deiss|God Almighty|
        President Bush|Government of the United States|United States Government|
        Secretary-General Kofi Annan|Syrian Government|Holy Koran|John Ashe|President Rouhani|
        Jan Eliasson|Ali Abdussalam Treki|Egyptian Government|Custodian of the Two Holy Mosques|
        President Lula|Lakhdar Brahimi|Jesus Christ|Prophet Muhammad|Prime Minister|
        Government of the Republic of Korea|Srgjan Kerim|President Fidel Castro|Ali Treki|
        Prime Minister Rajiv Gandhi|Saddam Hussein|Prime Minister of Israel|
        Excellency Sheikha Haya Rashed Al-Khalifa|Vuk Jeremić|Government of Lebanon|
        Lebanese Government|President of the United States of America|Charles Taylor|
        Nassir Abdulaziz Al-Nasser|State and Government|Heads of State""",
            "|",
        ),
        # the speeches' formulae and events every reader knows
        *_names(
            """Member States|Members of the United Nations|Arab and Muslim|Member of the United Nations|Member State|
        State Member of the United Nations|United Nations Member States|
        States Members of the United Nations|Second World War|First World War|World Wars|
        United Nations Member State|Dark Ages|11 September 2001|11 September""",
            "|",
        ),
    }
)

# Lower-case concepts such speeches rely on, which no capitalisation test finds: counted as
# candidates too (each the phrase as the speeches write it).
WATCH: tuple[str, ...] = (
    "terrorism",
    "human rights",
    "self-defence",
    "climate change",
    "sustainable development",
    "rule of law",
    "international law",
    "good governance",
    "food security",
    "official development assistance",
    "least developed countries",
    "small island developing States",
    "responsibility to protect",
    "genocide",
    "crimes against humanity",
    "ethnic cleansing",
    "apartheid",
    "foreign occupation",
    "veto",
    "permanent members",
    "South-South cooperation",
    "debt relief",
    "piracy",
    "organized crime",
    "extremism",
    "post-2015 development agenda",
    "financial crisis",
    "weapons of mass destruction",
    "two-State solution",
)


@dataclass(frozen=True)
class Probe:
    """A match found by hand review to mean something other than the entry."""

    term: str  # the entry that matched
    context: str  # a regular expression on the text around the match showing the other sense
    why: str


PROBES: tuple[Probe, ...] = (
    Probe("UN", r"\bUN[- ]Women\b", "UN Women, a UN entity, read as the UN itself"),
    Probe(
        "UN", r"these united nations", "'these united nations': the nations, not the organisation"
    ),
    Probe(
        "peacebuilding",
        r"Peacebuilding (?:Commission|Fund|Support Office|Architecture)",
        "a body (the Peacebuilding Commission, Fund or Office) read as the concept",
    ),
    Probe(
        "P5",
        r"non-permanent members of the Security Council",
        "the elected (non-permanent) members read as the permanent five",
    ),
    Probe("realism", r"degree of realism", "realism in its everyday sense, not the IR theory"),
    Probe(
        "containment",
        r"containment and eradication",
        "holding terrorism back, not the Cold War strategy",
    ),
    Probe(
        "verification",
        r"verification of the truth",
        "checking the facts of an incident, not arms-control verification",
    ),
)


@dataclass
class Candidate:
    kind: str
    count: int = 0
    speeches: set[str] = field(default_factory=set)
    covered: int = 0  # occurrences whose words the bank's matches cover
    example: str = ""


def corpus_folder() -> Path:
    for folder in CORPORA:
        if (folder / "MANIFEST.md").is_file():
            return folder
    sys.exit(
        "benchmarks/terms.py: the UN General Debate corpus is missing: looked for "
        + " and ".join(str(f) for f in CORPORA)
        + ". It ships in benchmarks/data/ungdc-dev/; restore it with 'git checkout -- "
        "benchmarks/data/ungdc-dev' or copy ../shared/corpus/ungdc-dev there."
    )


def speech_text(path: Path) -> str:
    """One speech as running text: the record's hard line breaks joined (a line-end hyphen kept)."""
    raw = path.read_text(encoding="utf-8-sig")
    raw = re.sub(r"-\n(?=\S)", "-", raw)
    return re.sub(r"\s+", " ", raw).strip()


def find(glossary: Glossary, text: str) -> list[Match]:
    """The matcher's matches, passing the language when the matcher takes one."""
    if "language" in inspect.signature(glossary.matcher.find).parameters:
        return glossary.matcher.find(text, "en")  # type: ignore[call-arg]
    return glossary.matcher.find(text)


def context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    left = left.split(" ", 1)[-1] if start > width else left
    right = right.rsplit(" ", 1)[0] if end + width < len(text) else right
    return f"…{left}**{text[start:end]}**{right}…"


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


_MONTHS = frozenset(
    _names("January February March April May June July August September October November December")
)


def _stray_number(run: list[re.Match[str]]) -> bool:
    """A number opening a run that is not part of a name ("180,000 Americans", "4 June"): only a
    year before a name ("2005 World Summit") or a number before "Agenda"-like words stays."""
    first = run[0].group()
    if not first[:1].isdigit():
        return False
    following = run[1].group() if len(run) > 1 else ""
    if following in _INSTRUMENT_WORDS:
        return False
    return not (len(first) == 4 and following[:1].isupper() and following not in _MONTHS)


def capitalised_runs(text: str) -> list[tuple[int, int, str]]:
    """Capitalised multi-word names: (start, end, name), leading sentence words trimmed."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for token in _TOKEN.finditer(text):
        word = token.group()
        if current and text[current[-1].end() : token.start()] != " ":
            runs.append(current)
            current = []
        connects = word in _CONNECTORS and current and current[-1].group() != "and"
        if _is_capitalised(word) or connects:
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    names = []
    for run in runs:
        while run and (run[-1].group() in _CONNECTORS):
            run = run[:-1]
        while run and (
            run[0].group().lower() in _LEADING
            or run[0].group() in _CONNECTORS
            or _stray_number(run)
        ):
            run = run[1:]
        if all(t.group() in _MONTHS for t in run if t.group()[:1].isupper()):
            continue  # a date
        capitals = [t for t in run if t.group()[:1].isupper()]
        if len(run) < 2 or not capitals:
            continue
        if all(t.group()[:1].isdigit() for t in run[1:]) and len(capitals) == 1:
            continue  # "Resolution 1701", "September 2005"
        start, end = run[0].start(), run[-1].end()
        name = re.sub(r"['’]s$", "", text[start:end].rstrip("."))
        names.append((start, start + len(name), name))
    return names


def acronyms(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _ACRONYM.finditer(text):
        word = m.group()
        if sum(c.isupper() for c in word) < 2 or _ROMAN.match(word) or _DOCUMENT.match(word):
            continue
        if word.isupper() and len(word) > 8 and "/" not in word:
            continue  # a word in capitals for emphasis
        found.append((m.start(), m.end(), word))
    return found


def _covered(start: int, end: int, text: str, spans: list[tuple[int, int]]) -> bool:
    """True when every capitalised word in text[start:end] (every word, if none is) lies inside
    a bank match."""
    capitalised = any(t.group()[:1].isupper() for t in _TOKEN.finditer(text, start, end))
    for token in _TOKEN.finditer(text, start, end):
        if capitalised and not token.group()[:1].isupper():
            continue
        if not any(s <= token.start() and token.end() <= e for s, e in spans):
            return False
    return True


@dataclass
class Measure:
    bank: int
    by_entry: dict[str, list[tuple[str, int, int]]]
    ranked: list[tuple[str, Candidate]]
    top_unknown: list[str]
    unknown: list[tuple[str, Candidate]]
    probe_hits: list[tuple[Probe, str]]

    def figures(self) -> dict[str, str]:
        matches = sum(len(h) for h in self.by_entry.values())
        return {
            "bank entries": str(self.bank),
            "entries matched": f"{len(self.by_entry)} ({matches:,} matches)",
            f"top {TOP} candidates unknown to the bank": str(len(self.top_unknown)),
            "false matches (hand-review probes) still found": str(len(self.probe_hits)),
        }


def bank_at(revision: str) -> tuple[Entry, ...] | None:
    """The built-in bank as it was at `revision` (None without git or that revision)."""
    folder = "src/coursegen/data/glossary"
    listing = _git("ls-tree", "--name-only", f"{revision}:{folder}")
    if listing is None:
        return None
    entries: list[Entry] = []
    for name in sorted(listing.splitlines()):
        if name.endswith(".yaml"):
            text = _git("show", f"{revision}:{folder}/{name}")
            for raw in yaml.safe_load(text or "") or ():
                spec = GlossaryEntrySpec.model_validate(raw)
                entries.append(Entry.from_spec(spec, "built-in", "en"))
    return tuple(entries)


def measure(bank: tuple[Entry, ...], texts: dict[str, str]) -> Measure:
    glossary = Glossary(bank)

    by_entry: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    candidates: dict[str, Candidate] = {}
    for speech, text in texts.items():
        matches = find(glossary, text)
        spans = [(m.start, m.end) for m in matches]
        for m in matches:
            by_entry[m.term].append((speech, m.start, m.end))
        watched = [
            (m.start(), m.end(), phrase)
            for phrase in WATCH
            for m in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, re.IGNORECASE)
        ]
        for kind, found in (
            ("name", capitalised_runs(text)),
            ("acronym", acronyms(text)),
            ("concept (watch list)", watched),
        ):
            for start, end, name in found:
                if kind == "name" and set(name.split()) & _INSTRUMENT_WORDS:
                    kind_here = "treaty/programme"
                else:
                    kind_here = kind
                cand = candidates.setdefault(name, Candidate(kind_here))
                cand.count += 1
                cand.speeches.add(speech)
                if _covered(start, end, text, spans):
                    cand.covered += 1
                elif not cand.example:
                    cand.example = f"{speech}: {context(text, start, end, 50)}"
    ranked = sorted(
        (
            (name, c)
            for name, c in candidates.items()
            if len(c.speeches) >= MIN_SPEECHES and name not in NOT_TERMS
        ),
        key=lambda item: (-item[1].count, item[0]),
    )

    def known(c: Candidate) -> bool:
        return c.covered * 2 >= c.count

    top = ranked[:TOP]
    top_unknown = [name for name, c in top if not known(c)]
    unknown = [(name, c) for name, c in ranked if not known(c)]
    probe_hits: list[tuple[Probe, str]] = []
    for probe in PROBES:
        pattern = re.compile(probe.context)
        for speech, start, end in by_entry.get(probe.term, ()):
            left = max(0, start - 80)
            around = texts[speech][left : end + 80]
            if any(
                m.start() <= start - left and end - left <= m.end()
                for m in pattern.finditer(around)
            ):
                probe_hits.append((probe, f"{speech}: {context(texts[speech], start, end, 50)}"))

    return Measure(len(bank), dict(by_entry), ranked, top_unknown, unknown, probe_hits)


def main() -> None:
    folder = corpus_folder()
    files = sorted(folder.glob("*.txt"))
    if len(files) != 120:
        sys.exit(f"benchmarks/terms.py: expected 120 speeches in {folder}, found {len(files)}")
    texts = {path.stem: speech_text(path) for path in files}
    words = sum(len(t.split()) for t in texts.values())
    now = measure(builtin_entries(), texts)
    old_bank = bank_at(BASE)
    before = measure(old_bank, texts).figures() if old_bank is not None else BEFORE
    by_entry, unknown, probe_hits = now.by_entry, now.unknown, now.probe_hits
    entry_speeches = {term: {s for s, _, _ in hits} for term, hits in by_entry.items()}
    figures = now.figures()
    write_sample(texts, by_entry)

    lines = [
        f"{len(texts)} English UN General Debate speeches, sessions 60–69 (2005–2014), "
        f"{words:,} words ({folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder}; "
        f"CC0, see its MANIFEST.md), against the built-in bank at {git_revision()}"
        + (" with uncommitted changes." if git_dirty() else "."),
        "",
        f"| figure | before: the bank at {BASE} | now |",
        "|---|---|---|",
    ]
    for key, value in figures.items():
        lines.append(f"| {key} | {before.get(key, '–')} | {value} |")
    lines += [
        "",
        f"A candidate is a capitalised run of two or more words, an acronym, or a treaty or "
        f"programme name, found in at least {MIN_SPEECHES} speeches; it is known when bank matches "
        f"cover its capitalised words in at least half its occurrences. {len(NOT_TERMS)} frequent "
        "runs reviewed by hand as places, people, titles or formulae are left out "
        "(`NOT_TERMS` in benchmarks/terms.py).",
        "",
        "Most frequent entries (speeches, matches): "
        + ", ".join(
            f"{term} ({len(entry_speeches[term])}, {len(by_entry[term])})"
            for term in sorted(by_entry, key=lambda t: (-len(entry_speeches[t]), t))[:25]
        )
        + ".",
        "",
        f"Most frequent candidates the bank does not know ({len(unknown)} in all; the first 30):",
        "",
        "| candidate | kind | occurrences | speeches | example |",
        "|---|---|---|---|---|",
    ]
    for name, c in unknown[:30]:
        example = c.example.replace("|", "/")
        lines.append(f"| {name} | {c.kind} | {c.count} | {len(c.speeches)} | {example} |")
    lines += [
        "",
        f"False matches found by hand review ({len(PROBES)} probes; a match counts when the "
        f"probe's pattern spans it): {len(probe_hits)} still found.",
    ]
    for probe in PROBES:
        hits = [where for p, where in probe_hits if p is probe]
        state = f"{len(hits)} found, e.g. {hits[0]}" if hits else "none found"
        lines.append(f"- {probe.term}: {probe.why}: {state}")
    text = "\n".join(lines)
    print(text)
    write_results("Term bank coverage (UN General Debate)", text, "python -m benchmarks.terms")


def write_sample(texts: dict[str, str], by_entry: dict[str, list[tuple[str, int, int]]]) -> None:
    """Up to 6 matches of every entry, with context, for hand review of false matches."""
    rng = random.Random(13)
    out = ["# Bank matches in the UN General Debate speeches: a sample for hand review", ""]
    for term in sorted(by_entry, key=str.casefold):
        hits = by_entry[term]
        surfaces = Counter(texts[s][a:b] for s, a, b in hits)
        out.append(
            f"## {term} — {len(hits)} matches: "
            + ", ".join(f"{k} ×{n}" for k, n in surfaces.most_common())
        )
        for speech, start, end in rng.sample(hits, min(6, len(hits))):
            out.append(f"- {speech}: {context(texts[speech], start, end)}")
        out.append("")
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "terms-matches.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
