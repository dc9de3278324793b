"""Straight lines through (x, log10 value) points in closed form: OLS and Theil–Sen, within
groups or not, r2, and the bootstrap that refits thousands of resamples at once.

Decisions (issue "Trend engine"):
- **Uncertainty**: a percentile bootstrap over points, refitted in closed form a block of
  resamples at a time (31 ms for 1,379 points and 2,000 resamples, `benchmarks/bench_trends.py`).
  Resamples whose points all share one date have no slope and are left out.
- **Within groups**: the slope is the fixed-effects one, each group's own level removed, so
  only changes within a group over time move it. The bootstrap is two-stage: groups are
  resampled, then points within each group, so a fit with a single group still has an
  interval and many groups are not treated as many independent points. Theil–Sen within
  groups takes the median of the pairwise slopes of pairs in one group. The level (for plots)
  is the mean residual, r2 the share of the within-group variance explained.
- **Theil–Sen**: the median of pairwise slopes (pairs on one date left out, as in scipy's
  `theilslopes`), level the median residual. Its bootstrap is exact but costs
  O(resamples x n^2) (1.2 s for 467 points, 7 s for 1,379): a resample's pairwise slopes are
  the original ones weighted by w_i * w_j, so each is a weighted median of the once-sorted slopes.
- **r2** is 1 - SS_res / SS_tot of the fitted line in log10 space (NaN when all values are equal).
"""

from __future__ import annotations

import math

import numpy as np

from analyses.trend_points import BLOCK_ELEMENTS as _BLOCK_ELEMENTS  # the bootstrap's blocks


def ols_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and level at x = 0 of the least-squares line."""
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean()) / (dx @ dx))
    return slope, float(y.mean() - slope * x.mean())


def theil_sen_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Median pairwise slope (pairs of one x left out) and median residual at x = 0."""
    slopes, _, _ = _pairwise_slopes(x, y)
    slope = float(np.median(slopes))
    return slope, float(np.median(y - slope * x))


def line_r2(x: np.ndarray, y: np.ndarray, slope: float, level: float) -> float:
    total = float(((y - y.mean()) ** 2).sum())
    residual = float(((y - level - slope * x) ** 2).sum())
    return 1 - residual / total if total > 0 else math.nan


def within_line(x: np.ndarray, y: np.ndarray, groups: np.ndarray, method: str) -> tuple:
    """Slope within groups (OLS on group-demeaned points, or the median pairwise slope of pairs
    in one group) and the level: the mean residual at x = 0."""
    if method == "ols":
        dx, dy = _demeaned(x, groups), _demeaned(y, groups)
        slope = float(dx @ dy / (dx @ dx))
    else:
        slopes, _, _ = _pairwise_slopes(x, y, groups)
        slope = float(np.median(slopes))
    return slope, float(np.mean(y - slope * x))


def within_r2(x: np.ndarray, y: np.ndarray, groups: np.ndarray, slope: float) -> float:
    """Share of the within-group variance of y the slope explains (NaN when there is none)."""
    dx, dy = _demeaned(x, groups), _demeaned(y, groups)
    total = float(dy @ dy)
    residual = float(((dy - slope * dx) ** 2).sum())
    return 1 - residual / total if total > 0 else math.nan


def _demeaned(v: np.ndarray, groups: np.ndarray) -> np.ndarray:
    means = np.bincount(groups, v) / np.bincount(groups)
    return v - means[groups]


def _pairwise_slopes(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray | None = None
) -> tuple[np.ndarray, ...]:
    """Slopes of every pair with distinct x (and one group, when given), sorted, with the
    pairs' point indices."""
    first, second = np.triu_indices(len(x), k=1)
    distinct = x[first] != x[second]
    if groups is not None:
        distinct &= groups[first] == groups[second]
    first, second = first[distinct], second[distinct]
    slopes = (y[second] - y[first]) / (x[second] - x[first])
    order = np.argsort(slopes, kind="stable")
    return slopes[order], first[order], second[order]


