"""MLPerf Training result logs: the gzip extracts of `results_extract/` read into one record per
upstream result file, in the three log formats of 2018-2025.

An extract (`<Submitter>.mllog.txt.gz`) is a header of `#` lines, then per upstream result file
a section line `#####<TAB>path<TAB>blob<TAB>bytes<TAB>lines<TAB>kept<TAB>status` followed by the
kept log lines (byte-identical to upstream). A record's times are read as the MLPerf result
summarizer reads them (mlcommons/logging, `_query_run_start_stop`): the last `run_start` before
the first `run_stop`, and that first `run_stop`. Units differ by era (`TIME_UNIT_S`):

- v0.5 `:::MLPv0.5.0 <benchmark> <unix s> (<file>:<line>) <key>[: <value>]`;
- v0.6 `:::MLL <unix s> <key>: {"value": ..., "metadata": {...}}` (Intel's metadata is a Python
  repr), and Alibaba's `MLPerf: <benchmark> [mm/dd/yy HH:MM:SS], <key>[: <value>]`;
- v0.7 onward `:::MLLOG {json}` with `time_ms` in milliseconds.

Markers are searched anywhere in a line (rank prefixes, glued output); a line that does not
read is skipped and counted in `unread_lines`, never guessed.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
from datetime import UTC, datetime

SECTION = "#####\t"
# Index / section status (lower case in results_index.tsv, upper case in the extracts).
EXTRACTED = "extracted"
MISSING = "missing_from_snapshot"
NO_LINES = "no_matching_lines"
SUBMISSION_KEYS = ("benchmark", "division", "status", "platform", "org")
_DECODER = json.JSONDecoder()
_MLPV05 = re.compile(r":::MLPv0\.5\.0 (\S+) ([\d.]+) \([^)]*\) (\w+)(?:: (.*))?")
_MLL = re.compile(r":::MLL ([\d.]+) (\w+): (.*)")
_ALIBABA = re.compile(r"MLPerf: (\S+) \[(\d\d/\d\d/\d\d \d\d:\d\d:\d\d)\], (\w+)(?:: (.*))?")
_PERCENT = re.compile(r'"value":\s*([\d.]+)%')


def _loads(text: str) -> object:
    """JSON, else a Python literal (Intel v0.6 metadata), else the text itself."""
    text = text.strip()
    try:
        return _DECODER.raw_decode(text)[0]
    except ValueError:
        pass
    try:
        return ast.literal_eval(text.replace("null", "None").replace("true", "True"))
    except (ValueError, SyntaxError):
        return text


def _record(line: str) -> tuple[str, float, object, dict] | None:
    """(key, time in the era's unit, value, metadata) of one log line, None if none reads."""
    at = line.find(":::MLLOG ")
    if at >= 0:
        try:
            log = _DECODER.raw_decode(line, at + 9)[0]
            return log["key"], float(log["time_ms"]), log.get("value"), log.get("metadata") or {}
        except (ValueError, KeyError, TypeError):
            return None
    if match := _MLL.search(line):
        body = _loads(match[3])
        if isinstance(body, dict):
            return match[2], float(match[1]), body.get("value"), body.get("metadata") or {}
        return match[2], float(match[1]), body, {}
    if match := _MLPV05.search(line):
        value = _loads(match[4]) if match[4] is not None else None
        if isinstance(value, dict) and "value" in value:
            return match[3], float(match[2]), value["value"], value
        return match[3], float(match[2]), value, value if isinstance(value, dict) else {}
    if match := _ALIBABA.search(line):
        when = datetime.strptime(match[2], "%m/%d/%y %H:%M:%S").replace(tzinfo=UTC)
        raw = match[4]
        if raw is not None and (percent := _PERCENT.search(raw)):
            return match[3], when.timestamp(), float(percent[1]) / 100, {}
        return match[3], when.timestamp(), _loads(raw) if raw else None, {}
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _stop_status(value: object, metadata: dict) -> str | None:
    """`run_stop`'s status: metadata.status (v0.6 on), else v0.5's {"success": bool}."""
    status = metadata.get("status")
    if status is None and isinstance(value, dict) and "success" in value:
        status = "success" if value["success"] else "aborted"
    if status is None and isinstance(metadata.get("success"), bool):
        status = "success" if metadata["success"] else "aborted"
    return None if status is None else str(status).strip().lower()


def summarise(lines: list[str]) -> dict[str, object]:
    """One result file's kept lines -> run_start, run_stop (era units), run_stop_status,
    eval_accuracy (last), eval_target (last, v0.5), batch size (first global, else input),
    submission_* (first), lines read and lines that did not read."""
    out: dict[str, object] = {"run_start": None, "run_stop": None, "run_stop_status": None}
    out |= {"eval_accuracy": None, "eval_target": None, "global_batch_size": None}
    out |= {f"log_{k}": None for k in SUBMISSION_KEYS}
    input_batch = None
    unread = 0
    for line in lines:
        record = _record(line)
        if record is None:
            unread += 1
            continue
        key, time, value, metadata = record
        if key == "run_start" and out["run_stop"] is None:
            out["run_start"] = time
        elif key == "run_stop" and out["run_stop"] is None:
            out["run_stop"] = time
            out["run_stop_status"] = _stop_status(value, metadata)
        elif key == "eval_accuracy":
            out["eval_accuracy"] = _number(value)
        elif key == "eval_target":
            out["eval_target"] = _number(value)
        elif key == "global_batch_size" and out["global_batch_size"] is None:
            out["global_batch_size"] = _number(value)
        elif key == "input_batch_size" and input_batch is None:
            input_batch = _number(value)
        elif (
            key.startswith("submission_")
            and key[11:] in SUBMISSION_KEYS
            and out[f"log_{key[11:]}"] is None
            and value is not None
        ):
            out[f"log_{key[11:]}"] = str(value)
    if out["global_batch_size"] is None:
        out["global_batch_size"] = input_batch
    out["lines_read"] = len(lines)
    out["unread_lines"] = unread
    return out


def read_extract(data: bytes) -> list[dict[str, object]]:
    """Every section of one gzip extract: path, blob, section_status and `summarise`'s fields
    (all null for a file missing from the snapshot)."""
    text = gzip.decompress(data).decode("utf-8", errors="replace")
    sections: list[dict[str, object]] = []
    header: list[str] | None = None
    lines: list[str] = []
    for line in text.split("\n"):
        if line.startswith(SECTION):
            if header is not None:
                sections.append(_section(header, lines))
            header, lines = line.rstrip("\r").split("\t"), []
        elif header is not None and line and not line.startswith("#"):
            lines.append(line.rstrip("\r"))
    if header is not None:
        sections.append(_section(header, lines))
    return sections


def _section(header: list[str], lines: list[str]) -> dict[str, object]:
    if len(header) != 7:
        raise ValueError(f"not an extract section line: {header!r}")
    _, path, blob, _, _, _, status = header
    return {"path": path, "blob": blob, "section_status": status.lower(), **summarise(lines)}
