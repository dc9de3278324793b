"""FSDL's serverless GPU table read as price quotes, and what it shares with the cloud table
(`sources.fsdl_cloud_gpus.instance_quotes`): every record of every version of both accounted for, a
live fetch landing the bundled quotes, a renamed price column named."""

import dataclasses

import polars as pl
import pytest

from sources import fsdl_cloud_gpus as cloud
from sources import fsdl_serverless_gpus as serverless
from sources.prices import QUOTE_SCHEMA
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import fetch
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply
from tests.sources._fsdl_testkit import all_quotes, quote, stored


@pytest.fixture(scope="module")
def serverless_versions(bundled_store) -> list[Snapshot]:
    return bundled_store.versions(serverless.SOURCE.name)


@pytest.fixture(scope="module")
def serverless_quotes(serverless_versions) -> pl.DataFrame:
    return all_quotes(serverless, serverless_versions)


@pytest.mark.parametrize("module", [cloud, serverless], ids=lambda m: m.SOURCE.name)
def test_every_record_of_every_version_is_accounted_for(bundled_store, module):
    for version in bundled_store.versions(module.SOURCE.name):
        raw = module.parse(version.path())
        q = module.quotes(version)
        assert raw["row_number"].to_list() == list(range(1, raw.height + 1))
        assert q.schema == QUOTE_SCHEMA
        assert q["row_number"].to_list() == list(range(1, q.height + 1))
        assert set(q["record_number"]) == set(raw["row_number"])
        assert (q["observed_at"] == version.retrieved_at).all()
        # one on-demand quote per record: no record is dropped, none counted twice
        on_demand = q.filter(pl.col("pricing") == "on_demand")["record_number"]
        assert on_demand.to_list() == raw["row_number"].to_list()


def test_serverless_quotes(serverless_versions, serverless_quotes):
    assert serverless_quotes.height == 565
    assert set(serverless_quotes["pricing"]) == {"on_demand"}
    assert set(serverless_quotes["price_field"]) == {"Per-Hour"}
    assert serverless_quotes["parse_error"].null_count() == 565
    assert serverless_quotes["instance_type"].null_count() == 565
    h100 = serverless_quotes.filter(
        pl.col("version").str.starts_with("2024-05-20-3368")
        & (pl.col("provider") == "covalent")
        & (pl.col("hardware_text") == "H100 (80 GB)")
        & (pl.col("accelerators_per_instance") == 8)
    ).to_dicts()
    assert [(q["value_text"], q["usd_per_hour"], q["usd_per_accelerator_hour"]) for q in h100] == [
        ("46.80", 46.8, 5.85)
    ]
    mystic = quote(serverless_quotes, "2024-05-20-3368", 70, "on_demand")
    assert (mystic["provider"], mystic["hardware_text"], mystic["value_text"]) == (
        "mystic_ai",
        "Nvidia A100",
        "$3",
    )
    assert mystic["usd_per_hour"] == 3.0
    idle = dict(serverless_quotes.group_by("notes").len().iter_rows())
    assert idle == {None: 447, "Idle time charged? Yes": 72, "Idle time charged? No": 46}
    mentioned = serverless.hardware_mentions(serverless_versions).select("spelling", "context")
    spelled = serverless_quotes.select(
        pl.col("hardware_text").alias("spelling"), pl.col("hardware_context").alias("context")
    ).unique()
    assert spelled.join(mentioned, on=["spelling", "context"], how="anti").height == 0


@pytest.mark.parametrize("module", [cloud, serverless], ids=lambda m: m.SOURCE.name)
def test_a_live_fetch_lands_a_version_with_the_bundled_quotes(
    bundled_store, server, client, tmp_path, module
):
    latest = bundled_store.latest(module.SOURCE.name)
    recorded = latest.path().read_bytes()
    url = server.script(f"/docs/{module.SOURCE.filename}", Reply(200, recorded))
    outcome = fetch(dataclasses.replace(module.SOURCE, url=url), SnapshotStore(tmp_path), client)
    assert outcome.changed and outcome.snapshot.sha256 == latest.sha256
    fetched = module.quotes(outcome.snapshot)
    assert (fetched["observed_at"] == outcome.snapshot.retrieved_at).all()
    assert fetched.drop("observed_at").equals(module.quotes(latest).drop("observed_at"))


def test_a_renamed_price_column_is_named(bundled_store, tmp_path):
    text = bundled_store.latest(cloud.SOURCE.name).path().read_text()
    with pytest.raises(UpstreamFormatError, match=r"columns \['On-demand'\] are missing"):
        cloud.quotes(stored(tmp_path, cloud, text.replace("On-demand", "On demand", 1)))
    text = bundled_store.latest(serverless.SOURCE.name).path().read_text()
    with pytest.raises(UpstreamFormatError, match=r"columns \['Per-GPU'\] are missing"):
        serverless.quotes(stored(tmp_path, serverless, text.replace("Per-GPU", "GPU price", 1)))
