"""MLPerf Training system descriptions, every round's, read into one record per system file.

Three shapes (data/snapshots/mlperf/PROVENANCE.md): the system JSON of v0.6 onward
(`<Submitter>/systems/<system>.json`, Google's v0.6 format), v0.5's `entry.json` (and Alibaba's
v0.6 one) with a `nodes` list, and NVIDIA's v0.6 log-style files (`org: {...}`, `entry:
{"value": "<Python dict repr>"}`), stored redacted (`systems_redacted/<system>.txt`: the
upstream file without its `poc_name` / `poc_email` lines). Only `FIELDS` are read: never a
person's name or e-mail. Alibaba's v0.7 files have a trailing comma (invalid JSON): it is
dropped before reading. Keys spelled two ways (`number of nodes`, `system-type`, `divison`,
`sumitter`) are read under their usual name.
"""

from __future__ import annotations

import ast
import json
import re

# Upstream field -> our column: the only fields read.
FIELDS = {
    "submitter": "submitter_as_written",
    "division": "division_as_written",
    "status": "status_as_written",
    "system_name": "system_name",
    "system_type": "system_type",
    "number_of_nodes": "number_of_nodes",
    "host_processors_per_node": "host_processors_per_node",
    "host_processor_model_name": "host_processor_model_name",
    "accelerators_per_node": "accelerators_per_node",
    "accelerator_model_name": "accelerator_model_name",
    "accelerator_memory_capacity": "accelerator_memory_capacity",
    "framework": "framework",
}
SPELLINGS = {
    "number of nodes": "number_of_nodes",
    "system-type": "system_type",
    "divison": "division",
    "sumitter": "submitter",
}
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_LOG_LINE = re.compile(r"^(\w+): (\{.*\})\s*$")


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _fields(description: dict) -> dict[str, str | None]:
    named = {SPELLINGS.get(k, k): v for k, v in description.items()}
    return {column: _text(named.get(field)) for field, column in FIELDS.items()}


def read_json(data: bytes) -> dict[str, str | None]:
    """A v0.6+ system JSON (or v0.7 Alibaba's with its trailing comma) -> `FIELDS`."""
    text = data.decode("utf-8-sig")
    try:
        description = json.loads(text)
    except json.JSONDecodeError:
        description = json.loads(_TRAILING_COMMA.sub(r"\1", text))
    if not isinstance(description, dict):
        raise ValueError("a system description is not a JSON object")
    return _fields(description)


def _entry_fields(entry: dict) -> dict[str, str | None]:
    """v0.5-style `entry.json` (a `nodes` list): the first node group's counts and chip, the
    `hardware` text as system name. `num_accelerators` is per node for NVIDIA and GPU entries
    and a total for Google's TPUs (tpuv2-512: 64 nodes, 512); read as written, the caller
    counts chips."""
    nodes = entry.get("nodes")
    if isinstance(nodes, str):
        nodes = ast.literal_eval(nodes)
    node = (nodes[0] if isinstance(nodes, list) and nodes else nodes) or {}
    if isinstance(node, str):
        node = ast.literal_eval(node)
    return {
        **{column: None for column in FIELDS.values()},
        "division_as_written": _text(entry.get("division")),
        "status_as_written": _text(entry.get("status")),
        "system_name": _text(entry.get("hardware")),
        "number_of_nodes": _text(node.get("num_nodes")),
        "host_processor_model_name": _text(node.get("cpu")),
        "accelerators_per_node": _text(node.get("num_accelerators")),
        "accelerator_model_name": _text(node.get("accelerator")),
        "framework": _text(entry.get("framework")),
        "nodes_in_entry": str(len(nodes)) if isinstance(nodes, list) else "1",
    }


def read_entry(data: bytes) -> dict[str, str | None]:
    """A v0.5 / Alibaba v0.6 `entry.json` -> `FIELDS` (see `_entry_fields`)."""
    return _entry_fields(json.loads(data.decode("utf-8-sig")))


def read_log_style(data: bytes) -> dict[str, str | None]:
    """NVIDIA's v0.6 log-style system file (redacted copy) -> `FIELDS`: `division`, `status`
    and `org` lines, and the `entry` line's Python dict repr read as a v0.5 entry."""
    values: dict[str, object] = {}
    for line in data.decode("utf-8").splitlines():
        if match := _LOG_LINE.match(line.strip()):
            if match[1] in ("poc_name", "poc_email"):
                continue  # never read, should a copy carry them
            values[match[1]] = json.loads(match[2]).get("value")
    entry = values.get("entry")
    if not isinstance(entry, str):
        raise ValueError("no entry line in a log-style system file")
    fields = _entry_fields(ast.literal_eval(entry))
    fields["division_as_written"] = _text(values.get("division"))
    fields["status_as_written"] = _text(values.get("status"))
    fields["submitter_as_written"] = _text(values.get("org"))
    return fields
