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
        ("The rebels captured two army camps in the hills on Sunday.", "ground_taken"),
        ("Government troops retook the river port after a week of fighting.", "ground_taken"),
        ("The garrison withdrew and the militia took control of the town.", "taken_after_withdrawal"),
        ("Police used excessive force against the marchers.", "excessive_force"),
        ("Officers fired rubber bullets into the crowd of strikers.", "excessive_force"),
        ("A gang looted the pharmacy and broke into two warehouses.", "looting"),
        ("The rebels were driven from their hilltop positions by the army.", "ground_taken"),
        ("The contingent withdrew from its camp near the border.", "withdrawal_alone"),
        ("Warplanes struck a fuel depot outside the city.", "aerial"),
        ("Aerial bombardments hit rebel positions in the hills for a third day.", "aerial"),
        ("Police suppressed a peaceful march of teachers outside the ministry.", "dispersal"),
        ("A bomber blew himself up at the gate of the ministry.", "suicide"),
        ("A gang looted the pharmacy and broke into two warehouses.", "property_no_harm"),
        ("Riot police used water cannon to disperse the marchers.", "dispersal_no_harm"),
        ("Police fired tear gas to disperse the marchers, injuring twelve.", "dispersal_harm"),
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
        # an attack on a base takes no ground, and people taken are not a place
        ("Insurgents attacked an army base near the lake, killing two soldiers.", "ground_taken"),
        ("Soldiers have taken dozens of young men in raids across the valley.", "ground_taken"),
        # a withdrawal under fire is no peaceful transfer
        ("The garrison withdrew and the militia took the town after heavy fighting.", "taken_after_withdrawal"),
        ("Police fired tear gas to disperse the marchers.", "excessive_force"),
        ("The garrison withdrew and the militia took control of the town.", "withdrawal_alone"),
        ("Police fired tear gas to disperse the marchers, injuring twelve.", "dispersal_no_harm"),
        ("Unknown men torched the party office and shot dead its guard.", "property_no_harm"),
    ],
)
def test_acled_codebook_cues_absent(text, cue):
    assert f"cue={cue}" not in codebook_cues(text)


def test_acled_codebook_cues_of_the_lead_sentence():
    # a snippet leads with its event; what follows is often background
    cues = codebook_cues("Youths hurled stones at officers in the old town. Police later used water cannon on them.")
    assert {"cue=crowd_violence", "cue=dispersal", "lead=crowd_violence"} <= set(cues)
    assert "lead=dispersal" not in cues
