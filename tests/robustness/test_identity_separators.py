"""The identity-number guard reads every way of writing the separator: any character of
Unicode's dash and space categories (and tabs and line breaks), alone or with spaces around
a dash, between the date of birth and the last four digits."""

from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.privacy import looks_like_identity_number, redact_identity_numbers

from .conftest import tried

dashes = st.characters(categories=["Pd"]) | st.sampled_from(["\u2212", "-", "+", ".", "_", "/", ":"])
spaces = st.characters(categories=["Zs"]) | st.sampled_from(["\t", "\n", "\r"])
separators = st.one_of(
    st.just(""),
    dashes,
    spaces,
    st.builds(lambda a, b: a + b, spaces, spaces),
    st.builds(lambda a, dash, b: a + dash + b, spaces, dashes, spaces),
)
birth_dates = st.dates().filter(lambda day: day.year >= 1900)


@settings(max_examples=400, deadline=None)
@given(
    born=birth_dates,
    coordination=st.booleans(),
    long_year=st.booleans(),
    separator=separators,
    last=st.integers(0, 9999),
    before=st.sampled_from(["", "Deltagaren ", "(", "nr "]),
)
def test_a_number_is_recognised_whatever_separates_its_parts(born, coordination, long_year, separator, last, before):
    tried()
    day = born.day + (60 if coordination else 0)
    year = f"{born.year:04d}" if long_year else f"{born.year % 100:02d}"
    number = f"{year}{born.month:02d}{day:02d}{separator}{last:04d}"
    text = f"{before}{number} har avslutats."
    assert looks_like_identity_number(text), repr(number)
    assert not looks_like_identity_number(redact_identity_numbers(text))
