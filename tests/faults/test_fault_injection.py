"""Upstream faults through the real pipeline: a live materialisation of real sources' assets,
fetched through the upstream mirror from a hostile server on 127.0.0.1.

Every broken body is built here from the recorded real file (synthetic faults on real data).
Each fault must end in a clear error that names the problem, with the warehouse (every table,
hashed) and the snapshot store (every file, hashed) exactly as before; or in quarantined rows
with their reasons and no row lost; or be tolerated with the same rows loaded. `FAULTS` is the
matrix docs/faults.md reports.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

import warehouse
from sources import epoch_hardware, epoch_models, wikipedia_gpus
from tests.faults._faults_kit import (
    BUNDLED,
    EPOCH_PATH,
    TABLES,
    WIKIPEDIA_PATH,
    copy_store,
    failure_text,
    materialized,
    mirror_path,
    raw_key,
    run,
    store_fingerprint,
    warehouse_fingerprint,
)
from tests.localserver import Reply

RECORDED_CSV = next((BUNDLED / "epoch_hardware").glob("*/ml_hardware.csv")).read_bytes()
RECORDED_ROWS = json.loads(
    next((BUNDLED / "wikipedia_gpus").glob("*/release_price_rows.json")).read_bytes()
)
CSV_TYPE = {"Content-Type": "text/csv; charset=utf-8"}
CAP = 2_000_000  # FAST_HTTP max_bytes


def csv_rows() -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(io.StringIO(RECORDED_CSV.decode())))
    return header, rows


def write_csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue().encode()


def renamed(old: str, new: str) -> bytes:
    header, rows = csv_rows()
    return write_csv([new if h == old else h for h in header], rows)


def dropped(column: str) -> bytes:
    header, rows = csv_rows()
    i = header.index(column)
    return write_csv(header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])


def with_extra_column() -> bytes:
    header, rows = csv_rows()
    return write_csv([*header, "Carbon footprint (kg)"], [[*r, "12"] for r in rows])


def duplicated(n: int) -> bytes:
    header, rows = csv_rows()
    return write_csv(header, rows + rows[:n])


# Rows (1-based record numbers) whose cells the value faults change: ones stating the value.
def altered(column: str, change: Callable[[float], float], n: int = 2) -> tuple[bytes, list[int]]:
    header, rows = csv_rows()
    i = header.index(column)
    hit = [k for k, r in enumerate(rows) if r[i].strip()][:n]
    for k in hit:
        rows[k][i] = repr(change(float(rows[k][i])))
    return write_csv(header, rows), [k + 1 for k in hit]


def plot_page(with_spec: bool = True) -> bytes:
    """gpustats' plot page shape around the recorded rows (a Vega-Lite spec in a script)."""
    name = RECORDED_ROWS["dataset_name"]
    spec = {"data": {"name": name}, "mark": "point", "datasets": {name: RECORDED_ROWS["rows"]}}
    script = f"var spec = {json.dumps(spec)};\nvegaEmbed('#vis', spec);" if with_spec else ""
    return f"<html><body><div id='vis'></div><script>{script}</script></body></html>".encode()


@dataclass(frozen=True)
class Fault:
    id: str
    source: str  # the raw asset fetched live
    replies: Callable[[], list[Reply]]
    outcome: str  # "error" | "quarantine" | "tolerated"
    says: str = ""  # regex the error must contain
    blackhole: bool = False  # connect to a port that never accepts


