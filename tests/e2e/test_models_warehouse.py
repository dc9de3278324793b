"""Models and training compute as built from Epoch's files, with the cross-checks."""

from datetime import date

import pytest

from pipelines.models import LINK_GOAL
from tests.e2e.conftest import q


def model(db, name):
    return q(db, "SELECT * FROM core.model WHERE name = ?", [name]).row(0, named=True)


def test_every_record_of_both_versions_is_loaded_or_quarantined(db):
    ledger = q(
        db,
        "SELECT s.source, s.rows_read, s.rows_loaded, s.rows_quarantined, "
        "(SELECT count(*) FROM core.model_record r WHERE r.sha256 = s.sha256) AS in_table "
        "FROM meta.snapshot s WHERE s.source IN ('epoch_models', 'epoch_notable_models') "
        "ORDER BY s.source",
    )
    # PROVENANCE.md: 3,237 + 981 + 491 + 137 records in the full download, 1,036 notable
    assert ledger.rows() == [
        ("epoch_models", 4846, 4846, 0, 4846),
        ("epoch_notable_models", 1036, 1036, 0, 1036),
    ]


def test_one_row_per_model_across_files_and_versions(db):
    counts = q(
        db,
        "SELECT count(*) AS models, count(*) FILTER (is_notable) AS notable, "
        "count(*) FILTER (is_large_scale) AS large_scale, "
        "(SELECT count(DISTINCT model_id) FROM core.model_record) AS distinct_records "
        "FROM core.model",
    ).row(0, named=True)
    # 3,237 records in all_ai_models.csv name 3,222 models (15 names listed twice); the
    # 2026-07-19 notable list adds 55 models, of which 41 are 2026 releases.
    assert counts == {
        "models": 3357,
        "notable": 1036,
        "large_scale": 491,
        "distinct_records": 3357,
    }


@pytest.mark.parametrize(
    ("name", "parameters", "compute", "tokens", "published_on"),
    [
        # Values as the 2026-07-19 snapshot states them (notable_ai_models.csv). GPT-3's
        # 174.6e9 parameters are Epoch's count; Brown et al. 2020 round it to 175B; 3.14e23
        # FLOP is the paper's own figure (Table D.1).
        ("GPT-3 175B (davinci)", 174.6e9, 3.14e23, 238e9, date(2020, 5, 28)),
        # Chowdhery et al. 2022: 540B parameters, 780B tokens; Epoch's compute 2.5272e24
        ("PaLM (540B)", 540.35e9, 2.5272e24, 780e9, date(2022, 4, 4)),
        # Hoffmann et al. 2022: 70B parameters on 1.4T tokens, 5.76e23 FLOP
        ("Chinchilla", 70e9, 5.76e23, 1.4e12, date(2022, 3, 29)),
    ],
)
def test_landmark_models_carry_the_snapshot_values(
    db, name, parameters, compute, tokens, published_on
):
    row = model(db, name)
    assert row["parameters"] == pytest.approx(parameters)
    assert row["training_compute_flop"] == pytest.approx(compute)
    assert row["training_dataset_size"] == pytest.approx(tokens)
    assert row["published_on"] == published_on
    assert row["is_notable"]


def test_gpt3_hardware_and_frontier(db):
    gpt3 = model(db, "GPT-3 175B (davinci)")
    assert gpt3["hardware_id"] == "nvidia-v100-dgxs-32gb"
    assert gpt3["hardware_quantity"] == 10_000
    assert gpt3["is_frontier"] and gpt3["is_frontier_epoch"] and gpt3["is_top10_at_release"]
    # 6 x 174.6e9 x 238e9 = 2.49e23, within 30 % of the stated 3.14e23
    assert gpt3["training_compute_flop"] / (6 * gpt3["parameters"] * 238e9) == pytest.approx(
        1.26, abs=0.01
    )


def test_several_chips_in_one_field_resolve_each(db):
    rows = q(
        db,
        "SELECT hardware_text, hardware_id, hardware_ids FROM core.model "
        "WHERE hardware_text = 'Google TPU v4,Google TPU v3' LIMIT 1",
    ).row(0, named=True)
    assert rows == {
        "hardware_text": "Google TPU v4,Google TPU v3",
        "hardware_id": "google-tpu-v4",
        "hardware_ids": "google-tpu-v4,google-tpu-v3",
    }


def test_most_models_with_a_hardware_quantity_name_their_hardware(db):
    share = q(
        db,
        "SELECT count(hardware_id) / count(*) AS share FROM core.model "
        "WHERE hardware_quantity IS NOT NULL",
    )["share"][0]
    assert share >= LINK_GOAL
    assert share == pytest.approx(0.949, abs=0.005)
    unlinked = q(
        db,
        "SELECT coalesce(unresolved_hardware_text, '(no chip named)') AS chips, count(*) AS n "
        "FROM core.model WHERE hardware_quantity IS NOT NULL AND hardware_id IS NULL "
        "GROUP BY ALL ORDER BY n DESC, chips",
    ).rows()
    # most state a chip count but name no chip; the rest name chips no spec source lists
    # (Cerebras CS-2, Moore Threads MTT S4000)
    assert unlinked == [("(no chip named)", 39), ("Cerebras CS-2", 3), ("MTT S4000", 1)]
    # 'NVIDIA H200' (NVL or SXM?) and 'Nvidia H100 80G' (PCIe or SXM?) name families: linked
    # to the family, never to a guessed variant
    families = q(
        db,
        "SELECT DISTINCT m.hardware_id, h.is_family FROM core.model m JOIN core.hardware h "
        "USING (hardware_id) WHERE m.hardware_text IN ('NVIDIA H200', 'Nvidia H100 80G') "
        "ORDER BY 1",
    ).rows()
    assert families == [("nvidia-h100", True), ("nvidia-h200", True)]


