"""The classify stage's police model and the police events it adds (real model, parser, gazetteer)."""

import numpy as np
import pytest

from tocsin.eval.ipe import police_labels
from tocsin.eval.plover import best_event
from tocsin.extract.actors import by_police
from tocsin.extract.classifier import LinearModel, load_model


def _police_events(article):
    return [e for e in article.events if any(a.sector == "POL" for a in e.sources)]


def test_police_model_is_shipped_multilabel():
    model = load_model("police")
    assert model is not None
    assert model.labels == ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
    assert model.thresholds is not None
    assert all(0.0 < t < 1.0 for t in model.thresholds)


def test_multilabel_model_round_trip(tmp_path):
    model = LinearModel(
        labels=("A", "B"),
        vocab={"x": 0, "y": 1},
        weights=np.array([[2.0, -2.0], [0.0, 3.0]], dtype=np.float32),
        bias=np.zeros(2, dtype=np.float32),
        thresholds=np.array([0.5, 0.9], dtype=np.float32),
    )
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = load_model(str(path))
    assert loaded is not None
    probs = loaded.scores(["x"])
    assert probs[0] > 0.5 > probs[1]  # independent sigmoids, not a distribution
    assert set(loaded.labels_of(["x"])) == {"A"}
    assert set(loaded.labels_of(["x", "y"])) == {"A"}  # B reaches 0.89, under its 0.9 threshold


def test_classify_stage_labels_police_sentences(extract_text):
    article = extract_text("Police lathi-charged the crowd and arrested 35 people after clashes at the market.")
    labels = article.sentence_labels.get(0, {})
    assert "police:ARREST" in labels
    assert "police:ANY_ACTION" in labels


def test_classify_stage_skips_sentences_without_security_words(extract_text):
    article = extract_text("The central bank kept its main interest rate unchanged on Thursday.")
    assert article.sentence_labels == {}


def test_police_force_the_lexicon_missed(extract_text):
    # "used pepper spray and batons" is in no trigger phrase: the police model finds the force
    article = extract_text("Officers used pepper spray and batons to push the demonstrators back.")
    events = [e for e in _police_events(article) if e.plover_type == "ASSAULT"]
    assert events, [(e.plover_type, e.evidence.trigger.text) for e in article.events]
    assert events[0].confidence["event"] >= 0.5


def test_police_who_only_report_a_killing_did_not_kill(extract_text):
    article = extract_text("Police said the two shopkeepers were killed when unidentified gunmen opened fire on them.")
    assert not [e for e in _police_events(article) if e.plover_type == "ASSAULT"]


def test_injured_officers_are_no_source(extract_text):
    article = extract_text("Police detained 217 people in Paris, and 41 officers were injured across the country.")
    for event in article.events:
        if any(a.sector == "POL" for a in event.targets):
            assert not any(a.sector == "POL" for a in event.sources), event.evidence.trigger.text


def test_police_failure_to_act_is_a_negated_police_event(extract_text):
    article = extract_text("the police stood by as the mob set fire to the shops, residents said.")
    failed = [e for e in _police_events(article) if "negated" in e.context]
    assert failed, [(e.plover_type, e.evidence.trigger.text, e.context) for e in article.events]


def test_south_asian_police_forces_and_ranks_are_police(extract_text):
    for text in ("crpf jawans arrested three rioters near the temple.", "the sho arrested two youths on tuesday."):
        sources = [a for e in extract_text(text).events for a in e.sources]
        assert any(a.sector == "POL" for a in sources), (text, [(a.text, a.sector) for a in sources])


def test_para_military_and_rapid_action_forces_are_police(extract_text):
    for text in (
        "the para-military forces conducted a flag march through the old city on sunday.",
        "two companies of the rapid action force were deployed in the walled city.",
    ):
        article = extract_text(text)
        actors = [a for e in article.events for a in (*e.sources, *e.targets)]
        assert any(a.sector == "POL" for a in actors), (text, [(a.text, a.sector) for a in actors])


