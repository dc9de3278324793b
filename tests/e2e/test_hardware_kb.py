"""The accelerator knowledge base as built from every bundled source: accounting, aliases,
merged specs against vendors' datasheets, price-performance."""

import polars as pl
import pytest

import warehouse
from pipelines.gpu_specs import SPEC_SOURCES
from sources import curated

QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def q(db, sql, params=()):
    return warehouse.query(sql, params, path=db)


def test_every_spec_record_is_loaded_or_quarantined_with_a_reason(db):
    ledger = q(
        db,
        "SELECT source, rows_read, rows_loaded, rows_quarantined FROM meta.snapshot "
        "WHERE rows_read IS NOT NULL AND list_contains(?, source) ORDER BY source",
        [list(SPEC_SOURCES)],
    )
    assert sorted(ledger["source"]) == sorted(SPEC_SOURCES)
    # Records read per source (PROVENANCE.md of each snapshot; Epoch's chip file has 5,774
    # records: one stray carriage return makes Python's csv module count 5,775).
    assert dict(zip(ledger["source"], ledger["rows_read"], strict=True)) == {
        "epoch_chips": 5774,
        "epoch_hardware": 169,
        "techpowerup": 2824,
        "wikipedia_gpus": 226,
    }
    for row in ledger.iter_rows(named=True):
        assert row["rows_read"] == row["rows_loaded"] + row["rows_quarantined"], row
        in_table = q(
            db,
            "SELECT count(DISTINCT row_number) n FROM core.hardware_spec WHERE source = ?",
            [row["source"]],
        )["n"][0]
        assert in_table == row["rows_loaded"]
    reasons = q(db, "SELECT count(*) n FROM meta.quarantine WHERE reason IS NULL OR reason = ''")
    assert reasons["n"][0] == 0


def test_known_upstream_errors_are_quarantined_not_loaded(db):
    # Epoch's chip table gives the Cerebras CS-2 2.6e18 transistors (the raw count typed
    # into the millions column): out of range, so quarantined with the value in the reason.
    cs2 = q(
        db,
        "SELECT reason FROM meta.quarantine WHERE source = 'epoch_chips' "
        'AND record LIKE \'%"Hardware name":"Cerebras CS-2"%\'',
    )
    assert cs2["reason"].to_list() == [
        "transistor_count failed in_range(100000.0, 10000000000000.0) (value 2.6e+18)"
    ]


def test_aliases_resolve_at_least_95_percent_of_mentions(db):
    mentions = q(
        db,
        """
        SELECT sum(occurrences) AS total,
               count(*) AS spellings FROM (
            SELECT occurrences FROM core.hardware_alias WHERE context <> 'name'
            UNION ALL SELECT occurrences FROM meta.unresolved_hardware)""",
    ).row(0, named=True)
    resolved = q(
        db, "SELECT sum(occurrences) n, count(*) k FROM core.hardware_alias WHERE context <> 'name'"
    ).row(0, named=True)
    assert resolved["n"] / mentions["total"] >= 0.95  # the goal, by occurrences
    assert resolved["k"] / mentions["spellings"] >= 0.94  # by distinct spelling and place
    # The big ones of each dataset resolve, to the chip the dataset means.
    expected = {
        ("fsdl_cloud_gpus", "A100 (80 GB)"): "nvidia-a100",
        ("fsdl_cloud_gpus", "V100 (16 GB)"): "nvidia-v100",
        ("epoch_models", "NVIDIA H100 SXM5 80GB"): "nvidia-h100-sxm5-80gb",
        ("epoch_models", "Google TPU v4"): "google-tpu-v4",
        ("gcp_pricing", "h100-80gb"): "nvidia-h100-sxm5-80gb",
        ("dawnbench", "8 * V100 (AWS p3.16xlarge)"): "nvidia-v100",
        ("dawnbench", "1 K80 / 30 GB / 8 CPU (Google Cloud)"): "nvidia-k80",
        ("dawnbench", "1/4 of a TPUv2 Pod"): "google-tpu-v2",
    }
    for (source, alias), hardware_id in expected.items():
        found = q(
            db,
            "SELECT DISTINCT hardware_id FROM core.hardware_alias WHERE source = ? AND alias = ?",
            [source, alias],
        )["hardware_id"].to_list()
        assert found == [hardware_id], (source, alias, found)


