"""analyses/effective_compute_plots.py draws real rows: the efficiency frontier of the bundled
algorithmic_efficiency snapshot (Hernandez & Brown 2020) with its trends, the build's effective
compute trends (_effective_compute_testkit.py), the CPU/GPU pairs of the bundled DAWNBench
snapshot and 2020's spec gap. Each image decodes as an 800 x 500 palette PNG in which the
series' colours appear."""

import io

from PIL import Image

from analyses.algorithmic_efficiency import efficiency_trends, frontier
from analyses.cpu_gpu import matched_runs, spec_gap
from analyses.effective_compute import effective_compute_trends
from analyses.effective_compute_plots import (
    effective_compute_png,
    frontier_png,
    matched_runs_png,
    spec_gap_png,
)
from sources import algorithmic_efficiency as source
from tests.analyses._effective_compute_testkit import (
    EFFICIENCY_TRENDS,
    HARDWARE_2020,
    HARDWARE_TRENDS,
)

C0, C1 = (31, 119, 180), (255, 127, 14)  # matplotlib's first two colours
FADED_RED = (255, 102, 102)  # red at alpha 0.6 on white


def colours(png: bytes) -> list[tuple]:
    image = Image.open(io.BytesIO(png))
    image.load()
    assert (image.format, image.size, image.mode) == ("PNG", (800, 500), "P")
    return [c for _, c in image.convert("RGB").getcolors(256)]


def shows(png_colours: list[tuple], colour: tuple) -> bool:
    return any(max(abs(a - b) for a, b in zip(c, colour, strict=True)) <= 2 for c in png_colours)


def test_the_efficiency_frontier(bundled_store) -> None:
    rows = frontier(source.to_frontier(source.read(bundled_store.latest(source.SOURCE.name))))
    seen = colours(frontier_png(rows, efficiency_trends(rows)))
    assert shows(seen, C0) and shows(seen, C1)  # AlexNet's points, then the next capability's


def test_effective_compute_growth() -> None:
    rows = effective_compute_trends(HARDWARE_TRENDS, EFFICIENCY_TRENDS)
    seen = colours(effective_compute_png(rows))
    assert shows(seen, C0) and shows(seen, C1) and shows(seen, (0, 0, 0))


def test_the_matched_runs_plot(dawnbench_entries) -> None:
    seen = colours(matched_runs_png(matched_runs(dawnbench_entries)))
    assert shows(seen, C0) and shows(seen, FADED_RED)  # the pairs; the '~20x worse' line


def test_the_spec_gap_plot() -> None:
    seen = colours(spec_gap_png(spec_gap(HARDWARE_2020)))
    assert shows(seen, C0)  # the ML GPUs' fp32 median of 2020
