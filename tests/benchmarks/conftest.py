"""Fixtures for the tests of the benchmarks' own code: the warehouse tests' fresh DuckDB file
and child processes (tests/warehouse/conftest.py), shared rather than written twice."""

from tests.warehouse.conftest import db_path, spawn

__all__ = ["db_path", "spawn"]
