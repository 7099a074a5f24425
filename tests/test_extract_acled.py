"""ACLED codebook cues (``acled.codebook_cues``) on sentences written for these tests."""

import pytest

from tocsin.extract.acled import codebook_cues


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Customs officers confiscated forty rifles and a crate of ammunition at the port.", "weapons_seized"),
        ("Three landmines were defused by engineers near the bridge.", "weapons_seized"),
        ("Soldiers uncovered an arms cache in a farmhouse outside the town.", "weapons_seized"),
        ("The two militias swapped twenty prisoners at the river crossing.", "agreement"),
        ("Both sides accepted a week-long truce brokered by the elders.", "agreement"),
        ("Forty insurgents surrendered to the district commissioner with their guns.", "agreement"),
        ("The ministry deployed two battalions along the northern frontier.", "posture"),
        ("A dozen officers defected to the rebel movement overnight.", "posture"),
        ("Peacekeepers pulled out of the valley at dawn.", "withdrawal"),
        ("The militia took the district centre without a fight after the garrison left.", "handover"),
        ("Riot police used water cannon to disperse the marchers.", "dispersal"),
        ("Demonstrators hurled bottles at the line of officers.", "crowd_violence"),
        ("An angry crowd lynched a man accused of stealing a goat.", "mob"),
        ("Unknown men torched the party office and two parked cars.", "arson"),
        ("Insurgents raided an army outpost near the lake.", "on_forces"),
        ("Gunmen attacked villagers returning from the market.", "on_civilians"),
    ],
)
def test_acled_codebook_cues(text, cue):
    assert f"cue={cue}" in codebook_cues(text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The minister found the report on arms control unconvincing.", "weapons_seized"),
        ("Police arrested two men outside the stadium.", "agreement"),
        ("Thousands marched peacefully through the capital.", "crowd_violence"),
    ],
)
def test_acled_codebook_cues_absent(text, cue):
    assert f"cue={cue}" not in codebook_cues(text)
