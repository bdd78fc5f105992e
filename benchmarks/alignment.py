"""Alignment benchmark: how often lastmile pairs the right sentences, not how fast.

Two measures, each the precision and recall of links (a link is the sentences of one side that
answer the sentences of the other; one side may be empty):

1. The bundled pairs (every language with English, and de-fr, es-it) against the gold alignment
   in benchmarks/alignment-gold.txt, written by reading each pair side by side. Target: exact.
2. Perturbed translations, as a translator's free file would differ: in one language of a pair,
   at random places, two adjacent sentences merged into one, one sentence split in two at a
   clause boundary, or one sentence dropped (one to three changes a run, in either language).
   The gold follows from each change. Target: at least 95% of links right.

The sentences are cut by lastmile's own splitter (lastmile_cli/sentences.py) from the changed
paragraph, so a change the splitter would read differently is counted apart, not scored.

    uv run python benchmarks/alignment.py [--runs 400] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from lastmile_cli.alignment import Link, align, ratio
from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache
from lastmile_cli.content import Catalog
from lastmile_cli.model import Language
from lastmile_cli.sentences import split

SECTION_IDS = Bundle().outline().ids  # the bundled article's sections, in order

GOLD = Path(__file__).with_name("alignment-gold.txt")
PAIRS = ("en-de", "en-es", "en-fr", "en-it", "de-fr", "es-it")
Paragraphs = list[list[str]]


def sentences(language: Language, section_id: str) -> Paragraphs:
    section = language.section(section_id)
    assert section is not None, (language.code, section_id)
    return [list(split(p, language.code)) for p in section.paragraphs]


def flat(paragraphs: Paragraphs) -> list[str]:
    return [s for p in paragraphs for s in p]


def read_gold() -> dict[str, dict[str, list[tuple[list[str], list[str]]]]]:
    """{pair: {section: [(first words of A's sentences, of B's)]}} from the gold file."""
    gold: dict[str, dict[str, list[tuple[list[str], list[str]]]]] = {}
    pair = section = ""
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:]
            gold[pair][section] = []
        elif line.startswith("# ") and line[2:] in PAIRS:
            pair = line[2:]
            gold[pair] = {}
        elif line and not line.startswith("#"):
            left, right = line.split(" = ")
            sides = [[] if side == "-" else side.split(" + ") for side in (left, right)]
            gold[pair][section].append((sides[0], sides[1]))
    return gold


def indices(starts: list[str], texts: list[str], where: str) -> tuple[int, ...]:
    found = []
    for start in starts:
        hits = [
            i for i, t in enumerate(texts) if " ".join(t.split()[: len(start.split())]) == start
        ]
        if len(hits) != 1:
            sys.exit(f"alignment-gold.txt, {where}: no single sentence starts {start!r}")
        found.append(hits[0])
    return tuple(found)


def score(predicted: list[Link], gold: list[Link]) -> tuple[int, int, int]:
    """(links right, links predicted, links in the gold)."""
    return len(set(predicted) & set(gold)), len(predicted), len(gold)


# -- perturbations --------------------------------------------------------------------------------


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def merged(first: str, second: str) -> str:
    """Two sentences made one, as a translator joins them: the stop becomes a semicolon."""
    return first.rstrip(".!?") + "; " + lower_first(second)


def split_at_clause(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    """One sentence cut in two at a comma, neither half short; None if it has no such comma."""
    cuts = [
        i
        for i, c in enumerate(sentence)
        if c == "," and 25 <= i <= len(sentence) - 25 and sentence[i + 1 : i + 2] == " "
    ]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    rest = sentence[cut + 2 :]
    return sentence[:cut] + ".", rest[:1].upper() + rest[1:]


def perturb(
    sections: dict[str, list[str]], rng: random.Random, changes: int
) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, frozenset[int]]]]] | None:
    """The sections with `changes` random changes, and for each sentence the original indices it
    translates. Sentences already changed, and their neighbours, are not changed again."""
    state = {sid: [(t, frozenset({i})) for i, t in enumerate(ss)] for sid, ss in sections.items()}
    touched: set[tuple[str, int]] = set()  # (section, original index)
    done = 0
    for _attempt in range(50):
        if done == changes:
            break
        sid = rng.choice(list(state))
        items = state[sid]
        k = rng.randrange(len(items))
        kind = rng.choice(("merge", "split", "drop"))
        span = range(max(0, k - 1), min(len(items), k + (3 if kind == "merge" else 2)))
        near = {(sid, i) for j in span for i in items[j][1]}
        if near & touched:
            continue
        text, source = items[k]
        if kind == "merge":
            if k + 1 >= len(items):
                continue
            items[k : k + 2] = [(merged(text, items[k + 1][0]), source | items[k + 1][1])]
        elif kind == "split":
            halves = split_at_clause(text, rng)
            if halves is None:
                continue
            items[k : k + 1] = [(halves[0], source), (halves[1], source)]
        else:
            if len(items) == 1:
                continue  # a section with nothing left is not a translation
            del items[k]
        touched |= near
        done += 1
    if done < changes:
        return None
    return {sid: [t for t, _ in items] for sid, items in state.items()}, state


def gold_links(state: list[tuple[str, frozenset[int]]], originals: int) -> list[Link]:
    """The links a changed section should get: sentences grouped by what they translate."""
    links: list[Link] = []
    covered: set[int] = set()
    index = 0
    while index < len(state):
        source = state[index][1]
        group = [index]
        while index + len(group) < len(state) and state[index + len(group)][1] == source:
            group.append(index + len(group))
        links.append((tuple(sorted(source)), tuple(group)))
        covered |= source
        index += len(group)
    for missing in sorted(set(range(originals)) - covered):
        links.append(((missing,), ()))
    links.sort(key=lambda link: (link[0][0] if link[0] else -1, link[1]))
    return links


def run(runs: int, seed: int) -> dict[str, object]:
    catalog = Catalog([], Cache(None))
    gold = read_gold()
    results: dict[str, object] = {}

    right = predicted = expected = 0
    wrong: list[str] = []
    for pair in PAIRS:
        a, b = (catalog.require(code) for code in pair.split("-"))
        r = ratio(flat_all(a), flat_all(b))
        for sid in SECTION_IDS:
            pa, pb = sentences(a, sid), sentences(b, sid)
            where = f"{pair} {sid}"
            want = [
                (indices(x, flat(pa), where), indices(y, flat(pb), where))
                for x, y in gold[pair][sid]
            ]
            got = align(pa, pb, r)
            counts = score(got, want)
            right, predicted, expected = (
                right + counts[0],
                predicted + counts[1],
                expected + counts[2],
            )
            if counts[0] != counts[1] or counts[0] != counts[2]:
                wrong.append(where)
    results["bundled"] = {
        "links": expected,
        "precision": right / predicted,
        "recall": right / expected,
        "wrong": wrong,
    }

    rng = random.Random(seed)
    right = predicted = expected = 0
    skipped = 0
    documents = 0
    exact: dict[str, list[int]] = {}  # kind of change → [sections exactly right, sections]
    for _run in range(runs):
        pair = rng.choice(PAIRS)
        codes = pair.split("-")
        if rng.random() < 0.5:
            codes.reverse()  # change either language of the pair
        a, b = (catalog.require(code) for code in codes)
        original = {sid: flat(sentences(b, sid)) for sid in SECTION_IDS}
        changed = perturb(original, rng, rng.randint(1, 3))
        if changed is None:
            skipped += 1
            continue
        texts, state = changed
        documents += 1
        b_all = [s for ss in texts.values() for s in ss]
        r = ratio(flat_all(a), b_all)
        for sid in SECTION_IDS:
            paragraph = " ".join(texts[sid])
            resplit = list(split(paragraph, b.code))
            if resplit != texts[sid]:
                skipped += 1
                continue
            want = gold_links(state[sid], len(original[sid]))
            # the changed language is B; its links are (A's indices, B's indices)
            got = align(sentences(a, sid), [resplit], r)
            counts = score(got, want)
            kind = change_kind(want)
            exact.setdefault(kind, [0, 0])
            exact[kind][0] += set(got) == set(want)
            exact[kind][1] += 1
            right, predicted, expected = (
                right + counts[0],
                predicted + counts[1],
                expected + counts[2],
            )
    results["perturbed"] = {
        "runs": documents,
        "links": expected,
        "precision": right / predicted,
        "recall": right / expected,
        "skipped": skipped,
        "sections exactly right": {kind: {"right": r, "of": n} for kind, (r, n) in exact.items()},
    }
    return results


def change_kind(links: list[Link]) -> str:
    """What was done to a section, by the kinds of its gold links other than one to one."""
    kinds = {
        {(2, 1): "merge", (1, 2): "split", (1, 0): "drop", (0, 1): "addition"}[len(x), len(y)]
        for x, y in links
        if (len(x), len(y)) != (1, 1)
    }
    return "unchanged" if not kinds else kinds.pop() if len(kinds) == 1 else "several"


def flat_all(language: Language) -> list[str]:
    return [p for s in language.sections for p in s.paragraphs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=400, help="perturbed documents (default 400)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.runs, args.seed)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    bundled = results["bundled"]
    perturbed = results["perturbed"]
    assert isinstance(bundled, dict) and isinstance(perturbed, dict)
    print(f"{'':34}{'links':>7}{'precision':>11}{'recall':>9}")
    print(
        f"{'bundled pairs (gold)':34}{bundled['links']:>7}"
        f"{bundled['precision']:>11.2%}{bundled['recall']:>9.2%}"
    )
    label = f"perturbed ({perturbed['runs']} documents)"
    print(
        f"{label:34}{perturbed['links']:>7}"
        f"{perturbed['precision']:>11.2%}{perturbed['recall']:>9.2%}"
    )
    print("sections exactly right, by the change made to them:")
    for kind, counts in sorted(perturbed["sections exactly right"].items()):
        share = counts["right"] / counts["of"]
        print(f"  {kind:12}{counts['right']:>6} of {counts['of']:<6}{share:>8.1%}")
    if bundled["wrong"]:
        print("bundled sections not exactly right:", ", ".join(bundled["wrong"]))
    if perturbed["skipped"]:
        print(f"skipped: {perturbed['skipped']} (changes the splitter reads otherwise)")


if __name__ == "__main__":
    main()