def test_men_in_khaki_are_police(extract_text):
    article = extract_text("men in khaki opened fire on the mob near the bus stand.")
    assert any(a.sector == "POL" for e in article.events for a in e.sources)


def test_police_deployed_by_no_one_named_are_at_work(extract_text):
    article = extract_text("Additional police personnel have been deployed in the sensitive areas of the town.")
    assert any(by_police(e) for e in article.events), [(e.plover_type, e.evidence.trigger.text) for e in article.events]


def test_police_who_report_are_at_work_but_did_not_kill(extract_text):
    article = extract_text("No fresh incidents of violence were reported from the district overnight, police said.")
    police = [e for e in article.events if by_police(e) and not e.context]
    assert police, [(e.plover_type, e.evidence.trigger.text, e.context) for e in article.events]
    assert all(e.plover_type not in {"ASSAULT", "COERCE"} for e in police)
    assert all(e.evidence.trigger.text == "said" for e in police)


def test_a_death_in_police_firing_is_a_killing_by_the_police(extract_text):
    article = extract_text("a young shopkeeper was killed in police firing near the market on tuesday.")
    killings = [e for e in _police_events(article) if e.plover_type == "ASSAULT" and e.killed is not None]
    assert killings, [(e.plover_type, e.evidence.trigger.text, e.killed) for e in article.events]
    assert killings[0].killed.min == 1
    assert killings[0].killed.max is None


def test_police_inaction_stated_in_words_is_a_failure(extract_text):
    for text in (
        "Shopkeepers said the constables at the crossing remained mute spectators as the stalls were set on fire.",
        "The district police failed to stop the armed men from entering the village on Sunday.",
        "The petition blamed police inaction for the arson in the weavers' colony.",
        "Policemen took no action against the crowd that burnt two buses near the depot.",
    ):
        article = extract_text(text)
        assert "FAIL" in police_labels(article), text
        failed = [e for e in _police_events(article) if "negated" in e.context]
        assert failed, text


def test_police_who_act_or_will_not_act_do_not_fail(extract_text):
    for text in (
        "Police arrested 14 people and dispersed the crowd near the bus stand on Monday.",
        "The inspector said his men will not allow any rally in the town next week.",
    ):
        assert "FAIL" not in police_labels(extract_text(text)), text


def test_deaths_stated_as_nouns_in_police_firing_are_killings(extract_text):
    article = extract_text("The collector said 12 of these deaths took place due to police firing on the rioting mobs.")
    assert "KILL" in police_labels(article)


def test_district_sp_before_a_name_is_police_but_the_sp_party_is_not(extract_text):
    article = extract_text("surat sp arvind mehta ordered firing at the mob near the station.")
    assert any(a.sector == "POL" for e in article.events for a in e.sources)
    article = extract_text("sp leader ram prasad yadav said the police fired on the crowd.")
    assert not any(a.text.startswith("sp ") and a.sector == "POL" for e in article.events for a in e.sources)


def test_an_ias_or_army_officer_is_no_policeman(extract_text):
    for text, sector in (
        ("an ias officer refused to discuss the transfer with reporters.", "GOV"),
        ("two army officers arrested the smugglers near the border.", "MIL"),
    ):
        sources = [a for e in extract_text(text).events for a in e.sources]
        assert any(a.sector == sector for a in sources), (text, [(a.text, a.sector) for a in sources])


def test_a_headline_passive_names_the_victims_not_the_killers(extract_text):
    article = extract_text("three constables and a driver also killed.")
    assert not any(a.sector == "POL" for e in article.events for a in e.sources)
    assert "KILL" not in police_labels(article)


def test_militants_killed_by_no_one_named_are_a_killing_by_the_forces(extract_text):
    for text in (
        "two militants were killed in an encounter in the district on sunday.",
        "a hizbul militant was shot dead near the fence on monday night.",
        "three militants killed in gunbattle near the border",
    ):
        assert {"KILL", "FORCE"} <= police_labels(extract_text(text)), text
    bomb = extract_text("the militant was killed when the bomb he was carrying went off.")
    assert "KILL" not in police_labels(bomb)


