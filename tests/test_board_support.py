"""Shared helpers for the board tests: hand-built situations, a fixed clock, an app factory.

(Named test_board_*.py so it belongs to the board's tests; it holds one sanity test.)
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from tui.model.types import (
    Diagnostic,
    Evacuation,
    Event,
    Front,
    Infrastructure,
    LoadResult,
    Quantity,
    Situation,
    Source,
    SourceRef,
    Statement,
    When,
)

UTC = dt.UTC
AS_OF = dt.datetime(2024, 8, 9, 12, 0, tzinfo=UTC)
NOW = dt.datetime(2024, 8, 9, 15, 0, tzinfo=UTC)


def fixed_clock() -> dt.datetime:
    return NOW


SOURCES = MappingProxyType(
    {
        "reuters": Source("reuters", "Reuters", type="agency", reliability="B"),
        "tg": Source("tg", "Telegram channel", type="social", reliability="E"),
        "mod": Source("mod", "Ministry of Defence", type="official", reliability="C"),
    }
)


def kursk(**overrides) -> Situation:
    fields = dict(
        id="kursk",
        title="Kursk incursion",
        area="Kursk oblast",
        as_of=When(AS_OF),
        marking="TLP:AMBER",
        sources=SOURCES,
        fronts=(
            Front(
                id="sudzha",
                name="Sudzha axis",
                status="advancing",
                depth_km=Quantity(20, "up_to", unit="km"),
                confidence="claimed",
                sources=(SourceRef("tg"), SourceRef("mod")),
                sides=("Ukraine", "Russia"),
            ),
            Front(
                id="korenevo",
                name="Korenevo",
                status="contested",
                confidence="verified",
                sources=(SourceRef("reuters"),),
            ),
            Front(id="glushkovo", name="Glushkovo", status="holding", confidence="disputed"),
            Front(id="belaya", name="Belaya", status="quiet", confidence="unconfirmed"),
        ),
        evacuations=(
            Evacuation(
                id="kursk-border",
                area="Kursk border districts",
                people=Quantity(76000, "over"),
                status="ongoing",
                sources=(SourceRef("reuters"),),
            ),
            Evacuation(
                id="belgorod", area="Belgorod Krasnaya Yaruga", people=Quantity(11000, "about"), status="ordered"
            ),
        ),
        statements=(
            Statement(
                id="putin",
                actor="Putin",
                quote="a large-scale provocation",
                date=When(dt.date(2024, 8, 7)),
                sources=(SourceRef("reuters", "quoted"),),
            ),
            Statement(
                id="zelensky",
                actor="Zelensky",
                summary="pushing the war into the aggressor's territory",
                date=When(dt.date(2024, 8, 10), approx=True),
            ),
        ),
        infrastructure=(
            Infrastructure(
                id="kursk-npp",
                name="Kursk NPP",
                status="threatened",
                units=(("operating", 2), ("shut_down", 2), ("under_construction", 2)),
            ),
            Infrastructure(id="sudzha-gms", name="Sudzha gas metering station", status="damaged", confidence="claimed"),
        ),
        events=(
            Event(id="attack", what="Cross-border attack begins", date=When(dt.date(2024, 8, 6))),
            Event(id="emergency", what="Regional emergency declared in Kursk", date=When(dt.date(2024, 8, 7))),
            Event(id="sudža-taken", what="Sudža reported taken", date=When(dt.date(2024, 8, 8)), confidence="claimed"),
        ),
        files=("/tmp/kursk.yaml",),
    )
    fields.update(overrides)
    return Situation(**fields)


def result(*situations: Situation, diagnostics=()) -> LoadResult:
    sits = situations or (kursk(),)
    return LoadResult(situations=sits, diagnostics=tuple(diagnostics), files=tuple(f for s in sits for f in s.files))


def make_app(res: LoadResult | None = None, **kw):
    from tui.ui.app import SitboardApp

    res = res if res is not None else result()
    kw.setdefault("clock", fixed_clock)
    kw.setdefault("read_user_keymap", False)
    return SitboardApp(["/tmp/kursk.yaml"], loader=lambda paths: res, **kw)


async def settle(app, pilot) -> None:
    """Wait for the load worker and the messages it posts."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


BAD = Diagnostic("/tmp/bad.yaml", 3, 5, "fronts[0].status", "unknown status 'retreating'")


def test_fixture_situation_is_consistent():
    s = kursk()
    assert s.item_count == 13
    assert len({it.id for it in s.items()}) == s.item_count
