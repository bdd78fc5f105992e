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

With --worst, how long the worst cases take instead: one section of n sentences a side, for n
up to 100 times alignment.LIMIT, in the shapes that cost most (sentences full of numbers that
never agree, long words that never match, one side far longer than the other), in-process
(the best of --repeat runs, CPU time) with the link costs the search computed; then whole
`compare --by sentence` and `--with` runs on two files of eight such sections.

    uv run python benchmarks/alignment.py [--runs 400] [--seed 1] [--json]
    uv run python benchmarks/alignment.py --worst [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from lastmile_cli.alignment import Link, align
from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache
from lastmile_cli.content import Article
from lastmile_cli.model import Language
from lastmile_cli.pairing import ratio
from lastmile_cli.sentences import split

OUTLINE = Bundle().outline()
SECTION_IDS = OUTLINE.ids  # the bundled article's sections, in order

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
    sections: dict[str, list[str]], rng: random.Random, changes: int, attempts: int = 50
) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, frozenset[int]]]]] | None:
    """The sections with `changes` random changes, and for each sentence the original indices it
    translates. Sentences already changed, and their neighbours, are not changed again."""
    state = {sid: [(t, frozenset({i})) for i, t in enumerate(ss)] for sid, ss in sections.items()}
    touched: set[tuple[str, int]] = set()  # (section, original index)
    done = 0
    for _attempt in range(attempts):
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
    article = Article([], Cache(None))
    gold = read_gold()
    results: dict[str, object] = {}

    right = predicted = expected = 0
    wrong: list[str] = []
    for pair in PAIRS:
        a, b = (article.require(code) for code in pair.split("-"))
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
        a, b = (article.require(code) for code in codes)
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


# -- the worst cases: time ---------------------------------------------------------------------


def shaped(kind: str, count: int, side: int) -> list[str]:
    """`count` sentences of one side (0 or 1) of a worst case."""
    rng = random.Random(f"{kind}-{side}")
    if kind == "plain":
        word = ("Yes", "Ja")[side]
        return [f"{word}, this is one sentence of a long section." for _ in range(count)]
    if kind == "numbers":  # every sentence full of numbers, none shared by the other side
        return [
            " ".join(str(rng.randrange(10**6) * 2 + side) for _ in range(30)) + "."
            for _ in range(count)
        ]
    if kind == "short numbers":  # as many sentences as a file can hold, each two numbers
        return [f"{rng.randrange(10**4) * 2 + side} {index}." for index in range(count)]
    if kind == "long words":  # many long words, none beginning alike on the two sides
        stems = (
            ["marathon", "telecommunication", "infrastructure", "preparation"],
            ["qwerty", "zxcvbnm", "asdfghjk", "poiuytre"],
        )[side]
        return [
            " ".join(rng.choice(stems) + str(rng.randrange(100)) for _ in range(20)) + "?"
            for _ in range(count)
        ]
    raise ValueError(kind)


def timed(a: Paragraphs, b: Paragraphs, repeat: int) -> tuple[float, int]:
    """The best CPU time of `repeat` alignments, and the link costs one computes."""
    import time

    import lastmile_cli.alignment as alignment

    cost = alignment._cost
    calls = [0]

    def counted(*args: object) -> float:
        calls[0] += 1
        return cost(*args)  # type: ignore[arg-type]

    alignment._cost = counted  # type: ignore[assignment]
    try:
        align(a, b, 1.0)
    finally:
        alignment._cost = cost
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        align(a, b, 1.0)
        best = min(best, time.process_time() - start)
    return best, calls[0]


