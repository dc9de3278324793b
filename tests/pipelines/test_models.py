"""The model assets (pipelines/models.py): every Epoch record (model role of the registry)
after the hardware aliases, one row per model after the records and chips, the published
estimates (estimate role) after the models, and the view of compute changes; in the
`training_compute` group and the warehouse pool. Blocking: the schema checks, every record
accounted for, the share of models linked to a chip; warnings only: the cross-checks against
6ND, the hardware and the published estimates. The curated OpenAI 2018 names map to Epoch's."""

import polars as pl

from pipelines import models
from schemas import MODEL, MODEL_COMPUTE_CHANGE, MODEL_ESTIMATE, MODEL_RECORD
from sources import curated, registry
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

EPOCH = [s.name for s in registry.with_role(registry.MODEL)]
ESTIMATES = [s.name for s in registry.with_role(registry.ESTIMATE)]


def test_records_then_models_then_estimates_and_the_change_view():
    assert deps(models.assets) == {
        key_of(MODEL_RECORD): {f"raw/{n}" for n in EPOCH}
        | {"core/hardware_alias", "meta/unresolved_hardware"},
        key_of(MODEL): {"core/model_record", "core/hardware"},
        key_of(MODEL_ESTIMATE): {f"raw/{n}" for n in ESTIMATES} | {"core/model"},
        key_of(MODEL_COMPUTE_CHANGE): {"core/model_record"},
    }
    assert groups(models.assets) == {"training_compute"}
    assert pools(models.assets) == {"warehouse"}


def test_accounting_and_linking_block_the_cross_checks_only_warn():
    assert checks(models.assets) == {
        **schema_checks(MODEL_RECORD, MODEL, MODEL_ESTIMATE, MODEL_COMPUTE_CHANGE),
        **{f"core/model_record:rows_accounted_for_{n}": True for n in EPOCH},
        **{f"core/model_estimate:rows_accounted_for_{n}": True for n in ESTIMATES},
        "core/model:linked_to_hardware": True,
        "core/model:compute_matches_6nd": False,
        "core/model:compute_matches_hardware": False,
        "core/model_estimate:agrees_with_owid_ai": False,
        "core/model_estimate:agrees_with_openai_ai_and_compute": False,
    }


def test_openai_2018_names_map_to_epoch_names():
    names = models.openai_names()
    curated_rows = curated.load("openai_2018_models")
    assert len(names) == curated_rows.height == 20
    assert names["AlexNet"] == "AlexNet"
    assert names["Dropout"] == "Dropout (ImageNet)"
    assert names["Visualizing and Understanding Conv Nets"] == "Visualizing CNNs"
    assert curated_rows.filter(pl.col("epoch_name").is_null()).height == 0
