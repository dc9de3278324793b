"""ML model tables: every Epoch record as its version states it, one row per model, the
published estimates it is cross-checked against, and revisions of compute estimates."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import UTC_TIMESTAMP, column
from schemas.table import Table, optional, shared

# What a record says about a model: the columns of core.model_record taken into core.model.
MODEL_FIELDS = (
    "organization",
    "organization_category",
    "country",
    "published_on",
    "domain",
    "task",
    "accessibility",
    "parameters",
    "training_compute_flop",
    "training_compute_low_flop",
    "training_compute_high_flop",
    "confidence",
    "compute_estimation_method",
    "training_dataset_size",
    "epochs",
    "training_time_s",
    "hardware_text",
    "hardware_id",
    "hardware_ids",
    "unresolved_hardware_text",
    "hardware_quantity",
    "model_flop_utilisation",
    "hardware_flop_utilisation",
    "training_cost_usd",
    "training_cost_cloud_usd",
    "training_cost_upfront_usd",
    "hardware_acquisition_cost_usd",
    "training_power_draw_w",
    "numerical_format",
    "base_model",
    "finetune_compute_flop",
    "link",
    "is_frontier_epoch",
)
# Fields taken together from the one record that states the first (core.model's fold and the
# as-of macros): a compute estimate with its own bounds, a hardware field with what it resolved
# to.
TOGETHER = {
    "training_compute_flop": ("training_compute_low_flop", "training_compute_high_flop"),
    "hardware_text": ("hardware_id", "hardware_ids", "unresolved_hardware_text"),
}


def _fields() -> dict[str, pa.Column]:
    # hardware_id is null where the first chip named resolves to none
    return {n: optional(n)[n] if n == "hardware_id" else shared(n)[n] for n in MODEL_FIELDS}


MODEL_RECORD = Table(
    "core",
    "model_record",
    "Every record of every Epoch AI models file in every bundled version, as that version "
    "states it (a model appears once per file that lists it); core.model folds them into one "
    "row per model.",
    {
        **shared("model_id", "name"),
        **_fields(),
        "file": column(
            pl.String,
            "Upstream file of the version the record is in (all_ai_models.csv, "
            "notable_ai_models.csv, large_scale_ai_models.csv, frontier_ai_models.csv).",
            nullable=False,
        ),
        "precedence": column(
            pl.Int64,
            "Order in which core.model consults the records of one model within one version: "
            "1 first (the most complete record, then by file and row).",
            nullable=False,
            checks=[pa.Check.ge(1)],
        ),
        "unread_values": column(
            pl.String,
            "Fields whose upstream text lists several differing values (e.g. a dataset size "
            "'12000,800'), quoted here; the field itself is left null rather than guessed.",
        ),
        "last_modified_at": column(
            UTC_TIMESTAMP, "When Epoch last edited the record (all_ai_models.csv only)."
        ),
        **shared("source", "sha256", "row_number"),
    },
    key=("source", "sha256", "row_number"),
)

MODEL = Table(
    "core",
    "model",
    "One row per ML model in Epoch AI's database: each field from the newest bundled version "
    "that states it (the versions behind a row are in core.model_record).",
    {
        **shared("model_id", "name"),
        **_fields(),
        "is_notable": column(
            pl.Boolean,
            "In Epoch's Notable AI Models list (of the newest version that publishes one).",
            nullable=False,
        ),
        "is_large_scale": column(
            pl.Boolean,
            "In Epoch's large-scale list (over 1e23 FLOP, known or estimated) of the newest "
            "version that publishes one.",
            nullable=False,
        ),
        "is_top10_at_release": column(
            pl.Boolean,
            "Among the 10 largest training computes of all models published up to its date "
            "(Epoch's frontier rule, recomputed here); false without compute or date.",
            nullable=False,
        ),
        "is_frontier": column(
            pl.Boolean,
            "Frontier model: Epoch's flag for models published up to the newest model Epoch "
            "flagged; after that date (not yet judged by Epoch), is_top10_at_release.",
            nullable=False,
        ),
        "versions": column(
            pl.String,
            "Upstream versions that list the model, newest first ('source/version', "
            "comma-separated).",
            nullable=False,
        ),
        "active_parameters": column(
            pl.Float64,
            "Parameters a mixture-of-experts model uses per token (parameters counts every "
            "expert); curated with a citation (data/curated/model_active_parameters.csv), null "
            "where no primary source states it (dense models, GPT-4).",
            checks=[pa.Check.gt(0), pa.Check.lt(1e16)],
        ),
        "active_parameters_citation": column(
            pl.String, "Where active_parameters is stated (the developer's paper, post or card)."
        ),
        "implied_utilisation": column(
            pl.Float64,
            "training_compute_flop / (hardware_quantity x peak x training_time_s), for models "
            "on one kind of chip; the peak is the greatest the chip has for the model's "
            "numerical format (any 16/32-bit one where none is stated), so this is a lower "
            "bound and above 1 the stated figures cannot all be right.",
            checks=[pa.Check.gt(0)],
        ),
        "is_physically_implausible": column(
            pl.Boolean,
            "implied_utilisation above 1: more compute than the stated chips can do at peak in "
            "the stated time (mostly fine-tunes whose compute includes the base model's).",
            nullable=False,
        ),
        "implausible_reason": column(
            pl.String, "Why is_physically_implausible: the figures and, for a fine-tune, why."
        ),
    },
    key=("model_id",),
)

MODEL_ESTIMATE = Table(
    "core",
    "model_estimate",
    "Estimates of a model's training compute, parameters, data or cost published outside "
    "Epoch's database (Our World in Data charts, OpenAI's 2018 'AI and Compute'), kept to "
    "cross-check core.model against.",
    {
        "entity": column(pl.String, "The model as the publisher names it.", nullable=False),
        **optional("model_id"),
        **shared("published_on"),
        "quantity": column(
            pl.String,
            "What the value measures: training_compute_flop, parameters, "
            "training_dataset_size or training_cost_usd.",
            nullable=False,
            checks=[
                pa.Check.isin(
                    [
                        "training_compute_flop",
                        "parameters",
                        "training_dataset_size",
                        "training_cost_usd",
                    ]
                )
            ],
        ),
        "value": column(
            pl.Float64,
            "The published value, converted to the unit of the core.model column named by "
            "quantity (petaFLOP and petaFLOP/s-days to FLOP).",
            nullable=False,
            checks=[pa.Check.gt(0)],
        ),
        "file": column(pl.String, "Upstream file the value was read from.", nullable=False),
        **shared("source", "sha256", "row_number"),
    },
    key=("source", "sha256", "row_number"),
)

MODEL_COMPUTE_CHANGE = Table(
    "core",
    "model_compute_change",
    "Models whose training compute estimate changed between two consecutive bundled versions "
    "that both list the model (a view over core.model_record).",
    {
        **shared("model_id", "name"),
        "from_version": column(
            pl.String, "The earlier version ('source/version').", nullable=False
        ),
        "to_version": column(pl.String, "The later version ('source/version').", nullable=False),
        "from_training_compute_flop": column(
            pl.Float64, "Compute estimate in the earlier version (null: none).", "FLOP"
        ),
        "to_training_compute_flop": column(
            pl.Float64, "Compute estimate in the later version (null: withdrawn).", "FLOP"
        ),
        "change_factor": column(pl.Float64, "to / from (null where either side has no estimate)."),
    },
)
