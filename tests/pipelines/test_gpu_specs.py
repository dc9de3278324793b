"""The accelerator specification assets (pipelines/gpu_specs.py): core.hardware_spec and
meta.hardware_merge from every spec source's raw snapshot (the registry's spec role, each with
a precedence rank), core.hardware from the specs; in the `gpu_specs` group and the warehouse
pool, with a blocking schema check per table, a blocking check per spec source that every
record is accounted for, and the warning (not blocking) where sources disagree by more than
10%."""

from analyses.hardware_merge import PRECEDENCE
from pipelines import gpu_specs
from schemas import HARDWARE, HARDWARE_MERGE, HARDWARE_SPEC
from sources import registry
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks


def test_the_spec_sources_are_the_registrys_each_with_a_precedence_rank():
    names = [s.name for s in registry.with_role(registry.SPEC)]
    assert list(gpu_specs.SPEC_SOURCES) == names
    assert set(names) <= set(PRECEDENCE)


def test_specs_from_every_spec_source_then_the_chips_from_the_specs():
    raw = {f"raw/{name}" for name in gpu_specs.SPEC_SOURCES}
    assert deps(gpu_specs.assets) == {
        key_of(HARDWARE_SPEC): raw,
        key_of(HARDWARE_MERGE): raw,
        key_of(HARDWARE): {"core/hardware_spec"},
    }
    assert groups(gpu_specs.assets) == {"gpu_specs"}
    assert pools(gpu_specs.assets) == {"warehouse"}


def test_every_spec_record_is_accounted_for_and_disagreements_only_warn():
    assert checks(gpu_specs.assets) == {
        **schema_checks(HARDWARE_SPEC, HARDWARE_MERGE, HARDWARE),
        **{f"core/hardware_spec:rows_accounted_for_{n}": True for n in gpu_specs.SPEC_SOURCES},
        "core/hardware:sources_agree": False,
    }
    assert gpu_specs.TOLERANCE == 0.10
    assert "more than 10% apart" in gpu_specs.sources_agree.description
