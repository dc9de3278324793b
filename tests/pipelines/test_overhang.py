"""The overhang asset (pipelines/overhang.py): `analysis/overhang_estimate` after the models,
prices, chips and DAWNBench progress it reads, in its group and the warehouse pool with its
blocking schema check; every assumption is run config, defaulting to the values
docs/ARCHITECTURE.md lists; the model columns it reads are core.model's."""

from pipelines import overhang
from schemas import MODEL
from schemas.overhang import OVERHANG_ESTIMATE
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks


def test_the_asset_reads_models_prices_chips_and_dawnbench_progress():
    assert deps(overhang.assets) == {
        key_of(OVERHANG_ESTIMATE): {
            "core/model",
            "analysis/price_performance",
            "core/cloud_price",
            "core/hardware",
            "analysis/dawnbench_progress",
        }
    }
    assert groups(overhang.assets) == {"overhang"}
    assert pools(overhang.assets) == {"warehouse"}
    assert checks(overhang.assets) == schema_checks(OVERHANG_ESTIMATE)


def test_the_config_defaults_are_the_documented_assumptions():
    config = overhang.OverhangConfig()
    # k = 2, 30 tokens/s per stream
    assert config.inference_flop_per_parameter_per_token == 2.0
    assert config.stream_tokens_per_s == 30.0
    # W = 4e21 FLOP/s, f = 0.25, N = 3e7 s, m = 20, H = 1, k = 4, 50 tokens/s
    assert (config.world_flop_per_s, config.world_share, config.world_training_s) == (
        4e21,
        0.25,
        3e7,
    )
    assert (config.tokens_per_parameter, config.token_equivalents_per_data_point) == (20.0, 1.0)
    assert config.world_flop_per_parameter_per_token == 4.0
    assert config.world_stream_tokens_per_s == 50.0
    # utilisation 0.4, 365-day amortisation, bf16, two purchase presets
    assert (config.utilisation, config.amortisation_days, config.precision) == (0.4, 365.0, "bf16")
    assert [p.name for p in config.presets] == [
        "usd-10000-at-30-tflops-1y",
        "usd-1000-at-125-tflops-1y",
    ]
    # reference model gpt-4-mar-2023, budget $1bn
    assert (config.reference_model_id, config.budget_usd) == ("gpt-4-mar-2023", 1e9)


def test_each_config_has_its_own_presets():
    first, second = overhang.OverhangConfig(), overhang.OverhangConfig()
    assert first.presets == second.presets and first.presets is not second.presets


def test_the_model_columns_it_reads_are_core_models():
    assert set(overhang.MODEL_COLUMNS) <= set(MODEL.column_names)
    assert len(set(overhang.MODEL_COLUMNS)) == len(overhang.MODEL_COLUMNS)
