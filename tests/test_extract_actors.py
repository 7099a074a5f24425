"""Actors (issue #4): the leaders table, "the president" within an article, never an invented name.

The pipeline tests run the real spaCy model over sentences written for these tests (the
``extract_text`` fixture dates them 2025-03-14 unless told otherwise).
"""

from datetime import date

import pytest

from tocsin.errors import TocsinError
from tocsin.extract.actors import code_actor
from tocsin.extract.leaders import LEADERS_PATH, ROLES, load_leaders, lookup
from tocsin.geocode import get_gazetteer
from tocsin.nlp.parse import load_nlp

DEMONYMS = LEADERS_PATH.parent / "demonyms.tsv"


def _actor(article, text):
    for event in article.events:
        for actor in (*event.sources, *event.targets):
            if actor.text == text:
                return actor
    pytest.fail(f"no actor {text!r} in {[a.text for e in article.events for a in (*e.sources, *e.targets)]}")


# ----- the table ------------------------------------------------------------------------------


def test_leaders_table_loads_with_known_countries_and_roles():
    leaders = load_leaders()
    assert len(leaders) > 500
    countries = {line.split("\t")[0] for line in DEMONYMS.read_text(encoding="utf-8").splitlines()}
    for leader in leaders.leaders:
        assert leader.country in countries, leader
        for term in leader.terms:
            assert term.role in ROLES
            assert 1940 < term.start <= 2025
            assert term.end is None or term.start <= term.end <= 2025


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Someone\tKAZ\tpresident\t2019\t", "role"),
        ("Someone\tkaz\thead_of_state\t2019\t", "country"),
        ("Someone\tKAZ\thead_of_state\t\t", "from_year"),
        ("Someone\tKAZ\thead_of_state\t2019\t2010", "before"),
        ("Someone\tKAZ\thead_of_state\t2019", "5 tab"),
    ],
)
def test_leaders_malformed_row_is_refused(tmp_path, row, problem):
    path = tmp_path / "leaders.tsv"
    path.write_text(f"# a comment\n{row}\n", encoding="utf-8")
    with pytest.raises(TocsinError, match=problem):
        load_leaders(path)


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Kassym-Jomart Tokayev", date(2022, 1, 6), ("KAZ", "GOV")),
        ("Tokayev", date(2022, 1, 6), ("KAZ", "GOV")),
        ("Tokayev's", date(2022, 1, 6), ("KAZ", "GOV")),
        ("Nazarbayev", date(2022, 1, 6), ("KAZ", "ELI")),
        ("Nazarbayev", date(2015, 6, 1), ("KAZ", "GOV")),
        ("Vladimir Putin", date(2010, 3, 1), ("RUS", "GOV")),
        ("Putin", date(2024, 3, 1), ("RUS", "GOV")),
        ("Erdogan", date(2020, 1, 1), ("TUR", "GOV")),
        ("Erdoğan", date(2020, 1, 1), ("TUR", "GOV")),
        ("Assad", date(2015, 1, 1), ("SYR", "GOV")),
        ("Bashar al-Assad", date(2025, 3, 1), ("SYR", "ELI")),
        ("Xi", date(2020, 1, 1), ("CHN", "GOV")),
        ("Trump", date(2019, 1, 1), ("USA", "GOV")),
        ("Trump", date(2023, 1, 1), ("USA", "ELI")),
        ("Trump", date(2025, 3, 1), ("USA", "GOV")),
        ("Aoun", date(2025, 3, 1), ("LBN", "GOV")),
    ],
)
def test_leaders_lookup_by_full_name_surname_and_date(name, on, expected):
    assert lookup(name, on) == expected


@pytest.mark.parametrize(
    ("name", "on"),
    [
        ("Rajapaksa", date(2020, 6, 1)),  # two Rajapaksas in office at once
        ("Khan", date(2020, 6, 1)),  # a surname too common to stand for Imran Khan
        ("Johnson", date(2020, 6, 1)),
        ("Maria Kovacs", date(2020, 6, 1)),  # nobody in the table
        ("UN", date(2020, 6, 1)),
        ("Mark Tokayev", date(2022, 1, 6)),  # another first name: another person
        ("Tokayev", date(1990, 1, 1)),  # before the first term the table knows nothing
    ],
)
def test_leaders_lookup_unknown_or_ambiguous_is_none(name, on):
    assert lookup(name, on) is None


