"""A plot is drawn only when its inputs change: a rebuild of unchanged data reuses the image
stored with the asset's previous materialisation (pipelines.plots.Plots)."""

import dagster as dg
import polars as pl

from pipelines.plots import PLOT_INPUTS, Plots

DRAWN: list[float] = []


def draw(frame: pl.DataFrame, *labels: str) -> bytes:
    DRAWN.append(frame["y"][0])
    return b"\x89PNG\r\n\x1a\n" + repr(frame.to_dicts()).encode()  # a PNG's signature


class Value(dg.Config):
    y: float
    label_shared: bool = True  # the two labels one object, or two equal strings


@dg.asset
def plotted(context: dg.AssetExecutionContext, config: Value) -> dg.MaterializeResult:
    plots = Plots(context, context.asset_key)
    frame = pl.DataFrame({"x": [1, 2], "y": [config.y, 2.0]})
    label = "".join(["GPU ", "hours"])  # built at run time: not an interned constant
    other = label if config.label_shared else "".join(["GPU ", "hours"])
    return dg.MaterializeResult(
        metadata={
            "plot": plots.png("plot", "y over x", draw, frame, label, other),
            **plots.metadata(),
        }
    )


def materialise(instance: dg.DagsterInstance, y: float, label_shared: bool = True) -> dict:
    config = {"y": y, "label_shared": label_shared}
    result = dg.materialize(
        [plotted], instance=instance, run_config={"ops": {"plotted": {"config": config}}}
    )
    (event,) = result.get_asset_materialization_events()
    return event.materialization.metadata


def test_a_plot_is_drawn_again_only_when_its_inputs_change():
    DRAWN.clear()
    with dg.DagsterInstance.ephemeral() as instance:
        first = materialise(instance, 1.0)
        again = materialise(instance, 1.0)
        changed = materialise(instance, 3.0)
    assert DRAWN == [1.0, 3.0]  # the second run drew nothing
    assert (first["plots_drawn"].value, first["plots_reused"].value) == (1, 0)
    assert (again["plots_drawn"].value, again["plots_reused"].value) == (0, 1)
    assert again["plot"].value == first["plot"].value  # the stored image, shown again
    assert again[PLOT_INPUTS].value == first[PLOT_INPUTS].value
    assert changed["plot"].value != first["plot"].value
    assert changed[PLOT_INPUTS].value != first[PLOT_INPUTS].value


def test_equal_inputs_are_equal_whether_or_not_they_share_objects():
    """A fit read back from the fit cache holds copies of strings that a fresh fit shares with
    its input; pickle's memo wrote the two differently, so every trend plot was drawn again on
    the build after a fresh fit."""
    DRAWN.clear()
    with dg.DagsterInstance.ephemeral() as instance:
        materialise(instance, 1.0, label_shared=True)
        again = materialise(instance, 1.0, label_shared=False)
    assert DRAWN == [1.0]
    assert (again["plots_drawn"].value, again["plots_reused"].value) == (0, 1)


def test_the_plot_store_serves_a_build_with_no_earlier_materialisation(tmp_path, monkeypatch):
    """Two separate instances (a build in memory, a new run history): the second reads the
    image the first drew from $FLOPBASE_CACHE_DIR/plots/, and the folder keeps one image per
    plot."""
    monkeypatch.setenv("FLOPBASE_CACHE_DIR", str(tmp_path))
    DRAWN.clear()
    with dg.DagsterInstance.ephemeral() as instance:
        first = materialise(instance, 1.0)
    with dg.DagsterInstance.ephemeral() as instance:
        again = materialise(instance, 1.0)
    assert DRAWN == [1.0]
    assert (again["plots_drawn"].value, again["plots_reused"].value) == (0, 1)
    assert again["plot"].value == first["plot"].value
    (stored,) = (tmp_path / "plots" / "plotted").glob("plot.*.png")
    assert stored.name == f"plot.{first[PLOT_INPUTS].value['plot']}.png"

    with dg.DagsterInstance.ephemeral() as instance:
        changed = materialise(instance, 3.0)
    (replaced,) = (tmp_path / "plots" / "plotted").glob("plot.*.png")
    assert replaced.name == f"plot.{changed[PLOT_INPUTS].value['plot']}.png"

    replaced.write_bytes(b"not a png")  # a damaged entry is a miss: drawn again
    with dg.DagsterInstance.ephemeral() as instance:
        redrawn = materialise(instance, 3.0)
    assert DRAWN == [1.0, 3.0, 3.0]
    assert redrawn["plot"].value == changed["plot"].value
    assert replaced.read_bytes().startswith(b"\x89PNG")
