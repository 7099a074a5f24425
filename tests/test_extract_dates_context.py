"""Event dates against the publication date, and context flags from the clause."""

from datetime import date

import pytest

from tocsin.extract.context import is_background
from tocsin.extract.dates import resolve_date
from tocsin.models import Span

PUBLISHED = date(2022, 1, 6)  # a Thursday


def _span(text):
    return Span(0, len(text), text)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Wednesday", date(2022, 1, 5), "day"),
        ("on Wednesday", date(2022, 1, 5), "day"),
        ("yesterday", date(2022, 1, 5), "day"),
        ("January 3", date(2022, 1, 3), "day"),
        ("Dec. 28", date(2021, 12, 28), "day"),
        ("two days ago", date(2022, 1, 4), "day"),
        # coarser phrases are dated at the start of their period, never after publication
        ("last week", date(2021, 12, 27), "week"),
        ("earlier this week", date(2022, 1, 3), "week"),
        ("over the weekend", date(2021, 12, 27), "week"),
        ("earlier this month", date(2022, 1, 1), "month"),
        ("last month", date(2021, 12, 1), "month"),
        ("in December", date(2021, 12, 1), "month"),
        ("late last month", date(2021, 12, 1), "month"),
        ("last year", date(2021, 1, 1), "year"),
        ("in 2019", date(2019, 1, 1), "year"),
    ],
)
def test_dates_resolve_against_publication(text, expected, precision):
    assert resolve_date([_span(text)], PUBLISHED)[:2] == (expected, precision)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("over the weekend", date(2025, 6, 23), date(2025, 6, 16)),  # a Monday: the weekend just gone
        ("the weekend", date(2025, 6, 22), date(2025, 6, 16)),  # a Sunday: this weekend
        ("last weekend", date(2025, 6, 22), date(2025, 6, 9)),  # a Sunday: the one before
    ],
)
def test_dates_weekend(text, published, expected):
    assert resolve_date([_span(text)], published)[:2] == (expected, "week")


def test_dates_dateline_is_not_the_event_date(extract_text):
    article = extract_text("KABUL, Jan 5 (Reuters) - Protesters clashed with police on Wednesday.", date(2022, 1, 6))
    assert article.events
    assert article.events[0].date == date(2022, 1, 5)  # Wednesday, not the filing date
    assert article.events[0].date_precision == "day"
    assert article.events[0].evidence.arguments["date"][0].text == "Wednesday"


def test_dates_the_triggers_own_date_first(extract_text):
    article = extract_text("Police said on Monday that protesters had clashed with soldiers on Saturday.", PUBLISHED)
    clashes = [e for e in article.events if e.evidence.trigger.text.startswith("clash")]
    assert clashes
    assert clashes[0].date == date(2022, 1, 1)  # the Saturday before a Thursday


@pytest.mark.parametrize("text", ["35", "three days", "20 years old", "decades"])
def test_dates_reject_non_points(text):
    assert resolve_date([_span(text)], PUBLISHED)[:2] == (PUBLISHED, "publication")


def test_dates_never_after_publication_unless_future():
    later = [_span("January 20, 2022")]
    assert resolve_date(later, PUBLISHED)[:2] == (PUBLISHED, "publication")
    assert resolve_date(later, PUBLISHED, future=True)[:2] == (date(2022, 1, 20), "day")
    assert resolve_date([], None) == (None, "unknown", None)


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("Until 2019 it was run by a president for life.", True),
        ("In 1991 the country became independent.", True),
        ("Decades ago the square was a market.", True),
        ("Police arrested 40 people on Monday.", False),
        ("The protests, the largest since 2019, continued.", False),
    ],
)
def test_context_background(sentence, background):
    assert is_background(sentence, PUBLISHED) is background


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Unions in Chile will strike on Monday.", "future"),
        ("Police in Peru did not arrest the protesters.", "negated"),
        # a noun trigger is negated with the verb that does it
        ("The government of Ecuador did not declare a state of emergency.", "negated"),
        ("The army could impose a curfew in Lima if the protests continue.", "hypothetical"),
        ("Opposition parties in Kenya plan to protest next week.", "future"),
    ],
)
def test_context_flags(extract_text, text, flag):
    events = extract_text(text).events
    assert events, text
    assert flag in events[0].context


