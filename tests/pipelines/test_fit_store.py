"""Trend fits kept on disk between builds (pipelines/fit_store.py), on excerpts of the real
warehouse tables (tests/analyses/_trend_estimates_testkit.py, 2026-11-23 build)."""

import dataclasses

import numpy as np
import polars as pl
import pytest

from analyses.trend_estimates import fit_all, fit_key
from pipelines import fit_store
from pipelines.fit_store import FitStore
from tests.analyses._trend_estimates_testkit import INPUTS


@pytest.fixture(scope="module")
def fresh():
    return fit_all(INPUTS)


def same_fit(a, b) -> bool:
    """Every field equal, the bootstrap draws bit for bit (NaN r2 of a flat series too)."""
    for field in dataclasses.fields(a):
        left, right = getattr(a, field.name), getattr(b, field.name)
        if isinstance(left, np.ndarray):
            if left.dtype != right.dtype or not np.array_equal(left, right):
                return False
        elif dataclasses.is_dataclass(left):
            if repr(dataclasses.asdict(left)) != repr(dataclasses.asdict(right)):
                return False
        elif repr(left) != repr(right):
            return False
    return True


def test_a_fit_reads_back_exactly(fresh):
    fitted, _ = fresh
    for item in fitted:
        assert same_fit(fit_store.decode(fit_store.encode(item.fit)), item.fit)


def test_a_second_fit_all_takes_every_fit_from_the_store(fresh, tmp_path):
    store = FitStore(tmp_path)
    first, skipped = fit_all(INPUTS, memo=store)
    entries = sorted((tmp_path / "fits").rglob("*.npz"))
    # three inputs fitted (the fourth has too few points: nothing kept for it)
    assert len(entries) == 3 and len(skipped) == 1
    again, skipped_again = fit_all(INPUTS, memo=store)
    assert [f.input for f in again] == [f.input for f in fresh[0]]
    assert all(same_fit(a.fit, b.fit) for a, b in zip(again, fresh[0], strict=True))
    assert skipped_again == skipped
    # read back, not refitted: an entry replaced by another fit's is what comes back
    entries[0].write_bytes(entries[1].read_bytes())
    changed, _ = fit_all(INPUTS, memo=store)
    assert sum(not same_fit(a.fit, b.fit) for a, b in zip(changed, again, strict=True)) == 1


def test_the_key_follows_the_points_the_selection_and_the_options():
    item = INPUTS[0]
    key = fit_key(item, seed=0)
    assert fit_key(item, seed=0) == key
    assert fit_key(item, seed=1) != key
    assert fit_key(dataclasses.replace(item, frontier_k=2), seed=0) != key
    moved = item.data.with_columns(pl.col("value") * 1.000001)
    assert fit_key(dataclasses.replace(item, data=moved), seed=0) != key
    # a column the fit does not read does not change the key
    noted = item.data.with_columns(note=pl.lit("x"))
    assert fit_key(dataclasses.replace(item, data=noted), seed=0) == key


def test_a_damaged_entry_is_refitted_and_another_code_digest_misses(fresh, tmp_path):
    store = FitStore(tmp_path, code="a" * 64)
    fit_all(INPUTS, memo=store)
    entry = sorted((tmp_path / "fits").rglob("*.npz"))[0]
    entry.write_bytes(entry.read_bytes()[:100])
    fitted, _ = fit_all(INPUTS, memo=store)
    assert all(same_fit(a.fit, b.fit) for a, b in zip(fitted, fresh[0], strict=True))
    other = FitStore(tmp_path, code="b" * 64)
    keys = [p.stem for p in (tmp_path / "fits").rglob("*.npz")]
    assert len(keys) == 3 and all(store.get(k) is not None for k in keys)
    assert all(other.get(k) is None for k in keys)
    other.put("k", fresh[0][0].fit)  # the first write of a new digest removes the old ones
    assert [p.name for p in (tmp_path / "fits").iterdir()] == ["b" * 32]


def test_off_keeps_nothing(monkeypatch):
    monkeypatch.setenv("FLOPBASE_CACHE_DIR", "off")
    assert fit_store.configured() is None
