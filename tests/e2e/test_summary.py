"""`flopbase summary` on the full build: robust figures with their provider counts and coverage."""

import re

from pipelines.cli import main


def test_summary_shows_robust_figures_provider_counts_and_suspect_quotes(
    built, monkeypatch, capsys
):
    monkeypatch.setenv("FLOPBASE_DB", str(built[0]))
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    # per source, how many quotes were judged suspect (GCP's regions priced without the GPU)
    assert "suspect_quotes" in out and re.search(r"gcp_pricing\s+┆\s+127417\s+┆\s+\d{3}", out)
    # the cheapest BF16 on-demand quote beside the robust figure and the providers behind it
    assert "robust_usd_per_pflop_day" in out and "most_providers_in_a_month" in out
    # what $1bn buys at frontier scale, with the chip and how many providers price it
    budget = out.split("What $1bn of on-demand rental buys")[1].split("Headline trends")[0]
    row_2024 = next(line for line in budget.splitlines() if line.startswith("│ 2024"))
    cells = [c.strip() for c in row_2024.strip("│").split("┆")]
    multiples, chip, providers = float(cells[1]), cells[3], int(cells[4])
    assert chip.startswith("nvidia-") and "geforce" not in chip and providers >= 5
    assert 5 < multiples < 30  # not the 78x of a Salad RTX 2080 Ti quote
    # trends in words with their coverage
    assert "no clear trend" in out and "(notable 2010-01-01..)" in out


def test_summary_shows_imagenet_then_and_now(built, monkeypatch, capsys):
    """ImageNet: DAWNBench's first entry (2017-10-27, 244.0 h = 14,640 min, $1,112.64 as
    submitted) against the series' best; MLPerf ResNet-50 v0.5 (6.24 min, $22.72) against its
    best (v3.0 0.18 min, v2.1 $4.55): tests/e2e/test_mlperf_progress_warehouse.py works them."""
    monkeypatch.setenv("FLOPBASE_DB", str(built[0]))
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    section = out.split("Training ImageNet to ~75-76% top-1")[1].split("Largest training runs")[0]
    rows = [
        [c.strip() for c in line.strip("│").split("┆")]
        for line in section.splitlines()
        if line.startswith("│ ImageNet") or line.startswith("│ MLPerf")
    ]
    by = {(r[0], r[1]): r[2:] for r in rows}
    assert by[("MLPerf ResNet-50", "minutes")][:5] == ["6.24", "v0.5", "0.18", "v3.0", "34.1"]
    assert by[("MLPerf ResNet-50", "USD")][:5] == ["22.72", "v0.5", "4.55", "v2.1", "5.0"]
    dawnbench = by[("ImageNet: DAWNBench -> MLPerf ResNet-50", "USD")]
    assert dawnbench[:2] == ["1112.64", "2017-10-27"] and dawnbench[2] == "4.55"
    assert all(r[-1].startswith("halves every") for r in by.values())
