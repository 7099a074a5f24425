import pytest

from tocsin.extract.counts import find_counts, parse_number


@pytest.mark.parametrize(
    ("text", "field", "low", "high"),
    [
        ("At least 12 people were killed in the clashes.", "killed", 12, None),
        ("Police arrested 45 protesters on Sunday.", "arrested", 45, 45),
        ("The clashes have claimed lives.", "killed", 1, None),
        ("Thousands of people marched through the capital.", "crowd_size", 2000, None),
        ("The death toll rose to 31 on Monday.", "killed", 31, 31),
        ("killing three soldiers and wounding 14 others", "injured", 14, 14),
        ("Security forces detained more than 200 people.", "arrested", 201, None),
        ("a crowd of about 5,000 gathered", "crowd_size", 5000, 5000),
        ("dozens were injured", "injured", 24, None),
        ("one person was killed in police firing", "killed", 1, 1),
        ("A constable was injured when stones were thrown.", "injured", 1, 1),
        ("Several hundred farmers marched to the ministry.", "crowd_size", 300, None),
        ("Two hundred students gathered at the gate.", "crowd_size", 200, 200),
        ("Police detained a few thousand people overnight.", "arrested", 2000, None),
    ],
)
def test_counts_ranges(text, field, low, high):
    count = find_counts(text, offset=100)[field]
    assert (count.min, count.max) == (low, high)
    assert count.span is not None
    assert text[count.span.start - 100 : count.span.end - 100] == count.span.text


@pytest.mark.parametrize("text", ["In 2019 there were elections.", "The team scored 3 goals.", ""])
def test_counts_none(text):
    assert find_counts(text) == {}


def test_counts_parse_number():
    assert parse_number("twelve") == (12, 12)
    assert parse_number("1,200", "over") == (1201, None)
    assert parse_number("30", "up to") == (1, 30)
    assert parse_number("banana") is None
