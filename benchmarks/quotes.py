"""Quote checks at scale (issue 10 item 6): `sitboard check`'s quote warnings and the
detail's passages, with real files.

    python benchmarks/quotes.py            # this checkout
    SITBOARD_SRC=/path/to/other/checkout python benchmarks/quotes.py   # compare

Cases:
  check, 16,000 items    16,000 events, each quoting the seed report (every other quote
                         missing): load + check_quotes, as `sitboard check` runs them
  enter, 4 MB document   30 quotes looked up in one 4 MB document (the detail of an item
                         with 30 quoted references, or 30 items opened in turn)
  check, 4 MB document   the same 30 quotes through check_quotes
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("SITBOARD_SRC", str(ROOT)))

from tui.model.documents import check_quotes, find_passage, read_document  # noqa: E402
from tui.model.load import load  # noqa: E402

HEADER = "situation:\n  id: q\n  title: Quotes\n  as_of: 2024-08-09T12:00:00+03:00\n"


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def many_items(d: Path, n: int) -> Path:
    seed = (ROOT / "seeds" / "kursk-2024-08-reuters-tass.txt").read_text("utf-8")
    (d / "seed.txt").write_text(seed, encoding="utf-8")
    words = seed.split()
    lines = [HEADER, "sources:\n  seed: {name: Seed, document: seed.txt}\n", "events:\n"]
    for i in range(n):
        quote = " ".join(words[i % 200 : i % 200 + 6]) if i % 2 else f"words never written {i}"
        quote = quote.replace("'", "''")
        lines.append(f"  - what: event {i}\n    sources:\n      - {{source: seed, quote: '{quote}'}}\n")
    f = d / "many.yaml"
    f.write_text("".join(lines), encoding="utf-8")
    return f


def big_document(d: Path) -> tuple[Path, list[str]]:
    para = (
        "The ministry said on Wednesday that over 76,000 people had been evacuated from areas "
        "bordering Ukraine, while fighting continued near the town. "
    )
    text = []
    quotes = []
    size = 0
    i = 0
    while size < 4 * 1024 * 1024 - 4096:
        line = f"{i:07d} {para}\n"
        text.append(line)
        size += len(line)
        i += 1
    step = len(text) // 30
    for k in range(30):
        quotes.append(f"{k * step:07d} The ministry said on Wednesday")
    (d / "big.txt").write_text("".join(text), encoding="utf-8")
    lines = [
        HEADER,
        "sources:\n  big: {name: Big, document: big.txt}\n",
        "events:\n  - what: Thirty quotes\n    sources:\n",
    ]
    lines += [f"      - {{source: big, quote: '{q}'}}\n" for q in quotes]
    f = d / "big.yaml"
    f.write_text("".join(lines), encoding="utf-8")
    return f, quotes


def main() -> None:
    print(f"code: {sys.path[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "many"
        d.mkdir()
        f = many_items(d, 16_000)
        t_load, result = timed(lambda: load([f], for_check=True))
        t_check, warnings = timed(lambda: check_quotes(result))
        print(f"check, 16,000 items : load {t_load:6.2f} s, quotes {t_check:6.2f} s, {len(warnings):,} warnings")
        d = Path(tmp) / "big"
        d.mkdir()
        f, quotes = big_document(d)
        result = load([f], for_check=True)
        t_check, warnings = timed(lambda: check_quotes(result))
        print(f"check, 4 MB document: 30 quotes {t_check:6.2f} s, {len(warnings)} warnings")
        doc = read_document(d / "big.txt")
        text = doc.text + " "  # another string: nothing folded in advance
        t_enter, found = timed(lambda: [find_passage(text, q) for q in quotes])
        print(f"enter, 4 MB document: 30 quotes {t_enter:6.2f} s, {sum(p is not None for p in found)} found")


if __name__ == "__main__":
    main()
