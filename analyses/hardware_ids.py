"""Canonical accelerator ids: `<vendor>-<product words>`.

An id is lower-case ASCII words joined by '-', with memory sizes written as one word ('80gb'),
NVIDIA's dropped 'Tesla' brand removed, and the vendor's name not repeated. So 'NVIDIA H100 SXM5
80GB' (Epoch) and 'H100 SXM5 80 GB' by vendor 'nvidia' (TechPowerUp) are both
'nvidia-h100-sxm5-80gb'. A vendor a dataset does not state is inferred from the product name
(`infer_vendor`). Resolving other datasets' spellings to these ids: `analyses/hardware_resolver.py`.
"""

from __future__ import annotations

import re
import unicodedata

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
MEMORY_SIZE = re.compile(r"\b(\d+)\s*(?:gb|gib)\b|\b(\d{1,3})\s*g\b")
WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")


def ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def vendor_prefix(vendor: str | None) -> str | None:
    if not vendor or not vendor.strip():
        return None
    key = ascii_lower(vendor).strip()
    return VENDOR_PREFIX.get(key) or "-".join(WORD.findall(key)) or None


def product_words(name: str, prefix: str | None = None) -> list[str]:
    """The words of a product name, without the vendor's, memory sizes as '80gb'."""
    text = ascii_lower(name).replace("(", " ").replace(")", " ").replace("+", " plus ")
    text = MEMORY_SIZE.sub(lambda m: f" {m.group(1) or m.group(2)}gb ", text)
    text = re.sub(r"\btpu\s*v(\d)", r"tpu v\1", text)
    text = re.sub(r"\b(rtx|gtx)(\d)", r"\1 \2", text)  # 'RTX5000' as 'RTX 5000'
    text = re.sub(r"\b(\d{4})(ti)\b", r"\1 \2", text)  # '3080Ti' as '3080 Ti'
    text = text.replace("_", " ")
    drop = VENDOR_WORDS.get(prefix or "", set()) | ({prefix} if prefix else set())
    return [w for w in WORD.findall(text) if w not in drop]


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