HTML_ERROR = b"<!doctype html><html><body><h1>Rate limited</h1></body></html>"
FAULTS = [
    Fault("429-retry-after-then-ok", "epoch_hardware",
          lambda: [Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, RECORDED_CSV)],
          "tolerated"),
    Fault("429-retry-after-past-deadline", "epoch_hardware",
          lambda: [Reply(429, b"slow down", {"Retry-After": "3600"})],
          "error", r"a 3600 s wait to retry .*HTTP 429.* would pass the 2.5 s deadline"),
    Fault("500", "epoch_hardware", lambda: [Reply(500, b"oops")],
          "error", r"HTTP 500 Internal Server Error \(try 2/2\)"),
    Fault("503", "epoch_hardware", lambda: [Reply(503, b"down", {"Retry-After": "0"})],
          "error", r"HTTP 503 Service Unavailable \(try 2/2\)"),
    Fault("connect-timeout", "epoch_hardware", lambda: [], "error",
          r"timed out \(try 2/2\).*connect timeout=0.5", blackhole=True),
    Fault("read-timeout", "epoch_hardware", lambda: [Reply(200, RECORDED_CSV, delay_s=3)],
          "error", r"timed out \(try 2/2\).*read timeout=0.5"),
    Fault("slow-trickle", "epoch_hardware",
          lambda: [Reply(200, RECORDED_CSV, trickle_s=0.01)],
          "error", r"bytes of body in, reached the 2.5 s deadline"),
    Fault("truncated-body", "epoch_hardware",
          lambda: [Reply(200, RECORDED_CSV[:40_000], length=len(RECORDED_CSV))],
          "error", r"body cut off after 40000 of 89452 bytes \(try 2/2\)"),
    Fault("over-cap-announced", "epoch_hardware", lambda: [Reply(200, RECORDED_CSV * 25)],
          "error", rf"Content-Length {len(RECORDED_CSV) * 25} is above the {CAP} byte cap"),
    Fault("over-cap-chunked", "epoch_hardware",
          lambda: [Reply(200, RECORDED_CSV * 25, chunked=True)],
          "error", rf"body passed the {CAP} byte cap while downloading"),
    Fault("html-error-page-for-csv", "epoch_hardware",
          lambda: [Reply(200, HTML_ERROR, {"Content-Type": "text/html; charset=utf-8"})],
          "error", r"sent text/html where .*ml_hardware.csv names a .csv file"),
    Fault("html-body-labelled-csv", "epoch_hardware", lambda: [Reply(200, HTML_ERROR, CSV_TYPE)],
          "error", r"does not read as epoch_hardware's ml_hardware.csv: .*no records"),
    Fault("html-target-removed", "wikipedia_gpus",
          lambda: [Reply(200, plot_page(with_spec=False), {"Content-Type": "text/html"})],
          "error", r"does not hold wikipedia_gpus's data: no Vega-Lite spec with 'datasets'"),
    Fault("csv-renamed-column", "epoch_hardware",
          lambda: [Reply(200, renamed("TDP (W)", "TDP (Watts)"), CSV_TYPE)],
          "error", r"columns \['TDP \(W\)'\] are missing"),
    Fault("csv-missing-column", "epoch_hardware",
          lambda: [Reply(200, dropped("Release date"), CSV_TYPE)],
          "error", r"columns \['Release date'\] are missing"),
    Fault("csv-extra-column", "epoch_hardware",
          lambda: [Reply(200, with_extra_column(), CSV_TYPE)], "tolerated"),
    Fault("wrong-encoding-gbk", "epoch_hardware",
          lambda: [Reply(200, RECORDED_CSV.decode().encode("gbk", "replace"), CSV_TYPE)],
          "error", r"ml_hardware.csv: not UTF-8 text"),
    Fault("wrong-encoding-utf16", "epoch_hardware",
          lambda: [Reply(200, RECORDED_CSV.decode().encode("utf-16"), CSV_TYPE)],
          "error", r"ml_hardware.csv: not UTF-8 text"),
    Fault("utf8-bom", "epoch_hardware",
          lambda: [Reply(200, b"\xef\xbb\xbf" + RECORDED_CSV, CSV_TYPE)], "tolerated"),
    Fault("duplicate-rows", "epoch_hardware",
          lambda: [Reply(200, duplicated(3), CSV_TYPE)], "quarantine"),
    Fault("negative-price", "epoch_hardware",
          lambda: [Reply(200, altered("Release price (USD)", lambda v: -v)[0], CSV_TYPE)],
          "quarantine"),
    Fault("flops-off-by-1e12", "epoch_hardware",
          lambda: [
              Reply(200, altered("FP32 (single precision) performance (FLOP/s)",
                                 lambda v: v * 1e12)[0], CSV_TYPE)
          ],
          "quarantine"),
    Fault("html-page-ok", "wikipedia_gpus",
          lambda: [Reply(200, plot_page(), {"Content-Type": "text/html"})], "tolerated"),
]  # fmt: skip

