"""Spec rows, precedence merge and disagreement listing, on the real Epoch records."""

import polars as pl
import pytest

from analyses.hardware_merge import disagreements, merge, spec_rows
from schemas import HARDWARE, HARDWARE_SPEC


def test_spec_rows_keep_every_record_and_carry_units(epoch_records):
    rows = spec_rows(epoch_records)
    HARDWARE_SPEC.pandera.validate(rows)
    assert rows.filter(pl.col("attribute") == "name").height == epoch_records.height == 168
    h100 = rows.filter(pl.col("hardware_id") == "nvidia-h100-sxm5-80gb")
    bf16 = h100.filter(pl.col("attribute") == "bf16_flop_per_s").row(0, named=True)
    assert (bf16["value"], bf16["unit"], bf16["value_text"]) == (989.4e12, "FLOP/s", None)
    released = h100.filter(pl.col("attribute") == "released_on")["value_text"].item()
    assert released == "2022-09-20"
    assert h100.filter(pl.col("value").is_null() & pl.col("value_text").is_null()).height == 0


def test_merge_of_one_source_reproduces_its_records(epoch_records):
    hardware = merge(spec_rows(epoch_records))
    HARDWARE.pandera.validate(hardware)
    assert hardware.height == 168
    h100 = hardware.filter(pl.col("hardware_id") == "nvidia-h100-sxm5-80gb").row(0, named=True)
    assert h100["bf16_flop_per_s"] == 989.4e12 and str(h100["released_on"]) == "2022-09-20"
    assert (h100["source"], h100["sources"]) == ("epoch_hardware", "epoch_hardware")


def second_source(records: pl.DataFrame) -> pl.DataFrame:
    """Fault injection: the real H100 and A100 records restated by a lower-ranked source,
    one value 20% off, one value Epoch lacks, one chip Epoch does not have."""
    picked = records.filter(pl.col("hardware_id").is_in(["nvidia-h100-sxm5-80gb", "nvidia-a100"]))
    changed = picked.with_columns(
        source=pl.lit("techpowerup"),
        name=pl.col("name").str.replace("NVIDIA ", ""),
        tdp_w=pl.when(pl.col("hardware_id") == "nvidia-h100-sxm5-80gb")
        .then(840.0)
        .otherwise(pl.col("tdp_w")),
        fp8_flop_per_s=pl.lit(1.979e15),
    )
    extra = changed.head(1).with_columns(
        hardware_id=pl.lit("nvidia-h100-sxm5-94gb"), name=pl.lit("H100 SXM5 94 GB")
    )
    return pl.concat([changed, extra])


def test_precedence_keeps_the_first_source_and_fills_gaps_from_the_next(epoch_records):
    spec = spec_rows(pl.concat([epoch_records, second_source(epoch_records)]))
    hardware = merge(spec).filter(pl.col("hardware_id").str.starts_with("nvidia-h100-sxm5"))
    h100, h100_94 = hardware.sort("hardware_id").iter_rows(named=True)
    assert h100["tdp_w"] == 700  # Epoch ranks first: its 700 W wins over 840 W
    assert h100["name"] == "NVIDIA H100 SXM5 80GB" and h100["source"] == "epoch_hardware"
    assert h100["sources"] == "epoch_hardware,techpowerup"
    a100 = merge(spec).filter(pl.col("hardware_id") == "nvidia-a100").row(0, named=True)
    assert a100["fp8_flop_per_s"] == 1.979e15  # only the second source states it
    assert (h100_94["source"], h100_94["sources"]) == ("techpowerup", "techpowerup")


def test_disagreements_beyond_ten_percent_are_listed(epoch_records):
    spec = spec_rows(pl.concat([epoch_records, second_source(epoch_records)]))
    cases = disagreements(spec, 0.10)
    assert cases.select("hardware_id", "attribute").rows() == [("nvidia-h100-sxm5-80gb", "tdp_w")]
    assert cases["ratio"].item() == pytest.approx(1.2)
    assert disagreements(spec, 0.25).height == 0


def test_a_source_without_rank_is_refused(epoch_records):
    with pytest.raises(ValueError, match="precedence rank"):
        merge(spec_rows(epoch_records.with_columns(source=pl.lit("somewhere"))))