def test_context_awaited_clause_is_hypothetical(extract_text):
    text = "Truckers in Peru said the blockade would continue until the government withdrew the fuel tax."
    events = [e for e in extract_text(text).events if e.evidence.trigger.text == "withdrew"]
    assert events
    assert "hypothetical" in events[0].context
    done = extract_text("Students in Peru stayed in the square until the government withdrew the fuel tax.").events
    assert all("hypothetical" not in e.context for e in done if e.evidence.trigger.text == "withdrew")


@pytest.mark.parametrize(
    ("text", "plover_type"),
    [
        # the modal of the governing clause: "would ... prompt workers to stage a strike"
        ("An opposition victory would prompt oil workers in Venezuela to stage a crippling strike.", "PROTEST"),
        # averted or feared, not done
        ("The government must negotiate with the unions in Johannesburg to avoid strikes.", "PROTEST"),
        ("Fears of attacks by militants in Kabul grew after the election.", "ASSAULT"),
    ],
)
def test_context_governed_by_a_possibility_is_hypothetical(extract_text, text, plover_type):
    events = [e for e in extract_text(text).events if e.plover_type == plover_type]
    assert events, text
    assert all("hypothetical" in e.context for e in events)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # demanded, possible or merely intended: no arrest made
        ("The traders demanded a ban on the group and arrest of its leaders in Lahore.", "arrest"),
        ("The opposition in Dhaka called for the arrest of the mayor.", "arrest"),
        ("The protest leaders in Patna are likely to be arrested on Friday.", "arrested"),
        ("Hoarders in Kanpur can be arrested under the new ordinance.", "arrested"),
        ("It was the government's responsibility to apprehend the planner of the Surat attack.", "apprehend"),
        ("The police in Bhopal will not hesitate in arresting the organisers, the collector said.", "arresting"),
    ],
)
def test_context_an_arrest_demanded_or_possible_is_not_made(extract_text, text, trigger):
    article = extract_text(text)
    assert article.events, text  # the sentence is read: the demand, or the arrest flagged
    # the arrest is either no event of its own (what a call is for is its content) or flagged
    events = [e for e in article.events if e.evidence.trigger.text == trigger]
    assert all({"hypothetical", "future"} & set(e.context) for e in events), [e.context for e in events]


TUESDAY = date(2025, 6, 24)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("on Tuesday", False, date(2025, 6, 24)),  # the publication weekday is that day
        ("Tuesday night", False, date(2025, 6, 24)),
        ("last Tuesday", False, date(2025, 6, 17)),
        ("Monday", False, date(2025, 6, 23)),
        ("on Wednesday", False, date(2025, 6, 18)),
        ("on Wednesday", True, date(2025, 6, 25)),
    ],
)
def test_dates_weekday_against_publication(text, future, expected):
    assert resolve_date([_span(text)], TUESDAY, future=future)[:2] == (expected, "day")


def test_dates_a_date_ahead_is_not_the_event_date(extract_text):
    # the union's strike is set for a Wednesday after publication (2022-01-06 is a Thursday)
    article = extract_text("On Sunday the teachers' union announced a one-day strike for Wednesday.", PUBLISHED)
    strikes = [e for e in article.events if e.evidence.trigger.text == "strike"]
    for event in strikes:
        assert "future" in event.context or (event.date, event.date_precision) == (PUBLISHED, "publication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Emigration has been a feature of life since the Soweto riots of the 1970s.",
        "Emigration showed a clear escalation in the late 1970s after the Soweto riots.",
    ],
)
def test_riots_decades_ago_are_background(extract_text, sentence):
    assert not [e for e in extract_text(sentence).events if e.plover_type == "PROTEST"]


def test_context_a_conjunct_with_its_own_tense_keeps_its_own_mood(extract_text):
    text = "The United States said it would review its ties with Georgia and threatened sanctions on officials."
    threats = [e for e in extract_text(text).events if e.plover_type == "THREATEN"]
    assert threats
    assert not any("hypothetical" in e.context for e in threats)


@pytest.mark.parametrize(
    "text",
    [
        # what someone is let, told or expected to do is not done
        "The new law allows the police to arrest anyone without a warrant.",
        "The collector ordered the police to arrest the rioters in Surat.",
        # what steps are taken for (the parser reads the infinitive as the noun's relative clause)
        "The opposition wants firm steps to arrest the rioters in Surat.",
    ],
)
def test_context_an_act_licensed_or_intended_is_hypothetical(extract_text, text):
    events = extract_text(text).events
    arrests = [e for e in events if e.plover_type == "COERCE" and e.evidence.trigger.text == "arrest"]
    assert arrests, text
    assert all("hypothetical" in e.context for e in arrests)


