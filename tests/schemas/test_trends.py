"""schemas/trends.py: analysis.trend_estimate, its views trend_latest and trend_vs_published,
the methods and bases they accept."""

from analyses.trend_fit import METHODS
from schemas.trends import METHODS as SCHEMA_METHODS


def test_methods_agree_with_the_engine():
    assert SCHEMA_METHODS == METHODS
