"""analyses/mlperf_plots.py draws real rows: the ImageNet series (DAWNBench of the bundled
snapshot, MLPerf ResNet-50 of _mlperf_testkit.py) and ResNet-50's frontier of time and cost.
Each image decodes as a PNG of its fixed size with the series' colours in it."""

import io

from PIL import Image

from analyses.dawnbench_leaderboard import mark_first_at_target
from analyses.imagenet_series import series
from analyses.mlperf_frontier import frontiers
from analyses.mlperf_plots import frontier_png, imagenet_png
from tests.analyses._mlperf_testkit import RESNET_COSTS, RESNET_RUNS

BLUE, ORANGE = (31, 119, 180), (255, 127, 14)  # matplotlib's C0 (time) and C1 (cost)


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.format == "PNG"
    return image


def has(image: Image.Image, colour: tuple) -> bool:
    counted = image.convert("RGB").getcolors(256)
    return any(max(abs(a - b) for a, b in zip(c, colour, strict=True)) <= 2 for _, c in counted)


def test_the_imagenet_series_plot(dawnbench_entries, dawnbench_curves, dawnbench_times) -> None:
    curves = mark_first_at_target(dawnbench_curves, dawnbench_times)
    image = decoded(imagenet_png(series(dawnbench_entries, curves, RESNET_COSTS, RESNET_RUNS)))
    assert image.size == (800, 500)
    assert has(image, BLUE) and has(image, ORANGE)


def test_the_frontier_panel_of_resnet() -> None:
    """One row of five panels, 15 x 2.6 in at 80 dpi; ResNet-50's panel alone is drawn."""
    image = decoded(frontier_png(frontiers(RESNET_COSTS)))
    assert image.size == (1200, 208)
    assert has(image, BLUE) and has(image, ORANGE)
