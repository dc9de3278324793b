"""One chip, one id and specs as vendors state them, on the full build of the bundled data."""

import duckdb
import pytest

from sources import curated


@pytest.fixture(scope="module")
def db(built):
    with duckdb.connect(str(built[0]), read_only=True) as connection:
        yield connection


def one(db, sql, params=()):
    return db.execute(sql, params).fetchone()


def test_merged_ids_are_gone_and_their_prices_follow(db):
    for gone in ("nvidia-h200-sxm-141gb", "nvidia-h100-pcie", "amd-radeon-instinct-mi300x"):
        row = one(db, "SELECT is_family FROM core.hardware WHERE hardware_id = ?", [gone])
        assert row is None or row[0], gone
    (rows,) = one(db, "SELECT count(*) FROM core.cloud_price WHERE hardware_id LIKE '%141gb'")
    assert rows == 0
    # The H100 PCIe 80 GB quotes now meet the BF16 figure Epoch states for 'NVIDIA H100 PCIe'
    # (756 TFLOPS dense; NVIDIA H100 datasheet: 1,513 with sparsity).
    bf16, quotes = one(
        db,
        "SELECT h.bf16_flop_per_s, count(*) FROM core.hardware h JOIN core.cloud_price p "
        "USING (hardware_id) WHERE hardware_id = 'nvidia-h100-pcie-80gb' GROUP BY ALL",
    )
    assert bf16 == 756e12 and quotes > 3000


def test_h200_sxm_is_one_row_with_epochs_specs_and_techpowerups_memory(db):
    bf16, memory, fp8, sources = one(
        db,
        "SELECT bf16_flop_per_s, memory_bytes, fp8_flop_per_s, sources FROM core.hardware "
        "WHERE hardware_id = 'nvidia-h200-sxm'",
    )
    assert bf16 == 989.5e12 and memory == 141e9 and fp8 == 1.979e15
    assert {"epoch_hardware", "techpowerup", "vendor_datasheet"} <= set(sources.split(","))


def test_every_merge_is_recorded_with_its_rule(db):
    rules = dict(db.execute("SELECT rule, count(*) FROM meta.hardware_merge GROUP BY 1").fetchall())
    assert set(rules) == {"curated", "brand_rename", "codename", "footnote", "memory_variant"}
    (unexplained,) = one(db, "SELECT count(*) FROM meta.hardware_merge WHERE reason = ''")
    assert unexplained == 0
    # The footnote record's launch price ($100) now describes the GT 640 itself.
    (price,) = one(
        db,
        "SELECT launch_price_usd FROM core.hardware WHERE hardware_id = 'nvidia-geforce-gt-640'",
    )
    assert price == 100


def test_generic_spellings_resolve_to_families_flagged_ambiguous(db):
    hid, ambiguous, candidates = one(
        db,
        "SELECT hardware_id, is_ambiguous, candidates FROM core.hardware_alias "
        "WHERE alias = 'H200_141GB' AND source = 'gpu_price_tracker'",
    )
    assert (hid, ambiguous, candidates) == ("nvidia-h200", True, "nvidia-h200-nvl,nvidia-h200-sxm")
    # The family row states only what its members agree on: NVL and SXM peaks differ.
    is_family, bf16 = one(
        db, "SELECT is_family, bf16_flop_per_s FROM core.hardware WHERE hardware_id = 'nvidia-h200'"
    )
    assert is_family and bf16 is None
    (a100,) = one(
        db,
        "SELECT bool_and(is_ambiguous) FROM core.hardware_alias WHERE hardware_id = 'nvidia-a100'",
    )
    assert a100
    (specific,) = one(
        db,
        "SELECT bool_or(is_ambiguous) FROM core.hardware_alias "
        "WHERE hardware_id = 'nvidia-h100-sxm5-80gb'",
    )
    assert not specific


@pytest.mark.parametrize(
    ("hardware_id", "bf16", "fp16_tensor"),
    [
        # Volta and Turing tensor cores compute FP16 only (NVIDIA V100 and Turing whitepapers).
        ("nvidia-v100-sxm2-16gb", None, 125e12),
        ("nvidia-geforce-rtx-2080-ti-11gb", None, 113.8e12),
        # A GeForce tensor figure is with FP16 accumulate (Ada whitepaper: RTX 4090 330.3).
        ("nvidia-geforce-rtx-4090", None, 330e12),
        ("nvidia-a100-sxm4-80gb", 312e12, 312e12),  # A100 datasheet: BF16 312 TFLOPS dense
        ("google-tpu-v4", 275e12, 275e12),
    ],
)
def test_bf16_only_where_the_chip_computes_bf16(db, hardware_id, bf16, fp16_tensor):
    row = one(
        db,
        "SELECT bf16_flop_per_s, fp16_tensor_flop_per_s FROM core.hardware WHERE hardware_id = ?",
        [hardware_id],
    )
    assert row == (bf16, pytest.approx(fp16_tensor, rel=1e-3))


def test_rejected_statements_stay_as_evidence_with_their_reason(db):
    (rejected, unexplained) = one(
        db,
        "SELECT count(*), count(*) FILTER (WHERE rejected_reason IS NULL) "
        "FROM core.hardware_spec WHERE is_rejected",
    )
    assert rejected > 20 and unexplained == 0
    (v100,) = one(
        db,
        "SELECT value FROM core.hardware_spec WHERE hardware_id = 'nvidia-v100-sxm2-16gb' "
        "AND attribute = 'bf16_flop_per_s' AND source = 'epoch_hardware' AND is_rejected",
    )
    assert v100 == 125e12


@pytest.mark.parametrize(
    ("hardware_id", "column", "value"),
    [
        ("amd-instinct-mi355x", "fp8_flop_per_s", 5.0332e15),  # AMD: 5.0 PFLOPS dense
        ("aws-trainium1", "memory_bandwidth_bytes_per_s", 8.2e11),  # AWS: 820 GB/s per chip
        ("nvidia-h800-sxm5", "fp64_flop_per_s", 1e12),  # NVIDIA H800 datasheet
        ("nvidia-h800-pcie", "fp64_flop_per_s", 0.8e12),
        ("amd-instinct-mi300x", "fp8_flop_per_s", 2.6149e15),
    ],
)
def test_datasheet_corrections_win(db, hardware_id, column, value):
    (stated,) = one(db, f"SELECT {column} FROM core.hardware WHERE hardware_id = ?", [hardware_id])
    assert stated == pytest.approx(value, rel=1e-3)


def test_placeholder_chip_keeps_its_name_but_no_numbers(db):
    fp32, memory = one(
        db,
        "SELECT fp32_flop_per_s, memory_bytes FROM core.hardware "
        "WHERE hardware_id = 'amd-radeon-instinct-mi300'",
    )
    assert fp32 is None and memory is None
    (mi355x_fp16,) = one(
        db, "SELECT fp16_flop_per_s FROM core.hardware WHERE hardware_id = 'amd-instinct-mi355x'"
    )
    assert mi355x_fp16 != 2.34e15


def test_every_correction_names_a_chip_of_the_warehouse(db):
    ids = set(curated.load("hardware_spec_corrections")["hardware_id"])
    known = {r[0] for r in db.execute("SELECT hardware_id FROM core.hardware").fetchall()}
    assert ids <= known, ids - known
