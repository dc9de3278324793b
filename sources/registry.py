"""Every upstream source, seen the same way from outside: one list, one interface, one parse.

A source is anything satisfying `Source`: its `SOURCE` (what and where it is), `fetch(store,
client)` (how a live fetch lands a new version: the generic one-file fetch checked by the
module's parser, or the module's own) and `parse(snapshot) -> Parsed` (one stored version read
once into every frame its records take). Each source module keeps its own conform functions
(`to_spec_records`, `quotes`, `model_records`, `estimates`, ...); `ModuleSource` wraps a module
with the one function that turns a version into a `Parsed`, so the pipelines never ask a module
what it has.

The interface (`Source`, `Parsed`, `ModuleSource`) is in `sources.interface`.
`SOURCES` is the registry: adding a source is one line there (a module and its reader) plus the
module itself. Its `roles` say which steps read it (`SPEC`, `PRICE`, `MENTION`, `MODEL`,
`ESTIMATE`, `DAWNBENCH`); the first role names the asset group of its raw snapshots.

`parsed(source, snapshot)` is the one way a step reads a version: its files are checked
against their manifest first (a file edited in place is refused before parsing, and before a
parse made earlier is reused), then the parse is taken from `CACHE`, a per-process cache keyed
by (source, sha256), so the hardware alias step and the price history share one parse of each
version. Versions are immutable and content-addressed, so an entry never goes stale; the cache
is bounded by the estimated size of its frames (least recently used entries go first). Below
it, the disk tier (`sources.parse_store`, `$FLOPBASE_CACHE_DIR`) keeps the parses between
processes, keyed by the code as well, so the next build reads them back.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter, OrderedDict
from collections.abc import Callable
from types import ModuleType

from sources import (
    algorithmic_efficiency,
    aws_instance_pages,
    aws_spot_history,
    azure_dev_backup,
    dawnbench,
    ec2instances_2024,
    ec2instances_history,
    epoch_chips,
    epoch_hardware,
    epoch_hardware_prices,
    epoch_models,
    epoch_notable_models,
    fsdl_cloud_gpus,
    fsdl_serverless_gpus,
    gcp_pricing,
    gpu_price_tracker,
    mlperf,
    openai_ai_and_compute,
    owid_ai,
    techpowerup,
    wikipedia_gpus,
)
from sources.interface import ModuleSource, Parsed, Source
from sources.parse_store import ParseStore, configured
from sources.snapshots import Snapshot, verify
from sources.source import SourceInfo

# Roles: which steps read a source's versions.
SPEC = "spec"  # spec records -> core.hardware_spec (newest version)
PRICE = "price"  # quotes -> core.cloud_price, core.hardware_price (every version)
MENTION = "mention"  # hardware spellings -> core.hardware_alias (every version)
MODEL = "model"  # model records -> core.model_record (every version)
ESTIMATE = "estimate"  # published estimates -> core.model_estimate (newest version)
DAWNBENCH = "dawnbench"  # entries and curves -> core.dawnbench_* (newest version)
EFFICIENCY = "efficiency"  # efficiency frontier -> core.algorithmic_efficiency (newest version)
MLPERF = "mlperf"  # systems and runs -> core.mlperf_* (newest version)
ROLES = (SPEC, PRICE, MENTION, MODEL, ESTIMATE, DAWNBENCH, EFFICIENCY, MLPERF)


# --- readers: one per shape of source, each wrapping the module's own functions ----------------


def _spec(module: ModuleType, snapshot: Snapshot) -> Parsed:
    raw = module.parse(snapshot.path())
    return Parsed(
        snapshot.source, snapshot.sha256, raw=raw, spec_records=module.to_spec_records(raw)
    )


def _price(module: ModuleType, snapshot: Snapshot) -> Parsed:
    """A price source naming no chips of its own: its quotes."""
    return Parsed(snapshot.source, snapshot.sha256, quotes=module.quotes(snapshot))


def _price_mentions(module: ModuleType, snapshot: Snapshot) -> Parsed:
    """Quotes and the chips' spellings, each read by the module's own function."""
    return Parsed(
        snapshot.source,
        snapshot.sha256,
        quotes=module.quotes(snapshot),
        mentions=module.mention_records([snapshot]),
    )


def _price_quoted_mentions(module: ModuleType, snapshot: Snapshot) -> Parsed:
    """Quotes, and the spellings they carry (`quote_mention_records`): the pages read once."""
    quotes = module.quotes(snapshot)
    return Parsed(
        snapshot.source,
        snapshot.sha256,
        quotes=quotes,
        mentions=module.quote_mention_records(quotes, snapshot),
    )


def _price_records(module: ModuleType, snapshot: Snapshot) -> Parsed:
    """Quotes and spellings of one table read once (`read_records`)."""
    raw = module.read_records(snapshot)
    return Parsed(
        snapshot.source,
        snapshot.sha256,
        quotes=module.quotes(snapshot, raw),
        mentions=module.version_mention_records(raw, snapshot),
    )


def _models(module: ModuleType, snapshot: Snapshot) -> Parsed:
    raw = epoch_models.read_version(snapshot)
    return Parsed(
        snapshot.source,
        snapshot.sha256,
        raw=raw,
        model_records=epoch_models.model_records(raw),
        mentions=epoch_models.hardware_records(raw, snapshot.retrieved_at.date()),
    )


def _estimates(module: ModuleType, snapshot: Snapshot) -> Parsed:
    raw, rows = module.estimates(snapshot)
    return Parsed(snapshot.source, snapshot.sha256, raw=raw, estimates=rows)


def _dawnbench(module: ModuleType, snapshot: Snapshot) -> Parsed:
    raw = dawnbench.parse_entries(snapshot)
    return Parsed(
        snapshot.source,
        snapshot.sha256,
        raw=raw,
        entries=dawnbench.to_entries(raw),
        curves=dawnbench.to_curves(dawnbench.parse_curves(snapshot)),
        mentions=dawnbench.entry_mention_records(raw, snapshot.retrieved_at.date()),
    )


def _frontier(module: ModuleType, snapshot: Snapshot) -> Parsed:
    """The records and their rows of core.algorithmic_efficiency (in `entries`)."""
    raw = module.read(snapshot)
    return Parsed(snapshot.source, snapshot.sha256, raw=raw, entries=module.to_frontier(raw))


def _mlperf(module: ModuleType, snapshot: Snapshot) -> Parsed:
    """Result records (`raw`, one per result file), system records (`entries`) and the
    systems' accelerator names (`mentions`), from one read of the version."""
    systems, results = module.read_version(snapshot)
    return Parsed(
        snapshot.source,
        snapshot.sha256,
        raw=results,
        entries=systems,
        mentions=module.mention_records(systems, snapshot.retrieved_at.date()),
    )


