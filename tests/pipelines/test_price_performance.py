"""The price-performance asset (pipelines/price_performance.py): `analysis/price_performance`
after the chips and the cloud prices, in its group and the warehouse pool with its blocking
schema check; its run config's `utilisation` defaults to 1.0 (figures at peak, as the README
and docs/ARCHITECTURE.md say)."""

from pipelines import price_performance
from schemas import PRICE_PERFORMANCE
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks


def test_the_asset_reads_the_chips_and_their_purchase_and_cloud_prices():
    assert deps(price_performance.assets) == {
        key_of(PRICE_PERFORMANCE): {"core/hardware", "core/hardware_price", "core/cloud_price"}
    }
    assert groups(price_performance.assets) == {"price_performance"}
    assert pools(price_performance.assets) == {"warehouse"}
    assert checks(price_performance.assets) == schema_checks(PRICE_PERFORMANCE)


def test_the_figures_are_at_peak_unless_configured():
    assert price_performance.PricePerformanceConfig().utilisation == 1.0
    assert price_performance.PricePerformanceConfig(utilisation=0.4).utilisation == 0.4