def test_leaders_lookup_undated_is_as_of_the_end_of_the_table():
    assert lookup("Macron", None) == ("FRA", "GOV")
    assert lookup("Merkel", None) == ("DEU", "ELI")


# ----- actors in the pipeline -----------------------------------------------------------------


def test_extract_actors_leader_by_surname_gets_country_and_sector(extract_text):
    article = extract_text(
        "Protesters clashed with police in Almaty on Thursday. "
        "Tokayev blamed foreign-trained terrorists for the unrest.",
        published=date(2022, 1, 6),
    )
    tokayev = _actor(article, "Tokayev")
    assert (tokayev.name, tokayev.country, tokayev.sector) == ("Tokayev", "KAZ", "GOV")


@pytest.mark.parametrize(("published", "sector"), [(date(2018, 3, 14), "GOV"), (date(2025, 3, 14), "ELI")])
def test_extract_actors_former_leader_is_elite_after_leaving_office(extract_text, published, sector):
    text = "Uhuru Kenyatta condemned the police crackdown on protesters in Nairobi."
    article = extract_text(text, published=published)
    kenyatta = _actor(article, "Uhuru Kenyatta")
    assert (kenyatta.country, kenyatta.sector) == ("KEN", sector)


def test_extract_actors_foreign_leader_is_not_given_the_focus_country(extract_text):
    article = extract_text(
        "Police fired tear gas at protesters in Nairobi on Monday. Erdogan condemned the crackdown on the protesters."
    )
    assert _actor(article, "Erdogan").country == "TUR"


def test_extract_actors_the_president_resolves_to_the_named_president(extract_text):
    article = extract_text(
        "President Kassym-Jomart Tokayev ordered troops to fire on protesters in Almaty on Wednesday. "
        "The president also imposed a curfew on the city."
    )
    president = _actor(article, "The president")
    assert president.text == "The president"  # kept as written
    assert (president.name, president.country, president.sector) == ("Kassym-Jomart Tokayev", "KAZ", "GOV")


def test_extract_actors_the_president_stays_unnamed_with_two_presidents(extract_text):
    article = extract_text(
        "President William Ruto met President Samia Suluhu Hassan in Nairobi on Monday. "
        "The president ordered police to disperse the protesters."
    )
    president = _actor(article, "The president")
    assert president.name is None
    assert (president.country, president.sector) == ("KEN", "GOV")  # the focus country, as before


def test_extract_actors_his_predecessor_is_never_named(extract_text):
    article = extract_text(
        "President William Ruto met protest leaders in Nairobi on Monday. "
        "The president ordered police to arrest his predecessor."
    )
    assert _actor(article, "The president").name == "William Ruto"
    predecessor = _actor(article, "his predecessor")
    assert predecessor.name is None
    assert predecessor.country is None


def test_extract_actors_the_government_takes_the_focus_country(extract_text):
    article = extract_text(
        "Police fired tear gas at protesters in Nairobi on Monday. "
        "The government blamed the opposition for the violence."
    )
    government = _actor(article, "The government")
    assert (government.name, government.country, government.sector) == (None, "KEN", "GOV")


def test_extract_actors_damaged_sentence_gets_no_name_or_country(extract_text):
    article = extract_text(
        "President William Ruto met protest leaders in Nairobi on Monday. "
        "The president ordered police to disperse the crowd , who had gathered at parliament."
    )
    assert "damaged" in article.sentences[1].flags
    president = _actor(article, "The president")
    assert president.name is None
    assert president.country is None


# ----- implicit targets: a country in the trigger's prepositions ------------------------------


def _targets(article, plover):
    return [(a.text, a.country) for e in article.events if e.plover_type == plover for a in e.targets]


