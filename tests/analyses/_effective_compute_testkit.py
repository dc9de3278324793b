"""Excerpts of the real warehouse tables of a build of the bundled snapshots (2026-12-04) for
the effective compute and CPU-GPU tests: the trend rows effective compute combines, and the
core.hardware rows of 2020's ML GPUs (Epoch's ML hardware list) and two server CPUs."""

from datetime import date

import polars as pl

AS_OF = date(2026, 12, 4)
# analysis.trend_latest: metric, subset, window, n, log10 slope and its 90% interval
HARDWARE_TRENDS = pl.DataFrame(
    [
        ("fp32_flop_per_s_per_usd", "gpu", date(2003, 3, 6), date(2025, 8, 11), 346,
         0.09550502269006142, 0.08388137309645777, 0.1065760176736497),
        ("fp16_tensor_flop_per_s_per_usd", "ml gpu", date(2017, 6, 21), date(2024, 11, 15), 17,
         0.09738639874498142, 0.026405745374641222, 0.15980680598474062),
        # not one of the hardware series combined
        ("fp16_flop_per_s_per_usd", "gpu", date(2014, 9, 2), date(2025, 8, 11), 168,
         0.16941538853459406, 0.13787719005611498, 0.20223413582244504),
    ],
    schema=["metric", "subset", "window_start_on", "window_end_on", "n", "log10_slope_per_year",
            "log10_slope_ci_low", "log10_slope_ci_high"],
    orient="row",
).with_columns(method=pl.lit("ols"), ci_level=pl.lit(0.9), as_of=pl.lit(AS_OF))  # fmt: skip
# analysis.algorithmic_efficiency_trend: capability, window, n, log10 slope, halving time and
# its 90% interval
EFFICIENCY_TRENDS = pl.DataFrame(
    [
        ("AlexNet", date(2012, 6, 1), date(2019, 5, 28), 6, -0.23032994523874203,
         1.3069511884438518, 1.2226061064314093, 1.4622010472325324),
        ("GNMT", date(2016, 1, 26), date(2017, 1, 12), 2, -0.9896088440123202,
         0.3041908906588485, None, None),
    ],
    schema=["capability", "window_start_on", "window_end_on", "n", "log10_slope_per_year",
            "halving_time_years", "halving_ci_low_years", "halving_ci_high_years"],
    orient="row",
).with_columns(ci_level=pl.lit(0.9))  # fmt: skip

# core.hardware (2026-12-04 build): name, kind, sources, released_on, fp32 and fp16 FLOP/s,
# launch price (USD), TDP (W)
EPOCH = "epoch_hardware,epoch_chips"
HARDWARE_2020 = pl.DataFrame(
    [
        ("NVIDIA A100", "gpu", EPOCH, date(2020, 3, 1), 19.5e12, None, None, 400.0),
        ("NVIDIA A100 PCIe", "gpu", f"{EPOCH},techpowerup", date(2020, 6, 22), 19.49e12, None, None, 300.0),
        ("NVIDIA A100 SXM4 40 GB", "gpu", f"{EPOCH},techpowerup", date(2020, 5, 14), 19.49e12, None, 15000.0, 400.0),
        ("NVIDIA A100 SXM4 80 GB", "gpu", f"{EPOCH},techpowerup", date(2020, 11, 16), 19.49e12, None, None, 400.0),
        ("NVIDIA A40 PCIe", "gpu", f"{EPOCH},techpowerup", date(2020, 10, 5), 37.42e12, 37.42e12, None, 300.0),
        ("NVIDIA GeForce RTX 3080", "gpu", f"{EPOCH},techpowerup,wikipedia_gpus", date(2020, 9, 1), 29.77e12, 29.77e12, 699.0, 320.0),
        ("NVIDIA GeForce RTX 3090", "gpu", f"{EPOCH},techpowerup,wikipedia_gpus", date(2020, 9, 1), 35.58e12, 35.58e12, 1499.0, 350.0),
        ("NVIDIA RTX A6000", "gpu", f"{EPOCH},techpowerup,wikipedia_gpus", date(2020, 10, 5), 38.7e12, 38.7e12, 4649.0, 300.0),
        ("AMD EPYC 7F52", "cpu", "epoch_chips", date(2020, 4, 14), None, None, None, 155.0),
        ("Intel Xeon Gold 6248R", "cpu", "epoch_chips", date(2020, 2, 24), None, None, 2700.0, 205.0),
    ],
    schema=["name", "kind", "sources", "released_on", "fp32_flop_per_s", "fp16_flop_per_s",
            "launch_price_usd", "tdp_w"],
    orient="row",
)  # fmt: skip
