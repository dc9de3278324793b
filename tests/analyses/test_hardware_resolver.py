"""The resolution of other datasets' spellings to canonical ids, and `link`, on real
spellings."""

import polars as pl
import pytest

from analyses.hardware_resolver import Resolver, link, mention_core


@pytest.mark.parametrize(
    ("text", "core"),
    [
        # DAWNBench, Epoch models and cloud tables (real spellings)
        ("8 V100 (AWS p3.16xlarge)", "V100"),
        ("TPUv2 x 8", "TPUv2"),
        ("1 K80 / 30 GB / 8 CPU (Google Cloud)", "K80"),
        ("A100 (80 GB)", "A100 80 GB"),
        ("NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 3090"),  # 'x 3090' is not a count
        ("Tesla V100 * 1 GPU / 488 GB / 56 CPU (Kakao Brain BrainCloud)", "Tesla V100"),
        ("1 GPU (Nvidia GeForce GTX 1080 Ti)", "Nvidia GeForce GTX 1080 Ti"),
        ("Baidu Cloud Tesla 8*V100-16GB/448 GB/96 CPU", "Baidu Cloud Tesla V100-16GB"),
        ("8x A100", "A100"),
        ("NVIDIA A100 SXM4 40 GB", "NVIDIA A100 SXM4 40 GB"),
    ],
)
def test_mention_core(text, core):
    assert mention_core(text) == core


KNOWN = [
    "nvidia-a100",
    "nvidia-a100-sxm4-80gb",
    "nvidia-a100-pcie-80gb",
    "nvidia-v100",
    "nvidia-v100-sxm2-32gb",
    "nvidia-k80",
    "nvidia-h100-sxm5-80gb",
    "nvidia-h100-pcie-80gb",
    "google-tpu-v2",
    "google-tpu-v3",
    "amd-instinct-mi250x",
]


@pytest.mark.parametrize(
    ("spelling", "hint", "expected", "method"),
    [
        ("8 V100 (AWS p3.16xlarge)", None, "nvidia-v100", "exact"),
        ("TPUv2 x 8", None, "google-tpu-v2", "exact"),
        ("Tesla K80", None, "nvidia-k80", "exact"),
        ("MI250X", None, "amd-instinct-mi250x", "tokens"),
        ("A100 (80 GB)", None, "nvidia-a100", "family"),
        ("NVIDIA A100 SXM4 80GB", None, "nvidia-a100-sxm4-80gb", "exact"),
    ],
)
def test_resolution(spelling, hint, expected, method):
    resolution = Resolver(KNOWN, curated={}).resolve(spelling, hint)
    assert (resolution.hardware_id, resolution.method) == (expected, method)


def test_ambiguity_and_unknowns_are_reported_not_guessed():
    resolver = Resolver(KNOWN, curated={})
    h100 = resolver.resolve("H100 (80 GB)")
    assert h100.hardware_id is None and h100.reason == "ambiguous: several chips match"
    assert h100.candidates == ("nvidia-h100-pcie-80gb", "nvidia-h100-sxm5-80gb")
    assert resolver.resolve("Xilinx VU9P").reason == "no vendor stated or implied by the name"
    # 'M5' is not read as an NVIDIA family when the first word names another maker.
    assert (
        resolver.resolve("Cambricon MLU290-M5").reason == "no vendor stated or implied by the name"
    )
    assert resolver.resolve("Cambricon MLU290-M5", "Cambricon").reason.startswith(
        "no known cambricon"
    )
    assert resolver.resolve("B200").reason == "no known nvidia chip has all of: b200"


def test_model_numbers_are_never_dropped_to_force_a_match():
    resolver = Resolver(["cerebras-cs-1", "cerebras-cs-3", "nvidia-v100"], curated={})
    # Epoch's CS-2 row is quarantined (its transistor count is 2.6e18): CS-2 must stay unknown.
    assert resolver.resolve("Cerebras CS-2").reason == "no known cerebras chip has all of: 2 cs"
    # ...while trailing description words are set aside.
    v100 = resolver.resolve("16 nodes with InfiniBand (8*V100 with NVLink for each node)")
    assert v100.hardware_id == "nvidia-v100"


def test_curated_entries_win_and_must_point_at_known_chips():
    resolver = Resolver(
        KNOWN, curated={"h100 80gb mega": "nvidia-h100-sxm5-80gb", "a10g": "nvidia-a10g"}
    )
    assert resolver.resolve("h100-80gb-mega").method == "curated"
    assert resolver.resolve("A10G").reason == "curated entry points to unknown id nvidia-a10g"


def test_a_stated_socket_wins_over_an_entry_curated_for_the_bare_spelling():
    """The curated 'a100-80gb' (GCP's key, SXM4) must not swallow the tracker's 'A100_80GB'
    whose socket type says PCIe."""
    resolver = Resolver(KNOWN, curated={"a100 80gb": "nvidia-a100-sxm4-80gb"})  # as loaded
    assert resolver.resolve("A100_80GB", None, "PCIe").hardware_id == "nvidia-a100-pcie-80gb"
    assert resolver.resolve("A100_80GB", None, "SXM4").hardware_id == "nvidia-a100-sxm4-80gb"
    assert resolver.resolve("a100-80gb").method == "curated"


def test_link_is_the_one_join_from_a_spelling_to_an_id():
    """Every consumer (cloud prices, models, DAWNBench) links its spellings through `link`:
    matched on the spelling and the columns it names, null where unresolved."""
    aliases = pl.DataFrame(
        {
            "alias": ["H100_80GB", "H100_80GB", "A100"],
            "source": ["gpu_price_tracker", "gpu_price_tracker", "fsdl_cloud_gpus"],
            "context": ["with socket_type SXM5", "with socket_type PCIe", "GPU Type"],
            "hardware_id": ["nvidia-h100-sxm5-80gb", "nvidia-h100-pcie-80gb", "nvidia-a100"],
        }
    )
    quotes = pl.DataFrame(
        {
            "hardware_text": ["H100_80GB", "H100_80GB", "A100", "A100"],
            "source": ["gpu_price_tracker"] * 2 + ["fsdl_cloud_gpus", "gcp_pricing"],
            "hardware_context": [
                "with socket_type PCIe",
                "with socket_type SXM5",
                "GPU Type",
                "GPU Type",
            ],
        }
    )
    linked = link(
        quotes,
        aliases,
        spelling="hardware_text",
        on={"source": "source", "hardware_context": "context"},
    )
    assert linked["hardware_id"].to_list() == [
        "nvidia-h100-pcie-80gb",
        "nvidia-h100-sxm5-80gb",
        "nvidia-a100",
        None,  # another source's spelling is not borrowed
    ]
    assert linked.height == quotes.height
