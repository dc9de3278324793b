"""Trend inputs for the tests of fitting and coverage: notable models' training compute (as
core.model states it) and a flat cloud price series."""

from datetime import date

import polars as pl

from analyses.trend_input import TrendInput, points_frame

# Notable models of core.model: publication date and training compute (FLOP)
NOTABLE = points_frame(
    pl.Series(
        [
            date(1950, 7, 2),  # Theseus
            date(1957, 1, 1),  # Perceptron Mark I
            date(1992, 5, 1),  # TD-Gammon
            date(1998, 11, 1),  # LeNet-5
            date(2012, 9, 30),  # AlexNet
            date(2017, 6, 12),  # Transformer
            date(2020, 5, 28),  # GPT-3 175B (davinci)
            date(2022, 3, 29),  # Chinchilla
            date(2022, 4, 4),  # PaLM (540B)
            date(2024, 7, 23),  # Llama 3.1-405B
            date(2025, 7, 9),  # Grok 4
        ]
    ),
    pl.Series(
        [40.0, 694894.937736, 1.8232e13, 2.8109e12, 4.7e17, 7.4245e18]
        + [3.14e23, 5.76e23, 2.5272e24, 3.8e25, 5e26]
    ),
)


# nvidia-quadro-rtx-5000 spot at Jarvislabs (fsdl_cloud_gpus): 0.19 USD every month listed
FLAT = points_frame(
    pl.Series([date(2022, 8, 1), date(2022, 9, 1), date(2022, 12, 1), date(2023, 1, 1)]),
    pl.Series([0.19] * 4),
)


def compute(subset, **options):
    return TrendInput(
        "training_compute_flop", subset, "FLOP", "a notable model", NOTABLE, **options
    )


INPUTS = [
    compute("notable 2010-01-01..", start=date(2010, 1, 1), headline=True),
    compute("notable top2 2010-01-01..", start=date(2010, 1, 1), frontier_k=2),
    compute("notable 2030-01-01..", start=date(2030, 1, 1)),  # no points yet
    TrendInput("usd_per_accelerator_hour", "nvidia-quadro-rtx-5000 spot", "USD", "a month", FLAT),
]
