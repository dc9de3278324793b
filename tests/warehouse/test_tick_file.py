"""The tick file's reasons and mention contexts are the polars path's own words."""

from sources import gpu_price_tracker
from sources.prices import NO_PRICE, ZERO_MEANS_MISSING
from warehouse.tick_file import NO_PRICE as BULK_NO_PRICE
from warehouse.tick_file import WITH_SOCKET, WITHOUT_SOCKET
from warehouse.tick_file import ZERO_MEANS_MISSING as BULK_ZERO


def test_reasons_and_contexts_are_the_polars_paths_own() -> None:
    """(The duplicate reason is compared with the polars path's in the fault test.)"""
    assert BULK_NO_PRICE == NO_PRICE and BULK_ZERO == ZERO_MEANS_MISSING
    assert gpu_price_tracker._context("SXM5") == f"{WITH_SOCKET}SXM5"
    assert gpu_price_tracker._context(" ") == gpu_price_tracker._context(None) == WITHOUT_SOCKET
