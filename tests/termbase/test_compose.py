"""Compositional suggestions and lookup beyond the termbase."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from untm.align.compose import Part, compose
from untm.cli.app import app
from untm.workspace import open_db


def known(table: dict[str, str]):  # type: ignore[no-untyped-def]
    return lambda s: [Part(s, table[s], "termbase")] if s in table else []


def test_coordination_lends_the_head() -> None:
    k = known({"民事诉讼": "civil proceedings", "行政诉讼": "administrative proceedings"})
    c = compose("民事和行政诉讼", k)
    assert c is not None and c.en == "civil and administrative proceedings"
    assert [p.zh for p in c.parts] == ["民事诉讼", "行政诉讼"]


def test_modifiers_keep_the_order_and_xia_is_reversed() -> None:
    k = known(
        {
            "不限成员名额": "open-ended",
            "政府间": "intergovernmental",
            "专家会议": "expert meeting",
            "公约": "Convention",
            "国际合作": "international cooperation",
        }
    )
    assert (
        compose("不限成员名额政府间专家会议", k).en == "open-ended intergovernmental expert meeting"
    )  # type: ignore[union-attr]
    assert compose("《公约》下国际合作", k).en == "international cooperation under the Convention"  # type: ignore[union-attr]


def test_nothing_is_composed_from_nothing() -> None:
    assert compose("气候变化", known({})) is None
    assert compose("会议", known({"会议": "meeting"})) is None  # one part is no composition


def test_lookup_beyond_the_termbase(db_path: Path) -> None:
    open_db(db_path).close()
    r = CliRunner().invoke(app, ["lookup", "民事和行政诉讼", "--json"])
    data = json.loads(r.stdout)
    suggestion = [b for b in data["beyond"] if b["kind"] == "suggestion"]
    assert suggestion and suggestion[0]["en"] == "civil and administrative proceedings"
    assert [p["zh"] for p in suggestion[0]["parts"]] == ["民事诉讼", "行政诉讼"]
    assert all(h["kind"] == "termbase" for h in data["results"])
    r = CliRunner().invoke(app, ["lookup", "统计数据"])
    assert r.exit_code == 1  # a dictionary entry is no termbase hit
    assert (
        "Dictionary (CC-CEDICT, general vocabulary, not UN terminology): statistical data"
        in r.stdout
    )
    r = CliRunner().invoke(app, ["lookup", "缔约国", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["beyond"] == []