def test_unresolved_spellings_say_why(db):
    unresolved = q(db, "SELECT alias, reason, candidates FROM meta.unresolved_hardware")
    assert unresolved["reason"].null_count() == 0
    assert unresolved.filter(pl.col("alias") == "H100 (80 GB)").height == 0
    # FSDL writes 'H100 (80 GB)' for SXM and PCIe instances alike: it names the H100 family,
    # flagged ambiguous with its members, never a guessed variant.
    h100 = q(
        db,
        "SELECT DISTINCT hardware_id, is_ambiguous, candidates FROM core.hardware_alias "
        "WHERE alias = 'H100 (80 GB)'",
    )
    assert h100.height == 1
    hid, ambiguous, candidates = h100.row(0)
    assert (hid, ambiguous) == ("nvidia-h100", True)
    assert {"nvidia-h100-pcie-80gb", "nvidia-h100-sxm5-80gb"} <= set(candidates.split(","))


def test_every_curated_alias_points_at_a_known_chip(db):
    known = set(q(db, "SELECT hardware_id FROM core.hardware")["hardware_id"])
    rows = curated.load("hardware_aliases")  # refuses a row without its reason
    assert rows.height > 10
    assert set(rows["hardware_id"]) <= known


# Published datasheet figures, one per line: (hardware_id, column, value, relative tolerance).
DATASHEETS = [
    # NVIDIA H100 Tensor Core GPU datasheet: SXM5 989.4 TFLOPS BF16 dense, 80 GB, 700 W.
    ("nvidia-h100-sxm5-80gb", "bf16_flop_per_s", 989.4e12, 1e-3),
    ("nvidia-h100-sxm5-80gb", "tdp_w", 700, 0),
    # NVIDIA A100 datasheet: 312 TFLOPS BF16 dense, 19.5 FP32, 2,039 GB/s (SXM4 80 GB).
    ("nvidia-a100-sxm4-80gb", "bf16_flop_per_s", 312e12, 1e-3),
    ("nvidia-a100-sxm4-80gb", "memory_bandwidth_bytes_per_s", 2.039e12, 1e-3),
    # NVIDIA V100 datasheet: SXM2 125 TFLOPS tensor, 15.7 FP32, 300 W.
    ("nvidia-v100-sxm2-32gb", "fp16_tensor_flop_per_s", 125e12, 1e-3),  # no BF16 on Volta
    ("nvidia-v100-sxm2-32gb", "fp32_flop_per_s", 15.7e12, 1e-2),
    # NVIDIA Tesla K80 datasheet: 24 GB GDDR5 (both GPUs), 300 W. (Its 8.73 TFLOPS FP32 with
    # boost is stated as 8.126 by Epoch: see test_known_disagreements_stay_visible.)
    ("nvidia-k80", "memory_bytes", 24e9, 0),
    ("nvidia-k80", "tdp_w", 300, 0),
    # NVIDIA Ada whitepaper, GeForce RTX 4090: 82.6 TFLOPS FP32, 24 GB, 1,008 GB/s, 450 W, $1,599.
    ("nvidia-geforce-rtx-4090", "fp32_flop_per_s", 82.6e12, 1e-2),
    ("nvidia-geforce-rtx-4090", "launch_price_usd", 1599, 0),
    ("nvidia-geforce-rtx-4090", "tdp_w", 450, 0),
    # AMD Instinct MI300X data sheet: 1,307.4 TFLOPS FP16/BF16 dense, 192 GB, 5.3 TB/s, 750 W.
    ("amd-instinct-mi300x", "bf16_flop_per_s", 1307.4e12, 1e-3),
    ("amd-instinct-mi300x", "memory_bytes", 192e9, 0),
    # AMD Instinct MI250X data sheet: 383 TFLOPS FP16/BF16, 47.9 FP32 vector, 128 GB, 560 W.
    ("amd-radeon-instinct-mi250x", "bf16_flop_per_s", 383e12, 1e-3),
    # Google Cloud TPU v4 documentation: 275 TFLOPS bf16, 32 GiB HBM, 1,200 GB/s.
    ("google-tpu-v4", "bf16_flop_per_s", 275e12, 1e-3),
    # Google Cloud TPU v3: 123 TFLOPS bf16 per chip.
    ("google-tpu-v3", "bf16_flop_per_s", 123e12, 1e-2),
    # Intel Gaudi 3 white paper: 1,835 TFLOPS BF16 (matrix), 128 GB HBM2e, 3.7 TB/s.
    ("intel-habana-gaudi3", "memory_bandwidth_bytes_per_s", 3.7e12, 1e-2),
    # AMD Radeon RX 7900 XTX (AMD product page): 24 GB, 960 GB/s, $999 at launch (355 W board
    # power, stated as 335 W by Epoch: see test_known_disagreements_stay_visible).
    ("amd-radeon-rx-7900-xtx", "launch_price_usd", 999, 0),
    ("amd-radeon-rx-7900-xtx", "memory_bytes", 24e9, 0),
    ("amd-radeon-rx-7900-xtx", "memory_bandwidth_bytes_per_s", 960e9, 0),
    # NVIDIA Tesla P100 SXM2 datasheet: 10.6 TFLOPS FP32, 21.2 FP16, 300 W.
    ("nvidia-p100-sxm2", "fp16_flop_per_s", 21.2e12, 1e-2),
]


