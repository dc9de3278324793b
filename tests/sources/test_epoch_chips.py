"""Epoch AI's chip dataset: parsed in full and checked against vendors' datasheets.

Tolerances: Epoch copies vendors' rounded figures (or TechPowerUp's, to a few significant
digits), so a datasheet figure is matched with `rel` of about the rounding step; exact
equality is used where the upstream text is the datasheet number itself.
"""

import polars as pl
import pytest

from sources import epoch_chips
from sources.upstream import UpstreamFormatError


@pytest.fixture(scope="module")
def raw(bundled_store) -> pl.DataFrame:
    return epoch_chips.parse(bundled_store.latest("epoch_chips").path())


@pytest.fixture(scope="module")
def chips(raw) -> pl.DataFrame:
    return epoch_chips.to_spec_records(raw)


def spec(chips: pl.DataFrame, name: str) -> dict:
    (row,) = chips.filter(pl.col("name") == name).to_dicts()
    return row


def test_every_record_is_read_despite_multi_line_fields_and_a_stray_cr(raw):
    # 5,844 physical lines, 5,774 records (snapshot PROVENANCE.md). Record 955's name ends in a
    # lone CR; Python's csv module splits the record there (hence "5,775" in the shared notes).
    assert raw.height == 5774
    assert raw["row_number"].to_list() == list(range(1, 5775))
    assert raw.columns[1] == "Hardware name"
    rtx = raw.filter(pl.col("row_number") == 955).row(0, named=True)
    assert rtx["Hardware name"] == "NVIDIA GeForce RTX 2080 Ti Founders Edition"
    assert (rtx["Manufacturer"], rtx["Die Size (mm^2)"], rtx["TDP (W)"]) == (
        "NVIDIA",
        "754.0",
        "250.0",
    )


def test_the_real_file_parses_without_errors(chips):
    assert chips.filter(pl.col("parse_error").is_not_null()).height == 0
    assert chips["launch_price_usd"].is_not_null().sum() == 1229  # every '$...' price read
    assert chips["released_on"].is_not_null().sum() == 5323


def test_kinds_on_the_real_file(chips):
    # CPU 2,698 + Hybrid CPU 1; GPU 2,696 + GPGPU 4 + DCU (GPGPU) 1; Other 19 + SoC 13;
    # ASIC 6 + XPU-R 6 + XPU 4 + LPU 1; 310 records have no Type.
    assert chips["kind"].value_counts().sort("kind").to_dicts() == [
        {"kind": None, "count": 310},
        {"kind": "asic", "count": 17},
        {"kind": "cpu", "count": 2699},
        {"kind": "gpu", "count": 2701},
        {"kind": "npu", "count": 6},
        {"kind": "other", "count": 32},
        {"kind": "tpu", "count": 9},
    ]


def test_rtx_4090_matches_the_nvidia_datasheet(chips):
    # NVIDIA Ada Lovelace GPU architecture whitepaper (v2.1), RTX 4090: 82.6 TFLOPS FP32,
    # 330.3 TFLOPS FP16 tensor (FP16 accumulate, dense), 24 GB GDDR6X at 1,008 GB/s, 450 W,
    # 76.3 billion transistors, 608.5 mm² (Epoch: 608); launch price USD 1,599.
    rtx = spec(chips, "NVIDIA GeForce RTX 4090")
    assert rtx["fp32_flop_per_s"] == pytest.approx(82.6e12)
    assert rtx["bf16_flop_per_s"] == pytest.approx(330.3e12, rel=1e-3)
    assert rtx["memory_bytes"] == 24e9
    assert rtx["memory_bandwidth_bytes_per_s"] == pytest.approx(1008e9)
    assert rtx["tdp_w"] == 450
    assert rtx["transistor_count"] == pytest.approx(76.3e9)
    assert rtx["die_area_m2"] == pytest.approx(608.5e-6, rel=1e-3)
    assert rtx["launch_price_usd"] == 1599
    assert (rtx["vendor"], rtx["kind"], str(rtx["released_on"])) == ("NVIDIA", "gpu", "2022-09-20")


