"""Resolving any dataset's spelling of a chip to its canonical id (`analyses/hardware_ids.py`),
and `link`, the one join every consumer uses to turn its spellings into ids.

A spelling seen elsewhere ('A100 (80 GB)', '8 V100 (AWS p3.16xlarge)', 'TPUv2 x 8') resolves by,
in order: a curated entry (data/curated/hardware_aliases.csv, each with its reason); the exact id;
the only known chip whose id has all the spelling's words (`tokens`); among several, the one
adding the fewest words, i.e. the base product rather than its Mobile/Max-Q/vGPU variants
(`closest`, only when exactly one adds fewest); the product family when several form factors
tie and the family itself is known (`family`). A result that names a product family
(`analyses.hardware_identity.families`: 'A100' has SXM4 and PCIe, 40 and 80 GB variants) is
flagged ambiguous with its members, never narrowed to a guessed variant. Counts, instance names, memory-only words,
descriptive words ('Tensor Core', 'Ampere') and trailing setting words are set aside first.
Anything else stays unresolved with the reason and the candidates: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from analyses.hardware_ids import (
    FAMILY_VENDOR,
    MEMORY_SIZE,
    VENDOR_PREFIX,
    VENDOR_WORDS,
    WORD,
    ascii_lower,
    infer_vendor,
    product_words,
    vendor_prefix,
)

# Words that describe rather than name a chip ('NVIDIA T4 Tensor Core', 'V100 GPU', 'A100
# Ampere', 'TPU v4 pod').
NOISE_WORDS = {
    "gpu",
    "gpus",
    "tensor",
    "core",
    "cores",
    "graphics",
    "card",
    "accelerator",
    "pod",
    "node",
    "nodes",
    "ampere",
    "hopper",
    "volta",
    "turing",
    "pascal",
    "blackwell",
}
# Form-factor words a dataset may write without their generation ('H100 SXM' = 'SXM5').
STEMS = ("sxm",)
# Chip counts: '8 V100', '8x A100', '8*V100', 'V100 * 1 GPU', 'TPUv2 x 8' (a count is a
# separate word: the 'x 3090' of 'RTX 3090' is not one).
_COUNTS = [
    re.compile(r"^\s*\d+\s*(?:[x*×]\s*|\s+)", re.IGNORECASE),
    re.compile(r"(?:^|\s)\d+x\s+", re.IGNORECASE),
    re.compile(r"(?:^|\s)\d+\s*[*×]\s*", re.IGNORECASE),
    re.compile(r"\s+[x*×]\s*\d+(?:\s+gpus?)?\s*$", re.IGNORECASE),
    re.compile(r"\s*\*\s*\d+(?:\s+gpus?)?", re.IGNORECASE),
]
_PARENS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")


def mention_core(text: str) -> str:
    """The chip named by a free-text hardware mention: counts and the memory/CPU/instance
    parts after '/' dropped, brackets dropped unless they hold a memory size or the only chip
    name ('8 V100 (AWS p3.16xlarge)' -> 'V100'; '1 K80 / 30 GB / 8 CPU' -> 'K80';
    '1 GPU (Nvidia GeForce GTX 1080 Ti)' -> 'Nvidia GeForce GTX 1080 Ti')."""
    core = text.strip().splitlines()[0] if text.strip() else ""
    outside = _PARENS.sub(" ", core)
    inside = _PARENS.findall(core)
    if not _names_a_chip(outside) and any(_names_a_chip(part) for part in inside):
        core = next(part for part in inside if _names_a_chip(part))
    core = re.split(r"\s/\s|/(?=\s*\d+\s*(?:gb|cpu|vcpu)\b)|\s\(\d+\s*vcpu", core, flags=re.I)[0]
    core = _PARENS.sub(
        lambda m: f" {m.group(1)} " if MEMORY_SIZE.search(m.group(1).lower()) else " ", core
    )
    for pattern in _COUNTS:
        core = pattern.sub(" ", core)
    return " ".join(core.split())


def _names_a_chip(text: str) -> bool:
    return infer_vendor(text) is not None or any(
        pattern.match(w) for w in product_words(text) for pattern, _ in FAMILY_VENDOR
    )


def _chip_words(core: str, prefix: str) -> list[str]:
    """Product words from the first word that names the vendor or a chip family on: drops a
    provider in front ('Baidu Cloud Tesla V100' -> v100) and descriptive words."""
    words = product_words(core, prefix)
    raw = product_words(core)
    for i, word in enumerate(raw):
        if VENDOR_PREFIX.get(word) or any(p.match(word) for p, _ in FAMILY_VENDOR):
            start = raw[i:]
            words = [w for w in start if w not in VENDOR_WORDS.get(prefix, set()) and w != prefix]
            break
    return [w for w in words if w not in NOISE_WORDS]


@dataclass(frozen=True)
class Resolution:
    hardware_id: str | None
    method: str | None  # exact, tokens, closest, family, curated, merged
    reason: str | None = None  # why unresolved
    candidates: tuple[str, ...] = ()


class Resolver:
    """Resolves spellings against the set of known canonical ids."""

    def __init__(
        self,
        known_ids: Iterable[str],
        curated: dict[str, str] | None = None,
        merged: dict[str, str] | None = None,
        families: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """`merged`: ids merged into another (meta.hardware_merge); `families`: ids that name
        several products, with those products (analyses.hardware_identity.families)."""
        self.known = set(known_ids)
        self.merged = merged or {}
        self.families = families or {}
        curated = curated or {}
        self.curated = {k: self.merged.get(v, v) for k, v in curated.items()}
        self._by_vendor: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for hid in self.known:
            prefix, *words = hid.split("-")
            self._by_vendor.setdefault(prefix, []).append((hid, frozenset(words)))
        self._words = {hid: ws for pairs in self._by_vendor.values() for hid, ws in pairs}

    def resolve(
        self, spelling: str, vendor_hint: str | None = None, qualifier: str | None = None
    ) -> Resolution:
        """`qualifier`: words the dataset states beside the spelling (a socket type)."""
        core = mention_core(spelling) + (f" {qualifier}" if qualifier else "")
        # A stated qualifier can contradict an entry curated for the bare spelling elsewhere
        # (GCP's 'a100-80gb' is SXM4; the tracker's 'A100_80GB' with socket PCIe is not).
        keys = (_curated_key(core),) if qualifier else (_curated_key(spelling), _curated_key(core))
        key = next((k for k in keys if k in self.curated), None)
        if key:
            target = self.curated[key]
            if target in self.known:
                return Resolution(target, "curated")
            return Resolution(None, None, f"curated entry points to unknown id {target}")
        first = product_words(core)[:1]
        prefix = (
            vendor_prefix(vendor_hint)
            or infer_vendor(core)
            or (first[0] if first and first[0] in self._by_vendor else None)  # 'Cerebras CS-2'
        )
        if prefix is None:
            return Resolution(None, None, "no vendor stated or implied by the name")
        words = _chip_words(core, prefix)
        if not [w for w in words if not MEMORY_SIZE.fullmatch(w)]:
            return Resolution(None, None, "the spelling names no product (at most a memory size)")
        wanted = "-".join([prefix, *words])
        if wanted in self.known:
            return Resolution(wanted, "exact")
        memory = [w for w in words if MEMORY_SIZE.fullmatch(w)]
        attempts = [words] + ([[w for w in words if w not in memory]] if memory else [])
        # Words after the chip's name may describe its setting ('V100 with NVLink for each
        # node'): drop trailing plain words (never a model number) while nothing matches.
        end = len(words)
        while end > 1 and words[end - 1].isalpha():
            end -= 1
            attempts.append(words[:end])
        first_miss = None
        for attempt in attempts:
            resolution = self._by_words(prefix, attempt)
            if resolution.hardware_id or resolution.candidates:
                return resolution
            first_miss = first_miss or resolution
        return first_miss

    def _by_words(self, prefix: str, words: list[str]) -> Resolution:
        exact = "-".join([prefix, *words])
        if exact in self.known:
            return Resolution(exact, "tokens")
        wanted = frozenset(words)
        matches = sorted(
            h for h, ws in self._by_vendor.get(prefix, []) if all(_has(ws, w) for w in wanted)
        )
        if len(matches) == 1:
            return Resolution(matches[0], "tokens")
        if matches:
            # Variants add words to the base product's name (Mobile, Max-Q, vGPU profiles such
            # as '12Q'): the one match adding the fewest words is the product named.
            extra = {h: len(self._words[h] - wanted) for h in matches}
            fewest = min(extra.values())
            closest = [h for h in matches if extra[h] == fewest]
            if len(closest) == 1:
                return Resolution(closest[0], "closest")
        if not matches:
            return Resolution(
                None, None, f"no known {prefix} chip has all of: {' '.join(sorted(wanted))}"
            )
        family = "-".join([prefix, *[w for w in words if not MEMORY_SIZE.fullmatch(w)]])
        if family in self.known or family in self.families:
            return Resolution(family, "family", candidates=self.families.get(family, ()))
        return Resolution(None, None, "ambiguous: several chips match", tuple(matches))


def _has(words: frozenset[str], word: str) -> bool:
    """`word` is among `words`, or is a form-factor stem of one ('sxm' of 'sxm5')."""
    return word in words or (word in STEMS and any(w.startswith(word) for w in words))


def _curated_key(text: str) -> str:
    return " ".join(WORD.findall(ascii_lower(text)))


def curated_aliases(curated: pl.DataFrame) -> dict[str, str]:
    """Curated spellings (data/curated/hardware_aliases.csv: `spelling`, `hardware_id`) ->
    {normalised spelling: hardware_id}, for what rules cannot know."""
    return {
        _curated_key(spelling): hid
        for spelling, hid in zip(curated["spelling"], curated["hardware_id"], strict=True)
    }


def resolve_mentions(
    mentions: pl.DataFrame, resolver: Resolver
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Mentions (`alias`, `vendor_hint`, `source`, `context`, `occurrences`) ->
    (resolved: + `hardware_id`, `method`; unresolved: + `reason`, `candidates`)."""
    if "qualifier" not in mentions.columns:
        mentions = mentions.with_columns(qualifier=pl.lit(None, pl.String))
    distinct = mentions.select("alias", "vendor_hint", "qualifier").unique()
    outcomes = [resolver.resolve(a, h, q) for a, h, q in distinct.iter_rows()]
    members = [resolver.families.get(o.hardware_id or "", o.candidates) for o in outcomes]
    decided = distinct.with_columns(
        hardware_id=pl.Series([o.hardware_id for o in outcomes], dtype=pl.String),
        method=pl.Series([o.method for o in outcomes], dtype=pl.String),
        reason=pl.Series([o.reason for o in outcomes], dtype=pl.String),
        candidates=pl.Series([",".join(m) or None for m in members], dtype=pl.String),
        is_ambiguous=pl.Series(
            [o.hardware_id in resolver.families for o in outcomes], dtype=pl.Boolean
        ),
    )
    joined = mentions.join(
        decided, on=["alias", "vendor_hint", "qualifier"], how="left", nulls_equal=True
    )
    resolved = joined.filter(pl.col("hardware_id").is_not_null())
    unresolved = joined.filter(pl.col("hardware_id").is_null())
    return resolved, unresolved


