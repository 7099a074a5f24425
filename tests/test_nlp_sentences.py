import pytest

from tocsin.nlp.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police fired. Protesters fled.", ["Police fired.", "Protesters fled."]),
        (
            "Mr. Smith met Dr. Jones in the U.S. capital. They talked.",
            ["Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."],
        ),
        (
            "Title line\n\nFirst para. Second one?\nThird!",
            ["Title line", "First para.", "Second one?", "Third!"],
        ),
        (
            "He said: \u201cWe will march.\u201d Then he left.",
            ["He said: \u201cWe will march.\u201d", "Then he left."],
        ),
        (
            "At 3.5 percent growth, J. K. Rowling wrote. 12 people died.",
            ["At 3.5 percent growth, J. K. Rowling wrote.", "12 people died."],
        ),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_sentences_split(text, expected):
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_sentences_offsets_are_exact():
    text = "  One.  Two.\n Three "
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end]
