"""TechPowerUp's GPU database (RightNow AI's JSON): parsed in full, checked against datasheets.

Tolerances: upstream rounds TFLOPS to two decimals and bandwidth to TechPowerUp's three or
four significant figures (RTX 4090: 1,010 for NVIDIA's 1,008 GB/s), so datasheet figures are
matched with `rel` of about that rounding; exact equality where the text is the same number.
"""

import json

import polars as pl
import pytest

from sources import techpowerup
from sources.upstream import UpstreamFormatError


@pytest.fixture(scope="module")
def path(bundled_store):
    return bundled_store.latest("techpowerup").path()


@pytest.fixture(scope="module")
def objects(path) -> list[dict]:
    return json.loads(path.read_bytes())


@pytest.fixture(scope="module")
def raw(path) -> pl.DataFrame:
    return techpowerup.parse(path)


@pytest.fixture(scope="module")
def gpus(raw) -> pl.DataFrame:
    return techpowerup.to_spec_records(raw)


def spec(gpus: pl.DataFrame, name: str) -> dict:
    (row,) = gpus.filter(pl.col("name") == name).to_dicts()
    return row


def test_every_object_is_read(raw, objects):
    assert raw.height == len(objects) == 2824
    assert raw["row_number"].to_list() == list(range(1, 2825))
    assert raw["name"].to_list() == [o["name"] for o in objects]
    # Keys an object omits are null, not dropped or zero: 2,482 objects give a memory size.
    assert raw["memorySize"].is_not_null().sum() == 2482
    assert raw.schema["fp32"] == pl.String


def test_the_real_file_parses_without_errors(gpus):
    assert gpus.filter(pl.col("parse_error").is_not_null()).height == 0
    assert gpus["released_on"].is_not_null().all()


def test_every_record_is_a_gpu_under_its_display_vendor(gpus):
    assert gpus["kind"].value_counts().to_dicts() == [{"kind": "gpu", "count": 2824}]
    # From `manufacturer` (the designer); upstream `vendor` is 'nvidia', 'amd' (ATI too), ...
    assert gpus["vendor"].value_counts().sort("vendor").to_dicts() == [
        {"vendor": "3dfx", "count": 16},
        {"vendor": "AMD", "count": 742},
        {"vendor": "ATI", "count": 550},
        {"vendor": "Intel", "count": 180},
        {"vendor": "Matrox", "count": 32},
        {"vendor": "NVIDIA", "count": 1286},
        {"vendor": "Sony", "count": 9},
        {"vendor": "XGI", "count": 9},
    ]


def test_rtx_4090_matches_the_nvidia_datasheet(gpus):
    # NVIDIA Ada Lovelace GPU architecture whitepaper (v2.1), RTX 4090: 82.6 TFLOPS FP32 and
    # non-tensor FP16 (1:1 on Ada), 24 GB GDDR6X at 1,008 GB/s, 450 W, 76.3 billion
    # transistors, 608.5 mm² (TechPowerUp 609), TSMC 4N (a 5 nm-class node; listed as 5 nm).
    rtx = spec(gpus, "GeForce RTX 4090")
    assert rtx["fp32_flop_per_s"] == pytest.approx(82.6e12, rel=1e-3)
    assert rtx["fp16_flop_per_s"] == pytest.approx(82.6e12, rel=1e-3)
    assert rtx["bf16_flop_per_s"] is None  # fp16 upstream is not a tensor figure
    assert rtx["memory_bytes"] == 24e9  # GB = 1e9 B, as NVIDIA's "24 GB" (not 24 * 2**30)
    assert rtx["memory_bandwidth_bytes_per_s"] == pytest.approx(1008e9, rel=3e-3)
    assert rtx["tdp_w"] == 450
    assert rtx["transistor_count"] == pytest.approx(76.3e9)  # upstream unit: billions
    assert rtx["die_area_m2"] == pytest.approx(608.5e-6, rel=1e-3)
    assert rtx["process_size_m"] == pytest.approx(5e-9)
    assert (rtx["vendor"], str(rtx["released_on"])) == ("NVIDIA", "2022-09-20")
    assert rtx["datasheet_url"] == "https://www.techpowerup.com/gpu-specs/geforce-rtx-4090.c3889"