# --- the registry: adding a source is one line here -----------------------------------------

SOURCES: tuple[ModuleSource, ...] = (
    ModuleSource(epoch_hardware, (SPEC,), _spec),
    ModuleSource(epoch_chips, (SPEC,), _spec),
    ModuleSource(techpowerup, (SPEC,), _spec),
    ModuleSource(wikipedia_gpus, (SPEC,), _spec),
    ModuleSource(epoch_hardware_prices, (PRICE, MENTION), _price_records),
    ModuleSource(fsdl_cloud_gpus, (PRICE, MENTION), _price_records),
    ModuleSource(fsdl_serverless_gpus, (PRICE, MENTION), _price_records),
    ModuleSource(gcp_pricing, (PRICE, MENTION), _price_mentions),
    ModuleSource(gpu_price_tracker, (PRICE, MENTION), _price_mentions),
    ModuleSource(ec2instances_history, (PRICE,), _price),
    ModuleSource(ec2instances_2024, (PRICE,), _price),
    ModuleSource(aws_instance_pages, (PRICE, MENTION), _price_quoted_mentions),
    ModuleSource(aws_spot_history, (PRICE,), _price),
    ModuleSource(azure_dev_backup, (PRICE,), _price),
    ModuleSource(epoch_models, (MODEL, MENTION), _models),
    ModuleSource(epoch_notable_models, (MODEL, MENTION), _models),
    ModuleSource(owid_ai, (ESTIMATE,), _estimates),
    ModuleSource(openai_ai_and_compute, (ESTIMATE,), _estimates),
    ModuleSource(dawnbench, (DAWNBENCH, MENTION), _dawnbench),
    ModuleSource(algorithmic_efficiency, (EFFICIENCY,), _frontier),
    ModuleSource(mlperf, (MLPERF, MENTION), _mlperf),
)
BY_NAME: dict[str, ModuleSource] = {s.name: s for s in SOURCES}
assert len(BY_NAME) == len(SOURCES), "two registered sources share a name"
assert all(s.roles and set(s.roles) <= set(ROLES) for s in SOURCES), "an unknown role"


