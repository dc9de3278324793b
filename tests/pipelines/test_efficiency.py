"""The efficiency assets (pipelines/efficiency.py): the efficiency frontier and its trends from
the raw snapshot, the CPU-GPU gap from the chips and DAWNBench entries, effective compute from
the efficiency and launch price-performance trends, and the summary view over them; in the
`efficiency` group and the warehouse pool, with a blocking schema check per table and the
blocking checks that every record is accounted for and the compute falls along each frontier."""

from pipelines import efficiency
from schemas.cpu_gpu import CPU_GPU_MATCHED_RUN, CPU_GPU_SPEC_GAP
from schemas.effective_compute import EFFECTIVE_COMPUTE_TREND
from schemas.efficiency import ALGORITHMIC_EFFICIENCY, ALGORITHMIC_EFFICIENCY_TREND
from schemas.efficiency_summary import EFFICIENCY_SUMMARY
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

TABLES = (
    ALGORITHMIC_EFFICIENCY,
    ALGORITHMIC_EFFICIENCY_TREND,
    CPU_GPU_SPEC_GAP,
    CPU_GPU_MATCHED_RUN,
    EFFECTIVE_COMPUTE_TREND,
    EFFICIENCY_SUMMARY,
)


def test_each_table_after_what_it_is_computed_from():
    cpu_gpu = {"core/hardware", "core/dawnbench_entry"}
    assert deps(efficiency.assets) == {
        key_of(ALGORITHMIC_EFFICIENCY): {"raw/algorithmic_efficiency"},
        key_of(ALGORITHMIC_EFFICIENCY_TREND): {"raw/algorithmic_efficiency"},
        key_of(CPU_GPU_SPEC_GAP): cpu_gpu,
        key_of(CPU_GPU_MATCHED_RUN): cpu_gpu,
        key_of(EFFECTIVE_COMPUTE_TREND): {
            "analysis/algorithmic_efficiency_trend",
            "analysis/trend_latest",
        },
        key_of(EFFICIENCY_SUMMARY): {
            key_of(t)
            for t in (
                ALGORITHMIC_EFFICIENCY_TREND,
                EFFECTIVE_COMPUTE_TREND,
                CPU_GPU_MATCHED_RUN,
                CPU_GPU_SPEC_GAP,
            )
        },
    }
    assert groups(efficiency.assets) == {"efficiency"}
    assert pools(efficiency.assets) == {"warehouse"}


def test_records_are_accounted_for_and_the_compute_falls_along_each_frontier():
    assert checks(efficiency.assets) == {
        **schema_checks(*TABLES),
        "core/algorithmic_efficiency:rows_accounted_for_algorithmic_efficiency": True,
        "core/algorithmic_efficiency:compute_falls": True,
    }