def test_mi250x_matches_the_amd_datasheet(chips):
    # AMD Instinct MI250X data sheet: FP64/FP32 vector 47.9 TFLOPS, FP16 and BF16 383 TFLOPS,
    # 128 GB HBM2e at 3.2 TB/s (3,276.8 GB/s; Epoch 3,280), 500 W, 58.2 billion transistors,
    # TSMC 6 nm.
    mi250x = spec(chips, "AMD Radeon Instinct MI250X")
    assert mi250x["fp64_flop_per_s"] == pytest.approx(47.9e12, rel=1e-3)
    assert mi250x["fp32_flop_per_s"] == pytest.approx(47.9e12, rel=1e-3)
    assert mi250x["bf16_flop_per_s"] == pytest.approx(383e12)
    assert mi250x["memory_bytes"] == 128e9
    assert mi250x["memory_bandwidth_bytes_per_s"] == pytest.approx(3276.8e9, rel=2e-3)
    assert mi250x["tdp_w"] == 500
    assert mi250x["transistor_count"] == pytest.approx(58.2e9)
    assert mi250x["process_size_m"] == pytest.approx(6e-9)


def test_intel_max_1550_and_xeon_8380_match_intel_specifications(chips):
    # Intel Data Center GPU Max 1550 product brief: 128 GB HBM2e at 3.2768 TB/s, 600 W,
    # 52.4 TFLOPS FP32 vector (Epoch 52.43), over 100 billion transistors.
    max1550 = spec(chips, "Intel Data Center GPU Max 1550")
    assert max1550["fp32_flop_per_s"] == pytest.approx(52.4e12, rel=1e-3)
    assert max1550["memory_bytes"] == 128e9
    assert max1550["memory_bandwidth_bytes_per_s"] == pytest.approx(3276.8e9, rel=2e-3)
    assert max1550["tdp_w"] == 600
    assert max1550["transistor_count"] == pytest.approx(100e9)
    # Intel ARK, Xeon Platinum 8380: launched Q2'21 (2021-04-06), 270 W TDP, Intel 10 nm,
    # recommended customer price USD 8,099.
    xeon = spec(chips, "Intel Xeon Platinum 8380")
    assert (xeon["kind"], str(xeon["released_on"])) == ("cpu", "2021-04-06")
    assert xeon["tdp_w"] == 270
    assert xeon["process_size_m"] == pytest.approx(10e-9)
    assert xeon["launch_price_usd"] == 8099


def test_a100_and_v100_match_the_nvidia_datasheets(chips):
    # NVIDIA A100 datasheet (2021): FP64 9.7 (Epoch 9.746), FP32 19.5, TF32 156, BF16 312 TFLOPS
    # and INT8 624 TOPS (dense); 80 GB HBM2e at 2,039 GB/s; 400 W; 54.2 billion transistors on
    # 826 mm² in 7 nm.
    a100 = spec(chips, "NVIDIA A100 SXM4 80 GB")
    assert a100["fp64_flop_per_s"] == pytest.approx(9.7e12, rel=5e-3)
    assert a100["fp32_flop_per_s"] == pytest.approx(19.5e12, rel=1e-3)
    assert a100["tf32_flop_per_s"] == pytest.approx(156e12)
    assert a100["bf16_flop_per_s"] == pytest.approx(312e12)
    assert a100["int8_op_per_s"] == pytest.approx(624e12)
    assert a100["memory_bytes"] == 80e9
    assert a100["memory_bandwidth_bytes_per_s"] == pytest.approx(2039e9)
    assert a100["tdp_w"] == 400
    assert a100["transistor_count"] == pytest.approx(54.2e9)
    assert a100["die_area_m2"] == pytest.approx(826e-6)
    assert a100["process_size_m"] == pytest.approx(7e-9)
    # NVIDIA V100 datasheet: SXM2 FP64 7.8, FP32 15.7, tensor 125 TFLOPS; 32 GB HBM2 at
    # 900 GB/s (Epoch 898); 300 W.
    v100 = spec(chips, "NVIDIA Tesla V100 SXM2 32 GB")
    assert v100["fp64_flop_per_s"] == pytest.approx(7.8e12, rel=5e-3)
    assert v100["fp32_flop_per_s"] == pytest.approx(15.7e12, rel=3e-3)
    assert v100["bf16_flop_per_s"] == pytest.approx(125e12)
    assert v100["memory_bytes"] == 32e9
    assert v100["memory_bandwidth_bytes_per_s"] == pytest.approx(900e9, rel=3e-3)
    assert v100["tdp_w"] == 300


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "chips.csv"
    path.write_bytes(text.encode(encoding))
    return path