@pytest.mark.parametrize(
    ("text", "plover", "expected"),
    [
        ("Norway has promised to continue military aid to Mozambique.", "AGREE", ("Mozambique", "MOZ")),
        ("The government lifted the night curfew in Sudan on Sunday.", "CONCEDE", ("Sudan", "SDN")),
        ("Ministers agreed to resume talks with Moscow next week.", "AGREE", ("Moscow", "RUS")),
    ],
)
def test_extract_actors_target_from_a_country_in_the_triggers_prepositions(extract_text, plover, text, expected):
    assert expected in _targets(extract_text(text), plover)


def test_extract_actors_a_city_after_in_is_a_place_not_a_target(extract_text):
    article = extract_text("Thousands of teachers marched in Paris on Thursday against the pension reform.")
    stated = [a for e in article.events if e.plover_type == "PROTEST" for a in e.targets if not a.inferred]
    assert all(a.country is None for a in stated)
    assert any(e.place is not None and e.place.name == "Paris" for e in article.events)
    # the protest's implicit target is the country, not the city
    assert ("France", "FRA") in _targets(article, "PROTEST")


# ----- sectors from the phrase ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "country", "sector"),
    [
        # a leader's sector is their modifier's, or the body's they lead; with a country, a state's
        ("Chile's religious leader rejected the plan of the government.", "Chile's religious leader", "CHL", "REL"),
        ("The Peruvian opposition leader rejected the plan of the government.", None, "PER", "OPP"),
        ("Kenyan leader William Ruto rejected the plan of the opposition.", None, "KEN", "GOV"),
        ("Leaders of the Bolivian opposition coalition agreed to postpone the rally.", "Leaders", "BOL", "OPP"),
        ("Ghanaian village elders demanded a new road.", "Ghanaian village elders", "GHA", "CVL"),
        ("Paraguay rejected the proposal of Bolivia.", "Paraguay", "PRY", "GOV"),
        # a country's whole name is the country even where NER tags it a person
        ("Sri Lanka imposed an island-wide curfew on Monday.", "Sri Lanka", "LKA", "GOV"),
        # an IGO's people and means are the IGO's, with no country
        ("U.N. helicopters evacuated the wounded from Kunduz.", "U.N. helicopters", None, "IGO"),
        ("Arab League Secretary General Ahmed Aboul Gheit rejected the plan of Syria.", None, None, "IGO"),
        # a "side" named by its state is a party to talks or a conflict
        ("The Serbian and Albanian sides have agreed to exchange lists of prisoners.", None, "SRB", "GOV"),
        ("The labour federation of Ghana demanded a new minimum wage.", None, "GHA", "LAB"),
        # a minister is the government's, whatever the portfolio
        ("Ghana's Labour Minister Kofi Mensah rejected the demands of the union.", None, "GHA", "GOV"),
    ],
)
def test_extract_actors_sector_of_the_phrase(extract_text, text, actor, country, sector):
    article = extract_text(text)
    found = [a for e in article.events for a in e.sources if actor is None or a.text == actor]
    assert found, [(e.plover_type, [a.text for a in e.sources]) for e in article.events]
    assert (found[0].country, found[0].sector) == (country, sector)


def test_extract_actors_things_get_no_sector_or_focus_country(extract_text):
    # a modifier gives a thing no sector, and so no country of the article's focus
    article = extract_text(
        "Police fired tear gas at protesters in Nairobi on Monday. "
        "The government of Uganda welcomed the Security Council resolution."
    )
    equipment = _actor(article, "the Security Council resolution")
    assert (equipment.country, equipment.sector) == (None, "UNK")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Islamic State militants seized the town on Thursday.", "Islamic State militants"),
        ("Boko Haram fighters attacked a village in Borno, killing twelve people.", "Boko Haram fighters"),
        ("Investigators said the extremist attacks in the capital killed 30 people.", "extremist"),
    ],
)
def test_extract_actors_armed_groups_by_name_are_rebels_not_states(extract_text, text, name):
    assert _actor(extract_text(text), name).sector == "REB"


def test_extract_actors_a_state_department_stays_government(extract_text):
    article = extract_text("The State Department condemned the attack on the embassy.")
    assert _actor(article, "The State Department").sector == "GOV"


