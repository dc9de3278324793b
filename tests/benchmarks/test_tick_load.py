"""benchmarks.tick_load: tick files loaded in DuckDB give what the polars path gives.

Real data: the bundled Compute Price Tracker version, its quotes written as a tick file. Fault
lines and the large file for the numbering test are SYNTHETIC (labelled where they are made).
The polars reference is the project's own path: quotes -> sources.prices.finish ->
analyses.cloud_prices.conform -> schemas.validation.split_valid.
"""

from __future__ import annotations

import csv
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandera.polars as pa
import polars as pl
import pytest

import warehouse
from analyses.cloud_prices import DUPLICATE, cloud_rows, conform, instance_catalogue
from benchmarks.tick_file import HEADER, TickFormatError
from benchmarks.tick_load import load_ticks_csv
from benchmarks.tick_sql_checks import sql_passes, sql_violations
from schemas import CLOUD_PRICE, HARDWARE_ALIAS, TABLES, Table
from schemas.columns.declare import column
from schemas.validation import split_valid
from sources import curated, gpu_price_tracker
from sources.gpu_price_tracker import WITH_SOCKET, WITHOUT_SOCKET
from sources.prices import NO_PRICE, ZERO_MEANS_MISSING, aware_utc, finish, price_value
from tests.warehouse._warehouse_testkit import staging_tables
from warehouse import SnapshotRecord
from warehouse.ddl import create_table

SOURCE = gpu_price_tracker.SOURCE.name
COMPARED = [
    "observed_at",
    "provider",
    "region",
    "instance_type",
    "hardware_id",
    "hardware_text",
    "accelerators_per_instance",
    "pricing",
    "usd_per_hour",
    "usd_per_accelerator_hour",
    "source",
    "sha256",
]


def tick_rows(quotes: pl.DataFrame) -> pl.DataFrame:
    """The tracker's quotes as tick file fields (socket_type back from the mention context)."""
    return quotes.select(
        observed_at=pl.col("observed_at").dt.strftime("%Y-%m-%dT%H:%M:%S%.6f+00:00"),
        provider="provider",
        gpu_type="hardware_text",
        socket_type=pl.col("hardware_context")
        .str.strip_prefix(WITH_SOCKET)
        .replace(WITHOUT_SOCKET, None),
        usd_per_accelerator_hour="value_text",
    )


