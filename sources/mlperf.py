"""MLCommons, MLPerf Training results v0.5 (2018) to v5.1 (2025): every round's system
descriptions and every result log, from the bundled version in data/snapshots/mlperf/.

A version holds `training_results_<round>/` per round (PROVENANCE.md): the system files
(`sources.mlperf_systems`), the gzip extracts of every result log and the index of every
result file (`sources.mlperf_logs`), and the submitters' summary CSVs. `read_version` reads it
once into `systems` (one record per system file) and `results` (one record per row of the
result index: a run, or a file missing upstream of us, kept with its status so the load can
account for it). `mention_records` gives the accelerator names for the hardware alias step;
`summary_scores` reads the summary CSVs (official-style scores in minutes).

Stored names: the store allows [A-Za-z0-9._-] only, so 22 upstream names with '+' or ' '
are stored renamed (`renamed_files` in snapshot.json maps each back); NVIDIA's v0.6 system
files are stored redacted (`redacted_files`). Every record carries its upstream path.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import polars as pl

from sources import mentions, mlperf_logs, mlperf_systems
from sources.snapshots import Snapshot
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

SOURCE = SourceInfo(
    name="mlperf",
    title="MLCommons, MLPerf Training results v0.5-v5.1",
    homepage="https://mlcommons.org/benchmarks/training/",
    url="https://github.com/mlcommons/training_results_v5.1",
    filename="training_results",
    licence="Apache-2.0",
    citation="MLCommons, MLPerf Training v<round> results "
    "(github.com/mlcommons/training_results_v<round>).",
    cadence="two rounds a year (a new repository per round)",
)

# Round -> publication date (the round repository's first commit; PROVENANCE.md).
ROUNDS: dict[str, date] = {
    "v0.5": date(2018, 12, 12),
    "v0.6": date(2019, 7, 9),
    "v0.7": date(2020, 7, 28),
    "v1.0": date(2021, 6, 30),
    "v1.1": date(2021, 12, 1),
    "v2.0": date(2022, 6, 29),
    "v2.1": date(2022, 11, 8),
    "v3.0": date(2023, 6, 19),
    "v3.1": date(2023, 11, 7),
    "v4.0": date(2024, 6, 11),
    "v4.1": date(2024, 11, 13),
    "v5.0": date(2025, 5, 30),
    "v5.1": date(2025, 11, 5),
}
ROUND_FOLDER = re.compile(r"^training_results_(v\d+\.\d+)/")
CONTEXT = "accelerator_model_name"
SYSTEM_COLUMNS = [
    "round",
    "system_id",
    "submitter",
    "system_file",
    "nodes_in_entry",
    *mlperf_systems.FIELDS.values(),
]
RESULT_COLUMNS = [
    "round",
    "path",
    "system_id",
    "submitter",
    "benchmark_folder",
    "result_file",
    "blob",
    "index_status",
    "section_status",
    "run_start",
    "run_stop",
    "run_stop_status",
    "eval_accuracy",
    "eval_accuracy_text",
    "eval_target",
    "global_batch_size",
    *(f"log_{k}" for k in mlperf_logs.SUBMISSION_KEYS),
    "lines_read",
    "unread_lines",
]


def fetch(store, client) -> FetchOutcome:  # noqa: ANN001 - the Source protocol's signature
    """No live fetch: upstream is 13 git repositories whose result logs are extracted offline
    (PROVENANCE.md); the newest bundled version is the current one."""
    return FetchOutcome(store.latest(SOURCE.name), changed=False)


def _manifest(snapshot: Snapshot) -> dict:
    return json.loads((snapshot.directory / "snapshot.json").read_text())


def upstream_names(snapshot: Snapshot) -> dict[str, str]:
    """Stored name -> upstream name for every stored file (renamed and redacted ones mapped)."""
    manifest = _manifest(snapshot)
    renamed = {**manifest.get("renamed_files", {}), **manifest.get("redacted_files", {})}
    return {name: renamed.get(name, name) for name in snapshot.files}


def system_id(round_: str, relative: str) -> str:
    """A system's id from a path inside its round: '<submitter>/systems/<name>.json' and
    '<submitter>/results/<name>/...' give 'v2.1/Azure/<name>'; v0.5 ids keep the submission
    folders ('v0.5/google/cloud_v3.8/resnet-tpuv3-8/tpu')."""
    parts = relative.split("/")
    if parts[0] == "v0.5.0":
        parts = parts[1:]
    where = parts.index("systems") if "systems" in parts else parts.index("results")
    name = parts[where + 1].removesuffix(".json").removesuffix(".txt")
    return "/".join([round_, *parts[:where], name])


def _read_system(name: str, data: bytes) -> dict[str, str | None]:
    if name.endswith("entry.json"):
        return mlperf_systems.read_entry(data)
    if "/systems_redacted/" in name:
        return mlperf_systems.read_log_style(data)
    return mlperf_systems.read_json(data)


def read_version(snapshot: Snapshot) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(systems, results) of one version, each with `row_number` (1-based, in stored order)."""
    systems, results = [], []
    for stored, upstream in sorted(upstream_names(snapshot).items()):
        match = ROUND_FOLDER.match(upstream)
        if match is None:
            continue
        round_, relative = match[1], upstream[match.end() :]
        data = snapshot.path(stored).read_bytes()
        is_system = "/systems/" in relative or "/systems_redacted/" in stored
        if is_system or relative.endswith("/entry.json"):
            try:
                fields = _read_system(stored, data)
            except (ValueError, SyntaxError) as err:
                raise UpstreamFormatError(f"{upstream}: not a system description ({err})") from err
            submitter = relative.split("/")[1 if relative.startswith("v0.5.0/") else 0]
            systems.append(
                {
                    "round": round_,
                    "system_id": system_id(round_, relative),
                    "submitter": submitter,
                    "system_file": upstream,
                    "nodes_in_entry": None,
                    **fields,
                }
            )
        elif relative.startswith("results_extract/") and relative.endswith(".mllog.txt.gz"):
            results.extend(_results(round_, mlperf_logs.read_extract(data)))
    return (
        _numbered(pl.DataFrame(systems, schema=dict.fromkeys(SYSTEM_COLUMNS, pl.String))),
        _numbered(_result_frame(results, snapshot)),
    )


