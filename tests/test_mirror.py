"""The tests mirror the package layout (issue #20): every module of the five layers has a test
module of the same name in the same place under tests/, so whoever changes a module knows
where its tests are and a new module without tests shows here.

    <layer>/<name>.py              tests/<layer>/test_<name>.py
    <layer>/<package>/<name>.py    tests/<layer>/<package>/test_<name>.py
    <layer>/<package>/__init__.py  tests/<layer>/test_<package>.py   (a package with code)

pytest imports test modules by path (`--import-mode=importlib`), so names may repeat across
directories."""

from pathlib import Path

from tests.conftest import REPO

LAYERS = ("analyses", "pipelines", "schemas", "sources", "warehouse")


def mirrored(module: Path) -> Path:
    """The test module of `module` (a path relative to the repository)."""
    layer, *packages, name = module.parts
    if name == "__init__.py":
        return Path("tests", layer, *packages[:-1], f"test_{packages[-1]}.py")
    return Path("tests", layer, *packages, f"test_{Path(name).stem}.py")


def modules() -> list[Path]:
    found = []
    for layer in LAYERS:
        for path in sorted((REPO / layer).rglob("*.py")):
            module = path.relative_to(REPO)
            if module.name == "__init__.py" and (
                module.parent == Path(layer) or not path.read_text().strip()
            ):
                continue  # a layer's own __init__, or an empty package marker
            found.append(module)
    return found


def test_the_rule_maps_modules_and_packages():
    assert mirrored(Path("sources/dawnbench/parse.py")) == Path(
        "tests/sources/dawnbench/test_parse.py"
    )
    assert mirrored(Path("sources/dawnbench/__init__.py")) == Path(
        "tests/sources/test_dawnbench.py"
    )
    assert mirrored(Path("warehouse/host.py")) == Path("tests/warehouse/test_host.py")
    assert len(modules()) > 170


def test_every_module_has_its_test_module():
    missing = [
        f"{module} -> {mirrored(module)}"
        for module in modules()
        if not (REPO / mirrored(module)).is_file()
    ]
    assert not missing, "modules without their test module:\n" + "\n".join(missing)


# Test modules under a layer's directory that test behaviour across its modules, and why.
ACROSS_MODULES = {
    "tests/pipelines/test_layers.py": "the imports between pipelines modules (three floors)",
    "tests/pipelines/test_asset_metadata.py": "the UI metadata of every asset",
    "tests/pipelines/test_recorded_events.py": "what a build records in the Dagster instance",
    "tests/sources/test_cloud_mentions.py": "every price source's quotes against its mentions",
    "tests/sources/test_fsdl_prices.py": "FSDL's cloud and serverless tables, one reader",
    "tests/warehouse/test_roundtrip.py": "every dtype of the schemas through DDL, publish, read",
    "tests/warehouse/test_process_faults.py": "the file under killed and concurrent processes",
}


def test_every_test_module_mirrors_a_module_or_tests_across_modules():
    """A test module under a layer's directory is a module's mirror, or more of its tests
    (`test_<module>_<topic>.py`, e.g. test_publish_versions.py), or is listed above with what
    it tests across modules; behaviour across layers is in tests/e2e, faults and benchmarks."""
    expected = {mirrored(m) for m in modules()}
    strays = []
    for layer in LAYERS:
        for path in sorted((REPO / "tests" / layer).rglob("test_*.py")):
            test = path.relative_to(REPO)
            topic_of = {
                m
                for m in expected
                if m.parent == test.parent and test.stem.startswith(m.stem + "_")
            }
            if test not in expected and not topic_of and str(test) not in ACROSS_MODULES:
                strays.append(str(test))
    assert not strays, "test modules that mirror no module:\n" + "\n".join(strays)
    assert all((REPO / listed).is_file() for listed in ACROSS_MODULES)
