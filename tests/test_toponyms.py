"""tocsin.geocode.toponyms: finding and resolving the toponyms of a text with its context."""

import json

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.geocode import get_gazetteer
from tocsin.geocode.toponyms import _anchor, dateline, find_toponyms, resolve_spans
from tocsin.models import Span


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("ALMATY, Jan 5 (Reuters) - Protesters stormed the mayor's office.", "Almaty", "KAZ"),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded.", "Kyiv", "UKR"),
        ("NAIROBI — Police fired tear gas.", "Nairobi", "KEN"),
        ("NAIROBI—Police fired tear gas.", "Nairobi", "KEN"),
        ("DENVER -- Nurses walked out of two hospitals.", "Denver", "USA"),
        # a wire service's release, its name lost in scraping or not
        ("PLEASANTON, Calif.--( )--A grocer said on Monday ...", "Pleasanton", "USA"),
        ("PLEASANTON, Calif.--(BUSINESS WIRE)--A grocer said on Monday ...", "Pleasanton", "USA"),
    ],
)
def test_toponyms_dateline(gaz, text, name, country):
    line = dateline(text, gaz)
    assert line is not None
    assert line.place.name == name
    assert line.place.country == country
    assert line.reason == "dateline"


def test_toponyms_dateline_after_a_headline(gaz):
    text = "Farmers block roads over seed prices\n\nLUSAKA, May 3 (Tocsin Wire) - Farmers blocked two highways."
    line = dateline(text, gaz)
    assert line is not None
    assert (line.place.name, line.place.country) == ("Lusaka", "ZMB")
    assert text[line.span.start : line.span.end] == "LUSAKA"
    # a first line that ends a sentence is no headline
    assert dateline("Farmers blocked roads.\nLUSAKA, May 3 (Tocsin Wire) - More roads.", gaz) is None


def test_toponyms_no_dateline_in_plain_text(gaz):
    assert dateline("Police fired tear gas in the capital - again.", gaz) is None
    assert dateline("Jean-Paul Okello said the march would go on.", gaz) is None


def test_toponyms_find_with_context(gaz):
    text = "Protesters in Almaty clashed with police, and Kazakhstan declared an emergency. Russia sent troops."
    found = find_toponyms(text, gaz)
    by_text = {t.span.text: t for t in found}
    assert by_text["Almaty"].place.country == "KAZ"
    assert by_text["Kazakhstan"].reason == "country"
    assert by_text["Russia"].place.country == "RUS"
    for t in found:
        assert text[t.span.start : t.span.end] == t.span.text
        assert 0.0 <= t.score <= 1.0


def test_toponyms_georgia_depends_on_context(gaz):
    us = find_toponyms("Voters in Atlanta and across Georgia went to the polls in the United States.", gaz)
    place = next(t.place for t in us if t.span.text == "Georgia")
    assert place.country == "USA"
    caucasus = find_toponyms("Protesters in Tbilisi marched as Georgia's parliament voted.", gaz)
    place = next(t.place for t in caucasus if t.span.text.startswith("Georgia"))
    assert place.country == "GEO"


def test_toponyms_resolve_spans_unknown_gives_reason_or_anchor(gaz):
    text = "Police closed Frobisher Lane in Nairobi on Monday."
    span = Span(14, 27, "Frobisher Lane")
    (plain,) = resolve_spans(text, [span], gaz)
    assert plain.place is None
    assert plain.reason == "unknown"
    (anchored,) = resolve_spans(text, [span], gaz, anchor_unknown=True)
    assert anchored.place.name == "Nairobi"
    assert anchored.place.precision == 2
    assert anchored.reason.startswith("anchor")


def test_toponyms_cli_places(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Protesters in Almaty clashed with police in Kazakhstan.", encoding="utf-8")
    result = CliRunner().invoke(main, ["places", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["span"]["text"] for r in rows} >= {"Almaty", "Kazakhstan"}
    table = CliRunner().invoke(main, ["places", str(path)])
    assert table.exit_code == 0
    assert "Almaty (KAZ, p1)" in table.stdout


def test_toponyms_resolve_spans_by_leading_part(gaz):
    text = "Staff at Cavan County Council in Cavan, Ireland, met on Monday."
    span = Span(9, 29, "Cavan County Council")
    (toponym,) = resolve_spans(text, [span], gaz)
    assert toponym.place.country == "IRL"
    assert toponym.reason.startswith("part of name")


def test_toponyms_find_place_inside_an_organisation(gaz):
    text = "The Honolulu Star-Advertiser reported the closure on Monday."
    found = find_toponyms(text, gaz)
    assert any(t.place is not None and t.place.name == "Honolulu" for t in found)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Protesters marched from Auckland to Hamilton on Monday.", "Hamilton", "NZL"),
        ("Crowds gathered in Toronto and Hamilton.", "Hamilton", "CAN"),
    ],
)
def test_toponyms_neighbours_agree(gaz, text, name, country):
    found = {t.span.text: t for t in find_toponyms(text, gaz)}
    assert found[name].place.country == country