PATHS = {"epoch_hardware": EPOCH_PATH, "wikipedia_gpus": WIKIPEDIA_PATH}
SOURCES = {"epoch_hardware": epoch_hardware.SOURCE, "wikipedia_gpus": wikipedia_gpus.SOURCE}
# (read, loaded, quarantined) of the bundled versions: Epoch lists the P100 PCIe twice;
# 20 Wikipedia rows have cells that do not read.
LEDGER_BEFORE = {"epoch_hardware": (169, 168, 1), "wikipedia_gpus": (226, 206, 20)}
# The records each quarantine fault makes bad, and the reason each must carry.
BAD_ROWS = {
    "duplicate-rows": (170, 171, 172),
    "negative-price": tuple(altered("Release price (USD)", lambda v: -v)[1]),
    "flops-off-by-1e12": tuple(
        altered("FP32 (single precision) performance (FLOP/s)", lambda v: v * 1e12)[1]
    ),
}
REASONS = {
    "duplicate-rows": r"duplicate key \(hardware_id=.*\) of row \d+",
    "negative-price": r"launch_price_usd.*in_range",
    "flops-off-by-1e12": r"fp32_flop_per_s.*in_range",
}


def spec_rows(db: Path, source: str) -> list[tuple]:
    """The source's rows of core.hardware_spec, without the version hash."""
    return warehouse.query(
        "SELECT hardware_id, attribute, value, value_text, unit, row_number "
        "FROM core.hardware_spec WHERE source = ? ORDER BY ALL",
        [source],
        path=db,
    ).rows()


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
def test_upstream_fault(fault: Fault, slice_copy, server, request) -> None:
    store, db = slice_copy
    path = PATHS[fault.source]
    server.script(path, *fault.replies())
    mirror = request.getfixturevalue("blackhole") if fault.blackhole else server.base
    before_db, before_store = warehouse_fingerprint(db), store_fingerprint(store)
    rows_before = spec_rows(db, fault.source)

    result = run([raw_key(fault.source), *TABLES], store=store, db=db, live=True, mirror=mirror)

    if fault.outcome == "error":
        assert not result.success
        assert fault.says, "an error fault names what it must say"
        errors = failure_text(result)
        assert re.search(fault.says, errors, re.S), errors
        assert warehouse_fingerprint(db) == before_db  # every table, meta.snapshot included
        assert store_fingerprint(store) == before_store  # no version, no leftover staging
        assert not result.asset_materializations_for_node("raw__" + fault.source)
        if not fault.blackhole:
            assert server.requests_to(path), "the fault went through the mirror"
        return

    assert result.success, failure_text(result)
    raw = materialized(result, raw_key(fault.source))
    versions = sorted(p.name for p in (store / fault.source).iterdir() if p.is_dir())
    ledger = warehouse.query(
        "SELECT rows_read, rows_loaded, rows_quarantined FROM meta.snapshot "
        "WHERE source = ? AND sha256 = ?",
        [fault.source, raw["sha256"]],
        path=db,
    ).rows()
    (read, loaded, quarantined) = ledger[0]
    assert read == loaded + quarantined  # no row lost
    if fault.id == "429-retry-after-then-ok":
        # The same content as stored, after one wait: no new version, the same rows.
        assert raw["changed"] is False and len(versions) == 1
        assert spec_rows(db, fault.source) == rows_before
        assert len(server.requests_to(path)) == 2
        return
    assert raw["changed"] is True and len(versions) == 2  # a new immutable version
    manifest = json.loads((store / fault.source / raw["version"] / "snapshot.json").read_text())
    assert manifest["url"] == SOURCES[fault.source].url  # the upstream URL, not the mirror's
    if fault.outcome == "tolerated":  # extra column, BOM, the page's rows: the same rows
        assert spec_rows(db, fault.source) == rows_before
        assert (read, loaded, quarantined) == LEDGER_BEFORE[fault.source]
        return
    bad = BAD_ROWS[fault.id]
    rejects = warehouse.query(
        "SELECT row_number, reason FROM meta.quarantine WHERE source = ? AND sha256 = ? "
        "ORDER BY row_number",
        [fault.source, raw["sha256"]],
        path=db,
    ).rows()
    for row in bad:
        reasons = [reason for number, reason in rejects if number == row]
        assert reasons and re.search(REASONS[fault.id], reasons[0]), rejects
    # Everything else still loads: the one upstream duplicate stays quarantined as before.
    assert quarantined == 1 + len(bad) and read == 169 + (3 if fault.id == "duplicate-rows" else 0)
    assert {r[5] for r in spec_rows(db, fault.source)}.isdisjoint(bad)


