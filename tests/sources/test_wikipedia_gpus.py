"""Wikipedia's GPU lists via owensgroup/gpustats: parsed in full, checked against vendors."""

import json
import math
import re

import polars as pl
import pytest

import schemas
from analyses.hardware_ids import hardware_id_expr
from schemas.validation import split_valid
from sources import wikipedia_gpus
from sources.upstream import UpstreamFormatError

# Memory as vendors state it (docs/naming.md): '24 GB' = 24e9 B; 1024 binary MB = 1 GB.
MIB, GIB = 1e9 / 1024, 1e9


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    return bundled_store.latest("wikipedia_gpus")


@pytest.fixture(scope="module")
def document(snapshot) -> dict:
    return json.loads(snapshot.path().read_bytes())


@pytest.fixture(scope="module")
def raw(snapshot) -> pl.DataFrame:
    return wikipedia_gpus.parse(snapshot.path())


@pytest.fixture(scope="module")
def records(raw) -> pl.DataFrame:
    return wikipedia_gpus.to_spec_records(raw)


def spec(records: pl.DataFrame, name: str) -> dict:
    (row,) = records.filter(pl.col("name") == name).to_dicts()
    return row


def test_every_row_is_read_with_its_number(raw, records):
    assert raw.height == 226
    assert raw["row_number"].to_list() == list(range(1, 227))
    assert records.height == 226
    assert records["row_number"].to_list() == list(range(1, 227))
    assert raw["Vendor"].value_counts().sort("Vendor").rows() == [("AMD", 155), ("NVIDIA", 71)]
    assert set(records["kind"]) == {"gpu"}
    # Values are text in upstream terms: JSON numbers become the text they stand for.
    first = raw.row(0, named=True)
    assert first["Model"] == "GeForce RTX 3050" and first["Memory Size (GB)"] == "6.0"
    assert first["Launch"] == "2024-02-02T00:00:00"
    assert raw.filter(pl.col("row_number") == 72)["Die size (mm2)"].item() == "100"  # a string
    assert raw.filter(pl.col("row_number") == 188)["Die size (mm2)"].item() == "520.0"


def test_real_rows_fare_as_documented(records, snapshot):
    # PROVENANCE.md of the version: 206 valid, 10 duplicate names, 10 unreadable cells.
    frame = records.with_columns(
        hardware_id=hardware_id_expr(pl.col("vendor") + " " + pl.col("name")),
        source=pl.lit("wikipedia_gpus"),
        sha256=pl.lit(snapshot.sha256),
    )
    valid, rejects = split_valid(frame, schemas.SPEC_RECORD)
    assert valid.height == 206
    duplicates = rejects.filter(pl.col("reason").str.starts_with("duplicate key"))
    assert duplicates["row_number"].to_list() == [2, 3, 5, 6, 7, 9, 13, 19, 30, 53]
    unreadable = dict(rejects.filter(pl.col("reason").str.starts_with("unreadable")).rows())
    assert unreadable == {
        114: "unreadable TDP (Watts) Max '18 27'",
        **{n: "unreadable Memory Size '2 GB 4 GB'" for n in (162, 163, 164, 165, 166)},
        **{n: "unreadable Memory Size '4 GB 8 GB'" for n in (167, 168, 180)},
        200: "unreadable Memory Size '8 GB 16 GB'",
    }
    assert rejects.height == 20


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


def test_release_price_agrees_with_every_other_price_cell(document):
    # Why "Release Price (USD)" alone is read: it equals the Founders Edition price wherever
    # one is given and the first dollar amount of AMD's "Release Date & Price" in every row.
    founders = checked = 0
    for row in document["rows"]:
        price = row["Release Price (USD)"]
        fe = row.get("Release price (USD) Founders Edition", "N/a")
        if fe != "N/a":
            founders += 1
            assert float(fe.lstrip("$").replace(",", "")) == price
        if "Release Date & Price" in row:
            checked += 1
            first = re.search(r"\$\s?([0-9,]+)", row["Release Date & Price"]).group(1)
            assert float(first.replace(",", "")) == price, row["Release Date & Price"]
    assert (founders, checked) == (18, 103)


def read(function, column: str, text: str | None, *args):
    """Apply a cell rule of the module to one real cell text."""
    frame = pl.DataFrame({column: [text]}, schema={column: pl.String})
    outputs = function(column, *args)
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    return frame.select(*(o.alias(f"out{i}") for i, o in enumerate(outputs))).row(0)