def test_toponyms_caption_name_in_capitals_is_no_dateline(gaz):
    assert dateline("JEWELL: Boyd Carney and Kate Harrison walk the track.", gaz) is None
    assert dateline("JEWELL, Jan 5 (Reuters) - Farmers rallied.", gaz) is not None  # signed: trusted


@pytest.mark.parametrize("name", ["City Hall", "West Wing", "North State Street", "University of Nowhere"])
def test_toponyms_generic_nouns_are_no_places(gaz, name):
    text = f"Officials met at {name} on Monday."
    span = Span(text.index(name), text.index(name) + len(name), name)
    (toponym,) = resolve_spans(text, [span], gaz)
    assert toponym.place is None


def test_toponyms_anchor_is_the_story_town(gaz):
    text = (
        "The streetcar ran down Royal Street. In New Orleans, tourists passed Washington Square and "
        "Washington Square again, as Louisiana visitors from Lafayette watched."
    )
    span = Span(text.index("Royal Street"), text.index("Royal Street") + 12, "Royal Street")
    (toponym,) = resolve_spans(text, [span], gaz, anchor_unknown=True)
    assert toponym.place.name == "New Orleans"


def test_toponyms_first_names_of_people_are_no_places(gaz):
    found = find_toponyms("Paul Ryan met voters. Paul said the economy grew in Wisconsin.", gaz)
    assert [t.span.text for t in found] == ["Wisconsin"]


def test_toponyms_demonyms_inside_hyphenated_words(gaz):
    found = find_toponyms("The anti-Russian mood spread, Austro-Hungarian archives show.", gaz)
    assert {(t.span.text, t.place.country) for t in found} == {("Russian", "RUS"), ("Hungarian", "HUN")}


def test_toponyms_weak_names_kept_where_the_story_is(gaz):
    text = "Collier County commissioners met in Naples, Florida. Immokalee Complete Streets won a grant."
    found = {t.span.text: t for t in find_toponyms(text, gaz)}
    assert found["Immokalee"].place.admin1 == "Florida"
    assert found["Naples"].place.country == "USA"


_QUALIFIED = [
    ("She runs a bakery in Tacoma, Washington and sells cookies.", ("Tacoma", "Washington", "Washington")),
    ("Homes at Turtle Creek, Gainesville, Va. There will be 70 of them.", ("Gainesville", "Va.", "Virginia")),
    ("Protests spread to Paris, Texas, on Monday.", ("Paris", "Texas", "Texas")),
]


@pytest.mark.parametrize(("text", "names"), _QUALIFIED)
def test_toponyms_town_with_its_qualifier(gaz, text, names):
    town, qualifier, region = names
    found = {t.span.text: t for t in find_toponyms(text, gaz)}
    assert found[town].place.admin1 == region
    assert (found[qualifier].place.name, found[qualifier].place.precision) == (region, 3)


def test_toponyms_a_list_is_no_qualifier(gaz):
    found = {
        t.span.text: t for t in find_toponyms("After stops in Washington, New York and Boston, he flew home.", gaz)
    }
    assert found["Washington"].place.admin1 == "District of Columbia"


def test_toponyms_anchor_counts_nearby_towns(gaz):
    text = (
        "Pianist JJ McNamara, from Dunshaughlin near Navan, played in Dublin. He had studied in London "
        "and toured London again. He performed at the Convention Centre."
    )
    span = Span(text.index("Convention Centre"), text.index("Convention Centre") + 17, "Convention Centre")
    (toponym,) = resolve_spans(text, [span], gaz, anchor_unknown=True)
    assert toponym.place.name == "Dublin"


def test_toponyms_find_can_anchor_unknown_places(gaz):
    text = "Police sealed off Uhuru Park in Nairobi, Kenya on Monday."
    plain = {t.span.text: t for t in find_toponyms(text, gaz)}
    anchored = {t.span.text: t for t in find_toponyms(text, gaz, anchor_unknown=True)}
    assert plain["Uhuru Park"].place is None  # NER calls it a facility; no gazetteer has it
    assert (anchored["Uhuru Park"].place.name, anchored["Uhuru Park"].place.precision) == ("Nairobi", 2)
    assert anchored["Uhuru Park"].reason.startswith("anchor")
    assert anchored["Nairobi"] == plain["Nairobi"]


