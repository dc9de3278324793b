"""What an asset module declares, read off its `assets` list as Dagster holds it: the keys
("schema/name"), each key's upstream keys, groups, check specs with their blocking flag, and
the pools its steps take. The asset modules' tests (tests/pipelines/test_<module>.py) compare
these with the schema declarations the module writes."""

from collections.abc import Iterable

import dagster as dg

from schemas import Table


def key_of(table: Table) -> str:
    return f"{table.schema}/{table.name}"


def keys(assets: Iterable[dg.AssetsDefinition]) -> set[str]:
    return {k.to_user_string() for a in assets for k in a.keys}


def deps(assets: Iterable[dg.AssetsDefinition]) -> dict[str, set[str]]:
    """Each asset key's upstream keys."""
    return {
        k.to_user_string(): {d.asset_key.to_user_string() for d in spec.deps}
        for a in assets
        for k, spec in a.specs_by_key.items()
    }


def groups(assets: Iterable[dg.AssetsDefinition]) -> set[str]:
    return {g for a in assets for g in a.group_names_by_key.values()}


def checks(assets: Iterable[dg.AssetsDefinition]) -> dict[str, bool]:
    """ "schema/name:check" -> blocking, of every check the assets declare."""
    return {
        f"{c.asset_key.to_user_string()}:{c.name}": c.blocking
        for a in assets
        for c in a.check_specs
    }


def schema_checks(*tables: Table) -> dict[str, bool]:
    """The blocking `matches_schema` every table and view asset declares."""
    return {f"{key_of(t)}:matches_schema": True for t in tables}


def pools(assets: Iterable[dg.AssetsDefinition]) -> set[str | None]:
    return {a.node_def.pool for a in assets}