@pytest.mark.parametrize(("text", "sector"), [("marine scientists", "UNK"), ("two marines", "MIL")])
def test_extract_actors_marine_names_soldiers_only_as_the_head(text, sector):
    doc = load_nlp()(text)
    head = next(t for t in doc if t.dep_ == "ROOT")
    assert code_actor(head, 0, get_gazetteer(), None, damaged=False).sector == sector


def test_extract_actors_an_office_of_a_country_takes_its_country(extract_text):
    article = extract_text("The foreign minister of Colombia condemned the attack on the embassy.")
    assert _actor(article, "The foreign minister").country == "COL"
    offered = extract_text("The Russian president offered to negotiate with the president of Armenia.")
    assert ("the president", "ARM") in [(a.text, a.country) for e in offered.events for a in e.targets]


@pytest.mark.parametrize(
    ("text", "plover", "country"),
    [
        # a domestic act with no target stated falls on the country it happens in ...
        ("Thousands of students protested in Tbilisi on Sunday.", "PROTEST", "GEO"),
        # ... or with no place, on the acting government's own country
        ("The government of Sudan lifted the nightly curfew on Thursday.", "CONCEDE", "SDN"),
    ],
)
def test_extract_actors_domestic_act_targets_its_country(extract_text, text, plover, country):
    events = [e for e in extract_text(text).events if e.plover_type == plover]
    assert events, [(e.plover_type, e.evidence.trigger.text) for e in extract_text(text).events]
    implicit = [a for a in events[0].targets if a.inferred]
    assert [a.country for a in implicit] == [country]
    # no words state it: no span, and the stated targets are not marked
    assert all(a.span is None for a in implicit)
    assert all(a.span is not None for a in events[0].targets if not a.inferred)


def test_extract_actors_a_stated_target_country_is_kept_alone(extract_text):
    event = extract_text("Police in Kenya detained three Ugandan journalists on Monday.").events[0]
    assert {a.country for a in event.targets} == {"UGA"}
    assert not any(a.inferred for a in event.targets)


def test_extract_actors_verbal_acts_get_no_implicit_target(extract_text):
    article = extract_text("The president of Ghana praised the new budget in Accra.")
    assert all(not a.inferred and a.span is not None for e in article.events for a in e.targets)


@pytest.mark.parametrize(
    ("text", "plover", "country"),
    [
        # a threat is made of the one who must comply: its condition's subject
        ("Russia threatened to halt the talks if the United States deploys new missiles.", "THREATEN", "USA"),
        ("Farmers in Syria threatened to hold a general strike unless Israel lifted the ban.", "THREATEN", "ISR"),
        # a rejected offer or call is addressed to its maker
        ("Kenya rejected a fresh offer from the Ugandan president for direct talks.", "REJECT", "UGA"),
        ("Berlin rejected recent calls by Belarus's rulers for economic aid.", "REJECT", "BLR"),
        # a demand's clause names the one asked, whatever the date before it
        ("China on Tuesday demanded that the US cancel plans to sell weapons to Taiwan.", "REQUEST", "USA"),
    ],
)
def test_extract_actors_addressee_is_the_target(extract_text, text, plover, country):
    assert country in {c for _, c in _targets(extract_text(text), plover)}


def test_extract_actors_mediator_acts_and_the_parties_are_addressed(extract_text):
    text = "The emir of Qatar launched a mediation effort between Sudan and Chad on Saturday."
    event = next(e for e in extract_text(text).events if e.plover_type == "CONSULT")
    assert [a.country for a in event.sources] == ["QAT"]
    assert {a.country for a in event.targets} == {"SDN", "TCD"}


def test_actors_a_sentence_in_one_foreign_country_gives_its_home(extract_text):
    text = (
        "World briefs\n\nWASHINGTON (Tocsin Wire) - The White House condemned the decision on Monday. "
        "The junta in Myanmar arrested 20 activists. Taliban authorities arrested three journalists in Kabul."
    )
    arrests = [e for e in extract_text(text).events if e.plover_type == "COERCE"]
    assert [a.country for e in arrests for a in e.sources] == ["MMR", "AFG"]