def test_toponyms_streets_and_buildings_tagged_org_are_places(gaz):
    text = "The fans gathered outside Barclays Center in Brooklyn, New York."
    found = {t.span.text: t for t in find_toponyms(text, gaz, anchor_unknown=True)}
    assert found["Barclays Center"].place.name == "Brooklyn"
    assert found["Barclays Center"].reason.startswith("anchor")
    assert "Whole Foods" not in {t.span.text for t in find_toponyms("Whole Foods opened in Austin, Texas.", gaz)}


def test_toponyms_country_inside_a_sum_of_money(gaz):
    found = find_toponyms("China imported 15.4 billion US dollars of soybeans from Brazil.", gaz)
    assert [(t.span.text, t.place.country) for t in found] == [("China", "CHN"), ("US", "USA"), ("Brazil", "BRA")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam Gallagher scored twice in Leeds.", {"Leeds"}),  # not "Sam" (an old name of Damascus)
        ("Alexandre de Juniac of Air France KLM spoke in Montreal.", {"France", "Montreal"}),
    ],
)
def test_toponyms_places_inside_names(gaz, text, expected):
    assert {t.span.text for t in find_toponyms(text, gaz) if t.place is not None} == expected


def test_toponyms_unknown_name_placed_at_the_town_beside_it(gaz):
    text = "Protests in Paris, France spread. Police sealed off Uhuru Park in Nairobi, Kenya. Paris was calm."
    span = Span(text.index("Uhuru Park"), text.index("Uhuru Park") + 10, "Uhuru Park")
    (toponym,) = resolve_spans(text, [span], gaz, anchor_unknown=True)
    assert toponym.place.name == "Nairobi"  # not the story's main place, Paris


@pytest.mark.parametrize(
    "text",
    [
        "Andrew Jordan and Tyler Williams spoke to reporters in Dallas, Texas.",
        "Benjamin Matthew Williams met officials in Newark, New Jersey.",
    ],
)
def test_toponyms_words_of_peoples_names_are_no_places(gaz, text):
    names = {t.span.text for t in find_toponyms(text, gaz) if t.place is not None}
    assert not names & {"Jordan", "Tyler", "Williams", "Benjamin", "Elizabeth"}


def test_toponyms_numbered_roads(gaz):
    text = "A diversion via the A436, A40 and A429 will double the distance from Gloucester to Cheltenham."
    found = {t.span.text: t for t in find_toponyms(text, gaz, anchor_unknown=True)}
    assert {"A436", "A40", "A429"} <= set(found)
    assert found["A40"].place.country == "GBR"  # at the story's town, near or part of it
    assert "US 1" not in {t.span.text for t in find_toponyms("The US 1 billion deal was signed in Ohio.", gaz)}


def test_toponyms_capitals_in_headline_capitals(gaz):
    text = "IMMOKALEE, Fla. — Farm workers in Collier County marched on Monday."
    found = {t.span.text: t for t in find_toponyms(text, gaz)}
    assert found["IMMOKALEE"].place.admin1 == "Florida"


def test_toponyms_regional_demonym_stands_for_its_region(gaz):
    text = "Turkish forces shelled a Kurdish enclave in northern Syria, an English charity said."
    found = {t.span.text: t.place for t in find_toponyms(text, gaz)}
    assert found["Kurdish"].name == "Kurdistan"
    assert found["English"].name == "England"


@pytest.mark.parametrize(
    "text",
    [
        "Illnesses were reported in Utah, Virginia, Washington and Wyoming.",
        "The cow came from a Washington state farm.",
        "The first case was found in the state of Washington.",
        "CAMP MURRAY, Wash. - The team trains in Washington every spring.",
    ],
)
def test_toponyms_names_read_as_regions(gaz, text):
    washington = next(t for t in find_toponyms(text, gaz) if t.span.text == "Washington")
    assert (washington.place.name, washington.place.precision) == ("Washington", 3)
    assert washington.place.lat > 45  # the state, not the capital


def test_toponyms_town_with_its_state_is_no_list_of_regions(gaz):
    found = {t.span.text: t.place for t in find_toponyms("He grew up in Washington, Pennsylvania.", gaz)}
    assert (found["Washington"].precision, found["Washington"].admin1) == (1, "Pennsylvania")


def test_toponyms_ambiguous_names_close_together_confirm_each_other(gaz):
    text = (
        "Nelson residents will find it easier to reach the FrontCounter BC office. Instead of driving to "
        "Castlegar, people from Nelson will visit the new office, the 30th FrontCounter BC office to open."
    )
    found = [t for t in find_toponyms(text, gaz) if t.place is not None]
    assert {t.place.country for t in found} == {"CAN"}
    assert {t.span.text for t in found} >= {"Nelson", "Castlegar"}
    assert gaz.explain("Nelson")[1] == "ambiguous"  # alone, no guess


