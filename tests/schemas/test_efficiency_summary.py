"""schemas/efficiency_summary.py: analysis.efficiency_summary has one row per topic and
figure, accepts the three topics only, requires the sentence and the relation it is read from,
and rejects a negative count."""

import polars as pl

from schemas.efficiency_summary import EFFICIENCY_SUMMARY
from tests.schemas._schemas_testkit import failures

TOPICS = ["algorithmic efficiency", "effective compute per dollar", "cpu vs gpu"]


def test_key_topics_and_required_columns():
    assert EFFICIENCY_SUMMARY.qualified_name == "analysis.efficiency_summary"
    assert EFFICIENCY_SUMMARY.key == ("topic", "figure")
    (topic,) = EFFICIENCY_SUMMARY.columns["topic"].checks
    assert topic.statistics == {"allowed_values": TOPICS}
    required = [n for n, c in EFFICIENCY_SUMMARY.columns.items() if not c.nullable]
    assert required == ["topic", "figure", "n", "summary", "relation"]
    assert EFFICIENCY_SUMMARY.columns["value"].nullable  # null where the data cannot support it


def test_an_unknown_topic_and_a_negative_count_are_rejected():
    frame = pl.DataFrame({"topic": ["hardware"], "n": [-1]})  # fault injection
    assert [c[:2] for c in failures(EFFICIENCY_SUMMARY.columns, frame)] == [
        ("n", "greater_than_or_equal_to(0)"),
        ("topic", f"isin({TOPICS})"),
    ]
