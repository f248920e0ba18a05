"""tui.model.serialize (JSON round trip) and tui.runtime.baseline.BaselineStore (atomic, never crashes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
from pathlib import Path

import pytest

from tui.model.load import load
from tui.model.serialize import (
    SERIALIZED_KINDS,
    SerializeError,
    field_kind,
    situation_from_json,
    situation_to_json,
)
from tui.model.types import ITEM_TYPES
from tui.runtime.baseline import BaselineStore

HEAD = """\
format: 1
situation:
  id: split-sit
  title: "Split \\u001b[31m situation"
  as_of: 2024-08-09
  marking: UNCLASSIFIED
  x-desk: {lead: anna, shifts: [1, 2.5, null, true]}
sources:
  wire: {name: Wire, reliability: B, url: "https://example.org", x-note: kept}
fronts:
  - name: North axis
    depth_km: {min: 10, max: 20.5}
    sides: [A, B]
    since: {at: 2024-08-06, approx: true}
    updated: 2024-08-09T10:00:00+03:00
    sources: [{source: wire, quote: "ten to twenty", x-page: 3}]
"""

PART = """\
situation: {id: split-sit}
infrastructure:
  - id: plant
    name: Plant
    units: {operational: 2, shut_down: 1}
    x-grid: [north, south]
events:
  - what: Convoy
    count: {value: 15, qualifier: about, unit: vehicles}
    about: [plant]
    note: "line one\\nline two"
"""


@pytest.fixture
def split(tmp_path: Path):
    d = tmp_path / "sit"
    d.mkdir()
    (d / "head.yaml").write_text(HEAD, encoding="utf-8")
    (d / "part.yaml").write_text(PART, encoding="utf-8")
    result = load([d])
    assert result.ok, [str(x) for x in result.diagnostics]
    return result.situations[0]


# ---------------------------------------------------------------- serialize


def test_round_trip_default(default) -> None:
    text = situation_to_json(default)
    assert situation_from_json(text) == default
    assert text.isascii()


def test_round_trip_split_with_extensions_ranges_and_dates(split) -> None:
    back = situation_from_json(situation_to_json(split))
    assert back == split
    front = back.fronts[0]
    assert front.depth_km.max == 20.5 and front.since.approx
    assert isinstance(front.updated.value, dt.datetime) and front.updated.value.utcoffset() == dt.timedelta(hours=3)
    assert back.infrastructure[0].units == (("operational", 2), ("shut_down", 1))
    assert dict(back.extensions)["x-desk"] == {"lead": "anna", "shifts": [1, 2.5, None, True]}
    assert "\x1b" in back.title  # kept as data; never printed raw (the JSON escapes it)
    assert "\x1b" not in situation_to_json(split)


def test_every_item_field_has_a_json_form() -> None:
    # Every field of every item type is in the spec (with a kind the serializer writes) or
    # one of the serializer's own fields: a field added to the model cannot be dropped.
    for pane, cls in ITEM_TYPES.items():
        kinds = {f.name: field_kind(pane, f.name) for f in dataclasses.fields(cls)}
        missing = {name for name, kind in kinds.items() if kind != "meta" and kind not in SERIALIZED_KINDS}
        assert not missing, f"{cls.__name__}: {missing} not serialized"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("not json", "not JSON"),
        ("[]", "should be an object"),
        ('{"sitboard_situation": 99}', "newer"),
        ('{"sitboard_situation": 1, "id": "x", "title": "t"}', "no as_of"),
        (
            '{"sitboard_situation": 1, "id": "x", "title": "t", "as_of": {"date": "2024-13-01"}}',
            "ISO date",
        ),
        (
            '{"sitboard_situation": 1, "id": "x", "title": "t", "as_of": {"date": "2024-01-01"},'
            ' "panes": {"fronts": [{"name": "n", "bogus": 1}]}}',
            "unknown fields",
        ),
        (
            '{"sitboard_situation": 1, "id": "x", "title": "t", "as_of": {"date": "2024-01-01"},'
            ' "panes": {"fronts": [{"id": "a"}]}}',
            "required",
        ),
    ],
)
def test_from_json_refuses_what_it_did_not_write(text: str, reason: str) -> None:
    with pytest.raises(SerializeError, match=reason):
        situation_from_json(text)


# ---------------------------------------------------------------- BaselineStore


def test_save_and_load_per_situation(tmp_path: Path, default, split) -> None:
    store = BaselineStore(tmp_path / "state")
    when = dt.datetime(2024, 8, 9, 10, 0, tzinfo=dt.UTC)
    saved = store.save(default, now=when)
    assert saved.ok and saved.path == tmp_path / "state" / "baselines" / "kursk-2024-08.json"
    assert store.save(split).ok
    assert store.load("kursk-2024-08") == default
    assert store.load("split-sit") == split
    assert store.load("other") is None and store.last_error is None
    info = store.info("kursk-2024-08")
    assert info.saved_at == when and info.as_of == "2024-08-09T12:00:00+03:00"
    # a second save replaces the first, leaves no temporary file behind
    assert store.save(split).ok
    assert sorted(p.name for p in store.directory.iterdir()) == ["kursk-2024-08.json", "split-sit.json"]
    assert store.delete("split-sit") is None and store.load("split-sit") is None


def test_default_state_dir_follows_platformdirs(tmp_path: Path, monkeypatch, default) -> None:
    monkeypatch.delenv("SITBOARD_STATE_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    store = BaselineStore()
    assert store.save(default).path == tmp_path / "xdg" / "sitboard" / "baselines" / "kursk-2024-08.json"
    # the sitboard folder itself is private (it was 0755: issue 10 item 7), not only baselines/
    for folder in (tmp_path / "xdg" / "sitboard", tmp_path / "xdg" / "sitboard" / "baselines"):
        assert os.stat(folder).st_mode & 0o777 == 0o700
    monkeypatch.setenv("SITBOARD_STATE_DIR", str(tmp_path / "mine"))
    assert BaselineStore().save(default).path == tmp_path / "mine" / "baselines" / "kursk-2024-08.json"


def test_unwritable_state_dir_is_a_message_not_a_crash(tmp_path: Path, default) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    result = BaselineStore(blocker / "state").save(default)
    assert not result.ok and result.path is None
    assert "could not save the baseline" in result.error


def test_full_disk_keeps_the_previous_baseline(tmp_path: Path, default, split, monkeypatch) -> None:
    store = BaselineStore(tmp_path)
    assert store.save(default).ok
    changed = dataclasses.replace(default, title="Changed")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = store.save(changed)
    assert not result.ok and "the disk is full" in result.error
    monkeypatch.undo()
    assert store.load(default.id) == default  # the old snapshot survived
    assert [p.name for p in store.directory.iterdir()] == ["kursk-2024-08.json"]  # no temp left


def test_damaged_baseline_loads_as_none_with_a_reason(tmp_path: Path, default) -> None:
    store = BaselineStore(tmp_path)
    store.save(default)
    path = store.path_for(default.id)
    path.write_text("{ broken")
    assert store.load(default.id) is None and "damaged" in store.last_error
    path.write_text(json.dumps({"sitboard_baseline": 1, "situation": {"sitboard_situation": 1}}))
    assert store.load(default.id) is None and "damaged" in store.last_error
    path.write_text(json.dumps({"something": "else"}))
    assert store.load(default.id) is None and "not a sitboard baseline" in store.last_error


def test_odd_ids_never_escape_the_directory(tmp_path: Path) -> None:
    store = BaselineStore(tmp_path)
    p = store.path_for("../../etc/passwd")
    assert p.parent == store.directory and "/" not in p.name and ".." not in p.name