def test_mi250x_matches_the_amd_datasheet(gpus):
    # AMD Instinct MI250X data sheet: FP64 and FP32 vector 47.9 TFLOPS, 128 GB HBM2e at
    # 3.2 TB/s (3,276.8 GB/s; TechPowerUp 3,280), 500 W, 58.2 billion transistors, TSMC 6 nm.
    mi250x = spec(gpus, "Radeon Instinct MI250X")
    assert mi250x["fp64_flop_per_s"] == pytest.approx(47.9e12, rel=1e-3)
    assert mi250x["fp32_flop_per_s"] == pytest.approx(47.9e12, rel=1e-3)
    assert mi250x["memory_bytes"] == 128e9
    assert mi250x["memory_bandwidth_bytes_per_s"] == pytest.approx(3276.8e9, rel=2e-3)
    assert mi250x["tdp_w"] == 500
    assert mi250x["transistor_count"] == pytest.approx(58.2e9)
    assert mi250x["process_size_m"] == pytest.approx(6e-9)
    assert mi250x["vendor"] == "AMD"


def test_intel_max_1550_matches_the_intel_product_brief(gpus):
    # Intel Data Center GPU Max 1550 product brief: 52.4 TFLOPS FP64 and FP32 vector, 128 GB
    # HBM2e at 3.2768 TB/s, 600 W, over 100 billion transistors.
    max1550 = spec(gpus, "Data Center GPU Max 1550")
    assert max1550["fp64_flop_per_s"] == pytest.approx(52.4e12, rel=1e-3)
    assert max1550["fp32_flop_per_s"] == pytest.approx(52.4e12, rel=1e-3)
    assert max1550["memory_bytes"] == 128e9
    assert max1550["memory_bandwidth_bytes_per_s"] == pytest.approx(3276.8e9, rel=2e-3)
    assert max1550["tdp_w"] == 600
    assert max1550["transistor_count"] == pytest.approx(100e9)
    assert max1550["vendor"] == "Intel"


def test_a100_and_v100_match_the_nvidia_datasheets(gpus):
    # NVIDIA A100 datasheet (2021) and whitepaper: FP64 9.7 (non-tensor), FP32 19.5, FP16
    # non-tensor 78 TFLOPS; 80 GB HBM2e at 2,039 GB/s; 400 W; 54.2 billion transistors on
    # 826 mm² in 7 nm.
    a100 = spec(gpus, "A100 SXM4 80 GB")
    assert a100["fp64_flop_per_s"] == pytest.approx(9.7e12, rel=6e-3)
    assert a100["fp32_flop_per_s"] == pytest.approx(19.5e12, rel=1e-3)
    assert a100["fp16_flop_per_s"] == pytest.approx(78e12, rel=1e-3)
    assert a100["memory_bytes"] == 80e9
    assert a100["memory_bandwidth_bytes_per_s"] == pytest.approx(2039e9, rel=1e-3)
    assert a100["tdp_w"] == 400
    assert a100["transistor_count"] == pytest.approx(54.2e9)
    assert a100["die_area_m2"] == pytest.approx(826e-6)
    assert a100["process_size_m"] == pytest.approx(7e-9)
    # NVIDIA V100 datasheet and Volta whitepaper: SXM2 FP64 7.8, FP32 15.7, FP16 non-tensor
    # 31.4 TFLOPS; 32 GB HBM2 at 900 GB/s; 21.1 billion transistors on 815 mm²; 300 W.
    v100 = spec(gpus, "Tesla V100 SXM2 32 GB")
    assert v100["fp64_flop_per_s"] == pytest.approx(7.8e12, rel=5e-3)
    assert v100["fp32_flop_per_s"] == pytest.approx(15.7e12, rel=3e-3)
    assert v100["fp16_flop_per_s"] == pytest.approx(31.4e12, rel=3e-3)
    assert v100["memory_bytes"] == 32e9
    assert v100["memory_bandwidth_bytes_per_s"] == pytest.approx(900e9, rel=3e-3)
    assert v100["transistor_count"] == pytest.approx(21.1e9)
    assert v100["die_area_m2"] == pytest.approx(815e-6)
    # Kept as published: TechPowerUp gives the PCIe card's 250 W, not the SXM2's 300 W.
    assert v100["tdp_w"] == 250


