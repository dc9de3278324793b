"""`warehouse.Warehouse` is the type the building blocks of pipelines/ name instead of the
Dagster resource: the resource must keep offering every method of it, with the same
parameters, or a block would fail only when its step runs."""

import inspect

import pytest

from pipelines.resources import WarehouseResource
from warehouse.handle import Warehouse

METHODS = sorted(
    name for name, value in vars(Warehouse).items() if callable(value) and not name.startswith("_")
)


def test_the_protocol_names_what_the_blocks_use():
    assert METHODS == ["named", "publish", "query", "read", "replace_view", "session"]


@pytest.mark.parametrize("name", METHODS)
def test_the_resource_has_each_method_with_the_same_parameters(name):
    declared = inspect.signature(getattr(Warehouse, name)).parameters
    offered = inspect.signature(getattr(WarehouseResource, name)).parameters
    assert list(offered) == list(declared)
    for parameter, spec in declared.items():
        assert (offered[parameter].default is inspect.Parameter.empty) == (
            spec.default is inspect.Parameter.empty
        ), f"{name}({parameter}) is optional in one and required in the other"
