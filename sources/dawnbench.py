"""Stanford DAWN, DAWNBench submissions: one JSON per entry (+ a TSV curve per training run).

One version holds the upstream repository's `<task>/<train|inference>/*.json|tsv` files under
their relative paths, plus its `README.md`. `parse_entries` reads the JSON entries and
`parse_curves` the training TSVs; `hardware_mentions` lists the free-text `hardware` field.
`to_entries` and `to_curves` put them in core.dawnbench_entry's and core.dawnbench_curve's
terms (SI units, accuracies as fractions, an F1 written on a 0-100 scale read as a
percentage, the task's quality target beside each value), and
`accelerator_count` / `instance_count` read the counts the `hardware` text states.

Quality targets are the leaderboard's (`TARGETS`, from the README's task descriptions): test
top-1 accuracy 94% for CIFAR10, validation top-5 93% for ImageNet, dev F1 0.75 for SQuAD. The
README text says 0.73 for SQuAD, but the upstream tests (`tests/test_submissions.py`) reject
any entry below 0.75, so 0.75 is the rule every listed entry was held to.

The entries hold submitters' e-mail addresses (`authorEmail`). They stay in the raw snapshot as
upstream published them, but no function here returns them: `parse_entries` reads an allow-list
of fields and blanks anything shaped like an e-mail address in the text it keeps.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from sources import mentions
from sources.http import HttpClient
from sources.prices import provider_id
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import (
    FetchOutcome,
    RejectedDownload,
    SourceInfo,
    conditional_get,
    refuse_unexpected_html,
)
from sources.upstream import UpstreamFormatError

SOURCE = SourceInfo(
    name="dawnbench",
    title="Stanford DAWN, DAWNBench submissions",
    homepage="https://dawn.cs.stanford.edu/benchmark/",
    url=(
        "https://github.com/stanford-futuredata/dawn-bench-entries/archive/"
        "fb27b827bd83eff9021698ffe576b33a100e0b78.zip"
    ),
    filename="dawn-bench-entries.zip",
    licence="none stated",
    citation="Stanford DAWN, DAWNBench (stanford-futuredata/dawn-bench-entries).",
    cadence="frozen (last upstream commit 2020-03-26)",
)

TASKS = ("CIFAR10", "ImageNet", "SQuAD")
KINDS = ("train", "inference")

# Upstream field -> dtype, the only fields read. Never `authorEmail`, nor `misc` (free-form).
ENTRY_FIELDS: dict[str, pl.DataType] = {
    "version": pl.String(),
    "author": pl.String(),
    "model": pl.String(),
    "hardware": pl.String(),
    "framework": pl.String(),
    "timestamp": pl.String(),
    "costPerHour": pl.Float64(),
    "latency": pl.Float64(),
    "cost": pl.Float64(),
    "top1Accuracy": pl.Float64(),
    "top5Accuracy": pl.Float64(),
    "f1Score": pl.Float64(),
    "usedBlacklist": pl.Boolean(),
    "codeURL": pl.String(),
    "commitHash": pl.String(),
    "logFilename": pl.String(),
}
CURVE_COLUMNS = ("epoch", "hours", "top1Accuracy", "top5Accuracy", "f1Score")
# Fields every entry must have (upstream tests/test_submissions.py), besides the e-mail address.
REQUIRED = ("version", "author", "framework", "model", "hardware", "timestamp")

# Task -> (upstream field the leaderboard ranks on, threshold as a fraction).
TARGETS = {
    "CIFAR10": ("top1Accuracy", 0.94),
    "ImageNet": ("top5Accuracy", 0.93),
    "SQuAD": ("f1Score", 0.75),
}
# Upstream field -> our column; accuracies are percentages upstream, F1 a fraction.
METRICS = {"top1Accuracy": "top1_accuracy", "top5Accuracy": "top5_accuracy", "f1Score": "f1_score"}
PERCENT_FIELDS = ("top1Accuracy", "top5Accuracy")
SECONDS_PER_HOUR = 3600
# The leaderboard prices inference per 10,000 items (images or questions).
INFERENCES_PRICED = 10_000

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
REDACTED = "[e-mail removed]"

# Cloud instance types named in `hardware`, by naming scheme -> the cloud that uses it.
# Bracketed or parenthesised in most entries ("Amazon EC2 [p2.xlarge]"), bare in a few.
INSTANCE_TYPES = (
    (re.compile(r"(?<![\w.-])ecs\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d*xlarge(?![\w.-])"), "Alibaba Cloud"),
    (re.compile(r"(?<![\w.-])[a-z]+\d+[a-z]*\.\d*xlarge\.\d+(?![\w.-])"), "Huawei Cloud"),
    (re.compile(r"(?<![\w.-])[a-z]+\d+[a-z]*\.\d*x?large(?![\w.-])"), "AWS"),
    (re.compile(r"(?<![\w.-])n1-(?:standard|highmem|highcpu)-\d+(?![\w.-])"), "Google Cloud"),
    (re.compile(r"(?<![\w.-])N[CDV]\d+[a-z]*_v\d+(?![\w.-])"), "Azure"),
)
HARDWARE = "hardware"
INSTANCE_CONTEXT = "hardware:instance_type"


def _task_and_kind(name: str) -> tuple[str, str] | None:
    parts = name.split("/")
    if len(parts) == 3 and parts[0] in TASKS and parts[1] in KINDS:
        return parts[0], parts[1]
    return None


def _text(snapshot: Snapshot, name: str) -> str:
    """A stored file as text: UTF-8, a leading BOM dropped, CRLF and LF alike."""
    try:
        return snapshot.path(name).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{snapshot.directory / name}: not UTF-8 ({err})") from None


def _redact(value: object) -> object:
    return EMAIL.sub(REDACTED, value) if isinstance(value, str) else value


def parse_entries(snapshot: Snapshot) -> pl.DataFrame:
    """One row per JSON entry: `row_number` (1-based, in file name order), `entry` (stored
    file name), `task`, `kind`, the fields of `ENTRY_FIELDS` (null where absent or JSON null),
    `submitted_on` parsed from `timestamp` (which is not always zero-padded: '2019-7-22') and
    `curve` (the entry's TSV, if stored).
    """
    rows = []
    for name in sorted(snapshot.files):
        where = _task_and_kind(name)
        if where is None or not name.endswith(".json"):
            continue
        try:
            entry = json.loads(_text(snapshot, name))
        except json.JSONDecodeError as err:
            raise UpstreamFormatError(f"{snapshot.directory / name}: not JSON ({err})") from None
        if not isinstance(entry, dict) or "hardware" not in entry:
            raise UpstreamFormatError(f"{snapshot.directory / name}: not a DAWNBench entry")
        curve = name.removesuffix(".json") + ".tsv"
        rows.append(
            {
                "entry": name,
                "task": where[0],
                "kind": where[1],
                **{field: _redact(entry.get(field)) for field in ENTRY_FIELDS},
                "curve": curve if curve in snapshot.files else None,
            }
        )
    schema = {"entry": pl.String, "task": pl.String, "kind": pl.String, **ENTRY_FIELDS}
    frame = pl.DataFrame(rows, schema={**schema, "curve": pl.String}, orient="row")
    submitted = pl.col("timestamp").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    return (
        frame.with_columns(submitted.alias("submitted_on"))
        .with_row_index("row_number", offset=1)
        .with_columns(pl.col("row_number").cast(pl.Int64))
    )


def parse_curves(snapshot: Snapshot) -> pl.DataFrame:
    """One row per epoch of every training TSV: `curve` (stored file name), `task`,
    `row_number` and the `CURVE_COLUMNS` as Float64, read by header name (the column order
    differs between files), null where a file has no such column. Space-padded numbers are
    stripped; blank lines are skipped."""
    frames = []
    for name in sorted(snapshot.files):
        where = _task_and_kind(name)
        if where is None or not name.endswith(".tsv"):
            continue
        raw = pl.read_csv(
            _text(snapshot, name).encode(), separator="\t", infer_schema=False
        ).rename(lambda column: column.strip())
        unknown = set(raw.columns) - set(CURVE_COLUMNS)
        if unknown or not {"epoch", "hours"} <= set(raw.columns):
            raise UpstreamFormatError(f"{snapshot.directory / name}: columns {raw.columns}")
        values = [
            (pl.col(c).str.strip_chars() if c in raw.columns else pl.lit(None))
            .cast(pl.Float64)
            .alias(c)
            for c in CURVE_COLUMNS
        ]
        try:
            curve = raw.filter(
                ~pl.all_horizontal(pl.all().str.strip_chars().fill_null("") == "")
            ).select(values)
        except pl.exceptions.PolarsError as err:
            raise UpstreamFormatError(f"{snapshot.directory / name}: {err}") from None
        frames.append(
            curve.with_row_index("row_number", offset=1).select(
                pl.lit(name).alias("curve"),
                pl.lit(where[0]).alias("task"),
                pl.col("row_number").cast(pl.Int64),
                *CURVE_COLUMNS,
            )
        )
    return pl.concat(frames)


def instance_types(hardware: str) -> list[tuple[str, str]]:
    """Cloud instance types named in a `hardware` text, as (spelling, cloud), in text order."""
    found = []
    for pattern, cloud in INSTANCE_TYPES:
        for match in pattern.finditer(hardware):
            if not any(match.start() < end and start < match.end() for start, end, *_ in found):
                found.append((match.start(), match.end(), match.group(), cloud))
    return [(spelling, cloud) for _, _, spelling, cloud in sorted(found)]


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Every distinct `hardware` text (context "hardware", whole text stripped; the normaliser
    splits counts and instances later), and every cloud instance type named in it (context
    "hardware:instance_type", `vendor_hint` = the cloud whose naming scheme it follows).
    `occurrences` counts entries (JSON files), once each over all versions."""
    frames = [entry_mention_records(parse_entries(s), s.retrieved_at.date()) for s in snapshots]
    return mentions.mentions(pl.concat(frames) if frames else _MENTION_RECORDS.to_frame())


def entry_mention_records(entries: pl.DataFrame, seen_on: date) -> pl.DataFrame:
    """The mention records of one version's `parse_entries` rows (see `hardware_mentions`),
    with `record` = the entry's file."""
    rows = []
    for entry, text in entries.select("entry", "hardware").drop_nulls().iter_rows():
        spelling = text.strip()
        if spelling:
            rows.append((entry, spelling, None, HARDWARE, seen_on))
        for instance, cloud in instance_types(spelling):
            rows.append((entry, instance, cloud, INSTANCE_CONTEXT, seen_on))
    return pl.DataFrame(rows, schema=_MENTION_RECORDS, orient="row")


_MENTION_RECORDS = pl.Schema({"record": pl.String, **mentions.RECORD_SCHEMA})


# A TPU v2 Pod is 64 Cloud TPU devices of 4 chips; a "Cloud TPU" rented alone is one device.
TPU_POD_CHIPS = 256
CLOUD_TPU_CHIPS = 4
_POD_SHARE = re.compile(r"(?i)\b(half|1/(\d+)) of a TPU\s*v2 pod\b")
_CLOUD_TPUS = re.compile(r"(?i)(?:(?<![\w./])(\d+)\s*TPU\s*v\d\b|\bcloud TPU\b)")
# '16 nodes with InfiniBand (8*V100 with NVLink for each node)'; '16 * 8 * Tesla-V100'.
_PER_NODE = re.compile(r"(?i)^\s*(\d+)\s+nodes\b.*?\(\s*(\d+)\s*[x×*]\s*[a-z].*?\beach node\)")
_TWO_FACTORS = re.compile(r"(?<![\w./])(\d+)\s*[x×*]\s*(\d+)\s*[x×*]\s*[A-Za-z]")
# A count before a chip ('8 * V100', '4x GTX 1080 Ti', '1 GPU (...)', 'Tesla 8*V100') or after
# one ('Tesla V100 * 8 GPU', 'V100*1-16GB'). Model numbers are upper case: '16 p3.16xlarge'
# counts instances, '60 GB' memory, '16 CPU' cores.
_CHIP = r"(?:(?i:gpus?|nvidia|tesla|gtx|rtx)\b|[KMPTV]\d{1,3}\b)"
_COUNT_BEFORE = re.compile(rf"(?<![\w./])(\d+)\s*(?:[x×*]\s*)?(?={_CHIP})")
_COUNT_AFTER = re.compile(r"\b[KMPTV]\d{1,3}\s*[x×*]\s*(\d+)(?![\d.])")
# Instances: '16 p3.16xlarge', '1 ecs.gn6e-c12g1.24xlarge', '(4 machines - AWS ...)', and
# '128 nodes with Xeon ... [c5.18xlarge]'.
_INSTANCES = re.compile(
    r"(?i)^\s*(\d+)\s+(?=[a-z][\w-]*\.[\w.-]*large\b|nodes\b)|\((\d+)\s+machines\b"
)


def accelerator_count(hardware: str | None) -> int | None:
    """Accelerator chips a `hardware` text states: '8 * V100 (AWS p3.16xlarge)' -> 8,
    '16 nodes with InfiniBand (8*V100 ... for each node)' -> 128, '1/4 of a TPUv2 Pod' -> 64
    (a pod is 256 chips), 'GCP n1-standard-2, Cloud TPU' -> 4 (a Cloud TPU is 4 chips).
    None where the text states no count ('V100 (AWS p3.2xlarge)', CPU-only machines)."""
    if not hardware:
        return None
    if match := _POD_SHARE.search(hardware):
        return TPU_POD_CHIPS // (2 if match[1].lower() == "half" else int(match[2]))
    if match := _CLOUD_TPUS.search(hardware):
        return CLOUD_TPU_CHIPS * int(match[1] or 1)
    for pattern in (_PER_NODE, _TWO_FACTORS):
        if match := pattern.search(hardware):
            return int(match[1]) * int(match[2])
    for pattern in (_COUNT_BEFORE, _COUNT_AFTER):
        if match := pattern.search(hardware):
            return int(match[1])
    return None


def instance_count(hardware: str | None) -> int | None:
    """Cloud instances a `hardware` text names: '16 p3.16xlarge (AWS)' -> 16, '64 * V100 (8
    machines - AWS p3.16xlarge)' -> 8, 1 where it names an instance type without a count, None
    where it names none."""
    if not hardware or not instance_types(hardware):
        return None
    match = _INSTANCES.search(hardware)
    return int(match[1] or match[2]) if match else 1


def _first_instance(hardware: str | None) -> tuple[str, str] | tuple[None, None]:
    found = instance_types(hardware) if hardware else []
    return found[0] if found else (None, None)


def _written_as_percent(field: str) -> pl.Expr:
    """A fraction field (F1) whose value is in (1, 100]: a percentage, since an F1 or an
    accuracy cannot exceed 1 (FastFusionNet's SQuAD inference entry writes F1 82.52)."""
    return pl.lit(False) if field in PERCENT_FIELDS else pl.col(field).is_between(1, 100, "right")


def _fraction(field: str) -> pl.Expr:
    """A quality field as a fraction: accuracies are percentages upstream; F1 is a fraction,
    read as a percentage where it is written as one (`_written_as_percent`)."""
    if field in PERCENT_FIELDS:
        return pl.col(field) / 100
    return pl.when(_written_as_percent(field)).then(pl.col(field) / 100).otherwise(pl.col(field))


def _by_task(values: dict[str, object], dtype: pl.DataType) -> pl.Expr:
    return pl.col("task").replace_strict(values, default=None, return_dtype=dtype)


def _task_metric(as_fraction: bool = True) -> pl.Expr:
    """The value of the task's target field in each row, as a fraction or as written."""
    return pl.coalesce(
        pl.when(pl.col("task") == task).then(_fraction(f) if as_fraction else pl.col(f))
        for task, (f, _) in TARGETS.items()
    )


def _task_metric_rescaled_from() -> pl.Expr:
    """The task's metric as written, where it was read as a percentage (else null)."""
    return pl.coalesce(
        pl.when((pl.col("task") == task) & _written_as_percent(f)).then(pl.col(f))
        for task, (f, _) in TARGETS.items()
    )


TARGET_FIELD = _by_task({t: f for t, (f, _) in TARGETS.items()}, pl.String)
TARGET_METRIC = _by_task({t: METRICS[f] for t, (f, _) in TARGETS.items()}, pl.String)
TARGET_VALUE = _by_task({t: v for t, (_, v) in TARGETS.items()}, pl.Float64)


def to_entries(raw: pl.DataFrame) -> pl.DataFrame:
    """`parse_entries` rows in core.dawnbench_entry's terms: `entry_id` (the file's path without
    '.json'), `kind` (train/inference), latency in seconds, inference cost per 10,000 items,
    the task's `target_metric` / `target_value` and, for inference, the `metric_value` the entry
    states (fractions), the first cloud instance type named with its `provider` and
    `instance_count`, and `stated_accelerator_count`. A fraction written as a percentage
    (FastFusionNet's SQuAD inference entry gives F1 as 82.52) is read as one, and
    `metric_rescaled_from` keeps the value as written. `parse_error` names a missing
    required field, an unreadable date or a stated quality outside the README's range. Time
    to target and cost need the curve (analyses.dawnbench_leaderboard)."""
    instance = pl.col("hardware").map_elements(
        lambda text: dict(zip(("instance_type", "cloud"), _first_instance(text), strict=True)),
        return_dtype=pl.Struct({"instance_type": pl.String, "cloud": pl.String}),
    )
    missing = [
        pl.when(pl.col(f).cast(pl.String).str.strip_chars().fill_null("") == "").then(
            pl.lit(f"lacks the required field {f}")
        )
        for f in REQUIRED
    ]
    unreadable_date = pl.when(
        pl.col("timestamp").is_not_null() & pl.col("submitted_on").is_null()
    ).then(pl.format("unreadable timestamp '{}'", pl.col("timestamp")))
    # The README states F1 as a fraction and accuracies in percentage points.
    inference = pl.col("kind") == "inference"
    out_of_range = pl.when(inference & ~_task_metric().is_between(0, 1)).then(
        pl.format(
            "states {} {}, outside the README's range for it (F1 a fraction, accuracy in "
            "percentage points)",
            TARGET_FIELD,
            _task_metric(as_fraction=False),
        )
    )
    errors = pl.concat_str(
        [*missing, unreadable_date, out_of_range], separator="; ", ignore_nulls=True
    )
    return raw.with_columns(instance.alias("_instance")).select(
        "row_number",
        entry_id=pl.col("entry").str.strip_suffix(".json"),
        task="task",
        kind="kind",
        submitted_on="submitted_on",
        team=pl.col("author").str.strip_chars(),
        model=pl.col("model").str.strip_chars(),
        framework=pl.col("framework").str.strip_chars(),
        hardware_text=pl.col("hardware").str.strip_chars(),
        stated_accelerator_count=pl.col("hardware").map_elements(
            accelerator_count, return_dtype=pl.Int64
        ),
        instance_type=pl.col("_instance").struct.field("instance_type"),
        provider=pl.col("_instance")
        .struct.field("cloud")
        .map_elements(provider_id, return_dtype=pl.String),
        instance_count=pl.col("hardware").map_elements(instance_count, return_dtype=pl.Int64),
        usd_per_hour="costPerHour",
        latency_s=pl.col("latency") / 1000,
        cost_per_10k_inferences_usd=pl.col("cost") * INFERENCES_PRICED,
        target_metric=TARGET_METRIC,
        target_value=TARGET_VALUE,
        metric_value=pl.when(inference).then(_task_metric()),
        metric_rescaled_from=pl.when(inference).then(_task_metric_rescaled_from()),
        curve="curve",
        parse_error=pl.when(errors.str.len_chars() > 0).then(errors),
    )


def to_curves(curves: pl.DataFrame) -> pl.DataFrame:
    """`parse_curves` rows in core.dawnbench_curve's terms: `entry_id`, `row_number`, `epoch`,
    `elapsed_s` (from hours), accuracies as fractions, and the task's `metric_value` beside its
    `target_value` (what time to target is read from)."""
    return curves.select(
        entry_id=pl.col("curve").str.strip_suffix(".tsv"),
        task="task",
        row_number="row_number",
        epoch="epoch",
        elapsed_s=pl.col("hours") * SECONDS_PER_HOUR,
        **{METRICS[f]: _fraction(f) for f in METRICS},
        metric_value=_task_metric(),
        target_value=TARGET_VALUE,
    )


# --- live fetch ---------------------------------------------------------------------------

README = "README.md"
# What a version holds: the README, and every entry and curve the parsers read.
_STORED = re.compile(rf"^(?:{'|'.join(TASKS)})/(?:{'|'.join(KINDS)})/[^/]+\.(?:json|tsv)$")
_PLAIN_PART = re.compile(r"^(?!\.)[A-Za-z0-9._-]+$")  # the snapshot store's name rule
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # the kept files are ~0.3 MB; refuse a zip bomb


def fetch(store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """Download the repository zip at `SOURCE.url` (conditional GET) and store `README.md` and
    every `<task>/<train|inference>/*.json|tsv` under its relative path (the zip's top folder
    stripped) as a new version when they changed: the files the bundled version holds, byte
    for byte, so the same content is the same version. Nothing else of the zip is stored.
    Nothing is stored when the download is not such a zip, names a member outside its folder,
    or its entries or curves do not parse (`RejectedDownload`)."""
    response, latest = conditional_get(SOURCE.name, SOURCE.url, store, client)
    if response.not_modified and latest:
        return FetchOutcome(latest, changed=False)
    refuse_unexpected_html(SOURCE.url, response)
    try:
        top, files = unzip_entries(response.content)
        check_entries(files)
    except UpstreamFormatError as err:
        raise RejectedDownload(
            f"GET {response.url}: the download does not hold {SOURCE.name}'s entries: {err}; "
            "nothing stored, the stored versions are unchanged"
        ) from err
    now = datetime.now(UTC)
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=SOURCE.url,
        licence=SOURCE.licence,
        retrieved_at=now,
        etag=response.etag,
        last_modified=response.last_modified,
        extra={
            "obtained_via": f"live GET of {SOURCE.url}: {README} and every *.json and *.tsv "
            f"under {{{','.join(TASKS)}}}/{{{','.join(KINDS)}}}/ of the zip, its top folder "
            f"{top!r} stripped, relative paths kept",
            "renamed_files": {},
            "personal_data": "the JSON entries hold submitters' e-mail addresses (authorEmail) "
            "as upstream has them; parsers never return them",
        },
    )
    return FetchOutcome(snapshot, changed=created)


def unzip_entries(body: bytes) -> tuple[str, dict[str, bytes]]:
    """(top folder, files to store) out of a GitHub repository zip: `README.md` and the
    entries and curves, keyed by their path below the one top folder. Every member name must
    be a plain relative path (no absolute path, no '..', no backslash) and no kept member may
    be a link, or the whole zip is refused; a kept file's name must fit the store's rule."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UpstreamFormatError(f"not a zip archive ({err})") from None
    tops, members = set(), {}
    for info in infos:
        name = info.filename
        parts = name.removesuffix("/").split("/")
        if name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
            raise UpstreamFormatError(f"member {name!r} is not a plain relative path")
        tops.add(parts[0])
        if info.is_dir() or len(parts) < 2:
            continue
        relative = "/".join(parts[1:])
        if relative != README and not _STORED.match(relative):
            continue  # tests, CI files, requirements: not what the loader reads
        if not all(_PLAIN_PART.match(p) for p in parts[1:]):
            raise UpstreamFormatError(
                f"member {name!r} has no plain file name to store it under (letters, digits, "
                "'.', '_', '-'): update sources/dawnbench.py"
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UpstreamFormatError(f"member {name!r} is a symbolic link, not a file")
        if relative in members:
            raise UpstreamFormatError(f"the zip holds {name!r} twice")
        members[relative] = info
    if len(tops) != 1:
        raise UpstreamFormatError(
            f"expected one top folder (a GitHub archive), found {sorted(tops)[:10]}"
        )
    (top,) = tops
    if README not in members or not any(n.endswith(".json") for n in members):
        raise UpstreamFormatError(
            f"the zip lacks {README} or any <task>/<train|inference>/*.json entry (it holds "
            f"{archive.namelist()[:20]}): the repository changed shape, update "
            "sources/dawnbench.py"
        )
    if sum(info.file_size for info in members.values()) > MAX_UNZIPPED_BYTES:
        raise UpstreamFormatError(f"the kept files unpack to more than {MAX_UNZIPPED_BYTES} bytes")
    files = {}
    for relative, info in sorted(members.items()):
        try:
            files[relative] = archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            raise UpstreamFormatError(f"{info.filename} in the zip is unreadable ({err})") from None
    return f"{top}/", files


def check_entries(files: dict[str, bytes]) -> None:
    """Raise `UpstreamFormatError` unless `parse_entries` and `parse_curves` read `files` (a
    temporary version holding them under their relative paths) and find entries and curves."""
    with tempfile.TemporaryDirectory(prefix="flopbase-check-") as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        snapshot = Snapshot(
            source=SOURCE.name,
            version="check",
            directory=root,
            url=SOURCE.url,
            sha256="",
            retrieved_at=datetime.now(UTC),
            licence=SOURCE.licence,
            files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
        )
        try:
            entries = parse_entries(snapshot)
            curves = parse_curves(snapshot) if any(n.endswith(".tsv") for n in files) else None
        except Exception as err:  # UpstreamFormatError, or any other way a parser fails
            raise UpstreamFormatError(str(err).replace(folder + "/", "")) from None
    if entries.is_empty() or curves is None or curves.is_empty():
        raise UpstreamFormatError("no entries, or no training curves, to read")
