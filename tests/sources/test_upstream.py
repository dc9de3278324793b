"""Reading upstream text the same way everywhere (sources/upstream.py): hand-written numbers and
dates read or refused, never guessed."""

from datetime import date

import pytest

from sources.upstream import SeveralValues, read_date, read_number, read_number_list


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