def test_rounds_fired_by_no_one_named_are_police_force(extract_text):
    assert "FORCE" in police_labels(extract_text("nearly a dozen rounds were fired to scatter the rioters."))


@pytest.mark.parametrize(
    "text",
    [
        "no arrests have been made in the case so far.",
        "the police do not expect any trouble during the procession on friday.",
        "the collector has not yet decided whether or not to arrest the priest.",
    ],
)
def test_no_failure_without_police_failing_to_intervene(extract_text, text):
    assert "FAIL" not in police_labels(extract_text(text))


def test_lives_saved_are_no_killing_but_lives_lost_are(extract_text):
    saved = extract_text("The doctors at the civil hospital saved the lives of several men injured in police firing.")
    assert "KILL" not in police_labels(saved)
    lost = extract_text("Four villagers lost their lives in police firing on the mob on Sunday.")
    assert "KILL" in police_labels(lost)


def test_an_arrest_the_police_are_only_allowed_is_none(extract_text):
    article = extract_text("The new ordinance allows the police to arrest anyone without a warrant.")
    assert "ARREST" not in police_labels(article), [(e.plover_type, e.context) for e in article.events]


def test_police_the_parse_names_in_no_agent_role_act_when_the_head_is_sure(extract_text):
    deployed = extract_text(
        "Machine-guns were positioned near the gates and para-military police personnel deployed on the roof-tops."
    )
    assert "ANY_ACTION" in police_labels(deployed)
    assert _police_events(deployed)
    failing = extract_text("The charge against the local police is that they did not do enough to protect the victims.")
    assert "FAIL" in police_labels(failing)


def test_police_deployed_by_the_state_are_at_work(extract_text):
    article = extract_text("About 150 armed policemen were deployed by the state government at the airport.")
    assert "ANY_ACTION" in police_labels(article), [(e.plover_type, e.sources, e.targets) for e in article.events]


@pytest.mark.parametrize(
    "text",
    [
        "More than 60 people, including 12 police officers, were injured in the clashes on Monday.",
        "Protesters set fire to the state broadcaster's offices and several police posts in the capital.",
    ],
)
def test_police_who_suffer_or_name_a_place_act_in_no_role(extract_text, text):
    article = extract_text(text)
    assert not _police_events(article), [(e.plover_type, e.evidence.trigger.text) for e in article.events]


def test_a_police_act_found_by_the_head_is_no_civilians_verb(extract_text):
    # the head reads a police act into a curfew protest; with no police named, the main verb is
    # the civilians' own act ("banged"), so no police event is made of it
    text = "Thousands of people banged pots and pans from their balconies in a noisy protest against the curfew."
    article = extract_text(text)
    assert [e.plover_type for e in article.events] == ["PROTEST"]
    assert not [e for e in article.events if e.plover_mode == "police"]


def test_police_at_work_do_not_outrank_the_stated_act(extract_text):
    # the police model says forces acted ("launched"); which act is the PLOVER model's to say,
    # so the stated assault stays the sentence's best-typed event
    article = extract_text(
        "Army units launched rocket and mortar fire against rebel camps near the Sudanese border "
        "on Friday, killing 30, officials said."
    )
    best = best_event(article)
    assert best is not None
    assert best.plover_type == "ASSAULT", [(e.plover_type, e.confidence) for e in article.events]


def test_rounds_of_ammunition_found_in_a_raid_are_no_force(extract_text):
    text = "Police raided a house in Kisumu after a tip-off and found two rifles and 300 rounds of ammunition."
    events = extract_text(text).events
    assert any(e.plover_type == "COERCE" for e in events), [(e.plover_type, e.acled_subtype) for e in events]
    assert not any(e.plover_type == "ASSAULT" for e in events), [(e.plover_type, e.acled_subtype) for e in events]
