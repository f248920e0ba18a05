"""Realistic synthetic situations in format 1, for the benchmarks (and for tests that need size).

API::

    from benchmarks.generate import generate
    files = generate(10_000, parts=10, seed=0)   # {"part-00.yaml": "<yaml text>", ...}

CLI::

    python benchmarks/generate.py 10000 --parts 10 --out DIR [--seed 0]

What comes out, and why it looks the way it does:

* all five panes in the proportions a long crisis piles up: statements and events dominate
  (about 40 % and 38 %), then fronts, evacuations and infrastructure;
* sources with Admiralty grades A-F, items citing one to three of them, some with a quote;
* `about` cross-links between items, quantities of every form (plain, qualified, ranges,
  with and without unit), dates, date-times with offsets, approximate dates
  (`{at: ..., approx: true}`), `x-` extensions, notes;
* place names in many scripts (Latin with diacritics, Cyrillic, Greek, Arabic, CJK: wide
  characters matter to a terminal);
* split into `parts` files sharing `situation.id`; exactly the first part carries `title`,
  `as_of` and the `sources`. Every item id is unique across panes and parts; `about` links
  may point to items in other parts (the loader merges parts before resolving them).

The YAML text is written directly (no serializer: 100,000 items in about a second) and is
deterministic for a given (n_items, parts, seed). Every string is a JSON-style double-quoted
scalar, which is valid YAML 1.2 whatever it contains.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

__all__ = ["generate", "PANE_SHARES", "situation_id", "main"]

# Share of items per pane (sums to 1): statements and events dominate a long crisis.
PANE_SHARES: dict[str, float] = {
    "fronts": 0.06,
    "evacuations": 0.08,
    "statements": 0.40,
    "infrastructure": 0.08,
    "events": 0.38,
}
_PREFIX = {
    "fronts": "front",
    "evacuations": "evac",
    "statements": "stmt",
    "infrastructure": "infra",
    "events": "event",
}

_PLACES = [
    "Sudzha",
    "Korenevo",
    "Ljubimovka",
    "Małkinia",
    "Łódź Kaliska",
    "Żółkiew",
    "Brăila",
    "Timișoara",
    "Čapljina",
    "Šibenik",
    "Dürnkrut",
    "Göttingen-Süd",
    "Århus Havn",
    "Ñuñoa",
    "São João del-Rei",
    "Île-Madame",
    "Œuilly",
    "Þórshöfn",
    "Ağrı",
    "İskenderun",
    "Đà Nẵng",
    "Харків",
    "Бєлгород",
    "Запоріжжя",
    "Курчатов",
    "Гомель",
    "Мозырь",
    "Θεσσαλονίκη",
    "Αλεξανδρούπολη",
    "الموصل",
    "حلب",
    "תל אביב",
    "ერევანი",
    "東京",
    "北京市",
    "서울",
    "Ōsaka",
    "Ulaanbaatar",
    "Tbilisi",
    "Chişinău",
]
_REGIONS = ["Northern district", "Border zone", "Coastal belt", "River crossing", "Eastern oblast"]
_ACTORS = [
    ("Vladimir Putin", "President"),
    ("Valery Gerasimov", "Chief of the General Staff"),
    ("Alexander Lukashenko", "President of Belarus"),
    ("Rafael Grossi", "Director General, IAEA"),
    ("Regional governor", "Governor"),
    ("Emergencies Ministry", "Ministry"),
    ("Defence Ministry spokesperson", "Spokesperson"),
    ("UN Secretary-General", "Secretary-General"),
    ("Military blogger «Rybar»", "Blogger"),
    ("Local mayor", "Mayor"),
    ("Red Cross delegation", "Humanitarian"),
    ("Foreign Ministry", "Ministry"),
]
_CHANNELS = [
    "televised address",
    "press briefing",
    "Telegram",
    "state news agency",
    "interview",
    "communiqué",
    "X (Twitter)",
    "security council meeting",
]
_VERBS = ["halted", "repelled", "stabilized", "contained", "pushed back", "encircled", "reached"]
_EVENT_KINDS = [
    "Convoy of burnt-out trucks filmed near {p}",
    "Drone incursion reported over {p}",
    "Artillery strike on {p}",
    "Bridge damaged at {p}",
    "Power outage across {p}",
    "Troop build-up observed at {p}",
    "Checkpoint established outside {p}",
    "Civilian casualties reported in {p}",
    "Rail line cut near {p}",
    "Humanitarian corridor opened from {p}",
]
_QUOTES = [
    "I don't understand why Ukraine needs this. We have to figure it out.",
    "The situation is under control; the advance has been {v}.",
    "Any provocations will not go unanswered.",
    "We call on all sides to exercise maximum restraint around {p}.",
    "Residents of {p} must leave immediately — buses are waiting at the station.",
    "Significant military activity has been observed near {p}.",
    "There is no threat to the population of {p} at this time.",
    "Our forces have {v} the enemy near {p}.",
]
_SUMMARIES = [
    "Called the offensive a major provocation.",
    "Announced that the advance near {p} had been {v}.",
    "Urged restraint and access for inspectors.",
    "Said additional forces were deployed to {p}.",
    "Denied reports of a breakthrough at {p}.",
]
_SOURCE_NAMES = [
    ("reuters", "Reuters", "agency", "B", "https://www.reuters.com/world/"),
    ("tass", "TASS", "state media", "D", "https://tass.com/"),
    ("ap", "Associated Press", "agency", "B", "https://apnews.com/"),
    ("iaea", "IAEA press office", "international organisation", "A", "https://www.iaea.org/newscenter"),
    ("emercom", "Emergencies Ministry", "government", "C", None),
    ("milblog", "Military bloggers (Telegram)", "social media", "E", None),
    ("osint", "OSINT geolocation group", "open source", "C", None),
    ("local-tv", "Regional TV", "broadcaster", "D", None),
    ("unverified", "Unverified social posts", "social media", "F", None),
    ("kyiv-independent", "The Kyiv Independent", "newspaper", "C", "https://kyivindependent.com/"),
]
_CONFIDENCES = ["verified", "reported", "reported", "reported", "claimed", "disputed", "unconfirmed"]
_FRONT_STATUSES = ["advancing", "contested", "holding", "stabilized", "withdrawing", "buildup", "quiet"]
_EVAC_STATUSES = ["planned", "ordered", "ongoing", "ongoing", "completed", "suspended"]
_INFRA_STATUSES = ["operational", "degraded", "damaged", "threatened", "offline", "destroyed", "unknown"]
_INFRA_KINDS = [
    "nuclear power plant",
    "bridge",
    "substation",
    "rail junction",
    "water works",
    "gas pipeline",
    "airfield",
    "hospital",
    "grain terminal",
]
_SIDES = [["Ukraine", "Russia"], ["Russia", "Ukraine"], ["Belarus"], ["Ukraine", "Russia", "Wagner"]]

AS_OF = dt.datetime(2024, 8, 14, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def situation_id(n_items: int, seed: int = 0) -> str:
    """The `situation.id` that `generate(n_items, seed=seed)` writes."""
    return f"gen-{n_items}-s{seed}"


def _q(s: str) -> str:
    """A YAML 1.2 double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def place(self) -> str:
        return self.r.choice(_PLACES)

    def fill(self, template: str) -> str:
        return template.replace("{p}", self.place()).replace("{v}", self.r.choice(_VERBS))

    def when(self, allow_time: bool = True) -> str:
        """A date, a date-time with offset, or an approximate date (block-flow text)."""
        r = self.r
        back = r.randint(0, 45)
        d = (AS_OF - dt.timedelta(days=back, minutes=r.randint(0, 1439))).replace(second=0)
        x = r.random()
        if x < 0.12:
            return f"{{at: {d.date().isoformat()}, approx: true}}"
        if allow_time and x < 0.55:
            return d.isoformat()
        return d.date().isoformat()

    def quantity(self, unit: str | None = None, magnitudes: tuple[int, ...] = (10, 100, 1000, 10000)) -> str:
        r = self.r
        x = r.random()
        magnitude = r.choice(magnitudes)
        v = r.randint(1, 99) * magnitude // 10 or 1
        u = f", unit: {_q(unit)}" if unit and r.random() < 0.5 else ""
        if x < 0.35:
            return str(v)
        if x < 0.7:
            ql = r.choice(["over", "under", "about", "up_to", "at_least"])
            return f"{{value: {v}, qualifier: {ql}{u}}}"
        if x < 0.85:
            lo = max(1, v // 2)
            return f"{{min: {lo}, max: {v}{u}}}"
        if x < 0.92:
            return f"{{value: {v / 10:.1f}{u}}}"
        return f"{{value: {v}{u}}}"


def _split(n: int) -> dict[str, int]:
    """Items per pane; every pane gets at least one item when n >= 5."""
    counts = {p: int(n * s) for p, s in PANE_SHARES.items()}
    if n >= len(PANE_SHARES):
        for p in counts:
            counts[p] = max(counts[p], 1)
    # hand the remainder (or the excess) to the two big panes
    diff = n - sum(counts.values())
    order = ["statements", "events", "statements", "events"]
    i = 0
    while diff != 0:
        p = order[i % len(order)]
        if diff > 0:
            counts[p] += 1
            diff -= 1
        elif counts[p] > 1:
            counts[p] -= 1
            diff += 1
        i += 1
        if i > 4 * n + 10:  # n < 5: fill statements then events only
            break
    return counts


def generate(n_items: int, parts: int = 1, seed: int = 0) -> dict[str, str]:
    """File name -> YAML text (format 1) of one situation with `n_items` items in `parts` files.

    Deterministic for given arguments. One part (`situation.yaml` when `parts == 1`,
    else `part-00.yaml`) carries title, as_of and the sources; the others only
    `situation: {id: ...}` and their share of every pane.
    """
    if n_items < 0:
        raise ValueError("n_items must be >= 0")
    if parts < 1:
        raise ValueError("parts must be >= 1")
    g = _Gen(seed)
    r = g.r
    sid = situation_id(n_items, seed)
    counts = _split(n_items)
    source_ids = [s[0] for s in _SOURCE_NAMES]

    # ids of every item, decided up front so `about` can point anywhere
    ids: dict[str, list[str]] = {pane: [f"{_PREFIX[pane]}-{i + 1}" for i in range(c)] for pane, c in counts.items()}
    all_ids = [i for pane in ids for i in ids[pane]]
    # a few hub items (fronts, infrastructure) that statements and events tend to refer to
    hubs = ids["fronts"][:50] + ids["infrastructure"][:50] or all_ids[:50]

    def common(item_id: str, lines: list[str]) -> None:
        if r.random() < 0.85:
            lines.append(f"    confidence: {r.choice(_CONFIDENCES)}")
        k = r.random()
        if k < 0.85:
            chosen = r.sample(source_ids, r.choice([1, 1, 1, 2, 2, 3]))
            lines.append("    sources:")
            for s in chosen:
                if r.random() < 0.15:
                    lines.append(f"      - {{source: {s}, quote: {_q(g.fill(r.choice(_QUOTES)))}}}")
                else:
                    lines.append(f"      - {s}")
        if r.random() < 0.5:
            lines.append(f"    updated: {g.when()}")
        if len(all_ids) > 1 and r.random() < 0.3:
            targets = {r.choice(hubs) if r.random() < 0.7 else r.choice(all_ids) for _ in range(r.choice([1, 1, 2]))}
            targets.discard(item_id)
            if targets:
                lines.append(f"    about: [{', '.join(sorted(targets))}]")
        if r.random() < 0.1:
            lines.append(
                f"    note: {_q('Analyst note: corroborate with ' + r.choice(_SOURCE_NAMES)[1] + ' before the briefing.')}"
            )
        if r.random() < 0.03:
            lines.append(f"    x-desk: {_q(r.choice(['north', 'south', 'liaison']))}")

    def front(i: int, item_id: str) -> list[str]:
        p = g.place()
        lines = [f"  - id: {item_id}", f"    name: {_q(f'{p} axis {i}')}"]
        if r.random() < 0.9:
            lines.append(f"    status: {r.choice(_FRONT_STATUSES)}")
        lines.append(f"    sides: [{', '.join(_q(s) for s in r.choice(_SIDES))}]")
        if r.random() < 0.7:
            lines.append(f"    depth_km: {g.quantity('km', (10, 10, 100))}")
        if r.random() < 0.5:
            lines.append(
                f"    strength: {_q(r.choice(['thousands of soldiers', 'two brigades', 'a battalion group', 'unknown']))}"
            )
        if r.random() < 0.6:
            lines.append(f"    since: {g.when(allow_time=False)}")
        lines.append(f"    places: [{', '.join(_q(g.place()) for _ in range(r.randint(1, 4)))}]")
        common(item_id, lines)
        return lines

    def evacuation(i: int, item_id: str) -> list[str]:
        lines = [f"  - id: {item_id}", f"    area: {_q(g.place() + ' ' + r.choice(_REGIONS).lower() + f' #{i}')}"]
        if r.random() < 0.9:
            lines.append(f"    people: {g.quantity('people')}")
        lines.append(f"    status: {r.choice(_EVAC_STATUSES)}")
        if r.random() < 0.6:
            lines.append(
                f"    authority: {_q(r.choice(['Emergencies Ministry', 'Regional governor', 'Local council', 'Army']))}"
            )
        if r.random() < 0.5:
            lines.append(f"    destination: {_q(g.place())}")
        if r.random() < 0.6:
            lines.append(f"    since: {g.when(allow_time=False)}")
        common(item_id, lines)
        return lines

    def statement(i: int, item_id: str) -> list[str]:
        actor, role = r.choice(_ACTORS)
        lines = [f"  - id: {item_id}", f"    actor: {_q(actor)}"]
        x = r.random()
        if x < 0.75:
            lines.append(f"    quote: {_q(g.fill(r.choice(_QUOTES)))}")
        if x >= 0.5:
            lines.append(f"    summary: {_q(g.fill(r.choice(_SUMMARIES)))}")
        if r.random() < 0.7:
            lines.append(f"    role: {_q(role)}")
        lines.append(f"    date: {g.when()}")
        if r.random() < 0.6:
            lines.append(f"    channel: {_q(r.choice(_CHANNELS))}")
        common(item_id, lines)
        return lines

    def infrastructure(i: int, item_id: str) -> list[str]:
        kind = r.choice(_INFRA_KINDS)
        p = g.place()
        lines = [f"  - id: {item_id}", f"    name: {_q(f'{p} {kind} {i}')}", f"    kind: {_q(kind)}"]
        lines.append(f"    status: {r.choice(_INFRA_STATUSES)}")
        if r.random() < 0.7:
            lines.append(f"    location: {_q(p + ', ' + r.choice(_REGIONS))}")
        if kind == "nuclear power plant" or r.random() < 0.2:
            a, b, c = r.randint(0, 4), r.randint(0, 3), r.randint(0, 2)
            lines.append(f"    units: {{operational: {a}, shut_down: {b}, under_construction: {c}}}")
        if r.random() < 0.5:
            lines.append(
                f"    significance: {_q('Supplies a significant portion of the region' + chr(8217) + 's electricity.')}"
            )
        common(item_id, lines)
        return lines

    def event(i: int, item_id: str) -> list[str]:
        lines = [f"  - id: {item_id}", f"    what: {_q(g.fill(r.choice(_EVENT_KINDS)))}"]
        lines.append(f"    date: {g.when()}")
        if r.random() < 0.7:
            lines.append(f"    where: {_q(g.place())}")
        if r.random() < 0.4:
            lines.append(f"    count: {g.quantity(r.choice(['vehicles', 'people', 'drones']), (10, 10, 100, 1000))}")
        common(item_id, lines)
        return lines

    makers = {
        "fronts": front,
        "evacuations": evacuation,
        "statements": statement,
        "infrastructure": infrastructure,
        "events": event,
    }

    # header lines of each part
    names = ["situation.yaml"] if parts == 1 else [f"part-{k:02d}.yaml" for k in range(parts)]
    bodies: list[list[str]] = []
    for k in range(parts):
        head = [
            "# Synthetic situation for the sitboard benchmarks (benchmarks/generate.py).",
            "format: 1",
            "situation:",
            f"  id: {sid}",
        ]
        if k == 0:
            head += [
                f"  title: {_q(f'Synthetic border crisis — {n_items:,} items')}",
                f"  as_of: {AS_OF.isoformat()}",
                f"  area: {_q('Kursk–Sumy border region (synthetic)')}",
                f"  summary: {_q('Generated for load, search and paint benchmarks; every name is made up or drawn from public reporting.')}",
                "  marking: TLP:CLEAR",
                "sources:",
            ]
            for s_id, name, typ, grade, url in _SOURCE_NAMES:
                head += [f"  {s_id}:", f"    name: {_q(name)}", f"    type: {_q(typ)}", f"    reliability: {grade}"]
                if url:
                    head.append(f"    url: {_q(url)}")
        bodies.append(head)

    for pane, maker in makers.items():
        pane_ids = ids[pane]
        n = len(pane_ids)
        for k in range(parts):
            lo, hi = n * k // parts, n * (k + 1) // parts
            if lo == hi:
                continue
            out = bodies[k]
            out.append(f"{pane}:")
            for i in range(lo, hi):
                out.extend(maker(i + 1, pane_ids[i]))
    return {name: "\n".join(body) + "\n" for name, body in zip(names, bodies)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic format-1 situation.")
    ap.add_argument("n_items", type=int, help="number of items over all five panes")
    ap.add_argument("--parts", type=int, default=1, help="split into this many files sharing situation.id")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True, help="directory to write into (created)")
    a = ap.parse_args(argv)
    try:
        files = generate(a.n_items, a.parts, a.seed)
    except ValueError as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 2
    a.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in files.items():
        data = text.encode("utf-8")
        (a.out / name).write_bytes(data)
        total += len(data)
    print(f"wrote {len(files)} file(s), {a.n_items} items, {total:,} bytes to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