def _results(round_: str, sections: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for section in sections:
        path = str(section["path"])
        parts = path.split("/")
        at = parts.index("results")
        accuracy = section["eval_accuracy"]
        rows.append(
            {
                **section,
                "round": round_,
                "system_id": system_id(round_, path),
                "submitter": parts[1] if parts[0] == "v0.5.0" else parts[0],
                "benchmark_folder": parts[at + 2],
                "result_file": parts[-1],
                "eval_accuracy": accuracy if isinstance(accuracy, float) else None,
                "eval_accuracy_text": None if accuracy is None else json.dumps(accuracy),
            }
        )
    return rows


def _result_frame(rows: list[dict[str, object]], snapshot: Snapshot) -> pl.DataFrame:
    """The extracts' records joined to the index of every result file (which gives
    `index_status`); a file in one and not the other is an upstream format error."""
    index = []
    for stored, upstream in upstream_names(snapshot).items():
        if match := re.match(
            r"^training_results_(v[\d.]+)/results_extract/results_index\.tsv$", upstream
        ):
            text = snapshot.path(stored).read_text()
            body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
            frame = pl.read_csv(io.StringIO(body), separator="\t", infer_schema=False)
            index.append(
                frame.select("path", index_status="status").with_columns(round=pl.lit(match[1]))
            )
    schema = {c: pl.String for c in RESULT_COLUMNS}
    schema |= {c: pl.Float64 for c in ("run_start", "run_stop", "eval_accuracy", "eval_target")}
    schema |= {"global_batch_size": pl.Float64, "lines_read": pl.Int64, "unread_lines": pl.Int64}
    found = pl.DataFrame(
        [{c: r.get(c) for c in schema if c != "index_status"} for r in rows],
        schema={c: t for c, t in schema.items() if c != "index_status"},
    )
    indexed = pl.concat(index)
    joined = indexed.join(found, on=["round", "path"], how="full", coalesce=True)
    stray = joined.filter(pl.col("index_status").is_null() | pl.col("section_status").is_null())
    if stray.height:
        raise UpstreamFormatError(
            f"result files in only one of index and extracts: {stray['path'].head(3).to_list()}"
        )
    return joined.select(RESULT_COLUMNS).sort("round", "path")


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


# Wrappers around a chip name the resolver cannot see through, each rewritten to the chip:
# 'NVIDIA Blackwell GPU (GB200)' -> 'NVIDIA GB200'; '(B200-SXM-180GB)' -> 'NVIDIA B200' (B200 and
# B300 are SXM-only parts); 'NVIDIA H200-SXM5-141GB' -> 'NVIDIA H200-SXM' (the H200's one SXM
# form); 'AMD Instinct MI300X 192GB HBM3' -> 'AMD Instinct MI300X' (memory words; DLC = liquid
# cooled).
CHIP_REWRITES = (
    (re.compile(r"^NVIDIA Blackwell (?:Ultra )?GPU \((\w+?)(?:-SXM-\d+GB)?\)$"), r"NVIDIA \1"),
    (re.compile(r"^NVIDIA H200-SXM5-141GB$"), "NVIDIA H200-SXM"),
    (re.compile(r"(?i)\s+\d+GB\s+HBM3E?(?:\s+DLC)?$"), ""),
)


def chip_spelling(name: str | None, round_: str) -> str | None:
    """The chip an `accelerator_model_name` names, as the resolver can read it: a TPU slice
    ('tpuv3-8') is its chip ('TPU v3'); v0.7 and v1.0's bare 'TPU' systems are all tpu-v4-*
    (their file names) so 'TPU v4'; CPU-only systems ('N/A', 'NA') name no chip (None)."""
    if name is None or name.strip().upper() in ("N/A", "NA", "NONE", ""):
        return None
    if match := re.fullmatch(r"(?i)tpu-?v(\d)(?:-\d+)?", name.strip()):
        return f"TPU v{match[1]}"
    if name.strip() == "TPU" and round_ in ("v0.7", "v1.0"):
        return "TPU v4"
    text = name.strip()
    for pattern, replacement in CHIP_REWRITES:
        text = pattern.sub(replacement, text)
    return text


def mention_records(systems: pl.DataFrame, seen_on: date) -> pl.DataFrame:
    """One mention record per system file naming a chip (`record` = the system id)."""
    rows = [
        (sid, spelling, None, CONTEXT, seen_on)
        for sid, name, round_ in systems.select(
            "system_id", "accelerator_model_name", "round"
        ).iter_rows()
        if (spelling := chip_spelling(name, round_)) is not None
    ]
    return pl.DataFrame(rows, schema={"record": pl.String, **mentions.RECORD_SCHEMA}, orient="row")


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """The accelerator names of every version's system files, folded into spellings."""
    frames = [mention_records(read_version(s)[0], s.retrieved_at.date()) for s in snapshots]
    return mentions.mentions(pl.concat(frames))


def summary_scores(snapshot: Snapshot) -> pl.DataFrame:
    """Scores the submitters' summary CSVs state (minutes), one row per (file, system,
    benchmark) with a number: `round`, `file`, `system`, `benchmark`, `minutes`. Only the
    tabular files (not the smc pivot tables); a header repeated in the body is skipped."""
    rows = []
    for stored, upstream in sorted(upstream_names(snapshot).items()):
        match = ROUND_FOLDER.match(upstream)
        if not match or not upstream.endswith(("summary.csv", "summarizer.csv")):
            continue
        reader = csv.reader(io.StringIO(snapshot.path(stored).read_bytes().decode("utf-8-sig")))
        header = next(reader)
        if "system" not in header:
            continue
        first_score = (
            header.index("notes") + 1 if "notes" in header else header.index("framework") + 1
        )
        for record in reader:
            if record == header or len(record) != len(header):
                continue
            for column in header[first_score:]:
                value = record[header.index(column)].strip()
                if column not in ("details_url", "code_url") and re.fullmatch(r"[\d.]+", value):
                    rows.append(
                        (match[1], upstream, record[header.index("system")], column, float(value))
                    )
    schema = {
        "round": pl.String,
        "file": pl.String,
        "system": pl.String,
        "benchmark": pl.String,
        "minutes": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row").unique(maintain_order=True)
