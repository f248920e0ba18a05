"""The detail of the December 2026 values (issue 12): a breakdown and its mismatch, a series
as a small table, a watch item's due against the clock, severity, likelihood with its band,
counts, geo, funding, `via`; and an item with errors: every problem, file:line:col."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_board_support import settle
from test_detail import whole_detail

from tui.model.load import load
from tui.ui.screens.detail import DetailScreen

UTC3 = dt.timezone(dt.timedelta(hours=3))
NOW = dt.datetime(2024, 8, 9, 15, 0, tzinfo=UTC3)

FILE = """\
format: 1
situation:
  id: detail
  title: Detail
  as_of: 2024-08-09T12:00:00+03:00
sources:
  wire: {name: Wire agency, reliability: B}
figures:
  - id: evacuated
    label: people evacuated
    value: 76000
    date: 2024-08-09
    breakdown: {Sudzha: 20000, Korenevo: 30000}
    series:
      - {at: 2024-07, value: 3000}
      - {at: 2024-08-07, value: 20000}
    severity: critical
    sources:
      - {source: wire, quote: "76,000 evacuated", via: "regional officials"}
judgments:
  - id: not-pushed-back
    text: Russia has not pushed the advance back
    likelihood: likely
watch:
  - id: npp
    what: Fighting near the plant
    due: 2024-08-09T12:00:00+03:00
  - id: talks
    what: Talks
    due: 2024-08-09T17:10:00+03:00
needs:
  - id: shelter
    sector: shelter
    funding: {required: {value: 1000000, unit: USD}, received: {value: 250000, unit: USD}}
events:
  - id: quake
    what: Earthquake
    counts: {killed: 17, missing: 83}
    geo: {lat: 34.35, lon: 62.2, precision: region}
fronts:
  - id: bad-front
    name: Broken front
    status: winning
    depth_km: lots
"""


def squash(text: str) -> str:
    return " ".join(text.replace("▌", " ").split())  # (the focused body's bar on the left)


async def detail_of(tmp_path: Path, item_id: str) -> str:
    from tui.ui.app import SitboardApp

    path = tmp_path / "detail.yaml"
    path.write_text(FILE, encoding="utf-8")
    app = SitboardApp([str(path)], clock=lambda: NOW, read_user_keymap=False, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        while app.situation is None:
            await pilot.pause(0.05)
        app.open_detail(item_id)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        return squash(await whole_detail(app, pilot))


def test_the_file_loads_with_its_problems(tmp_path: Path):
    path = tmp_path / "detail.yaml"
    path.write_text(FILE, encoding="utf-8")
    result = load([path])
    (sit,) = result.situations
    assert sit.item("bad-front") is not None and sit.item("bad-front").broken
    assert any("add up" in d.message for d in result.warnings)


async def test_a_figure_shows_its_breakdown_mismatch_series_severity_and_via(tmp_path: Path):
    shown = await detail_of(tmp_path, "evacuated")
    assert "Breakdown Sudzha 20,000 Korenevo 30,000 ⚠ the parts add up to 50,000, not to the value 76,000" in shown
    assert "Series Jul 2024 3,000 07 Aug 2024 20,000 09 Aug 2024 (latest) 76,000" in shown
    assert "Severity ▲ critical" in shown
    assert "via regional officials (second-hand: the source passed on their word)" in shown
    assert "Weak basis rests only on second-hand reports (Wire agency via regional officials)" in shown


async def test_watch_items_say_how_late_or_how_soon(tmp_path: Path):
    assert "Due 09 Aug 2024 12:00 — ⚠ overdue by 3 h" in await detail_of(tmp_path, "npp")
    assert "Due 09 Aug 2024 17:10 — due in 2 h 10 m" in await detail_of(tmp_path, "talks")


async def test_likelihood_funding_counts_and_geo_read_as_people_say_them(tmp_path: Path):
    assert "Likelihood likely (55-75 %)" in await detail_of(tmp_path, "not-pushed-back")
    assert "Funding 250,000 USD received of 1,000,000 USD required (25 %)" in await detail_of(tmp_path, "shelter")
    quake = await detail_of(tmp_path, "quake")
    assert "Counts 17 killed · 83 missing" in quake
    assert "Geo 34.35° N 62.2° E (region)" in quake


async def test_an_item_with_errors_shows_every_problem_placed(tmp_path: Path):
    shown = await detail_of(tmp_path, "bad-front")
    assert "✗ Problems" in shown
    status = FILE.splitlines().index("    status: winning") + 1
    assert f"{tmp_path / 'detail.yaml'}:{status}:13: fronts[0].status: 'winning' is not one of" in shown
    assert f"{tmp_path / 'detail.yaml'}:{status + 1}:15: fronts[0].depth_km: expected a number" in shown
    assert "Name Broken front" in shown  # what validated