@pytest.mark.parametrize(
    ("column", "unit", "text", "expected"),
    [  # real cell texts from the file
        ("TBP", "W", "355 W", 355),
        ("TBP", "W", "250 W[62]", 250),  # footnote mark
        ("TBP (W)", "W", "275", 275),
        ("TDP (Watts) Max", "W", "19.1", 19.1),
        ("Release price (USD) Founders Edition", "USD", "$1,999", 1999),
        ("Release price (USD) Founders Edition", "USD", "$699", 699),
        ("Die size (mm2)", "mm2", "149 mm2", 149),
        ("Memory Size", "GB", "24 GB", 24),
        ("Memory Size", "GB", "4 GB +1 TB SSD", 4),  # the SSD is storage, not memory
        ("Release Price (USD)", "USD", "1499.0", 1499),
        ("Single-precision GFLOPS", "GFLOPS", "16309.999999999998", 16309.999999999998),
        ("Release price (USD) Founders Edition", "USD", "N/a", None),  # not applicable
        ("TBP", "W", "60-80 W", None),  # a range: unreadable
        ("TBP", "W", "<75 W", None),  # a bound: unreadable
        ("TBP", "W", "107 W 113 W", None),  # per-variant figures: unreadable
        ("TBP", "W", "30 W, <45 W (4 GB)[52]", None),
        ("TDP (Watts) Max", "W", "18 27", None),
        ("Memory Size", "GB", "2 GB 4 GB", None),
    ],
)
def test_quantity_rule_on_real_cells(column, unit, text, expected):
    (value,) = read(wikipedia_gpus.quantity, column, text, unit)
    assert value == expected
    (is_na,) = read(wikipedia_gpus.not_applicable, column, text)
    assert is_na == (text == "N/a")


@pytest.mark.parametrize(
    ("text", "transistors", "die_mm2"),
    [
        ("1500×106 123 mm2", 1.5e9, 123),  # '×106' is x10^6 with its superscript flattened
        ("5000×106 359 mm2 [56]", 5e9, 359),
        ("2.2×109 101 mm2", 2.2e9, 101),
        ("12.5×109 495mm2", 12.5e9, 495),
        ("57.7×109 ~531 mm2", 57.7e9, 531),
        ("29.7 billion 199 mm2", 29.7e9, 199),
        ("53.9 billion 356.5 mm2", 53.9e9, 356.5),
    ],
)
def test_combined_transistors_and_die_cells(text, transistors, die_mm2):
    count, area = read(wikipedia_gpus.transistors_and_die, "Transistors Die Size", text)
    assert count == pytest.approx(transistors) and area == die_mm2


@pytest.mark.parametrize(
    ("text", "dense", "sparse_only"),
    [
        ("60 (121)", 60, False),  # RTX 4060: dense (sparse)
        ("292 (585) 330 (661)", 330, False),  # RTX 4090: base pair, boost pair -> boost
        ("114 (227) 142 (284)", 142, False),
        ("235.08 285.48", None, True),  # RTX 3090: sparse at base and at boost clock
        ("30.1 60.2", None, True),  # RTX 3050 6 GB: same format, not read as dense/sparse
    ],
)
def test_tensor_cells_give_dense_only_when_marked(text, dense, sparse_only):
    column = "Processing power (TFLOPS) Tensor compute (FP16) (2: sparse)"
    assert read(wikipedia_gpus.tensor_dense, column, text) == (dense, sparse_only)


def test_tensor_figures_of_the_real_file(records):
    # Only the ten RTX 40 rows give dense (sparse) pairs; RTX 30 rows are sparse-only.
    mapped = records.filter(pl.col("fp16_tensor_flop_per_s").is_not_null())
    assert mapped["row_number"].to_list() == list(range(17, 27))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Radeon R9 280X[54] (Tahiti XTL)[55]", "Radeon R9 280X (Tahiti XTL)"),
        ("Radeon RX 560[h] (Polaris 21)", "Radeon RX 560 (Polaris 21)"),
        ("Radeon R7 350  (Cape Verde XTL)", "Radeon R7 350 (Cape Verde XTL)"),
        ("GeForce RTX 3050", "GeForce RTX 3050"),
    ],
)
def test_names_lose_footnote_marks_only(text, name):
    frame = pl.DataFrame({"Model": [text]})
    assert frame.select(wikipedia_gpus.clean(pl.col("Model"))).item() == name


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


