"""The helpers every price source shares (sources/prices.py)."""

from datetime import UTC, datetime

from sources.prices import aware_utc


def test_an_aware_timestamp_is_read_as_utc_and_anything_else_is_none():
    # as gpu_price_tracker's ticks and GCP's commit dates state them
    assert aware_utc(" 2024-05-01T12:00:00+02:00\n") == datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert aware_utc("2024-05-01T12:00:00Z") == datetime(2024, 5, 1, 12, tzinfo=UTC)
    # a local time is not a time; a missing or unreadable one is not made up
    assert aware_utc("2024-05-01T12:00:00") is None
    assert aware_utc("yesterday") is None
    assert aware_utc("") is None
    assert aware_utc(None) is None