def test_toponyms_dateline_weighs_as_a_dateline(gaz):
    text = "CAIRO - A football academy opened in Cairo. Its coach grew up in Liverpool and Liverpool fans came."
    found = find_toponyms(text, gaz)
    assert found[0].reason == "dateline"
    assert _anchor(found, gaz).name == "Cairo"  # the dateline's town


def test_toponyms_dateline_town_is_the_anchor_over_a_club(gaz):
    text = (
        "CAIRO - Boys at a football school train in Liverpool shirts. Liverpool won, Liverpool lost, and "
        "Liverpool fans in Liverpool cheered, while the school's pitch at Green Meadows Park stayed full."
    )
    span = Span(text.index("Green Meadows Park"), text.index("Green Meadows Park") + 18, "Green Meadows Park")
    (toponym,) = resolve_spans(text, [span], gaz, anchor_unknown=True)
    assert toponym.place.name == "Cairo"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Bank of Mexico", "MEX"), ("Embassy of the Republic of Armenia", None), ("Mall of Asia", None)],
)
def test_toponyms_unknown_name_of_a_country(gaz, name, expected):
    text = f"Officials met at the {name} on Monday."
    start = text.index(name)
    (toponym,) = resolve_spans(text, [Span(start, start + len(name), name)], gaz)
    assert (toponym.place.country if toponym.place else None) == expected


def test_toponyms_compass_word_inside_a_name_is_no_west(gaz):
    text = "Aides met in the West Wing while envoys from the West gathered in Brussels."
    spans = [Span(text.index("West Wing"), text.index("West Wing") + 9, "West Wing")]
    spans.append(Span(text.index("the West ") + 4, text.index("the West ") + 8, "West"))
    wing, west = resolve_spans(text, spans, gaz)
    assert wing.place is None or wing.place.name != "Western world"
    assert west.place.name == "Western world"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the story's country alone does not make a small namesake what a world city's name means
        ("The U.S. envoy said talks in Geneva would resume, the State Department said in Washington.", "Geneva", "CHE"),
        ("American artists and U.S. diplomats arrived in Venice for the opening.", "Venice", "ITA"),
        # a qualifier, the state or a neighbour in the story does
        ("Police in Geneva, N.Y., said the fire started late on Tuesday.", "Geneva", "USA"),
        ("Students in Rochester and Geneva marched on Saturday, New York state police said.", "Geneva", "USA"),
        ("A tornado hit Paris, Texas, on Monday, officials said.", "Paris", "USA"),
        # a city of the story's country stays, though a world city bears the name
        ("Philippine health officials said children in San Jose fell ill in the Philippines.", "San Jose", "PHL"),
    ],
)
def test_toponyms_world_city_against_namesakes_of_the_story_country(gaz, text, name, country):
    found = {t.span.text: t.place for t in find_toponyms(text, gaz)}
    assert found[name].country == country


def test_toponyms_bare_name_of_a_region_named_in_full(gaz):
    text = (
        "Deputies in Suffolk County searched the dunes near Southold. Suffolk officials said the "
        "search would go on, and Frederick, Maryland, in Frederick County sent a dog team."
    )
    found = {t.span.text: t for t in find_toponyms(text, gaz)}
    assert found["Suffolk"].place.admin1 == "New York"  # the county, not Suffolk, Virginia
    assert found["Suffolk"].reason == "region"
    assert found["Frederick"].place.precision == 1  # the town inside Frederick County stays a town


def test_toponyms_bare_name_of_a_former_province_named_in_full(gaz):
    text = "Cholera spread in Nyanza Province, Kenya, last week. Health workers in Nyanza counted 40 cases."
    found = [t for t in find_toponyms(text, gaz) if t.span.text in {"Nyanza Province", "Nyanza"}]
    assert [(t.place.name, t.place.country) for t in found] == [("Nyanza Province", "KEN")] * 2


@pytest.mark.parametrize(
    "text",
    [
        "Cholera spread in the provinces of Mashonaland West and Midlands last week.",
        "He drove for West Surrey Racing before he moved to a German team.",
        "Western Australian officials said the beaches would reopen.",
    ],
)
def test_toponyms_compass_word_of_a_longer_name_is_no_western_world(gaz, text):
    assert all(t.place is None or t.place.name != "Western world" for t in find_toponyms(text, gaz))


def test_toponyms_the_west_alone_is_the_western_world(gaz):
    found = find_toponyms("The prince toured Riyadh to improve the kingdom's image in the West.", gaz)
    assert "Western world" in {t.place.name for t in found if t.place is not None}
