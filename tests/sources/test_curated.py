"""The curated files' one loader (sources/curated.py): every file of `FILES` loads from
data/curated/ with its rows numbered, every row citing its evidence, text columns unless the
file declares a type; a row without its citation is refused, naming the file and the row."""

import polars as pl
import pytest

from sources import curated


@pytest.mark.parametrize("name", sorted(curated.FILES))
def test_every_file_loads_with_its_rows_numbered_and_cited(name):
    spec = curated.FILES[name]
    frame = curated.load(name)
    assert frame.height > 0
    assert frame["row_number"].to_list() == list(range(1, frame.height + 1))
    typed = {c: t for c, t in frame.schema.items() if c != "row_number" and t != pl.String}
    assert typed == dict(spec.schema_overrides)
    if spec.citation_column:
        assert frame[spec.citation_column].str.strip_chars().str.len_chars().min() > 0
    else:  # a name map of one publication: cited as a whole
        assert spec.file_citation


def test_declared_types_read_as_numbers():
    mixtral = curated.load("model_active_parameters").filter(name="Mixtral 8x7B").row(0, named=True)
    # Mistral AI: "46.7B total parameters but only uses 12.9B parameters per token"
    assert (mixtral["active_parameters"], mixtral["total_parameters"]) == (12.9e9, 46.7e9)
    assert mixtral["citation_url"] == "https://mistral.ai/news/mixtral-of-experts"


def test_a_row_without_its_citation_is_refused(tmp_path, monkeypatch):
    """Fault input: a copy of hardware_merges.csv with row 2's citation blanked, read from a
    temporary curated folder."""
    uncited = curated.load("hardware_merges").with_columns(
        citation=pl.when(pl.col("row_number") == 2).then(pl.lit(" ")).otherwise("citation")
    )
    uncited.drop("row_number").write_csv(tmp_path / "hardware_merges.csv")
    monkeypatch.setattr(curated, "CURATED_DIR", tmp_path)
    with pytest.raises(curated.CuratedFileError) as refused:
        curated.load("hardware_merges")
    assert str(refused.value) == (
        f"{tmp_path / 'hardware_merges.csv'}: rows [2] have no citation: every curated row "
        "cites its evidence"
    )
