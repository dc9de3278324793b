"""The Wikipedia GPU rows in the spec-record shape (sources/wikipedia_gpus/conform.py), from the
real bundled file: checked against vendors' published figures, units as documented, unreadable cells
reported per row."""

import polars as pl
import pytest

from sources import wikipedia_gpus

# Memory as vendors state it (docs/naming.md): '24 GB' = 24e9 B; 1024 binary MB = 1 GB.
MIB, GIB = 1e9 / 1024, 1e9


def spec(records: pl.DataFrame, name: str) -> dict:
    (row,) = records.filter(pl.col("name") == name).to_dicts()
    return row


def test_geforce_rtx_3090_matches_nvidia(records):
    # NVIDIA newsroom, "NVIDIA Delivers Greatest-Ever Generational Leap with GeForce RTX 30
    # Series GPUs" (2020-09-01): RTX 3090 $1,499, available Sept. 24, 24 GB GDDR6X; NVIDIA's
    # RTX 3090 spec page: 350 W graphics card power, 19.5 Gbps on 384 bits = 936 GB/s.
    gpu = spec(records, "GeForce RTX 3090")
    assert gpu["launch_price_usd"] == 1499  # MSRP = Founders Edition "$1499" here
    assert str(gpu["released_on"]) == "2020-09-24"
    assert gpu["memory_bytes"] == 24 * GIB
    assert gpu["tdp_w"] == 350
    assert gpu["memory_bandwidth_bytes_per_s"] == pytest.approx(935.8e9)
    assert gpu["vendor"] == "NVIDIA" and gpu["process_size_m"] == pytest.approx(8e-9)
    # The FP32 figure is at the 1,395 MHz base clock (10,496 cores x 2 FLOP), not NVIDIA's
    # 35.58 TFLOPS at 1,695 MHz boost: gpustats keeps the first of Wikipedia's "base boost".
    assert gpu["fp32_flop_per_s"] == pytest.approx(10496 * 2 * 1395e6, rel=1e-3)
    # "235.08 285.48" are two sparse figures (base, boost): no dense figure, not mapped.
    assert gpu["fp16_tensor_flop_per_s"] is None


def test_geforce_rtx_4090_matches_nvidia(records):
    # NVIDIA newsroom, "NVIDIA Delivers Quantum Leap in Performance, Introduces New Era of
    # Neural Rendering With GeForce RTX 40 Series" (2022-09-20): RTX 4090 $1,599, Oct. 12,
    # 24 GB GDDR6X, 450 W. NVIDIA Ada Lovelace whitepaper (v1.1), RTX 4090: peak FP16 tensor
    # with FP16 accumulate 330.3 TFLOPS dense / 660.6 sparse; 1,008 GB/s; 76.3 billion
    # transistors on 608.5 mm2 (TSMC 4N).
    gpu = spec(records, "GeForce RTX 4090")
    assert gpu["launch_price_usd"] == 1599
    assert str(gpu["released_on"]) == "2022-10-12"
    assert gpu["memory_bytes"] == 24 * GIB
    assert gpu["tdp_w"] == 450
    assert gpu["fp16_tensor_flop_per_s"] == pytest.approx(
        330.3e12, rel=2e-3
    )  # "292 (585) 330 (661)"
    assert gpu["memory_bandwidth_bytes_per_s"] == pytest.approx(1008e9)
    assert gpu["transistor_count"] == pytest.approx(76.3e9)
    assert gpu["die_area_m2"] == pytest.approx(608.5e-6)


def test_radeon_rx_7900_xtx_matches_amd(records):
    # AMD press release "AMD Unveils World's Most Advanced Gaming Graphics Cards, Built on
    # Groundbreaking AMD RDNA 3 Architecture with Chiplet Design" (2022-11-03): RX 7900 XTX
    # $999, available Dec. 13, 2022, 24 GB GDDR6; AMD product page: 355 W typical board
    # power, 960 GB/s, 57.7 billion transistors (GCD 5 nm + MCDs 6 nm).
    gpu = spec(records, "Radeon RX 7900 XTX (Navi 31)")  # AMD names carry the code name
    assert gpu["launch_price_usd"] == 999
    assert str(gpu["released_on"]) == "2022-12-13"
    assert gpu["memory_bytes"] == 24 * GIB  # from the text cell "24 GB"
    assert gpu["tdp_w"] == 355
    assert gpu["memory_bandwidth_bytes_per_s"] == pytest.approx(960e9)
    assert gpu["transistor_count"] == pytest.approx(57.7e9)
    assert gpu["vendor"] == "AMD"