def write_rows(tmp_path, rows, **extra):
    path = tmp_path / "release_price_rows.json"
    path.write_text(json.dumps({**extra, "rows": rows}, ensure_ascii=False))
    return path


def test_a_row_without_a_required_key_is_a_clear_error(tmp_path, document):
    rows = [dict(r) for r in document["rows"][:3]]
    del rows[1]["Launch"]
    with pytest.raises(UpstreamFormatError, match=r"row 2 lacks \['Launch'\]"):
        wikipedia_gpus.parse(write_rows(tmp_path, rows))


def test_a_renamed_key_is_a_clear_error(tmp_path, document):
    rows = [
        {("TDP (W)" if k == "TDP (Watts)" else k): v for k, v in r.items()}
        for r in document["rows"]
    ]
    with pytest.raises(UpstreamFormatError, match=r"no row has \['TDP \(Watts\)'\]"):
        wikipedia_gpus.parse(write_rows(tmp_path, rows))


def test_no_rows_is_a_clear_error(tmp_path, document):
    path = tmp_path / "release_price_rows.json"
    path.write_text(json.dumps({"data": document["rows"][:2]}))
    with pytest.raises(UpstreamFormatError, match="'rows' list"):
        wikipedia_gpus.parse(path)
    path.write_text("rows: none")
    with pytest.raises(UpstreamFormatError, match="not JSON"):
        wikipedia_gpus.parse(path)
    path.write_text("<html><script>const spec = {broken</script></html>")
    with pytest.raises(UpstreamFormatError, match="no Vega-Lite spec"):
        wikipedia_gpus.parse(path)


def altair_html(rows: list[dict], name: str) -> bytes:
    """A page shaped like Altair's inline HTML (bundle, then `const spec = {...}` with NaN)."""
    spec = {
        "config": {"view": {"continuousWidth": 300}},
        "data": {"name": name},
        "mark": {"type": "point"},
        "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
        "datasets": {name: rows},
    }
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<script>\n// vega-embed bundle\n"
        "const n=/x/g;function f(spec={}){return spec;}\n</script>\n</head>\n<body>\n"
        '<div class="vega-visualization" id="vis"></div>\n<script type="text/javascript">\n'
        f"  const spec = {json.dumps(spec)};\n"
        '  const embedOpt = {"mode": "vega-lite"};\n'
        "  vegaEmbed('#vis', spec, embedOpt).catch(console.error);\n</script>\n</body>\n</html>"
    ).encode()


def test_extract_rows_from_the_plot_html(tmp_path, document, raw):
    # The real rows with the empty cells the page has (NaN, null, '') put back.
    rows = document["rows"]
    padded = [{**r, "MSRP (USD)": math.nan, "MSRP": None, "Features": ""} for r in rows]
    html = altair_html(padded, document["dataset_name"])
    extracted = json.loads(wikipedia_gpus.extract_rows(html))
    assert extracted["rows"] == rows
    assert extracted["dataset_name"] == document["dataset_name"]
    page = tmp_path / "page.html"
    page.write_bytes(html)
    assert wikipedia_gpus.parse(page).equals(raw)


def test_extract_rows_serialises_like_the_bundled_file(document, snapshot):
    html = altair_html(document["rows"], document["dataset_name"])
    extracted = json.loads(wikipedia_gpus.extract_rows(html))
    provenance = {k: v for k, v in document.items() if k not in extracted}
    rebuilt = {**provenance, **extracted}
    rebuilt = {k: rebuilt[k] for k in document}  # the bundled key order
    text = json.dumps(rebuilt, indent=0, ensure_ascii=False).encode()
    assert text == snapshot.path().read_bytes()


def test_source_points_at_the_pinned_plot():
    assert wikipedia_gpus.SOURCE.name == "wikipedia_gpus"
    assert wikipedia_gpus.COMMIT in wikipedia_gpus.SOURCE.url
    assert wikipedia_gpus.SOURCE.url.endswith("plots/Release%20price%20over%20Time.html")
    assert wikipedia_gpus.SOURCE.licence == "CC BY-SA 4.0"