def test_context_an_act_forced_on_someone_is_done(extract_text):
    events = extract_text("Police forced the protesters to disperse in Delhi.").events
    assert events
    assert not any("hypothetical" in e.context for e in events)


def test_context_what_someone_was_able_to_do_is_done(extract_text):
    events = extract_text("Police opened fire and were able to arrest 39 rioters from the spot.").events
    arrests = [e for e in events if e.plover_type == "COERCE" and e.evidence.trigger.text == "arrest"]
    assert arrests
    assert not any("hypothetical" in e.context for e in arrests)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The teachers' union announced a one-day strike for Wednesday.", date(2022, 1, 12)),
        ("Opposition parties called a general strike for next Monday.", date(2022, 1, 10)),
    ],
)
def test_context_a_protest_set_for_a_day_ahead_is_future(extract_text, text, day):
    # a strike announced for a day after publication is planned, dated on that day
    strike = next(e for e in extract_text(text, PUBLISHED).events if e.plover_type == "PROTEST")
    assert "future" in strike.context
    assert (strike.date, strike.date_precision) == (day, "day")


@pytest.mark.parametrize(
    "text",
    [
        # the protests of a coordinated clause happened; a curfew "until" a day is in force now;
        # "for the next week" is how long the troops stay, not when they are deployed
        "Farmers joined the protests on Sunday, and the union announced a strike for Wednesday.",
        "Police imposed a curfew in the city until Friday.",
        "The army deployed troops in the capital for the next week.",
    ],
)
def test_context_a_date_ahead_of_another_clause_or_a_duration_is_not_a_plan(extract_text, text):
    first = extract_text(text, PUBLISHED).events[0]
    assert "future" not in first.context


@pytest.mark.parametrize(
    "text",
    [
        "Traders warned of a nationwide shutter-down strike if talks fail.",
        "They demanded lower taxes and warned of a general strike in the port.",
    ],
)
def test_context_a_protest_warned_of_is_hypothetical(extract_text, text):
    # the strike is threatened, not held: the warning is the event (THREATEN), the strike is not
    strikes = [e for e in extract_text(text, PUBLISHED).events if e.plover_type == "PROTEST"]
    assert strikes
    assert all("hypothetical" in e.context for e in strikes)


@pytest.mark.parametrize(
    "text",
    [
        "Why did police fire on unarmed protesters in Harare?",
        "Will the government shut down the internet in Dhaka again?",
    ],
)
def test_context_an_act_asked_about_is_hypothetical(extract_text, text):
    events = extract_text(text, PUBLISHED).events
    assert events
    assert all("hypothetical" in e.context for e in events), [(e.plover_type, e.context) for e in events]


def test_context_a_quoted_question_covers_only_the_quote(extract_text):
    text = 'The minister asked: "Will the army deploy troops to the border?"'
    events = extract_text(text, PUBLISHED).events
    assert [e.plover_type for e in events if not e.context] == ["REQUEST"], [(e.plover_type, e.context) for e in events]


def test_context_a_question_chanted_by_marchers_leaves_the_march_done(extract_text):
    text = 'Workers marched through Durban on Monday, chanting "where is our money?"'
    marches = [e for e in extract_text(text, PUBLISHED).events if e.plover_type == "PROTEST"]
    assert marches
    assert not any("hypothetical" in e.context for e in marches)


def test_context_lives_claimed_are_no_claim(extract_text):
    events = extract_text("Clashes between police and farmers have claimed lives in the north.").events
    clash = next(e for e in events if e.evidence.trigger.text == "Clashes")
    assert "claimed" not in clash.context
    said = extract_text("The rebels claimed they killed ten soldiers in the north.").events
    assert "claimed" in next(e for e in said if e.plover_type == "ASSAULT").context


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Workers went on strike in Lagos this morning.", "2025-03-14"),
        ("Police arrested ten protesters in Kano late last night.", "2025-03-13"),
    ],
)
def test_dates_a_time_of_day_names_its_day(extract_text, sentence, day):
    event = extract_text(sentence).events[0]
    assert (event.date.isoformat(), event.date_precision) == (day, "day")


def test_context_what_is_announced_as_done_is_not_planned(extract_text):
    text = "Police in Juba announced that more than 70 rebels had surrendered."
    assert all("future" not in e.context for e in extract_text(text).events)


def test_context_an_announced_act_is_done(extract_text):
    events = extract_text("The interior ministry announced a state of emergency in the north on Friday.").events
    assert events
    assert all("future" not in e.context for e in events)
