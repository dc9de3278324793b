"""Reading upstream text the same way everywhere (sources/upstream.py): hand-written numbers and
dates read or refused, never guessed; a real upstream CSV read as text whatever its BOM and line
ends, a renamed column or an empty file named; a column's values, errors and ambiguities kept
apart; every unreadable cell named in `parse_error`."""

from datetime import date

import polars as pl
import pytest

from sources.upstream import (
    PARSE_ERROR,
    SeveralValues,
    UpstreamFormatError,
    number,
    parse_errors,
    read_column,
    read_csv_text,
    read_date,
    read_number,
    read_number_list,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.14e+23", 3.14e23),
        ("1,750,000", 1_750_000.0),
        ("175 billion", 175e9),
        ("175B", 175e9),
        ("~2e24", 2e24),
        ("1.2 x 10^24", 1.2e24),
        (" 42 ", 42.0),
        ("NaN", None),
        ("nan", None),
        ("", None),
        ("n/a", None),
    ],
)
def test_read_number_reads_hand_written_numbers(text, value):
    assert read_number(text) == value


@pytest.mark.parametrize("text", ["1,5", "about 3", "1e400", "12 GB", "Infinity", "3.1.4"])
def test_read_number_refuses_what_it_cannot_read_for_sure(text):
    with pytest.raises(ValueError):
        read_number(text)


def test_a_list_of_equal_values_is_one_value_and_differing_ones_are_not_chosen_among():
    assert read_number_list("20,20") == 20.0
    assert read_number_list("1,500") == 1500.0  # a thousands grouping reads first
    with pytest.raises(SeveralValues):
        read_number_list("12000,800")


@pytest.mark.parametrize(
    "text",
    [
        "2020-05-28",
        "2020/05/28",
        "5/28/2020",
        "May 28, 2020",
        "28 May 2020",
        "2020-05-28T00:00:00Z",
    ],
)
def test_read_date_reads_several_formats(text):
    assert read_date(text) == date(2020, 5, 28)


@pytest.mark.parametrize("text", ["2020-05", "2020", "28/5/2020", "last May"])
def test_read_date_does_not_invent_a_day(text):
    with pytest.raises(ValueError):
        read_date(text)


@pytest.fixture(scope="module")
def openai_csv(bundled_store) -> bytes:
    """OpenAI's 2018 points (compute.csv, 20 records), a real upstream CSV."""
    return bundled_store.latest("openai_ai_and_compute").path().read_bytes()


def test_a_csv_is_read_as_text_whatever_its_bom_and_line_ends(openai_csv, tmp_path):
    plain, windows = tmp_path / "plain.csv", tmp_path / "windows.csv"
    plain.write_bytes(openai_csv)
    windows.write_bytes(b"\xef\xbb\xbf" + openai_csv.replace(b"\n", b"\r\n"))  # a BOM, CRLF
    frame = read_csv_text(plain, ["result"])
    assert frame.columns == ["row_number", "publication_date", "overall_peta_flop_days", "result"]
    assert frame["row_number"].to_list() == list(range(1, 21))
    assert frame.row(0) == (1, "2012-06-01", "0.005787540000000001", "AlexNet")  # as written
    assert read_csv_text(windows, ["result"]).equals(frame)


def test_a_renamed_column_or_no_record_is_named(openai_csv, tmp_path):
    """Fault inputs: the real file with a column renamed, and its header alone."""
    renamed = tmp_path / "compute.csv"
    renamed.write_bytes(openai_csv.replace(b",result\n", b",system\n", 1))
    with pytest.raises(UpstreamFormatError) as refused:
        read_csv_text(renamed, ["publication_date", "result"], "sources/openai_ai_and_compute.py")
    assert str(refused.value) == (
        f"{renamed}: columns ['result'] are missing (found ['publication_date', "
        "'overall_peta_flop_days', 'system']); the upstream format changed: update "
        "sources/openai_ai_and_compute.py"
    )
    header = tmp_path / "header.csv"
    header.write_bytes(openai_csv.split(b"\n")[0] + b"\n")
    with pytest.raises(UpstreamFormatError, match="no records"):
        read_csv_text(header)


def test_a_column_read_keeps_values_errors_and_ambiguities_apart():
    raw = pl.DataFrame({"size": ["20,20", "12000,800", "lots", None, "1.5"]})
    read = read_column(raw, "size", read_number_list, pl.Float64)
    out = raw.select(value=read.value, error=read.error, ambiguity=read.ambiguity)
    assert out.rows() == [
        (20.0, None, None),
        (None, None, "size: several values: '12000,800'"),
        (None, "unreadable size: not a number: 'lots'", None),
        (None, None, None),
        (1.5, None, None),
    ]


def test_parse_errors_name_each_unreadable_column():
    raw = pl.DataFrame({"a": ["1,234", "x", "", None, "inf"], "b": ["2", "y", "3", "", "4"]})
    parsed = {"a": number("a"), "b": number("b")}
    out = raw.select(*(e.alias(c) for c, e in parsed.items()), parse_errors(parsed))
    assert out["a"].to_list() == [1234.0, None, None, None, None]  # infinite is no value
    assert out[PARSE_ERROR].to_list() == [
        None,
        "unreadable a 'x'; unreadable b 'y'",
        None,
        None,
        "unreadable a 'inf'",
    ]
