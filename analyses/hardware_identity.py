"""One chip, one id: which spec-source ids name the same product, and which name a family.

Sources spell one product differently ('NVIDIA H200 SXM' in Epoch, 'H200 SXM 141 GB' in
TechPowerUp), so `hardware_id(name, vendor)` gives it several ids. `merges` decides, from the
spec records themselves and a curated file, which ids are one product, and returns each merge
with its rule and reason (the rows of `meta.hardware_merge`):

- `curated`: data/curated/hardware_merges.csv (passed in), each row citing its evidence (a vendor's
  product page, a footnote marker glued onto a name upstream);
- `brand_rename`: AMD sold its accelerators as 'Radeon Instinct' (MI6..MI60) and as 'AMD
  Instinct' (MI100 on); a source that writes the other brand names the same product
  (`amd-radeon-instinct-mi300x` is `amd-instinct-mi300x`);
- `codename`: Wikipedia's GPU tables add the die's code name to a card's name ('Radeon RX
  6800 (Navi 21)'); where that is the only Wikipedia card of the bare name and another source
  names the bare card, they are one product;
- `footnote`: a name equal to another's plus one or two trailing digits, with the same
  release date and FP32 peak within 1 %, is a footnote marker glued onto the name
  ('GeForce GT 640[8]' read as 'GT 6408');
- `memory_variant`: `<base>-<N>gb` and `<base>`: when the base is the only memory variant
  and states no other memory size, they are one product and the base id stays (H200 SXM and
  'H200 SXM 141 GB'); when the base has several memory variants, its own stated memory says
  which one it describes and it merges into that one (Epoch's 'NVIDIA A100 PCIe' states
  40 GB: `nvidia-a100-pcie-40gb`), and the base id is left as a family name.

Different products stay apart: a memory size that disagrees keeps two ids (A100 PCIe 40 GB
and 80 GB, GTX 1080 Ti and its 10 GB variant), and nothing merges on a name alone (L40 and
L40S differ in a word, not a suffix). `families` lists the ids that name several products: a
generic spelling resolves to them with `is_ambiguous`, never to a guessed variant.
"""

from __future__ import annotations

import re

import polars as pl

from analyses.hardware_ids import hardware_id

MERGE_COLUMNS = {
    "from_id": pl.String,
    "to_id": pl.String,
    "rule": pl.String,
    "reason": pl.String,
}
RULES = ("curated", "brand_rename", "codename", "footnote", "memory_variant")
CODENAME_SOURCE = "wikipedia_gpus"
_CODENAME = re.compile(r"^(?P<bare>.*\S)\s*\((?P<code>[^()]*)\)\s*$")
_MEMORY_SUFFIX = re.compile(r"^(?P<base>.+)-(?P<gb>\d+)gb$")
# Words that tell form factors and memory sizes of one product apart: a known id whose extra
# words are all of these is a variant of the shorter id (a family when there are several).
_VARIANT_WORD = re.compile(r"^(sxm\d*|pcie|nvl|\d+gb|hbm\d*e?)$")
FOOTNOTE_FP32_TOLERANCE = 0.01


def curated_merges(curated: pl.DataFrame) -> pl.DataFrame:
    """Merge rows from data/curated/hardware_merges.csv (from_id, to_id, reason, citation)."""
    return curated.select(
        "from_id",
        "to_id",
        rule=pl.lit("curated"),
        reason=pl.col("reason") + " (" + pl.col("citation") + ")",
    )


def merges(records: pl.DataFrame, curated: pl.DataFrame) -> pl.DataFrame:
    """Merges among the ids of spec `records` (`hardware_id`, `name`, `vendor`, `source`,
    `memory_bytes`, `released_on`, `fp32_flop_per_s`; one row per source record) and the
    `curated` ones: `from_id`, `to_id`,
    `rule`, `reason`, one row per id merged away, each pointing at a final id."""
    curated = curated_merges(curated)
    chips = _chips(records)
    found = [curated.select(list(MERGE_COLUMNS)), _codenames(records)]
    for rule in (_brand_renames, _footnotes, _memory_variants):
        taken = set(pl.concat(found)["from_id"])
        found.append(rule(chips).filter(~pl.col("from_id").is_in(taken)))
    merged = pl.concat(found).unique("from_id", keep="first", maintain_order=True)
    return _follow_chains(merged.filter(pl.col("from_id") != pl.col("to_id"))).sort("from_id")


def canonical(ids: pl.Expr, merged: pl.DataFrame) -> pl.Expr:
    """`ids` with every merged-away id replaced by the id it merged into."""
    return ids.replace(dict(zip(merged["from_id"], merged["to_id"], strict=True)))


def families(known_ids: set[str]) -> dict[str, tuple[str, ...]]:
    """Ids that name several products -> those products: any id (known or not) of which two
    or more known ids are form-factor or memory variants (`nvidia-a100`: SXM4 and PCIe, 40
    and 80 GB; `nvidia-a100-pcie`: 40 and 80 GB; `nvidia-h200`: NVL and SXM)."""
    found: dict[str, set[str]] = {}
    for hid in known_ids:
        for n in range(1, hid.count("-")):
            base, extra = hid.rsplit("-", n)[0], hid.split("-")[-n:]
            if all(_VARIANT_WORD.match(w) for w in extra):
                found.setdefault(base, set()).add(hid)
    return {base: tuple(sorted(members)) for base, members in found.items() if len(members) >= 2}


