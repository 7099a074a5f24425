"""tocsin.extract.places: the event's place among the places a sentence mentions."""

import pytest


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Protesters marched in Nairobi on Monday.", "Nairobi", 1),
        ("Gunmen attacked a police post in the town of Peshawar.", "Peshawar", 1),
        ("Protesters clashed with police near Almaty on Wednesday.", "Almaty", 2),
    ],
)
def test_places_attached_to_trigger(extract_text, text, name, precision):
    events = extract_text(text).events
    assert events, text
    place = events[0].place
    assert place is not None
    assert place.span.text == name
    assert place.precision == precision
    assert place.span is not None


def test_places_reference_point_is_not_the_place(extract_text):
    events = extract_text("Gunmen attacked a police post in Hilla, 100 km south of Baghdad.").events
    assert events
    assert events[0].place.span.text == "Hilla"


def test_places_statement_is_not_placed_where_it_is_about(extract_text):
    events = extract_text("Russia warned other countries not to interfere in Kazakhstan.").events
    for event in events:
        assert event.place is None or event.place.country == "RUS"


def test_places_actor_country_modifier_is_not_the_place(extract_text):
    events = extract_text("U.S. soldiers shot a man at a checkpoint in Kandahar.").events
    assert events
    assert events[0].place.span.text == "Kandahar"


def test_places_city_modifying_the_target_is_the_place(extract_text):
    # "Kabul" is inside the object phrase, with no locative preposition in the sentence
    events = extract_text("Rioters set fire to the Kabul police headquarters on Tuesday.").events
    placed = [e.place for e in events if e.place is not None and e.place.span is not None]
    assert placed
    assert placed[0].span.text == "Kabul"
    assert placed[0].country == "AFG"


def test_places_country_modifying_the_target_is_not_the_place(extract_text):
    events = extract_text("Protesters stormed the French embassy compound.").events
    for event in events:
        assert event.place is None or event.place.span is None or event.place.span.text != "French"
