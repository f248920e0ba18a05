"""tui/model/rowfilter.py: which rows a search shows, a list operation on ids (UI-free)."""

from __future__ import annotations

import threading

from tui.model.rowfilter import RowFilter, filter_ids

TEXTS = {"a": "korenevo shelled", "b": "sudzha quiet", "c": "korenevo quiet", "d": "", "e": "belgorod korenevo"}


def make(texts=TEXTS, calls=None):
    def text_of(item_id: str) -> str:
        if calls is not None:
            calls.append(item_id)
        return texts[item_id]

    return RowFilter(list(texts), text_of)


def test_filter_ids_keeps_the_order():
    assert filter_ids(["c", "a", "b"], lambda i: i != "a") == ["c", "b"]
    assert filter_ids([], lambda i: True) == []


def test_no_query_shows_every_row_in_order():
    rows = make()
    assert rows.apply("") == ["a", "b", "c", "d", "e"]


def test_a_query_keeps_the_rows_whose_text_holds_it_in_order():
    rows = make()
    assert rows.apply("korenevo") == ["a", "c", "e"]
    assert rows.apply("quiet") == ["b", "c"]
    assert rows.apply("nowhere") == []


def test_a_longer_query_tests_only_the_previous_hits():
    calls: list[str] = []
    rows = make(calls=calls)
    rows.apply("k")
    assert sorted(calls) == ["a", "b", "c", "d", "e"]  # each text built once
    tested = []
    real = rows.text

    def counting(item_id):
        tested.append(item_id)
        return real(item_id)

    rows.texts.clear()  # so every lookup goes through text(): we see what is tested
    rows.text = counting  # type: ignore[method-assign]
    assert rows.apply("ko") == ["a", "c", "e"]
    assert sorted(tested) == ["a", "c", "e"]  # only the hits of "k"


def test_narrowing_gives_what_a_full_scan_gives():
    texts = {f"i{n}": f"item {n} {'korenevo' if n % 3 else 'sudzha'}" for n in range(300)}
    narrowed = make(texts)
    for q in ("k", "ko", "kor", "kore", "koren"):
        result = narrowed.apply(q)
    assert result == make(texts).apply("koren") and len(result) == 200
    # a query that does not extend the last one scans everything again
    assert narrowed.apply("sudz") == make(texts).apply("sudz") and len(narrowed.apply("sudz")) == 100


def test_a_text_that_cannot_be_built_is_never_a_hit_and_never_raises():
    def text_of(item_id: str) -> str:
        if item_id == "bad":
            raise ValueError("a value the text builder does not know")
        return item_id

    rows = RowFilter(["good", "bad"], text_of)
    assert rows.apply("") == ["good", "bad"]  # shown
    assert rows.apply("a") == []  # "bad" is not matched although its id holds an a
    assert rows.apply("goo") == ["good"]


def test_warm_builds_every_text_once_and_can_stop():
    calls: list[str] = []
    rows = make(calls=calls)
    assert not rows.warm_done
    rows.warm(stop=lambda: len(calls) >= 2)
    assert len(calls) == 2 and not rows.warm_done
    worker = threading.Thread(target=rows.warm)
    worker.start()
    worker.join(5)
    assert rows.warm_done and sorted(calls) == ["a", "b", "c", "d", "e"]
    rows.apply("korenevo")
    assert len(calls) == 5  # nothing built twice


def test_texts_given_are_reused():
    calls: list[str] = []
    rows = RowFilter(["a", "b"], lambda i: calls.append(i) or TEXTS[i], texts={"a": TEXTS["a"]})
    assert rows.apply("shelled") == ["a"]
    assert calls == ["b"]
