"""Every spelling of a chip in any dataset of the project, resolved to a canonical id.

Spec sources name chips by construction; the other datasets (cloud price tables, Epoch's
models, DAWNBench) mention them in their own words: the registry's mention sources give each
version's mention records (`Parsed.mentions`, from the same parse the price and model steps
use), folded into spellings that the resolver maps or reports as unresolved.
"""

import dagster as dg
import polars as pl

from analyses.hardware_identity import families
from analyses.hardware_resolver import Resolver, coverage, curated_aliases, resolve_mentions
from pipelines.raw import raw_keys
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import asset_key, publish_table, tables_asset
from schemas import HARDWARE, HARDWARE_ALIAS, UNRESOLVED_HARDWARE
from sources import curated, registry
from sources.mentions import MENTION_SCHEMA
from sources.mentions import mentions as fold_mentions
from warehouse.read import missing_relations

COVERAGE_GOAL = 0.95

# Every source whose records name chips in their own words, from the registry.
MENTION_SOURCES = registry.with_role(registry.MENTION)

GROUP = "gpu_specs"  # the aliases are part of what a chip is called


# Contexts that name a cloud instance type, not a chip: linking those to hardware needs the
# cloud price tables (an instance catalogue), not the alias table.
INSTANCE_CONTEXTS = ("hardware:instance_type",)


def mentions_of(snapshots: SnapshotStoreResource) -> tuple[pl.DataFrame, dict[str, str]]:
    """Every source's chip spellings as (`source`, `alias`, `vendor_hint`, `qualifier`,
    `context`, `occurrences`); `qualifier` is a socket type stated beside the spelling. A
    source whose files cannot be read (a drifted header, or a file edited in place: every
    stored file is checked against its manifest first, `SnapshotTampered`) is left out and
    returned with the reason in one line: only what reads that source's data should stop,
    not every dataset whose chips the aliases link."""
    frames, failed = [], {}
    for source in MENTION_SOURCES:
        name = source.name
        try:
            versions = snapshots.store().versions(name)
            # every version's files are checked before any is parsed (or a parse reused)
            parsed = [registry.parsed(version) for version in versions]
            mentions = source_mentions([p.mentions for p in parsed])
        except Exception as err:  # noqa: BLE001 - one source's fault, reported and contained
            failed[name] = f"{type(err).__name__}: {str(err).strip().splitlines()[0][:500]}"
            continue
        frames.append(
            mentions.select(
                source=pl.lit(name),
                alias="spelling",
                vendor_hint="vendor_hint",
                qualifier=pl.col("context").str.extract(r"with socket_type (\S+)$"),
                context="context",
                occurrences=pl.col("occurrences").cast(pl.Int64),
            )
        )
    mentions = pl.concat(frames).filter(~pl.col("context").is_in(INSTANCE_CONTEXTS))
    return mentions, failed


def source_mentions(records: list[pl.DataFrame]) -> pl.DataFrame:
    """One source's spellings from its versions' mention records (a record seen in several
    files or versions counts once where the records name it: `sources.mentions.mentions`)."""
    if not records:
        return MENTION_SCHEMA.to_frame()
    return fold_mentions(pl.concat(records, how="diagonal_relaxed"))


def stored_aliases(warehouse: WarehouseResource, sources: list[str]) -> pl.DataFrame | None:
    """The aliases of `sources` as the warehouse holds them from an earlier build, if any."""
    if not sources or missing_relations([HARDWARE_ALIAS.qualified_name], path=warehouse.location()):
        return None
    return warehouse.named("hardware_aliases_of_sources", [sources])


@tables_asset(
    (HARDWARE_ALIAS, UNRESOLVED_HARDWARE),
    [asset_key(HARDWARE), *raw_keys(registry.MENTION)],
    group=GROUP,
)
def hardware_aliases(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
):
    """Spec sources' own names (exact by construction) plus every other dataset's mentions."""
    known = set(warehouse.named("hardware_ids")["hardware_id"])
    merged = warehouse.named("hardware_merges")
    resolver = Resolver(
        known,
        curated=curated_aliases(curated.load("hardware_aliases")),
        merged=dict(zip(merged["from_id"], merged["to_id"], strict=True)),
        families=families(known),
    )
    named = warehouse.named("hardware_spec_names").with_columns(
        is_ambiguous=pl.col("hardware_id").is_in(list(resolver.families)),
        candidates=pl.col("hardware_id").replace_strict(
            {f: ",".join(m) for f, m in resolver.families.items()}, default=None
        ),
    )
    mentions, failed = mentions_of(snapshots)
    for source, reason in failed.items():
        context.log.error(
            f"{source}: its hardware spellings could not be read ({reason}); its earlier "
            "aliases are kept and the assets reading its data will fail, the others go on"
        )
    resolved, unresolved = resolve_mentions(mentions, resolver)
    share = coverage(resolved, unresolved)
    kept = stored_aliases(warehouse, sorted(failed))
    frames = [named, resolved.select(HARDWARE_ALIAS.column_names)]
    aliases = HARDWARE_ALIAS.select(
        pl.concat(frames + ([kept] if kept is not None else []), how="vertical_relaxed")
    ).unique(["alias", "source", "context"], keep="first")
    summary = {
        "resolved_share_of_spellings": round(share["spellings"], 4),
        "resolved_share_of_occurrences": round(share["occurrences"], 4),
        "mentions": mentions.height,
        "unreadable_sources": dg.MetadataValue.json(failed),
    }
    context.log.info(f"hardware mentions resolved: {summary}")
    yield publish_table(
        context, warehouse, HARDWARE_ALIAS, aliases.sort("source", "alias"), extra=summary
    )
    yield publish_table(
        context,
        warehouse,
        UNRESOLVED_HARDWARE,
        UNRESOLVED_HARDWARE.select(unresolved).sort("source", "alias"),
        extra=summary,
    )


assets = [hardware_aliases]
