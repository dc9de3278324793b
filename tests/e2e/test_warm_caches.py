"""A rebuild that reads its parses, trend fits and plots back from disk (sources/parse_store.py,
pipelines/fit_store.py, pipelines/plots.py) writes exactly the tables and images a build
without them writes: two full builds in memory with the caches in a temporary folder (the
first writes them, the second, a fresh process as far as the in-memory parse cache goes, reads
them), the second compared with the session's build, made with the caches off."""

import duckdb
import pytest

from sources import registry
from tests.e2e.conftest import build, failures

# Columns that hold the build's own date or run: the same data, another day or run.
VOLATILE = {"as_of", "run_id", "loaded_at", "recorded_at", "retrieved_at"}


def fingerprints(path) -> dict[str, tuple[int, int]]:
    """(rows, order-independent hash of the rows) of every core and analysis table, without
    the columns of `VOLATILE`."""
    found = {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE schema_name IN ('core', 'analysis') ORDER BY 1, 2"
        ).fetchall()
        for schema, name in tables:
            columns = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? "
                    "AND table_name = ? ORDER BY column_index",
                    [schema, name],
                ).fetchall()
                if c not in VOLATILE
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            found[f"{schema}.{name}"] = con.execute(
                f'SELECT count(*), sum(hash({listed})) FROM "{schema}"."{name}"'
            ).fetchone()
    return found


def plots(result) -> dict[str, object]:
    """Every plot of a build's materialisations (Markdown of the PNG) and how many were drawn."""
    found, drawn = {}, 0
    for event in result.get_asset_materialization_events():
        metadata = event.materialization.metadata
        drawn += metadata["plots_drawn"].value if "plots_drawn" in metadata else 0
        key = event.materialization.asset_key.to_user_string()
        found |= {
            f"{key}:{name}": value.value
            for name, value in metadata.items()
            if str(value.value).startswith("![")  # an inline PNG (pipelines.plots.png)
        }
    return {"drawn": drawn, "images": found}


def entries(cache, pattern: str) -> dict[str, int]:
    """Each cache entry matching `pattern` and when it was last written."""
    return {str(p): p.stat().st_mtime_ns for p in cache.rglob(pattern)}


@pytest.fixture(scope="module")
def rebuilt(built, tmp_path_factory):
    """(cache folder, parses read back by the second build, the fit entries after the first
    build and after the second, the second build's warehouse, the plots of each build)."""
    root = tmp_path_factory.mktemp("warm")
    cache = root / "cache"
    fits, drawn = [], []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLOPBASE_CACHE_DIR", str(cache))
        for name in ("cold", "warm"):
            mp.setenv("FLOPBASE_DB", str(root / f"{name}.duckdb"))
            registry.CACHE.clear()  # nothing held in memory, as in a new process
            result = build()
            assert result.success, failures(result)
            fits.append(entries(cache, "*.npz"))
            drawn.append(plots(result))
        read_back = registry.CACHE.disk_hits
        registry.CACHE.clear()
    return cache, read_back, fits, root / "warm.duckdb", drawn


def test_the_second_build_reads_every_parse_and_fit_back(rebuilt):
    cache, read_back, (after_first, after_second), *_ = rebuilt
    # every stored version's parse read back, none made again
    assert read_back == len(entries(cache, "*.zip")) > 190
    # every fit read back: no entry written or rewritten by the second build
    assert len(after_first) > 150 and after_second == after_first


def test_it_writes_the_same_tables_as_a_build_without_caches(built, rebuilt):
    *_, warm, _ = rebuilt
    cold = fingerprints(built[0])
    assert len(cold) > 25
    assert fingerprints(warm) == cold


def test_the_second_build_draws_no_plot_and_shows_the_same_images(rebuilt):
    """In memory there is no earlier materialisation to take a plot from: the plot store is
    what spares the second build the drawing."""
    *_, (first, second) = rebuilt
    assert first["drawn"] > 30
    assert second["drawn"] == 0
    assert second["images"] == first["images"] and len(first["images"]) > 30