def _chips(records: pl.DataFrame) -> pl.DataFrame:
    """One row per id: the first stated memory, release date and FP32 peak of any record."""
    return records.group_by("hardware_id").agg(
        pl.col("memory_bytes").drop_nulls().first(),
        pl.col("released_on").drop_nulls().first(),
        pl.col("fp32_flop_per_s").drop_nulls().first(),
    )


def _codenames(records: pl.DataFrame) -> pl.DataFrame:
    others = set(records.filter(pl.col("source") != CODENAME_SOURCE)["hardware_id"])
    bare: dict[str, list[str]] = {}
    for hid, name, vendor in (
        records.filter(pl.col("source") == CODENAME_SOURCE)
        .select("hardware_id", "name", "vendor")
        .iter_rows()
    ):
        match = _CODENAME.match(name or "")
        if match:
            bare.setdefault(hardware_id(match["bare"], vendor), []).append(hid)
    rows = [
        (coded[0], base)
        for base, coded in sorted(bare.items())
        if len(coded) == 1 and base in others and base != coded[0]
    ]
    return _frame(
        rows,
        "codename",
        "Wikipedia's GPU tables add the die's code name to the card's name; it is the only "
        "Wikipedia card of that name, and another source names the card without it",
    )


def _brand_renames(chips: pl.DataFrame) -> pl.DataFrame:
    ids = set(chips["hardware_id"])
    rows = [
        (hid, "amd-instinct-" + hid.removeprefix("amd-radeon-instinct-"))
        for hid in sorted(ids)
        if hid.startswith("amd-radeon-instinct-")
        and "amd-instinct-" + hid.removeprefix("amd-radeon-instinct-") in ids
    ]
    return _frame(
        rows,
        "brand_rename",
        "AMD sold these accelerators as both 'Radeon Instinct' and 'AMD Instinct' (the brand "
        "changed with the MI100, 2020): one product under two brand names",
    )


def _footnotes(chips: pl.DataFrame) -> pl.DataFrame:
    by_id = {r["hardware_id"]: r for r in chips.iter_rows(named=True)}
    rows = []
    for hid, chip in sorted(by_id.items()):
        match = re.match(r"^(?P<stem>.+\d)(?P<mark>\d{1,2})$", hid)
        base = by_id.get(match["stem"]) if match else None
        if base is None or chip["released_on"] is None or chip["fp32_flop_per_s"] is None:
            continue
        same_day = chip["released_on"] == base["released_on"]
        fp32 = base["fp32_flop_per_s"]
        close = fp32 is not None and abs(chip["fp32_flop_per_s"] / fp32 - 1) <= (
            FOOTNOTE_FP32_TOLERANCE
        )
        if same_day and close:
            rows.append((hid, base["hardware_id"]))
    return _frame(
        rows,
        "footnote",
        "the name is another chip's with a footnote marker glued on (same release date, FP32 "
        "peak within 1 %): no such product exists",
    )


def _memory_variants(chips: pl.DataFrame) -> pl.DataFrame:
    memory = dict(zip(chips["hardware_id"], chips["memory_bytes"], strict=True))
    variants: dict[str, dict[str, int]] = {}
    for hid in memory:
        match = _MEMORY_SUFFIX.match(hid)
        if match and match["base"] in memory:
            variants.setdefault(match["base"], {})[hid] = int(match["gb"])
    rows = []
    for base, sizes in sorted(variants.items()):
        stated = memory[base]
        stated_gb = None if stated is None else round(stated / 1e9)
        same = [hid for hid, gb in sizes.items() if gb == stated_gb]
        if len(sizes) == 1:
            ((variant, gb),) = sizes.items()
            if stated_gb in (None, gb):
                rows.append((variant, base, "memory_variant", _ONE_VARIANT))
        elif len(same) == 1:
            rows.append((base, same[0], "memory_variant", _SEVERAL_VARIANTS))
    return pl.DataFrame(rows, schema=MERGE_COLUMNS, orient="row")


_ONE_VARIANT = (
    "the only memory variant of the product, and the product states no other memory size: "
    "one product, named with and without its memory size"
)
_SEVERAL_VARIANTS = (
    "the product has several memory variants; the memory size this record states says which "
    "one it describes (the bare name stays as the family's)"
)


def _frame(pairs: list[tuple[str, str]], rule: str, reason: str) -> pl.DataFrame:
    return pl.DataFrame(
        [(a, b, rule, reason) for a, b in pairs], schema=MERGE_COLUMNS, orient="row"
    )


def _follow_chains(merged: pl.DataFrame) -> pl.DataFrame:
    target = dict(zip(merged["from_id"], merged["to_id"], strict=True))

    def final(hid: str) -> str:
        seen = {hid}
        while hid in target:
            hid = target[hid]
            if hid in seen:
                raise ValueError(f"hardware merges form a cycle through {hid}")
            seen.add(hid)
        return hid

    return merged.with_columns(to_id=pl.col("from_id").map_elements(final, pl.String))