def excerpt(raw: pl.DataFrame, rows: int = 3) -> str:
    """The header and first `rows` records of the real file, re-serialised."""
    return raw.drop("row_number").head(rows).write_csv()


def test_bom_and_crlf_are_tolerated(tmp_path, raw):
    text = excerpt(raw).replace("\n", "\r\n")
    parsed = epoch_chips.parse(write(tmp_path, "\ufeff" + text))
    assert parsed.columns[1] == "Hardware name"
    assert parsed["Hardware name"].to_list() == [
        "NVIDIA B300",
        "Google TPU v7 Ironwood",
        "MTT X300",
    ]
    assert parsed.drop("row_number").equals(raw.drop("row_number").head(3))


def test_a_renamed_column_is_a_clear_error(tmp_path, raw):
    text = excerpt(raw).replace("Number of transistors (millions)", "Transistors (millions)", 1)
    with pytest.raises(
        UpstreamFormatError, match=r"\['Number of transistors \(millions\)'\] are missing"
    ):
        epoch_chips.parse(write(tmp_path, text))


def test_a_missing_column_is_a_clear_error(tmp_path, raw):
    text = raw.drop("row_number", "Type").head(3).write_csv()
    with pytest.raises(UpstreamFormatError, match=r"\['Type'\] are missing"):
        epoch_chips.parse(write(tmp_path, text))


def test_not_utf8_is_a_clear_error(tmp_path, raw):
    with pytest.raises(UpstreamFormatError, match="not UTF-8"):
        epoch_chips.parse(write(tmp_path, excerpt(raw) + "Caf\u00e9", "latin-1"))


def test_unreadable_values_are_reported_per_row(raw):
    # Fault injection on real rows: a TFLOPS-style text, a price without a number, an
    # impossible date and a type nobody mapped (never guessed into a kind).
    broken = raw.head(4).with_columns(
        pl.when(pl.col("row_number") == 1)
        .then(pl.lit("989 TFLOPS"))
        .otherwise(pl.col("FP32 (single precision) performance (FLOP/s)"))
        .alias("FP32 (single precision) performance (FLOP/s)"),
        pl.when(pl.col("row_number") == 2)
        .then(pl.lit("$TBD"))
        .otherwise(pl.col("Release price (USD)"))
        .alias("Release price (USD)"),
        pl.when(pl.col("row_number") == 3)
        .then(pl.lit("2025-02-30"))
        .otherwise(pl.col("Release date"))
        .alias("Release date"),
        pl.when(pl.col("row_number") == 4)
        .then(pl.lit("Quantum"))
        .otherwise(pl.col("Type"))
        .alias("Type"),
    )
    records = epoch_chips.to_spec_records(broken)
    assert records["parse_error"].to_list() == [
        "unreadable FP32 (single precision) performance (FLOP/s) '989 TFLOPS'",
        "unreadable Release price (USD) '$TBD'",
        "unreadable Release date '2025-02-30'",
        "unreadable Type 'Quantum'",
    ]
    assert records["kind"][3] is None


def test_prices_with_dollar_sign_and_thousands_separators():
    frame = pl.DataFrame({"p": ["$1,599.00", " $8099.00 ", "1599", "", None, "$", "USD 5"]})
    assert frame.select(epoch_chips.dollars("p"))["p"].to_list() == [
        1599.0,
        8099.0,
        1599.0,
        None,
        None,
        None,
        None,
    ]