def test_tiny_old_values_keep_their_decimal_units(gpus):
    # ATI Color Emulation Card (1986): 32 KB and 20 MB/s upstream as 3.2e-05 GB and 0.02 GB/s.
    card = gpus.row(0, named=True)
    assert (card["name"], card["vendor"]) == ("Color Emulation Card", "ATI")
    assert card["memory_bytes"] == pytest.approx(32e3)
    assert card["memory_bandwidth_bytes_per_s"] == pytest.approx(20e6)


def write(tmp_path, records) -> object:
    path = tmp_path / "all-gpus.json"
    path.write_text(json.dumps(records, indent=2))
    return path


def real(objects: list[dict], *names: str) -> list[dict]:
    """Copies of the real objects with these names, in this order."""
    by_name = {o["name"]: o for o in objects}
    return [dict(by_name[n]) for n in names]


NAMES = ("GeForce RTX 4090", "Radeon Instinct MI250X", "Data Center GPU Max 1550")


def test_a_round_trip_of_real_objects_reads_the_same(tmp_path, objects, raw):
    parsed = techpowerup.parse(write(tmp_path, real(objects, *NAMES)))
    expected = pl.concat([raw.filter(pl.col("name") == n) for n in NAMES]).drop("row_number")
    assert parsed["row_number"].to_list() == [1, 2, 3]
    assert parsed.drop("row_number").equals(expected)


def test_a_renamed_key_is_a_clear_error(tmp_path, objects):
    # Fault injection: the same real objects with `memorySize` renamed everywhere.
    records = real(objects, *NAMES)
    for record in records:
        record["memory_size_gb"] = record.pop("memorySize")
    with pytest.raises(UpstreamFormatError, match=r"keys \['memorySize'\] are missing"):
        techpowerup.parse(write(tmp_path, records))


def test_an_object_without_a_name_is_a_clear_error(tmp_path, objects):
    records = real(objects, *NAMES)
    del records[1]["name"]
    with pytest.raises(UpstreamFormatError, match=r"keys \['name'\] are missing"):
        techpowerup.parse(write(tmp_path, records))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"name": "GeForce RTX 4090"}', "non-empty JSON array"),
        (b"[]", "non-empty JSON array"),
        (b'[{"name": "GeForce RTX 4090"}, 7]', r"records \[2\] are not JSON objects"),
        (b"name,vendor\nGeForce RTX 4090,nvidia\n", "not JSON"),
        ('[{"name": "Caf\u00e9"}]'.encode("latin-1"), "not UTF-8"),
    ],
)
def test_not_the_expected_json_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "all-gpus.json"
    path.write_bytes(content)
    with pytest.raises(UpstreamFormatError, match=message):
        techpowerup.parse(path)


def test_unreadable_values_are_reported_per_row(tmp_path, objects):
    # Fault injection on real objects: a TFLOPS-style text, a list, an impossible date and a
    # manufacturer nobody mapped (never guessed into a vendor).
    records = real(objects, "GeForce RTX 4090", *NAMES[1:], "A100 SXM4 80 GB")
    records[0]["fp32"] = "82.58 TFLOPS"
    records[1]["memorySize"] = [128]
    records[2]["releaseDate"] = "2023-02-30"
    records[3]["manufacturer"] = "Nvidia Corp."
    gpus = techpowerup.to_spec_records(techpowerup.parse(write(tmp_path, records)))
    assert gpus["parse_error"].to_list() == [
        "unreadable fp32 '82.58 TFLOPS'",
        "unreadable memorySize '[128]'",
        "unreadable releaseDate '2023-02-30'",
        "unreadable manufacturer 'Nvidia Corp.'",
    ]
    assert gpus["vendor"][3] is None