def link(
    frame: pl.DataFrame,
    aliases: pl.DataFrame,
    *,
    spelling: str,
    on: dict[str, str] | None = None,
    into: str = "hardware_id",
) -> pl.DataFrame:
    """The one way any dataset's spelling of a chip becomes its id: `frame` plus `into`, the
    `hardware_id` that `aliases` (rows of core.hardware_alias: `alias`, `hardware_id`, and the
    alias columns named in `on`) give its `spelling` column, matched on the spelling and on
    `on` ({frame column: alias column}, e.g. the source and the mention's context). Null
    where the spelling did not resolve (meta.unresolved_hardware says why); a family id where
    it names several products (core.hardware_alias.is_ambiguous)."""
    on = on or {}
    keys = aliases.select(
        pl.col("alias").alias(spelling),
        *(pl.col(alias_column).alias(column) for column, alias_column in on.items()),
        pl.col("hardware_id").alias(into),
    ).unique([spelling, *on], keep="first", maintain_order=True)
    return frame.join(keys, on=[spelling, *on], how="left", nulls_equal=False)


def coverage(resolved: pl.DataFrame, unresolved: pl.DataFrame) -> dict[str, float]:
    """Share of distinct spellings, and of their occurrences, that resolved."""
    n_res, n_unres = resolved.height, unresolved.height
    occ_res = resolved["occurrences"].sum() or 0
    occ_unres = unresolved["occurrences"].sum() or 0
    return {
        "spellings": n_res / (n_res + n_unres) if n_res + n_unres else 1.0,
        "occurrences": occ_res / (occ_res + occ_unres) if occ_res + occ_unres else 1.0,
    }
