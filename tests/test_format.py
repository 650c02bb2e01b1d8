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