def write_ticks(path: Path, rows: list[list[str | None]]) -> Path:
    with path.open("w", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(HEADER.split(","))
        out.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def with_aliases(db: Path, aliases: pl.DataFrame) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS core")
        con.execute(create_table(HARDWARE_ALIAS))
        con.register("fixture_aliases", aliases)
        con.execute(
            "INSERT INTO core.hardware_alias SELECT alias, hardware_id, source, context, 1, "
            "'curated', false, NULL FROM fixture_aliases"
        )


def reference(tick_file: Path, snap: SnapshotRecord, aliases: pl.DataFrame):
    """The polars path on the same tick file: (valid core.cloud_price rows, rejects)."""
    text = pl.read_csv(tick_file, infer_schema=False)
    when = [aware_utc(t) for t in text["observed_at"]]
    quotes = pl.DataFrame(
        {
            "record_number": range(1, text.height + 1),
            "price_field": ["usd_per_accelerator_hour"] * text.height,
            "value_text": text["usd_per_accelerator_hour"],
            "observed_at": pl.Series(when, dtype=pl.Datetime("us", "UTC")),
            "provider": text["provider"],
            "hardware_text": text["gpu_type"],
            "hardware_context": [gpu_price_tracker._context(s) for s in text["socket_type"]],
            "parse_error": [
                None if w else f"unreadable timestamp {t or ''!r}"
                for w, t in zip(when, text["observed_at"], strict=True)
            ],
        }
    ).with_columns(
        pricing=pl.lit("marketplace"), usd_per_accelerator_hour=price_value("value_text")
    )
    conformed = conform(
        finish(quotes).with_columns(source=pl.lit(snap.source), sha256=pl.lit(snap.sha256)),
        aliases,
        instance_catalogue(curated.load("cloud_instances")),
    )
    # The bulk path does not judge quotes (analyses/price_quality.py judges the polars path's).
    rows = cloud_rows(conformed).with_columns(
        is_suspect=pl.lit(False), suspect_reason=pl.lit(None, pl.String)
    )
    return split_valid(rows, CLOUD_PRICE, by=("source", "sha256"))


def table(db: Path) -> pl.DataFrame:
    return warehouse.query("SELECT * FROM core.cloud_price ORDER BY row_number", path=db)


def ledger(db: Path) -> list[tuple]:
    return warehouse.query(
        "SELECT version, rows_read, rows_loaded, rows_quarantined FROM meta.snapshot "
        "ORDER BY version",
        path=db,
    ).rows()


def quarantine(db: Path) -> pl.DataFrame:
    return warehouse.query(
        "SELECT row_number, reason, record FROM meta.quarantine ORDER BY row_number", path=db
    )


# --- real data ------------------------------------------------------------------------------


def test_real_ticks_load_as_the_polars_path_loads_them(
    tmp_path, db_path, quotes, snap, aliases
) -> None:
    tick_file = tmp_path / "tracker_ticks.csv"
    tick_rows(quotes).write_csv(tick_file)
    with_aliases(db_path, aliases)

    load = load_ticks_csv(tick_file, snap, path=db_path, run_id="run-1")

    expected, rejects = reference(tick_file, snap, aliases)
    assert rejects.height == 0 and expected.height == quotes.height == 25956
    assert (load.rows_read, load.rows_loaded, load.rows_quarantined) == (25956, 25956, 0)
    loaded = table(db_path)
    assert loaded.schema == CLOUD_PRICE.polars_schema
    joined = expected.join(loaded, on="row_number", how="full", suffix="_bulk")
    assert joined.height == expected.height
    for name in COMPARED:
        same = joined[name].eq_missing(joined[f"{name}_bulk"])
        assert same.all(), f"{name} differs: {joined.filter(~same).head(3)}"
    # the same quotes as the tracker's own numbering, each with its place in the tick file
    assert loaded["row_number"].to_list() == quotes["row_number"].to_list()
    assert (loaded["record_number"] == loaded["row_number"]).all()
    assert set(loaded["price_field"]) == {"usd_per_accelerator_hour"}
    gh200 = loaded.filter(pl.col("hardware_text") == "GH200_96GB")
    assert gh200.height and gh200["hardware_id"].is_null().all()
    assert loaded.filter(pl.col("hardware_text") != "GH200_96GB")["hardware_id"].is_not_null().all()
    assert ledger(db_path) == [(snap.version, 25956, 25956, 0)]


# --- faults (synthetic lines among real ones) -------------------------------------------------


def faulty_rows(quotes: pl.DataFrame) -> tuple[list[list[str | None]], dict[int, str]]:
    """200 real quotes with SYNTHETIC bad lines put among them; the expected reason start
    per line number."""
    rows = [list(r) for r in tick_rows(quotes.head(200)).iter_rows()]
    first = rows[0]  # 2025-10-19T21:01:58.727366+00:00, runpod, A100_80GB, PCIe, 1.64
    when, _, gpu, socket, _ = first

    def seller(n: int, price: str | None) -> list[str | None]:
        """A line of a synthetic seller of its own (no duplicate of anything)."""
        return [when, f"synthetic_seller_{n}", gpu, socket, price]

    bad = {
        10: (seller(10, "abc"), "unreadable price 'abc'"),
        20: (seller(20, "0"), ZERO_MEANS_MISSING.format("0")),
        30: (seller(30, None), NO_PRICE),
        40: (seller(40, "-1.5"), "negative price '-1.5'"),
        50: (seller(50, "150"), "usd_per_accelerator_hour failed less_than(100) (value 150.0)"),
        60: ([*first[:4], "2.00"], DUPLICATE.format(1, "price 1.64 there, 2.0 here")),
        70: (list(first), DUPLICATE.format(1, "same price")),
        80: (["2025-10-19 21:01:58", *first[1:]], "unreadable timestamp '2025-10-19 21:01:58'"),
        90: ([when, "Bad Name", gpu, socket, "1.5"], "provider failed str_matches("),
        100: (seller(100, "$1.10"), None),  # reads 1.1
    }
    for number in sorted(bad):  # line `number` becomes the bad one, in file order
        rows.insert(number - 1, bad[number][0])
    return rows, {n: reason for n, (_, reason) in bad.items() if reason}


def test_bad_lines_are_quarantined_as_the_polars_path_rejects_them(
    tmp_path, db_path, quotes, snap, aliases
) -> None:
    rows, expected_reasons = faulty_rows(quotes)
    tick_file = write_ticks(tmp_path / "faulty_ticks.csv", rows)
    with_aliases(db_path, aliases)

    load = load_ticks_csv(tick_file, snap, path=db_path)

    valid, rejects = reference(tick_file, snap, aliases)
    got = quarantine(db_path)
    assert (
        got.select("row_number", "reason").rows() == rejects.select("row_number", "reason").rows()
    )
    assert dict(got.select("row_number", "reason").iter_rows()).keys() == expected_reasons.keys()
    for number, reason in got.select("row_number", "reason").iter_rows():
        assert reason.startswith(expected_reasons[number]), (number, reason)
    loaded = table(db_path)
    assert loaded["row_number"].to_list() == valid["row_number"].to_list()
    assert loaded.select(COMPARED).equals(valid.select(COMPARED))
    assert loaded.filter(pl.col("row_number") == 100)["usd_per_accelerator_hour"].item() == 1.1
    # the record is the line as written
    record = json.loads(got.filter(pl.col("row_number") == 10)["record"].item())
    assert record == dict(zip(HEADER.split(","), rows[9], strict=True))
    assert load.rows_read == len(rows) == load.rows_loaded + load.rows_quarantined
    assert (load.rows_quarantined, load.duplicates) == (len(expected_reasons), 2)
    assert ledger(db_path) == [(snap.version, len(rows), valid.height, len(expected_reasons))]


def test_a_second_load_of_a_version_replaces_it(tmp_path, db_path, quotes, snap) -> None:
    rows, expected_reasons = faulty_rows(quotes)
    tick_file = write_ticks(tmp_path / "ticks.csv", rows)
    load_ticks_csv(tick_file, snap, path=db_path)
    first = table(db_path)
    load_ticks_csv(tick_file, snap, path=db_path)
    assert table(db_path).equals(first)
    assert quarantine(db_path).height == len(expected_reasons)
    # another version lands beside it, and no core.hardware_alias: null ids
    other = SnapshotRecord(**{**snap.__dict__, "version": "2099-01-01-bbbbbbbbbbbb"})
    other = SnapshotRecord(**{**other.__dict__, "sha256": "b" * 64})
    load_ticks_csv(write_ticks(tmp_path / "other.csv", rows[:5]), other, path=db_path)
    assert table(db_path).height == first.height + 5
    assert ledger(db_path) == [
        (snap.version, len(rows), first.height, len(expected_reasons)),
        (other.version, 5, 5, 0),
    ]
    assert first["hardware_id"].is_null().all()


def test_a_failing_load_leaves_the_previous_version(tmp_path, db_path, quotes, snap) -> None:
    rows = [list(r) for r in tick_rows(quotes.head(1000)).iter_rows()]
    load_ticks_csv(write_ticks(tmp_path / "good.csv", rows), snap, path=db_path)
    before = (table(db_path), quarantine(db_path), ledger(db_path))

    # a line with a field too many, far into the file: DuckDB raises mid-read
    broken = tmp_path / "broken.csv"
    write_ticks(broken, rows[:900])
    with broken.open("a") as handle:
        handle.write("2025-10-19T21:01:58+00:00,runpod,A100_80GB,PCIe,1.64,surplus\n")
    with pytest.raises(duckdb.Error, match="(?i)csv"):
        load_ticks_csv(broken, snap, path=db_path)
    # not a tick file at all
    other = tmp_path / "other.csv"
    other.write_text("time,price\n2025-01-01T00:00:00Z,1\n")
    with pytest.raises(TickFormatError, match="header"):
        load_ticks_csv(other, snap, path=db_path)

    after = (table(db_path), quarantine(db_path), ledger(db_path))
    assert after[0].equals(before[0]) and after[1].equals(before[1]) and after[2] == before[2]
    assert staging_tables(db_path) == [] and not list(tmp_path.glob(".flopbase-bulk-*"))
    assert (
        warehouse.query(
            "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '%__ticks'",
            path=db_path,
        ).item()
        == 0
    )


def test_a_killed_load_leaves_one_complete_version(tmp_path, db_path, spawn) -> None:
    """SIGKILL while a SYNTHETIC 1.5M-line file loads: the table holds the previous version
    or the new one, whole; never a mix."""
    big = tmp_path / "synthetic_ticks.csv"
    synthetic_ticks(big, 1_500_000)
    small = tmp_path / "synthetic_small.csv"
    synthetic_ticks(small, 1000)
    code = (
        "import sys; from benchmarks.tick_load import load_ticks_csv; import _warehouse_testkit as t\n"
        "snap = t.snapshot('synthetic_ticks', '2024-01-01-aaaaaaaaaaaa')\n"
        "load_ticks_csv(sys.argv[1], snap); print('loaded', flush=True)\n"
        "print('loading', flush=True); load_ticks_csv(sys.argv[2], snap); print('done')\n"
    )
    child = spawn(code, small, big, db=db_path)
    child.expect("loaded", timeout=60)
    child.expect("loading", timeout=30)
    time.sleep(0.8)
    child.kill()
    counts = warehouse.query(
        "SELECT count(*) AS n, min(row_number) AS lo, max(row_number) AS hi FROM core.cloud_price",
        path=db_path,
    ).row(0)
    assert counts in [(1000, 1, 1000), (1_500_000, 1, 1_500_000)], counts
    assert ledger(db_path)[0][1:] == (counts[0], counts[0], 0)


# --- synthetic tick files (file order at scale is checked by benchmarks/bench_ticks.py) ---


def synthetic_ticks(path: Path, n: int) -> Path:
    """SYNTHETIC ticks written by DuckDB: line i (1-based) is minute i of 2030-01-01 and its
    price is (i % 900 + 50) / 100, so every field says which line it was."""
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT strftime(TIMESTAMPTZ '2030-01-01 00:00:00+00' + to_minutes(i), "
            "'%Y-%m-%dT%H:%M:%SZ') AS observed_at, 'synthetic_' || (i % 7) AS provider, "
            "'SYNTH_GPU' AS gpu_type, CASE WHEN i % 2 = 0 THEN 'SXM' END AS socket_type, "
            "CAST((i % 900 + 50) / 100 AS VARCHAR) AS usd_per_accelerator_hour "
            f"FROM range(1, {n + 1}) r(i)) TO '{path}' (HEADER)"
        )
    return path


# --- the SQL translation of the checks ----------------------------------------------------------


def test_every_declared_check_has_a_sql_translation() -> None:
    for t in TABLES:
        exprs = {c: f'"{c}"' for c in t.column_names}
        assert sql_violations(t, exprs) and sql_passes(t, exprs)


def test_sql_reasons_are_the_pandera_reasons() -> None:
    base = dict(
        observed_at=datetime(2025, 1, 1, tzinfo=UTC), provider="runpod", region=None,
        instance_type=None, hardware_id=None, hardware_text="H100_80GB",
        accelerators_per_instance=None, pricing="marketplace", usd_per_hour=None,
        usd_per_accelerator_hour=2.5, source="s", sha256="a" * 64, row_number=1,
        record_number=1, price_field="x",
    )  # fmt: skip
    variants = [
        {},
        {"provider": None},
        {"provider": "Bad Name"},
        {"usd_per_accelerator_hour": 150.0},
        {"usd_per_accelerator_hour": 0.0, "accelerators_per_instance": 2048.0},
        {"hardware_id": "BAD ID", "pricing": "nope", "provider": "X"},
        {"price_field": None, "sha256": "xyz"},
        {"record_number": 0},
    ]
    frame = pl.DataFrame(
        [{**base, **v, "row_number": i + 1} for i, v in enumerate(variants)],
        schema=CLOUD_PRICE.polars_schema,
    )
    _, rejects = split_valid(frame, CLOUD_PRICE)
    exprs = {c: f'"{c}"' for c in CLOUD_PRICE.column_names}
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        con.register("frame", frame)
        got = con.execute(
            f"SELECT row_number, {sql_violations(CLOUD_PRICE, exprs)} AS reason, "
            f"{sql_passes(CLOUD_PRICE, exprs)} AS ok FROM frame ORDER BY row_number"
        ).fetchall()
    assert [(n, r) for n, r, _ in got if r] == rejects.rows()
    assert [ok for _, r, ok in got] == [r is None for _, r, _ in got]


def test_an_untranslatable_check_is_refused() -> None:
    odd = Table(
        "core",
        "synthetic_odd",
        "Synthetic table with a custom check.",
        {"x": column(pl.Int64, "Synthetic.", checks=[pa.Check(lambda s: s > 0, name="odd")])},
    )
    with pytest.raises(NotImplementedError, match="odd"):
        sql_violations(odd, {"x": "x"})
