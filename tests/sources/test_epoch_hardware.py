"""Epoch AI's ML hardware CSV: parsed in full and checked against vendors' datasheets."""

import polars as pl
import pytest

from sources import epoch_hardware
from sources.upstream import UpstreamFormatError


@pytest.fixture(scope="module")
def raw(bundled_store) -> pl.DataFrame:
    return epoch_hardware.parse(bundled_store.latest("epoch_hardware").path())


@pytest.fixture(scope="module")
def hardware(raw) -> pl.DataFrame:
    return epoch_hardware.to_spec_records(raw)


def spec(hardware: pl.DataFrame, name: str) -> dict:
    (row,) = hardware.filter(pl.col("name") == name).to_dicts()
    return row


def test_every_record_is_read_despite_multi_line_notes(raw):
    # 258 physical lines, 169 records (PROVENANCE.md of the snapshot).
    assert raw.height == 169
    assert raw["row_number"].to_list() == list(range(1, 170))
    assert raw.columns[1] == "Hardware name"


def test_the_real_file_parses_without_errors_except_the_unmapped_type(hardware):
    errors = hardware.filter(pl.col("parse_error").is_not_null())
    assert errors.height == 0
    assert hardware["kind"].value_counts().sort("kind").to_dicts() == [
        {"kind": None, "count": 13},
        {"kind": "asic", "count": 11},
        {"kind": "cpu", "count": 1},
        {"kind": "gpu", "count": 128},
        {"kind": "npu", "count": 5},
        {"kind": "other", "count": 2},
        {"kind": "tpu", "count": 9},
    ]


def test_h100_sxm5_matches_the_nvidia_datasheet(hardware):
    # NVIDIA H100 Tensor Core GPU datasheet (2023): SXM5 BF16 tensor 1,979 TFLOPS *with
    # sparsity*, i.e. 989.4 dense; TF32 494.7 dense; FP64 33.5 (Epoch 33.45); 80 GB HBM3 at
    # 3.35 TB/s; up to 700 W.
    h100 = spec(hardware, "NVIDIA H100 SXM5 80GB")
    assert h100["bf16_flop_per_s"] == pytest.approx(989.4e12, rel=1e-3)
    assert h100["tf32_flop_per_s"] == pytest.approx(494.7e12, rel=1e-3)
    assert h100["fp64_flop_per_s"] == pytest.approx(33.5e12, rel=5e-3)
    assert h100["memory_bytes"] == 80e9
    assert h100["memory_bandwidth_bytes_per_s"] == pytest.approx(3.35e12)
    assert h100["tdp_w"] == 700
    assert h100["vendor"] == "NVIDIA" and h100["kind"] == "gpu"
    assert str(h100["released_on"]) == "2022-09-20"


def test_a100_sxm4_matches_the_nvidia_datasheet(hardware):
    # NVIDIA A100 datasheet (2021): FP64 9.7, FP32 19.5, TF32 156, BF16 312 TFLOPS (dense);
    # 80 GB HBM2e at 2,039 GB/s; 400 W.
    a100 = spec(hardware, "NVIDIA A100 SXM4 80 GB")
    assert a100["fp32_flop_per_s"] == pytest.approx(19.5e12, rel=1e-2)
    assert a100["tf32_flop_per_s"] == pytest.approx(156e12)
    assert a100["bf16_flop_per_s"] == pytest.approx(312e12)
    assert a100["memory_bandwidth_bytes_per_s"] == pytest.approx(2.039e12)
    assert a100["tdp_w"] == 400


def test_v100_and_tpu_v4_and_mi300x_match_their_datasheets(hardware):
    # NVIDIA V100 datasheet: SXM2 tensor 125 TFLOPS, FP32 15.7, 300 W.
    v100 = spec(hardware, "NVIDIA Tesla V100 SXM2 32 GB")
    assert v100["bf16_flop_per_s"] == pytest.approx(125e12)
    assert v100["fp32_flop_per_s"] == pytest.approx(15.7e12, rel=1e-2)
    # Google Cloud TPU v4 documentation: 275 TFLOPS peak bf16, 32 GiB HBM at 1,200 GB/s.
    tpu = spec(hardware, "Google TPU v4")
    assert tpu["bf16_flop_per_s"] == pytest.approx(275e12)
    assert tpu["memory_bandwidth_bytes_per_s"] == pytest.approx(1.2e12)
    # AMD Instinct MI300X data sheet: 1,307.4 TFLOPS FP16/BF16 dense, 192 GB HBM3, 5.3 TB/s.
    mi300x = spec(hardware, "AMD Instinct MI300X")
    assert mi300x["bf16_flop_per_s"] == pytest.approx(1307.4e12)
    assert mi300x["memory_bytes"] == 192e9
    assert mi300x["memory_bandwidth_bytes_per_s"] == pytest.approx(5.3e12)


