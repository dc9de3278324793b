"""The DAWNBench upstream as it is laid out: the source, its tasks and kinds, the fields an
entry and a curve carry, the quality targets, the e-mail rule, and reading a stored file."""

from __future__ import annotations

import re

import polars as pl

from sources.snapshots import Snapshot
from sources.source import (
    SourceInfo,
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
