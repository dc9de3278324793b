"""Row-level failures are quarantined with a reason; table-level failures raise."""

import polars as pl
import pytest

from schemas import SPEC_RECORD as HARDWARE  # the shape spec sources are validated in
from schemas.validation import SchemaMismatch, split_valid


def frame(rows: list[dict]) -> pl.DataFrame:
    base = {c: None for c in HARDWARE.column_names}
    base.update(source="epoch_hardware", sha256="a" * 64)
    data = [{**base, **row} for row in rows]
    return pl.DataFrame(data, schema={**HARDWARE.polars_schema, "parse_error": pl.String})


def test_valid_rows_pass_and_keep_their_order():
    rows = [
        {"hardware_id": "nvidia-h100-sxm5-80gb", "name": "NVIDIA H100 SXM5 80GB", "row_number": 1},
        {"hardware_id": "google-tpu-v4", "name": "Google TPU v4", "row_number": 2},
    ]
    valid, rejects = split_valid(frame(rows), HARDWARE)
    assert valid["hardware_id"].to_list() == ["nvidia-h100-sxm5-80gb", "google-tpu-v4"]
    assert rejects.height == 0
    assert valid.columns == HARDWARE.column_names


def test_each_bad_row_gets_its_own_reason_and_the_rest_load():
    # Fault injection: real names with values broken on purpose.
    rows = [
        {
            "hardware_id": "nvidia-a100",
            "name": "NVIDIA A100",
            "row_number": 1,
            "fp32_flop_per_s": 1.95e13,
        },
        {
            "hardware_id": "nvidia-v100",
            "name": "NVIDIA V100",
            "row_number": 2,
            "fp32_flop_per_s": 15.7,
        },
        {"hardware_id": "nvidia-a100", "name": "NVIDIA A100 again", "row_number": 3},
        {"hardware_id": "google-tpu-v3", "name": "Google TPU v3", "row_number": 4, "tdp_w": -1.0},
        {
            "hardware_id": "amd-mi250x",
            "name": "AMD MI250X",
            "row_number": 5,
            "parse_error": "unreadable TDP (W) 'n/a'",
        },
        {"hardware_id": "x", "name": "X", "row_number": 6, "kind": "quantum"},
    ]
    valid, rejects = split_valid(frame(rows), HARDWARE)
    assert valid["row_number"].to_list() == [1]
    reasons = dict(zip(rejects["row_number"], rejects["reason"], strict=True))
    assert set(reasons) == {2, 3, 4, 5, 6}
    assert "fp32_flop_per_s failed in_range" in reasons[2] and "15.7" in reasons[2]
    assert reasons[3] == "duplicate key (hardware_id=nvidia-a100) of row 1"
    assert "tdp_w failed in_range" in reasons[4]
    assert reasons[5] == "unreadable TDP (W) 'n/a'"
    assert "kind failed isin" in reasons[6] and "quantum" in reasons[6]


def test_several_failures_of_one_row_are_all_named():
    rows = [{"hardware_id": "b", "name": "B", "row_number": 7, "tdp_w": 0.0, "memory_bytes": 8.0}]
    _, rejects = split_valid(frame(rows), HARDWARE)
    (reason,) = rejects["reason"].to_list()
    assert "tdp_w" in reason and "memory_bytes" in reason


def test_a_missing_column_is_a_table_level_error():
    broken = frame([{"hardware_id": "a", "name": "A", "row_number": 1}]).drop("name")
    with pytest.raises(SchemaMismatch, match=r"lacks columns \['name'\]"):
        split_valid(broken, HARDWARE)


def test_a_wrong_dtype_is_a_schema_mismatch():
    broken = frame([{"hardware_id": "a", "name": "A", "row_number": 1}]).with_columns(
        pl.col("tdp_w").cast(pl.String)
    )
    with pytest.raises(SchemaMismatch, match="tdp_w"):
        split_valid(broken, HARDWARE)
