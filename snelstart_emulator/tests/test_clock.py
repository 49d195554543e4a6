"""The controllable clock behind modifiedOn, including the autumn clock change."""

from __future__ import annotations

import httpx

from snelstart_emulator.testing import EmulatorServer
from snelstart_emulator.tests.helpers import klant


def create(client: httpx.Client, naam: str) -> dict[str, object]:
    return client.post("/relaties", json=klant(naam)).json()


def test_a_frozen_clock_stamps_modified_on(server: EmulatorServer, empty_api: httpx.Client) -> None:
    server.set_clock(local="2026-06-15T14:30:00.5")
    assert create(empty_api, "A")["modifiedOn"] == "2026-06-15T14:30:00.5"
    server.advance_clock(1.25)
    assert create(empty_api, "B")["modifiedOn"] == "2026-06-15T14:30:01.75"


def test_fraction_digits_are_cut_to_the_configured_precision(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    server.set_clock(local="2026-06-15T14:30:00.123456")
    assert create(empty_api, "A")["modifiedOn"] == "2026-06-15T14:30:00.12"
    server.set_settings(modified_on_fraction_digits=0)
    assert create(empty_api, "B")["modifiedOn"] == "2026-06-15T14:30:00"
    server.set_settings(modified_on_fraction_digits=6)
    assert create(empty_api, "C")["modifiedOn"] == "2026-06-15T14:30:00.123456"


def test_modified_on_is_amsterdam_wall_time(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    server.set_clock(utc="2026-07-01T10:00:00Z")
    assert create(empty_api, "Zomer")["modifiedOn"] == "2026-07-01T12:00:00"
    server.set_clock(utc="2026-01-15T10:00:00Z")
    assert create(empty_api, "Winter")["modifiedOn"] == "2026-01-15T11:00:00"


def test_the_autumn_hour_happens_twice_with_the_same_text(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    clock = server.set_clock(local="2026-10-25T02:30:00", fold=0)
    assert clock["utc"].startswith("2026-10-25T00:30:00")
    first = create(empty_api, "Voor de wisseling")
    server.set_clock(local="2026-10-25T02:10:00", fold=1)
    second = create(empty_api, "Na de wisseling")
    # Later in real time, yet an earlier wall-clock text: what a naive watermark trips over.
    assert first["modifiedOn"] == "2026-10-25T02:30:00"
    assert second["modifiedOn"] == "2026-10-25T02:10:00"
    text = "ModifiedOn gt datetime'2026-10-25T02:20:00'"
    names = [row["naam"] for row in empty_api.get("/relaties", params={"$filter": text}).json()]
    assert names == ["Voor de wisseling"]


def test_fold_one_is_an_hour_after_fold_zero(server: EmulatorServer) -> None:
    zero = server.set_clock(local="2026-10-25T02:30:00", fold=0)
    one = server.set_clock(local="2026-10-25T02:30:00", fold=1)
    assert zero["utc"].startswith("2026-10-25T00:30:00")
    assert one["utc"].startswith("2026-10-25T01:30:00")
    assert zero["local"] == one["local"] == "2026-10-25T02:30:00"


def test_an_offset_clock_runs_with_real_time(server: EmulatorServer) -> None:
    real = server.set_clock()
    shifted = server.set_clock(offset_seconds=86400)
    assert shifted["mode"] == "offset"
    assert shifted["utc"][:10] > real["utc"][:10]


def test_bad_clock_requests_are_refused(server: EmulatorServer) -> None:
    admin = server._admin_client
    assert admin is not None
    assert admin.put("/clock", json={"mode": "fixed", "local": "gisteren"}).status_code == 400
    assert (
        admin.put(
            "/clock", json={"mode": "fixed", "local": "2026-10-25T02:30:00", "fold": 2}
        ).status_code
        == 400
    )
    assert admin.put("/clock", json={"mode": "sometimes"}).status_code == 400