@pytest.mark.parametrize(
    ("hardware_id", "column", "value", "rel"), DATASHEETS, ids=lambda v: str(v)
)
def test_merged_specs_match_vendor_datasheets(db, hardware_id, column, value, rel):
    found = q(db, f"SELECT {column} AS v FROM core.hardware WHERE hardware_id = ?", [hardware_id])
    assert found.height == 1, f"{hardware_id} missing"
    assert found["v"][0] == pytest.approx(value, rel=rel)


def test_known_disagreements_stay_visible(db):
    """Where the first-ranked source departs from the datasheet, the merged row follows the
    documented precedence and core.hardware_spec keeps every source's statement."""
    rows = q(
        db,
        "SELECT hardware_id, attribute, value, source FROM core.hardware_spec WHERE "
        "(hardware_id = 'amd-radeon-rx-7900-xtx' AND attribute = 'tdp_w') OR "
        "(hardware_id = 'nvidia-k80' AND attribute = 'fp32_flop_per_s')",
    )
    stated = {(r["hardware_id"], r["source"]): r["value"] for r in rows.iter_rows(named=True)}
    assert stated[("amd-radeon-rx-7900-xtx", "epoch_hardware")] == 335  # AMD: 355 W
    assert stated[("amd-radeon-rx-7900-xtx", "techpowerup")] == 355
    assert stated[("nvidia-k80", "epoch_hardware")] == 8.126e12  # NVIDIA: 8.73 with boost
    assert stated[("nvidia-k80", "techpowerup")] == pytest.approx(4.11e12)  # one of its two GPUs
    merged = q(db, "SELECT tdp_w FROM core.hardware WHERE hardware_id = 'amd-radeon-rx-7900-xtx'")
    assert merged["tdp_w"][0] == 335


def test_datasheet_checks_span_vendors_and_generations():
    chips = {h for h, *_ in DATASHEETS}
    assert len(chips) >= 10
    assert {h.split("-")[0] for h in chips} >= {"nvidia", "amd", "google", "intel"}


def test_one_chip_described_by_several_sources_is_one_row(db):
    row = q(
        db,
        "SELECT name, source, sources FROM core.hardware WHERE hardware_id = ?",
        ["nvidia-h100-sxm5-80gb"],
    ).row(0, named=True)
    assert row["source"] == "epoch_hardware"  # first in precedence to name it
    # NVIDIA's datasheet FP8 figure (data/curated/hardware_spec_corrections.csv) ranks first
    assert row["sources"].startswith("vendor_datasheet,epoch_hardware,")
    assert "techpowerup" in row["sources"]


def test_price_performance_at_launch_price(db):
    h100 = q(
        db,
        "SELECT flop_per_s_per_usd FROM analysis.price_performance WHERE "
        "hardware_id = 'nvidia-h100-sxm5-80gb' AND precision = 'bf16' AND basis = 'launch_price'",
    )
    assert h100["flop_per_s_per_usd"].item() == pytest.approx(989.4e12 / 33_600)
    counts = q(db, "SELECT precision, count(*) n FROM analysis.price_performance GROUP BY 1")
    assert dict(counts.iter_rows())["fp32"] > 300  # Wikipedia and Epoch give many launch prices