def test_die_transistors_and_process_are_converted_to_si(hardware):
    # NVIDIA H100 whitepaper: 80 billion transistors on an 814 mm^2 die; Epoch states a
    # 5 nm-class process (TSMC 4N is a 5 nm-family node), converted to metres.
    h100 = spec(hardware, "NVIDIA H100 SXM5 80GB")
    assert h100["transistor_count"] == 80e9
    assert h100["die_area_m2"] == pytest.approx(814e-6)
    assert h100["process_size_m"] == pytest.approx(5e-9)
    assert "nvidia-tensor-core-gpu-datasheet" in h100["datasheet_url"]


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "ml_hardware.csv"
    path.write_bytes(text.encode(encoding))
    return path


def excerpt(bundled_store, rows: int = 3) -> str:
    """The header and first `rows` records of the real file, re-serialised."""
    raw = epoch_hardware.parse(bundled_store.latest("epoch_hardware").path())
    return raw.drop("row_number").head(rows).write_csv()


def test_bom_and_crlf_are_tolerated(tmp_path, bundled_store):
    text = excerpt(bundled_store).replace("\n", "\r\n")
    parsed = epoch_hardware.parse(write(tmp_path, "\ufeff" + text))
    assert parsed.columns[1] == "Hardware name"
    assert parsed["Hardware name"].to_list() == [
        "Google TPU v7 Ironwood",
        "Huawei Ascend 920",
        "NVIDIA GB300",
    ]


def test_a_renamed_column_is_a_clear_error(tmp_path, bundled_store):
    text = excerpt(bundled_store).replace("TDP (W)", "TDP (Watts)", 1)
    with pytest.raises(UpstreamFormatError, match=r"\['TDP \(W\)'\] are missing"):
        epoch_hardware.parse(write(tmp_path, text))


def test_not_utf8_is_a_clear_error(tmp_path, bundled_store):
    with pytest.raises(UpstreamFormatError, match="not UTF-8"):
        epoch_hardware.parse(write(tmp_path, excerpt(bundled_store) + "Caf\u00e9", "latin-1"))


def test_unreadable_values_are_reported_per_row(tmp_path, bundled_store):
    # Fault injection on real rows: a TFLOPS-style text, an 'n/a' and an impossible date.
    raw = epoch_hardware.parse(bundled_store.latest("epoch_hardware").path()).head(3)
    broken = raw.with_columns(
        pl.when(pl.col("row_number") == 1)
        .then(pl.lit("989 TFLOPS"))
        .otherwise(pl.col("FP32 (single precision) performance (FLOP/s)"))
        .alias("FP32 (single precision) performance (FLOP/s)"),
        pl.when(pl.col("row_number") == 2)
        .then(pl.lit("n/a"))
        .otherwise(pl.col("TDP (W)"))
        .alias("TDP (W)"),
        pl.when(pl.col("row_number") == 3)
        .then(pl.lit("2025-02-30"))
        .otherwise(pl.col("Release date"))
        .alias("Release date"),
    )
    errors = epoch_hardware.to_spec_records(broken)["parse_error"].to_list()
    assert errors == [
        "unreadable FP32 (single precision) performance (FLOP/s) '989 TFLOPS'",
        "unreadable TDP (W) 'n/a'",
        "unreadable Release date '2025-02-30'",
    ]


def test_thousands_separators_and_infinities(tmp_path):
    frame = pl.DataFrame({"x": ["1,299.5", "inf", "", None, " 7 "]})
    from sources.upstream import number

    assert frame.select(number("x"))["x"].to_list() == [1299.5, None, None, None, 7.0]
