"""SYNTHETIC series shared by the trend engine's tests: generated exponentials and two
cloud offers, for checking arithmetic only (never a claim about the world)."""

from datetime import date, timedelta

import numpy as np

from analyses.trend_points import decimal_year
from analyses.trend_significance import LOG10_2


def synthetic(first_year, years, per_year, doubling_years, noise=0.0, seed=1):
    """SYNTHETIC: dates spread evenly and values 2^((t - first_year) / doubling_years),
    times log-normal noise of `noise` decades (standard deviation) when asked."""
    days = np.linspace(0, 365 * years, per_year * years).astype(int)
    dates = [date.fromordinal(date(first_year, 1, 1).toordinal() + int(d)) for d in days]
    t = decimal_year(dates)
    log10_values = LOG10_2 * (t - first_year) / doubling_years
    log10_values += np.random.default_rng(seed).normal(0, noise, len(t))
    return dates, 10 ** (10 + log10_values)


def offers_entering():
    """Synthetic: offer A at $1.00 from 2021, offer B at $4.00 from 2022 (a dearer provider
    entering), both fixed list prices: the pooled line rises, the within-offer slope is 0."""
    a = [date(2021, 1, 1) + timedelta(days=31 * i) for i in range(24)]
    b = [date(2022, 1, 1) + timedelta(days=31 * i) for i in range(12)]
    return a + b, [1.0] * 24 + [4.0] * 12, ["A"] * 24 + ["B"] * 12