def with_role(role: str) -> tuple[ModuleSource, ...]:
    """The registered sources playing `role`, in registry order."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
    return tuple(s for s in SOURCES if role in s.roles)


# --- one parse per version ----------------------------------------------------------------------


class ParseCache:
    """Parses by (source, sha256), least recently used dropped beyond `max_bytes` (estimated
    size of the frames), over an optional disk tier (`disk()`: a `ParseStore`, or None when
    off) that outlives the process. `parses` counts the parses made per key, `hits` the
    reuses from memory, `disk_hits` the parses read back from disk."""

    def __init__(
        self, max_bytes: int = 2 << 30, disk: Callable[[], ParseStore | None] = lambda: None
    ) -> None:
        self.max_bytes = max_bytes
        self.disk = disk
        self._entries: OrderedDict[tuple[str, str], tuple[Parsed, int]] = OrderedDict()
        self._bytes = 0
        self.parses: Counter[tuple[str, str]] = Counter()
        self.hits = 0
        self.disk_hits = 0

    def get(self, source: Source, snapshot: Snapshot) -> Parsed:
        key = (snapshot.source, snapshot.sha256)
        if key in self._entries:
            self._entries.move_to_end(key)
            self.hits += 1
            return self._entries[key][0]
        # on disk only what the registered reader makes (a test's own reader stays in memory)
        store = self.disk() if BY_NAME.get(snapshot.source) is source else None
        parsed = store.load(snapshot) if store else None
        if parsed is not None:
            self.disk_hits += 1
        else:
            parsed = source.parse(snapshot)  # raises: nothing cached, the next reader tries again
            self.parses[key] += 1
            if store:
                store.save(parsed, snapshot)
        size = parsed.estimated_size()
        self._entries[key] = (parsed, size)
        self._bytes += size
        while self._bytes > self.max_bytes and len(self._entries) > 1:
            _, (_, dropped) = self._entries.popitem(last=False)
            self._bytes -= dropped
        return parsed

    def clear(self) -> None:
        """Drop every parse held in memory and reset the statistics (the disk tier stays)."""
        self._entries.clear()
        self._bytes = 0
        self.parses.clear()
        self.hits = 0
        self.disk_hits = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        return self._bytes


CACHE = ParseCache(disk=configured)


def parsed(snapshot: Snapshot, source: Source | None = None) -> Parsed:
    """`snapshot` parsed once per process (and once per code version, with the disk tier):
    its files are checked against the manifest first (`SnapshotTampered`, before any parse
    is made or reused from memory or disk), then parsed by its registered source (or
    `source`) unless this process or an earlier one did."""
    verify(snapshot, cached=True)  # files the raw asset hashed this process are not again
    return CACHE.get(source or BY_NAME[snapshot.source], snapshot)


def source_infos() -> list:
    """The `SOURCE` of every module in sources/: the licences and citations an export names."""
    import sources

    found = []
    for module in pkgutil.iter_modules(sources.__path__):
        declared = getattr(importlib.import_module(f"sources.{module.name}"), "SOURCE", None)
        if isinstance(declared, SourceInfo):
            found.append(declared)
    return found