def test_frontier_follows_epochs_flag_and_the_rule_after_it(db):
    counts = q(
        db,
        "SELECT count(*) FILTER (is_frontier_epoch) AS epoch, count(*) FILTER (is_frontier) AS "
        "frontier, count(*) FILTER (is_frontier_epoch AND NOT is_top10_at_release) AS "
        "flag_not_rule, max(published_on) FILTER (is_frontier_epoch) AS judged_until FROM core.model",
    ).row(0, named=True)
    # frontier_ai_models.csv (2026-03-30) lists 137 models; every one with a compute value
    # meets the top-10 rule recomputed here
    assert counts["epoch"] == 137
    assert counts["judged_until"] == date(2025, 7, 9)
    later = q(
        db,
        "SELECT name FROM core.model WHERE is_frontier AND published_on > DATE '2025-07-09' "
        "ORDER BY published_on",
    )["name"].to_list()
    assert "GPT-5" in later
    assert counts["frontier"] == 137 + len(later)
    no_compute = q(
        db,
        "SELECT count(*) AS n FROM core.model WHERE is_frontier_epoch "
        "AND training_compute_flop IS NULL",
    )["n"][0]
    assert counts["flag_not_rule"] == no_compute


def test_compute_revisions_between_versions_are_listed(db):
    changes = q(db, "SELECT * FROM core.model_compute_change")
    megatron = changes.filter(changes["name"] == "Megatron-LM (1.2B)").row(0, named=True)
    # 1.13e22 in the 2026-03-30 download, 1.1304e21 in the 2026-07-19 notable file
    assert megatron["from_training_compute_flop"] == 1.13e22
    assert megatron["to_training_compute_flop"] == 1.1304e21
    assert megatron["change_factor"] == pytest.approx(0.1, rel=1e-3)
    assert megatron["from_version"].startswith("epoch_models/2026-03-30")


def test_published_estimates_are_matched_and_compared(db):
    matched = q(
        db,
        "SELECT source, count(*) AS n, count(model_id) AS matched FROM core.model_estimate "
        "GROUP BY source ORDER BY source",
    ).rows()
    assert matched[0] == ("openai_ai_and_compute", 20, 20)
    assert matched[1][0] == "owid_ai" and matched[1][1] == 1436
    ratios = dict(
        q(
            db,
            "SELECT e.entity, e.value / m.training_compute_flop AS r FROM core.model_estimate e "
            "JOIN core.model m USING (model_id) WHERE e.source = 'openai_ai_and_compute'",
        ).rows()
    )
    # OpenAI, "AI and Compute" (2018) counted AlexNet at 0.0058 pfs-days = 5.0e17 FLOP,
    # Epoch 4.7e17: 14 of the 20 points agree within 30 %.
    assert ratios["AlexNet"] == pytest.approx(1.064, abs=0.001)
    assert sum(0.77 < r < 1.3 for r in ratios.values()) == 14
    # The listed outliers (factor 3): OpenAI's AlphaGo Zero (1,862 pfs-days = 1.6e23 FLOP)
    # and AlphaZero include self-play; Epoch's current records put 6.5e20 and 1.1e20.
    outliers = {k for k, r in ratios.items() if not 1 / 3 < r < 3}
    assert outliers == {"AlphaGoZero", "AlphaZero", "Adam Optimizer", "Seq2Seq"}
    assert ratios["AlphaGoZero"] == pytest.approx(247.7, abs=0.1)


def test_models_whose_compute_their_hardware_could_not_do_are_flagged(db):
    flagged = dict(
        q(
            db,
            "SELECT model_id, implied_utilisation FROM core.model "
            "WHERE is_physically_implausible AND implausible_reason IS NOT NULL",
        ).rows()
    )
    assert 30 <= len(flagged) <= 60  # 41 on the bundled data
    # fine-tunes carrying their base model's compute: FinGPT-13B (Llama 2-13B's 1.6e23 FLOP
    # on one RTX 3090 in 17.25 h), LLaVA (8 A100 for 10 h), Flan-PaLM 540B (512 TPU v4, 37 h)
    assert flagged["fingpt-13b"] == pytest.approx(72_414, rel=1e-3)
    assert flagged["llava"] == pytest.approx(868.6, rel=1e-3)
    assert flagged["flan-palm-540b"] == pytest.approx(135.4, rel=1e-3)
    # OPT-175B trained in FP16 on A100 tensor cores: 0.47, not 1.89 against the vector peak
    assert model(db, "OPT-175B")["implied_utilisation"] == pytest.approx(0.471, rel=1e-2)
    assert not model(db, "GPT-4 (Mar 2023)")["is_physically_implausible"]


def test_mixture_of_experts_models_carry_cited_active_parameters(db):
    mixtral = model(db, "Mixtral 8x7B")
    assert (mixtral["parameters"], mixtral["active_parameters"]) == (46.7e9, 12.9e9)
    assert mixtral["active_parameters_citation"] == "https://mistral.ai/news/mixtral-of-experts"
    assert model(db, "DeepSeek-V3")["active_parameters"] == 37e9
    assert model(db, "GPT-4 (Mar 2023)")["active_parameters"] is None  # only rumoured