def bootstrap(
    x: np.ndarray,
    y: np.ndarray,
    method: str,
    n_resamples: int,
    seed: int,
    groups: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Slopes and levels of `n_resamples` resamples of the points (with replacement), refitted
    in closed form a block of resamples at a time; resamples without two distinct x are left out.
    With `groups` (sorted group index per point) the resamples are two-stage and the fits
    within groups."""
    if groups is not None:
        return _grouped_bootstrap(x, y, groups, method, n_resamples, seed)
    rng = np.random.default_rng(seed)
    n = len(x)
    pairs = _pairwise_slopes(x, y) if method == "theil_sen" else None
    # Theil–Sen works on int32 pair counts: twice the elements in the same memory
    block = max(1, _BLOCK_ELEMENTS // n if pairs is None else 2 * _BLOCK_ELEMENTS // len(pairs[0]))
    slopes, levels = [], []
    for done in range(0, n_resamples, block):
        picks = rng.integers(0, n, size=(min(block, n_resamples - done), n))
        xs, ys = x[picks], y[picks]
        if pairs is None:
            dx = xs - xs.mean(axis=1, keepdims=True)
            sxx = np.einsum("ij,ij->i", dx, dx)
            with np.errstate(invalid="ignore", divide="ignore"):
                slope = np.einsum("ij,ij->i", dx, ys) / sxx
            slope[sxx == 0] = np.nan
            level = ys.mean(axis=1) - slope * xs.mean(axis=1)
        else:
            slope = _resampled_theil_sen_slopes(picks, n, *pairs)
            level = np.median(ys - slope[:, None] * xs, axis=1)
        slopes.append(slope)
        levels.append(level)
    slope, level = np.concatenate(slopes), np.concatenate(levels)
    defined = np.isfinite(slope)
    return slope[defined], level[defined]


def _grouped_bootstrap(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, method: str, n_resamples: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Two-stage resamples: groups with replacement, then each group's points with replacement;
    a point weighs (copies of its group) x (copies of it in its group's draw)."""
    rng = np.random.default_rng(seed)
    n, n_groups = len(x), int(groups.max()) + 1
    sizes = np.bincount(groups, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pairs = _pairwise_slopes(x, y, groups) if method == "theil_sen" else None
    block = max(1, _BLOCK_ELEMENTS // (n if pairs is None else max(n, len(pairs[0]))))
    slopes, levels = [], []
    for done in range(0, n_resamples, block):
        rows = min(block, n_resamples - done)
        group_copies = _row_counts(rng.integers(0, n_groups, size=(rows, n_groups)), n_groups)
        # draw j of a resample stands in slot j, which belongs to group groups[j]
        within = starts[groups] + (rng.random((rows, n)) * sizes[groups]).astype(np.int64)
        if pairs is None:
            slope, level = _grouped_ols(x[within], y[within], group_copies, sizes, starts)
        else:
            w = group_copies[:, groups] * _row_counts(within, n)
            slope = _weighted_theil_sen_slopes(w, *pairs)
            level = (w @ y - slope * (w @ x)) / w.sum(axis=1)
        levels.append(level)
        slopes.append(slope)
    slope, level = np.concatenate(slopes), np.concatenate(levels)
    defined = np.isfinite(slope)
    return slope[defined], level[defined]


def _grouped_ols(
    xs: np.ndarray, ys: np.ndarray, copies: np.ndarray, sizes: np.ndarray, starts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Within-group OLS slope and level of each resample (row) from its drawn values `xs`,
    `ys` (slots in group order) and each group's copies: sums per group over its slots, then
    weighted by the copies (no resamples x points weight matrix is built)."""
    sums = [np.add.reduceat(v, starts, axis=1) for v in (xs, ys, xs * xs, xs * ys)]
    gx, gy, gxx, gxy = (copies * s for s in sums)
    sw = copies * sizes
    with np.errstate(invalid="ignore", divide="ignore"):
        between_x = np.where(sw > 0, gx * gx / sw, 0).sum(axis=1)
        between_xy = np.where(sw > 0, gx * gy / sw, 0).sum(axis=1)
        sxx = gxx.sum(axis=1) - between_x
        slope = (gxy.sum(axis=1) - between_xy) / sxx
    # no spread of x within any drawn group: no slope (rounding leaves ~1e-16, not 0)
    slope[sxx <= 1e-12 * gxx.sum(axis=1)] = np.nan
    level = (gy.sum(axis=1) - slope * gx.sum(axis=1)) / sw.sum(axis=1)
    return slope, level


def _row_counts(picks: np.ndarray, n: int) -> np.ndarray:
    """How often each of 0..n-1 appears in each row of `picks` (rows x n)."""
    rows = len(picks)
    flat = (picks + n * np.arange(rows)[:, None]).ravel()
    return np.bincount(flat, minlength=rows * n).reshape(rows, n)


def _resampled_theil_sen_slopes(
    picks: np.ndarray, n: int, sorted_slopes: np.ndarray, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """Theil–Sen slope of each resample: the weighted median of the sorted pairwise slopes, a
    pair weighing (copies of its first point) x (copies of its second point) in the resample."""
    copies = _row_counts(picks, n).astype(_count_dtype(n))
    return _weighted_theil_sen_slopes(copies, sorted_slopes, first, second)


def _weighted_theil_sen_slopes(
    copies: np.ndarray, sorted_slopes: np.ndarray, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """Per row of `copies` (resamples x points, integer weights), the weighted median of the
    sorted pairwise slopes, a pair weighing the product of its points' weights."""
    # pairs x resamples, so sums over pairs add whole rows; int32 holds n^2 for n < 46,341
    copies = np.ascontiguousarray(copies.T)
    weights = np.take(copies, first, axis=0)  # np.take: faster than indexing here
    weights *= np.take(copies, second, axis=0)
    positions = _WeightedPositions(weights)
    total = positions.total
    # the median of `total` sorted slopes averages those at 0-based positions (t-1)//2 and t//2
    lower, upper = positions.find((total - 1) // 2), positions.find(total // 2)
    slope = (sorted_slopes[lower] + sorted_slopes[upper]) / 2
    return np.where(total > 0, slope, np.nan)


class _WeightedPositions:
    """Per column of `weights` (rows of a sorted multiset, a count each), the row holding the
    element at a 0-based position. Two levels, since a full running sum of a large 2-d array is
    slow in numpy: sums of chunks of ~sqrt(rows) rows locate the chunk, then a running sum of
    that chunk alone the row."""

    def __init__(self, weights: np.ndarray):
        length, columns = weights.shape
        self.weights, self.chunk = weights, max(1, math.isqrt(length))
        self.starts = np.arange(0, length, self.chunk)
        whole = length // self.chunk * self.chunk  # a reshape is a view; reduceat is slower
        sums = [
            weights[:whole].reshape(-1, self.chunk, columns).sum(axis=1),
            weights[whole:].sum(axis=0),
        ]
        self.through = np.cumsum(np.vstack(sums)[: len(self.starts)], axis=0)
        self.total = self.through[-1]

    def find(self, position: np.ndarray) -> np.ndarray:
        """The row of each column's element at `position` (the last row if past the end)."""
        length, columns = self.weights.shape
        column = np.arange(columns)
        found = np.minimum((self.through <= position).sum(axis=0), len(self.starts) - 1)
        before = np.where(found > 0, self.through[found - 1, column], 0)
        rows = self.starts[found] + np.arange(self.chunk)[:, None]
        inside = np.where(rows < length, self.weights[np.minimum(rows, length - 1), column], 0)
        offset = (before + np.cumsum(inside, axis=0) <= position).sum(axis=0)
        return np.minimum(self.starts[found] + offset, length - 1)


def _count_dtype(n: int) -> type[np.integer]:
    return np.int32 if n <= 46_340 else np.int64
