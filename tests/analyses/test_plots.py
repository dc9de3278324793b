"""analyses.plots: plots are palette PNGs, the same picture at a fraction of matplotlib's RGBA
PNG, since every image is stored in the Dagster instance with each materialisation (`encode`);
DAWNBench's time and cost plots with the frontier over the bundled snapshot's entries."""

import io

import pytest
from PIL import Image

from analyses import dawnbench_progress
from analyses.plots import dawnbench_png
from schemas.dawnbench import DAWNBENCH_FRONTIER


@pytest.fixture(scope="module")
def frontier(dawnbench_entries):
    return DAWNBENCH_FRONTIER.pandera.validate(dawnbench_progress.frontier(dawnbench_entries))


@pytest.mark.parametrize("measure", ["time", "cost"])
def test_a_plot_is_a_small_palette_png_of_the_same_size(dawnbench_entries, measure):
    frontier = dawnbench_progress.frontier(dawnbench_entries)
    image = dawnbench_png(dawnbench_entries, frontier, measure)
    decoded = Image.open(io.BytesIO(image))
    decoded.load()  # the whole image decodes
    assert decoded.format == "PNG"
    assert decoded.size == (800, 500)  # 8 x 5 in at 100 dpi, as before
    assert decoded.mode == "P"
    assert len(image) < 25_000, len(image)  # 43 KB as matplotlib's RGBA PNG
    # the chart's colours survive (to within a step or two of 255): the white ground, the
    # frontier's dark line and the points in matplotlib's first colour
    counted = decoded.convert("RGB").getcolors(256)
    _, ground = max(counted)
    assert near(ground, (255, 255, 255))
    assert any(near(c, (0, 0, 0)) for _, c in counted)
    assert any(near(c, (31, 119, 180)) for _, c in counted)


def near(colour: tuple, expected: tuple) -> bool:
    return max(abs(a - b) for a, b in zip(colour, expected, strict=True)) <= 2


def test_plots_of_time_and_cost_with_the_frontier(dawnbench_entries, frontier):
    for measure in ("time", "cost"):
        assert dawnbench_png(dawnbench_entries, frontier, measure).startswith(
            b"\x89PNG\r\n\x1a\n"
        ), measure
