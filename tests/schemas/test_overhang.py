"""schemas/overhang.py: analysis.overhang_estimate keeps the warehouse contract's columns, is
keyed by scenario, subject and quantity, accepts exactly the module's scenarios and
quantities, and rejects an unknown scenario and a non-positive value."""

import polars as pl

from schemas.overhang import OVERHANG_ESTIMATE, QUANTITIES, SCENARIOS
from tests.schemas._schemas_testkit import failures


def test_contract_columns_and_key():
    contract = ["scenario", "subject", "quantity", "value", "unit", "inputs", "as_of"]
    assert [n for n in contract if n not in OVERHANG_ESTIMATE.columns] == []
    assert OVERHANG_ESTIMATE.key == ("scenario", "subject", "quantity")
    assert OVERHANG_ESTIMATE.columns["as_of"].dtype.type == pl.Date


def test_scenarios_and_quantities_are_what_the_checks_accept():
    for name, allowed in (("scenario", SCENARIOS), ("quantity", QUANTITIES)):
        (check,) = OVERHANG_ESTIMATE.columns[name].checks
        assert check.statistics == {"allowed_values": list(allowed)}, name
        for value in allowed:  # each is documented in the column's description
            assert value in OVERHANG_ESTIMATE.columns[name].description, value


def test_an_unknown_scenario_and_a_zero_value_are_rejected():
    frame = pl.DataFrame({"scenario": ["moores_law"], "value": [0.0]})  # fault injection
    assert [c[:2] for c in failures(OVERHANG_ESTIMATE.columns, frame)] == [
        ("scenario", f"isin({list(SCENARIOS)})"),
        ("value", "greater_than(0)"),
    ]
