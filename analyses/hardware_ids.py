"""Canonical accelerator ids, and resolving any dataset's spelling of a chip to one.

An id is `<vendor>-<product words>`: lower-case ASCII words joined by '-', with memory sizes
written as one word ('80gb'), NVIDIA's dropped 'Tesla' brand removed, and the vendor's name not
repeated. So 'NVIDIA H100 SXM5 80GB' (Epoch) and 'H100 SXM5 80 GB' by vendor 'nvidia'
(TechPowerUp) are both 'nvidia-h100-sxm5-80gb'.

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
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

# Vendor names as sources write them -> the id prefix.
VENDOR_PREFIX = {
    "nvidia": "nvidia",
    "amd": "amd",
    "ati": "amd",
    "intel": "intel",
    "google": "google",
    "amazon": "aws",
    "amazon aws": "aws",
    "aws": "aws",
    "huawei": "huawei",
}
# Words that name the vendor inside a product name (dropped: the prefix says it).
VENDOR_WORDS = {
    "nvidia": {"nvidia", "tesla"},
    "amd": {"amd", "ati"},
    "intel": {"intel"},
    "google": {"google", "cloud"},
    "aws": {"aws", "amazon"},
}
# Product words that tell the vendor when a dataset does not (cloud tables rarely do).
# Brand words count anywhere in a text; short model numbers ('A100', 'M5') only as its first
# word, so that 'Cambricon MLU290-M5' is not read as an NVIDIA M5.
BRAND_VENDOR = [
    (re.compile(r"^(rtx|gtx|geforce|quadro|titan|tesla|nvidia)$"), "nvidia"),
    (re.compile(r"^(mi\d+[a-z]*|radeon|instinct|firepro)$"), "amd"),
    (re.compile(r"^(tpu|tpuv\d+)$"), "google"),
    (re.compile(r"^(gaudi\d*|habana|xeon)$"), "intel"),
    (re.compile(r"^(trainium\d*|inferentia\d*)$"), "aws"),
    (re.compile(r"^ascend$"), "huawei"),
]
MODEL_VENDOR = [(re.compile(r"^(a|h|b|v|p|k|m|t|l|gh|gb)\d{1,4}[a-z]*$"), "nvidia")]
FAMILY_VENDOR = BRAND_VENDOR + MODEL_VENDOR
# '80 GB', '80GB', '80 GiB', and a bare '80G' only for memory-sized numbers ('E-2124G' is a CPU).
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
_MEMORY = re.compile(r"\b(\d+)\s*(?:gb|gib)\b|\b(\d{1,3})\s*g\b")
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def vendor_prefix(vendor: str | None) -> str | None:
    if not vendor or not vendor.strip():
        return None
    key = _ascii_lower(vendor).strip()
    return VENDOR_PREFIX.get(key) or "-".join(_WORD.findall(key)) or None


def product_words(name: str, prefix: str | None = None) -> list[str]:
    """The words of a product name, without the vendor's, memory sizes as '80gb'."""
    text = _ascii_lower(name).replace("(", " ").replace(")", " ").replace("+", " plus ")
    text = _MEMORY.sub(lambda m: f" {m.group(1) or m.group(2)}gb ", text)
    text = re.sub(r"\btpu\s*v(\d)", r"tpu v\1", text)
    text = re.sub(r"\b(rtx|gtx)(\d)", r"\1 \2", text)  # 'RTX5000' as 'RTX 5000'
    text = re.sub(r"\b(\d{4})(ti)\b", r"\1 \2", text)  # '3080Ti' as '3080 Ti'
    text = text.replace("_", " ")
    drop = VENDOR_WORDS.get(prefix or "", set()) | ({prefix} if prefix else set())
    return [w for w in _WORD.findall(text) if w not in drop]


def hardware_id(name: str | None, vendor: str | None = None) -> str | None:
    """'NVIDIA H100 SXM5 80GB' -> 'nvidia-h100-sxm5-80gb' (vendor from the name if not given).

    None for a missing name (the record is then quarantined for lacking one)."""
    if not name or not name.strip():
        return None
    prefix = vendor_prefix(vendor) or infer_vendor(name)
    words = product_words(name, prefix)
    return "-".join(([prefix] if prefix else []) + words)


def hardware_id_expr(name: pl.Expr, vendor: pl.Expr | None = None) -> pl.Expr:
    """`hardware_id` over columns of names (and vendors)."""
    if vendor is None:
        return name.map_elements(hardware_id, return_dtype=pl.String)
    return pl.struct(n=name, v=vendor).map_elements(
        lambda r: hardware_id(r["n"], r["v"]), return_dtype=pl.String
    )


def infer_vendor(name: str) -> str | None:
    """The vendor a product name implies ('A100' -> nvidia), or None when it does not: a vendor
    word anywhere, else a known product family in the first word only ('Cambricon MLU290-M5'
    names no NVIDIA 'M5')."""
    words = product_words(name)
    for word in words:
        if word in VENDOR_PREFIX:
            return VENDOR_PREFIX[word]
        for pattern, vendor in BRAND_VENDOR:
            if pattern.match(word):
                return vendor
    for pattern, vendor in MODEL_VENDOR:
        if words and pattern.match(words[0]):
            return vendor
    return None


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
        lambda m: f" {m.group(1)} " if _MEMORY.search(m.group(1).lower()) else " ", core
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
        if not [w for w in words if not _MEMORY.fullmatch(w)]:
            return Resolution(None, None, "the spelling names no product (at most a memory size)")
        wanted = "-".join([prefix, *words])
        if wanted in self.known:
            return Resolution(wanted, "exact")
        memory = [w for w in words if _MEMORY.fullmatch(w)]
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
        family = "-".join([prefix, *[w for w in words if not _MEMORY.fullmatch(w)]])
        if family in self.known or family in self.families:
            return Resolution(family, "family", candidates=self.families.get(family, ()))
        return Resolution(None, None, "ambiguous: several chips match", tuple(matches))


def _has(words: frozenset[str], word: str) -> bool:
    """`word` is among `words`, or is a form-factor stem of one ('sxm' of 'sxm5')."""
    return word in words or (word in STEMS and any(w.startswith(word) for w in words))


def _curated_key(text: str) -> str:
    return " ".join(_WORD.findall(_ascii_lower(text)))


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
