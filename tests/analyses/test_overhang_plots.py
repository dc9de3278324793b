"""analyses/overhang_plots.py draws the overhang rows of the real values of
_overhang_testkit.py: GPT-4's tokens per second on its training compute (one model with
compute, parameters and training time: one point) and the best dollars per PFLOP/s-day of each
year by basis (purchase, cloud spot). Each decodes as an 800 x 500 palette PNG with its series'
colours. (tests/analyses/test_overhang_rows.py checks the rows themselves.)"""

import io

from PIL import Image

from analyses.overhang_plots import best_usd_per_pflop_day_png, tokens_per_s_png
from analyses.overhang_prices import best_available
from analyses.overhang_tokens import inference_on_training_compute
from tests.analyses._overhang_testkit import MODELS, UTILISATION

C0, C1 = (31, 119, 180), (255, 127, 14)


def colours(png: bytes) -> list[tuple]:
    image = Image.open(io.BytesIO(png))
    image.load()
    assert (image.format, image.size, image.mode) == ("PNG", (800, 500), "P")
    return [c for _, c in image.convert("RGB").getcolors(256)]


def shows(seen: list[tuple], colour: tuple) -> bool:
    return any(max(abs(a - b) for a, b in zip(c, colour, strict=True)) <= 2 for c in seen)


def test_tokens_per_second_of_each_models_training_compute() -> None:
    rows = inference_on_training_compute(
        MODELS, flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
    )
    assert rows.filter(quantity="tokens_per_s").height == 1  # GPT-4: 7.1e5 tokens per second
    # its one point, C0 at alpha 0.6 on white: blue-tinted pixels
    assert any(b > r + 60 for r, _, b in colours(tokens_per_s_png(rows)))


def test_best_dollars_per_pflop_day_one_line_per_basis(best) -> None:
    rows = best_available(best, utilisation=UTILISATION, amortisation_days=365)
    bases = sorted(rows["subject"].str.extract(r"^([^/]+)/").unique())
    assert bases == ["cloud_spot", "purchase"]
    seen = colours(best_usd_per_pflop_day_png(rows))
    assert shows(seen, C0) and shows(seen, C1)  # cloud_spot, then purchase
