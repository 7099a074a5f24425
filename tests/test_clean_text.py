from __future__ import annotations

import re
from pathlib import Path

import pytest

from tocsin.clean.text import CleanStage, clean_text, is_promo_line
from tocsin.config import Settings
from tocsin.errors import SkipArticle
from tocsin.models import Article

SETTINGS = Settings(progress=False)
SHARED_EXAMPLE = Path(__file__).parents[2] / "shared" / "examples" / "kazakhstan_unrest_article.txt"

LEAD = "Thousands marched through the city centre on Friday, witnesses said."
TAIL = "Police said 45 people were arrested after the march."


def clean(raw: str, settings: Settings = SETTINGS) -> Article:
    return CleanStage(settings)(Article(raw=raw))


def assert_traceable(article: Article) -> None:
    """Every clean character is the raw character its segment points at."""
    text, raw = article.text, article.raw
    covered = 0
    for clean_start, raw_start, length in article.offsets.segments:
        assert clean_start == covered, "segments must cover the text in order"
        assert raw[raw_start : raw_start + length] == text[clean_start : clean_start + length]
        covered += length
    assert covered == len(text)
    for i, ch in enumerate(text):
        if i == 0 or any(c < i < c + n for c, _, n in article.offsets.segments):
            assert raw[article.offsets.to_raw(i)] == ch  # inside a run (no run boundary)


PROMO_LINES = [
    "SEE ALSO: US May Warn Allies of Invasion Plans",
    "See also: The week in pictures",
    "ALSO READ: Ten things to know about the vote",
    "READ MORE: Why fuel prices keep rising",
    "Read more: Inside the opposition's plan",
    "READ MORE",
    "Related: Central bank raises rates again",
    "RELATED: Neighbours worry about migrant bottlenecks",
    "(RELATED: Neighbours worry about migrant bottlenecks)",
    "[READ MORE: Markets slide on strike fears]",
    "Related Posts",
    "Related Articles",
    "Related stories:",
    "Click here to get the morning briefing",
    "Subscribe to our newsletter for daily updates",
    "Sign up for breaking news alerts",
    "Share this article",
    "Share on Facebook",
    "Follow us on Twitter and Telegram",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Photo: Riot police in the old town. Reuters",
    "(Photo by Jane Doe/Getty Images)",
    "Image: Protesters gather in the square / Getty Images",
    "Protesters gather near parliament. John Smith/AFP via Getty Images",
    "Photograph by A. Rahman",
    "WATCH: Drone footage of the march",
]

PROSE_LINES = [
    "Related talks between the unions and employers broke down on Monday.",
    "More than 200 people were injured, the health ministry said.",
    "More-than-expected turnout surprised organisers.",
    "Subscribers to the state broadcaster saw the channel go dark.",
    "Shares in the port operator fell 4 percent.",
    "Pictures by residents showed police beating protesters in the square.",
    "Advertisements for the rally were banned by the city council.",
    "Photographers were among those detained, the union said.",
    "Watchdogs said the vote was flawed.",
    "He told Reuters the curfew would be lifted.",
    "Follow-up talks are planned for next week.",
]


@pytest.mark.parametrize("line", PROMO_LINES)
def test_clean_text_promo_line_is_removed(line):
    article = clean(f"{LEAD}\n\n{line}\n\n{TAIL}\n")
    assert article.text == f"{LEAD}\n\n{TAIL}"
    assert_traceable(article)


@pytest.mark.parametrize("line", PROMO_LINES)
def test_clean_text_promo_line_between_lines_of_a_paragraph(line):
    article = clean(f"{LEAD}\n{line}\n{TAIL}")
    assert line not in article.text
    assert article.text == f"{LEAD}\n\n{TAIL}"
    assert_traceable(article)


@pytest.mark.parametrize("line", PROSE_LINES)
def test_clean_text_prose_is_kept(line):
    assert not is_promo_line(line)
    article = clean(f"{LEAD}\n\n{line}\n\n{TAIL}\n")
    assert article.text == f"{LEAD}\n\n{line}\n\n{TAIL}"
    assert_traceable(article)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "Russia expects the unrest to end quickly. (RELATED: Neighbours Worry About Borders)",
            "Russia expects the unrest to end quickly.",
        ),
        (
            "Talks resumed. [Read more: What the unions want] Both sides met at noon.",
            "Talks resumed. Both sides met at noon.",
        ),
        (
            "Crowds filled the square (Photo by J. Doe/Getty Images) before dusk.",
            "Crowds filled the square before dusk.",
        ),
        (
            "The strike (the third this year) closed schools.",
            "The strike (the third this year) closed schools.",
        ),
    ],
)
def test_clean_text_inline_promo_parenthetical_is_cut(line, kept):
    article = clean(f"{LEAD}\n\n{line}\n")
    assert article.text == f"{LEAD}\n\n{kept}"
    assert_traceable(article)


