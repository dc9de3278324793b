"""schemas/history.py: analysis.trend_history is analysis.trend_estimate's row plus the
versions read, with its own basis (versions or cutoff) and resamples; the backtest is keyed by
trend, date and horizon; and every table, view and column the as-of catalogue names exists."""

import polars as pl

from schemas import TABLES
from schemas.history import (
    AS_OF,
    AS_OF_VIEWS,
    BASES,
    HISTORY_TABLES,
    NOT_AS_OF,
    TREND_BACKTEST,
    TREND_HISTORY,
)
from schemas.trends import TREND_ESTIMATE
from tests.schemas._schemas_testkit import failures

BY_NAME = {t.qualified_name: t for t in TABLES}


def test_history_rows_are_estimate_rows_plus_the_versions_read():
    assert TREND_HISTORY.column_names == [*TREND_ESTIMATE.column_names, "versions"]
    own = {"basis", "as_of", "resamples", "versions"}  # read differently here
    for name, col in TREND_HISTORY.columns.items():
        if name not in own:
            assert col is TREND_ESTIMATE.columns[name], name
    (basis,) = TREND_HISTORY.columns["basis"].checks
    assert basis.statistics == {"allowed_values": list(BASES)}
    assert TREND_HISTORY.key == ("metric", "subset", "basis", "as_of", "method", "ci_level")
    assert TREND_BACKTEST.key == ("metric", "subset", "basis", "as_of", "horizon_years")
    assert HISTORY_TABLES == (TREND_HISTORY, TREND_BACKTEST)


def test_a_build_basis_and_a_zero_prediction_are_rejected():
    # Fault injection: trend_estimate's 'build' basis, which history does not hold; 0 predicted.
    frame = pl.DataFrame({"basis": ["build"], "predicted": [0.0]})
    assert [c[:2] for c in failures(TREND_BACKTEST.columns, frame)] == [
        ("basis", f"isin({list(BASES)})"),
        ("predicted", "greater_than(0)"),
    ]


def test_the_as_of_catalogue_names_real_tables_views_and_columns():
    assert [t for t in AS_OF if t not in BY_NAME] == []
    for name, macro in AS_OF.items():
        assert macro == f"{name}_as_of"
    assert [v for v in AS_OF_VIEWS if v not in BY_NAME] == []
    for table, columns, reason in NOT_AS_OF:
        assert table in AS_OF and reason
        assert [c for c in columns if c not in BY_NAME[table].columns] == []