def worst(repeat: int) -> dict[str, object]:
    import subprocess
    import tempfile
    import time

    from lastmile_cli.alignment import LIMIT

    sizes = [10, 100, LIMIT // 2, LIMIT, LIMIT + 1, 2 * LIMIT, 10 * LIMIT, 100 * LIMIT]
    table: list[dict[str, object]] = []
    for kind in ("plain", "numbers", "long words"):
        for n in sizes:
            seconds, work = timed([shaped(kind, n, 0)], [shaped(kind, n, 1)], repeat)
            table.append({"case": kind, "a": n, "b": n, "seconds": seconds, "link costs": work})
    for n, m in ((3, 10 * LIMIT), (LIMIT, 3), (LIMIT, LIMIT // 2)):
        seconds, work = timed([shaped("plain", n, 0)], [shaped("plain", m, 1)], repeat)
        table.append({"case": "lopsided", "a": n, "b": m, "seconds": seconds, "link costs": work})
    a = [shaped("plain", 2, 0) for _ in range(LIMIT)]  # a paragraph per pair of sentences,
    b = [shaped("plain", LIMIT, 1)]  # against one paragraph: no paragraph answers another
    seconds, work = timed(a, b, repeat)
    table.append(
        {"case": "paragraphs", "a": 2 * LIMIT, "b": LIMIT, "seconds": seconds, "link costs": work}
    )

    runs: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (LIMIT // 2, LIMIT, 2 * LIMIT, 10 * LIMIT):
            directory = Path(folder) / str(n)
            directory.mkdir()
            for side, code in enumerate(("qaa", "qab")):
                sections = "".join(
                    f"  - id: {sid}\n    kind: {OUTLINE.kind(sid)}\n"
                    "    title: T\n"
                    f"    paragraphs: [{json.dumps(' '.join(shaped('short numbers', n, side)))}]\n"
                    for sid in SECTION_IDS
                )
                (directory / f"{code}.yaml").write_text(
                    f"language: {code}\nname: {code}\ntitle: T\nsections:\n{sections}"
                )
            size = (directory / "qaa.yaml").stat().st_size
            for args in (
                ["compare", "qaa", "qab", "--by", "sentence"],
                ["explain", "-l", "qaa", "--with", "qab"],
            ):
                command = [
                    sys.executable,
                    "-m",
                    "lastmile_cli",
                    *args,
                    "--data-dir",
                    str(directory),
                ]
                env = {
                    **__import__("os").environ,
                    "LASTMILE_CACHE_DIR": str(Path(folder) / "cache"),
                }
                first = subprocess.run(command, env=env, capture_output=True)  # the cache warm
                if first.returncode != 0:
                    sys.exit(f"{' '.join(args)}: {first.stderr.decode(errors='replace')}")
                best = float("inf")
                for _ in range(repeat):
                    start = time.perf_counter()
                    subprocess.run(command, env=env, capture_output=True, check=True)
                    best = min(best, time.perf_counter() - start)
                runs.append(
                    {
                        "command": " ".join(args),
                        "sentences a section": n,
                        "file bytes": size,
                        "seconds": best,
                    }
                )
    return {"limit": LIMIT, "sections": table, "runs": runs, "long": long_sections(1)}


def long_sections(seed: int) -> list[dict[str, object]]:
    """Links right in one long section: the whole article, English and German (which keep the
    same 27 sentences), repeated, with one change (merge, split, drop) per 20 sentences of the
    German: what the band and the groups past LIMIT cost in quality."""
    article = Article([], Cache(None))
    english, german = article.require("en"), article.require("de")
    base_a = [s for sid in SECTION_IDS for s in flat(sentences(english, sid))]
    base_b = [s for sid in SECTION_IDS for s in flat(sentences(german, sid))]
    assert len(base_a) == len(base_b)
    r = ratio(flat_all(english), flat_all(german))
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for repeat in (1, 10, 18, 19, 40, 100):
        a, b = base_a * repeat, base_b * repeat
        changes = len(b) // 20
        changed = perturb({"long": b}, rng, changes, attempts=50 * max(changes, 1))
        assert changed is not None
        texts, state = changed
        want = gold_links(state["long"], len(b))
        got = align([a], [texts["long"]], r)
        right, predicted, expected = score(got, want)
        rows.append(
            {
                "sentences": len(a),
                "changes": changes,
                "precision": right / predicted,
                "recall": right / expected,
            }
        )
    return rows


def print_worst(results: dict[str, object]) -> None:
    sections, runs = results["sections"], results["runs"]
    assert isinstance(sections, list) and isinstance(runs, list)
    print(f"one section, in-process (LIMIT = {results['limit']}):")
    print(f"  {'case':12}{'a':>8}{'b':>8}{'ms':>10}{'link costs':>12}{'per sentence':>14}")
    for row in sections:
        per = row["link costs"] / max(row["a"], row["b"])
        print(
            f"  {row['case']:12}{row['a']:>8}{row['b']:>8}{row['seconds'] * 1000:>10.1f}"
            f"{row['link costs']:>12}{per:>14.1f}"
        )
    print("links right in one long section, one change per 20 sentences (English, German):")
    long = results["long"]
    assert isinstance(long, list)
    for row in long:
        print(
            f"  {row['sentences']:>6} sentences, {row['changes']:>4} changes:"
            f"  precision {row['precision']:.2%}, recall {row['recall']:.2%}"
        )
    print("whole runs, eight sections of short sentences of numbers (warm cache, wall time):")
    for row in runs:
        print(
            f"  {row['command']:30}{row['sentences a section']:>7} a section"
            f"{row['file bytes'] / 1024:>8.0f} KB{row['seconds'] * 1000:>9.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=400, help="perturbed documents (default 400)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worst", action="store_true", help="time the worst cases instead")
    parser.add_argument("--repeat", type=int, default=5, help="runs per worst case (best kept)")
    args = parser.parse_args()
    if args.worst:
        timings = worst(args.repeat)
        if args.json:
            print(json.dumps(timings, indent=2))
        else:
            print_worst(timings)
        return
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