def test_clean_text_repeated_title_is_kept_once():
    raw = "Capital Burns as Protests Spread\n\nCapital Burns as Protests Spread\n\n" + LEAD
    article = clean(raw)
    assert article.text == f"Capital Burns as Protests Spread\n\n{LEAD}"
    assert article.title == "Capital Burns as Protests Spread"
    assert_traceable(article)


def test_clean_text_title_not_repeated_is_untouched():
    article = clean(f"A Title\n\n{LEAD}\n\n{LEAD}\n")
    assert article.text == f"A Title\n\n{LEAD}\n\n{LEAD}"  # only the first two lines count


def test_clean_text_existing_title_is_kept():
    article = CleanStage(SETTINGS)(Article(raw=f"Headline here\n\n{LEAD}", title="Given"))
    assert article.title == "Given"


def test_clean_text_blank_lines_collapse_and_characters_are_unchanged():
    raw = f"  {LEAD}   \n\n\n\nREAD MORE: x\n\n\n“Quoted” — dash.\t\n\n\n\n"
    article = clean(raw)
    assert article.text == f"  {LEAD}\n\n“Quoted” — dash."
    assert_traceable(article)


def test_clean_text_crlf_input_is_traceable():
    raw = f"{LEAD}\r\n\r\nSEE ALSO: x\r\n\r\n{TAIL}\r\n"
    article = clean(raw)
    assert article.text == f"{LEAD}\n\n{TAIL}"
    assert_traceable(article)


def test_clean_text_related_posts_footer_list_is_dropped():
    raw = (
        f"{LEAD}\n\n{TAIL}\n\nRelated Posts\n\nFuel Prices Climb Again\n"
        "Opposition Leader Detained at Airport\nWhy the Curfew Failed?\n"
    )
    article = clean(raw)
    assert article.text == f"{LEAD}\n\n{TAIL}"
    assert_traceable(article)


def test_clean_text_footer_heading_does_not_eat_prose():
    raw = f"{LEAD}\n\nRelated Articles\n\n{TAIL}\n"
    assert clean(raw).text == f"{LEAD}\n\n{TAIL}"


def test_clean_text_too_little_text_is_skipped():
    with pytest.raises(SkipArticle) as info:
        clean("SEE ALSO: something\n\nAdvertisement\n\nShort.\n")
    assert info.value.reason == "empty"


def test_clean_text_truncates_at_paragraph_boundary():
    paragraphs = [f"Paragraph {i} says the strike went on. " * 3 for i in range(20)]
    raw = "\n\n".join(paragraphs)
    article = clean(raw, Settings(max_chars=1000))
    assert "truncated" in article.flags
    assert len(article.text) <= 1000
    assert article.text.endswith("went on.")
    assert article.text.count("\n\n") >= 1
    assert_traceable(article)
    again = CleanStage(Settings(max_chars=1000))(article)
    assert again.flags.count("truncated") == 1


def test_clean_text_truncates_at_sentence_boundary_without_paragraphs():
    raw = "The march went on for hours. " * 100
    text, _, truncated = clean_text(raw, 500)
    assert truncated
    assert text.endswith("hours.")
    assert len(text) <= 500


def test_clean_text_not_truncated_under_limit():
    article = clean(f"{LEAD}\n\n{TAIL}")
    assert "truncated" not in article.flags


@pytest.mark.shared
def test_clean_text_shared_example():
    if not SHARED_EXAMPLE.exists():
        pytest.skip(f"shared example not found at {SHARED_EXAMPLE} (../shared is absent)")
    raw = SHARED_EXAMPLE.read_text(encoding="utf-8")
    article = clean(raw)
    text = article.text
    for promo in ("SEE ALSO", "RELATED:", "Related Posts"):
        assert promo not in text
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    title = paragraphs[0]
    assert paragraphs[1] == title  # the scraped title is repeated ...
    assert text.count(title) == 1  # ... and kept once
    assert article.title == title
    # every other paragraph stays verbatim (typographic quotes and all), in order, minus
    # the promo lines and the trailing "(RELATED: ...)" parenthetical
    body = [
        re.sub(r"\s*\(RELATED:[^)]*\)$", "", p)
        for p in paragraphs[2:]
        if not p.startswith(("SEE ALSO", "Related Posts"))
    ]
    assert text == "\n\n".join([title, *body])
    assert body[0].startswith("’s president")  # the damaged first sentence is not "fixed"
    assert_traceable(article)


SAMPLES = sorted((Path(__file__).parents[1] / "tocsin" / "data" / "samples").glob("*/*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_clean_text_sample_articles(path):
    raw = path.read_text(encoding="utf-8").split("\n\n", 1)[1]  # drop the metadata header
    article = clean(raw)
    for promo in ("SEE ALSO", "Read more:", "READ MORE", "RELATED:", "Related Posts"):
        assert promo not in article.text
    assert not any(is_promo_line(line) for line in article.text.split("\n"))
    first_lines = [line for line in article.text.split("\n") if line.strip()][:2]
    assert first_lines[0] != first_lines[1]
    assert "\n\n\n" not in article.text
    assert_traceable(article)