def test_geforce_rtx_3080_and_radeon_hd_7970(records):
    # NVIDIA newsroom (2020-09-01): RTX 3080 $699, Sept. 17, 10 GB GDDR6X; spec page 320 W,
    # 760 GB/s. The first of two "GeForce RTX 3080" rows is this 10 GB card (the 12 GB one of
    # 2022 is a duplicate name). GTX 1080 ($599, Founders Edition $699) is not in this file.
    gpu = spec(records.filter(pl.col("row_number") == 12), "GeForce RTX 3080")
    assert (gpu["launch_price_usd"], gpu["memory_bytes"], gpu["tdp_w"]) == (699, 10 * GIB, 320)
    assert gpu["memory_bandwidth_bytes_per_s"] == pytest.approx(760e9)
    # AMD, Radeon HD 7970 (2011-12-22): 3 GB GDDR5 at 264 GB/s, 250 W, 4.31 billion
    # transistors on 352 mm2 at 28 nm. Wikipedia's price cell says $550 and its date
    # "December 2011" (day unknown, stored as the 1st); the memory is 3072 MB = 3 GiB.
    hd = spec(records, "Radeon HD 7970 (Tahiti XT)")
    assert hd["memory_bytes"] == pytest.approx(3072 * MIB) == 3 * GIB
    assert hd["memory_bandwidth_bytes_per_s"] == pytest.approx(264e9)
    assert hd["tdp_w"] == 250 and hd["die_area_m2"] == pytest.approx(352e-6)
    assert hd["transistor_count"] == pytest.approx(4313e6)  # from "4313×106 352 mm2"
    assert hd["launch_price_usd"] == 550 and str(hd["released_on"]) == "2011-12-01"


def test_memory_gb_is_binary_and_mb_wins(document, records):
    # gpustats derived "Memory Size (GB)" as MB / 1000 wherever MB is given (1024 -> 1.024),
    # and the MB sizes are binary DRAM capacities: MB = MiB, so GB = GiB.
    rows = document["rows"]
    with_mb = [r for r in rows if "Memory Size (MB)" in r]
    assert len(with_mb) == 87
    assert all(r["Memory Size (GB)"] == r["Memory Size (MB)"] / 1000 for r in with_mb)
    assert {r["Memory Size (MB)"] for r in with_mb} <= {2.0**k for k in range(7, 14)} | {3072.0}
    x1300 = records.filter(pl.col("row_number") == 72).row(0, named=True)
    assert x1300["memory_bytes"] == pytest.approx(128 * MIB)


def test_bandwidth_gb_per_s_is_decimal(document, records):
    # RTX 3050 6 GB (row 1): 96-bit bus x 14 GT/s / 8 = 168 GB/s, i.e. 168e9 B/s.
    row = document["rows"][0]
    width, rate = row["Memory Bus width (bit)"], row["Clock speeds Memory (GT/s)"]
    assert width * rate / 8 == row["Memory Bandwidth (GB/s)"] == 168
    assert records["memory_bandwidth_bytes_per_s"][0] == 168e9


def test_tensor_figures_of_the_real_file(records):
    # Only the ten RTX 40 rows give dense (sparse) pairs; RTX 30 rows are sparse-only.
    mapped = records.filter(pl.col("fp16_tensor_flop_per_s").is_not_null())
    assert mapped["row_number"].to_list() == list(range(17, 27))


def test_names_come_from_model_or_model_codename(records):
    assert spec(records, "Radeon R7 240 (Oland Pro)")["row_number"] == 134
    assert records["name"].null_count() == 0


def test_unreadable_values_are_reported_per_row(raw):
    # Fault injection on real rows: RTX 3090 (15), RTX 4090 (26), RX 7900 XTX (199).
    def inject(frame, row, column, text):
        return frame.with_columns(
            pl.when(pl.col("row_number") == row)
            .then(pl.lit(text))
            .otherwise(pl.col(column))
            .alias(column)
        )

    rows = raw.filter(pl.col("row_number").is_in([15, 26, 199]))
    broken = inject(rows, 15, "TDP (Watts)", "1,500–1,700")
    tensor = "Processing power (TFLOPS) Tensor compute (FP16) (2: sparse)"
    broken = inject(broken, 26, tensor, "330 (990)")  # sparse not twice dense
    broken = inject(broken, 199, "Launch", "Dec 13, 2022")
    broken = inject(broken, 199, "Memory Size", "N/a")  # not applicable: null, no error
    broken = inject(broken, 199, "TBP", "garbage")  # ignored: TDP (Watts) comes first
    records = wikipedia_gpus.to_spec_records(broken)
    assert records["parse_error"].to_list() == [
        "unreadable TDP (Watts) '1,500–1,700'",
        f"unreadable {tensor} '330 (990)'",
        "unreadable Launch 'Dec 13, 2022'",
    ]
    assert records["memory_bytes"][2] is None and records["tdp_w"][2] == 355
