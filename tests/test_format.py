from decimal import Decimal

from federations.templatetags.finsam_format import group_digits, number, thousands


def test_kronor_are_grouped_swedish_style():
    assert number(Decimal("11356500.00")) == "11\u00a0356\u00a0500"
    assert number(-155574) == "-155\u00a0574"
    assert number(Decimal("0.5")) == "1"  # rounded half up, as the books do
    assert number(None) == ""


def test_thousands():
    assert thousands(Decimal("3499200")) == "3\u00a0499"
    assert thousands(Decimal("8553600")) == "8\u00a0554"


def test_a_total_is_rounded_from_the_exact_amounts():
    lines = [Decimal("0.40"), Decimal("0.40"), Decimal("0.40")]
    assert [group_digits(line) for line in lines] == ["0", "0", "0"]
    assert group_digits(sum(lines)) == "1"


def test_one_formatter_writes_every_figure_of_the_app():
    """The template filter, the charts, the import's messages and the bench all group digits
    with finsam.numbers: the same figure reads the same everywhere."""
    from federations.imports import files as imports
    from finsam.numbers import group_digits as the_formatter
    from interventions.charts import whole_number

    assert group_digits is the_formatter and imports.group_digits is the_formatter
    assert whole_number(1388300) == number(1388300) == "1\u00a0388\u00a0300"
    assert whole_number(-155574.4) == "-155\u00a0574"