def test_matrix_counts() -> None:
    """The matrix docs/faults.md reports: every fault has an outcome, and the counts."""
    outcomes = [f.outcome for f in FAULTS]
    assert len(FAULTS) == len({f.id for f in FAULTS})
    assert set(outcomes) == {"error", "quarantine", "tolerated"}
    documented = (Path(__file__).parents[2] / "docs" / "faults.md").read_text()
    missing = [f.id for f in FAULTS if f"`{f.id}`" not in documented]
    assert not missing, f"faults not in docs/faults.md: {missing}"


def models_zip(change: Callable[[str, bytes], bytes] = lambda name, data: data) -> bytes:
    """Epoch's ai_models.zip rebuilt from the recorded CSVs (in a folder, as a zip may hold
    them), plus a member whose upstream name tries to escape the store."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in epoch_models.FILES:
            data = next((BUNDLED / "epoch_models").glob(f"*/{name}")).read_bytes()
            archive.writestr(f"ai_models/{name}", change(name, data))
        archive.writestr("../../escaped.csv", b"a,b\n1,2\n")
    return buffer.getvalue()


def test_live_zip_download(tmp_path, server) -> None:
    """raw/epoch_models live: the zip's CSVs stored under our names; the same content is the
    bundled version; a changed CSV is a new version; a broken zip stores nothing."""
    store, db = copy_store(tmp_path / "snapshots", ("epoch_models",)), tmp_path / "w.duckdb"
    assert run([raw_key("epoch_models")], store=store, db=db).success  # offline first
    path = mirror_path(epoch_models.SOURCE.url)

    def live() -> dg.ExecuteInProcessResult:
        return run(
            [raw_key("epoch_models")],
            store=store,
            db=db,
            live=True,
            mirror=server.base,
            max_bytes=20_000_000,
        )

    server.script(path, Reply(200, models_zip(), {"Content-Type": "application/zip"}))
    result = live()
    assert result.success, failure_text(result)
    assert materialized(result, raw_key("epoch_models"))["changed"] is False

    shorter = models_zip(
        lambda n, d: d[: d.rstrip().rfind(b"\n") + 1] if n == "all_ai_models.csv" else d
    )
    server.script(path, Reply(200, shorter, {"Content-Type": "application/zip"}))
    result = live()
    assert result.success, failure_text(result)
    meta = materialized(result, raw_key("epoch_models"))
    assert meta["changed"] is True and meta["versions_stored"] == 2
    stored = sorted(p.name for p in (store / "epoch_models" / meta["version"]).iterdir())
    assert stored == sorted([*epoch_models.FILES, "snapshot.json"])
    assert not list(tmp_path.rglob("escaped*"))

    before_db, before_store = warehouse_fingerprint(db), store_fingerprint(store)
    for broken, says in [
        (models_zip()[:5000], "not a zip archive"),
        (models_zip(lambda n, d: d.replace(b"Training hardware", b"Hardware", 1)),
         r"columns \['Training hardware'\] are missing"),
    ]:  # fmt: skip
        server.script(path, Reply(200, broken, {"Content-Type": "application/zip"}))
        result = live()
        assert not result.success and re.search(says, failure_text(result)), failure_text(result)
        assert warehouse_fingerprint(db) == before_db
        assert store_fingerprint(store) == before_store
