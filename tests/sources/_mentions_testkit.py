"""The columns and dtypes of a source's hardware mentions as the tests of the Epoch models
sources expect them, stated here (not read from sources/mentions.py) so that a change to the
schema shows in the tests."""

import polars as pl

MENTION_COLUMNS = {
    "spelling": pl.String,
    "vendor_hint": pl.String,
    "context": pl.String,
    "occurrences": pl.Int64,
    "first_seen_on": pl.Date,
    "last_seen_on": pl.Date,
}
