"""ACLED sub-type (and PLOVER mode) refined from the actors of a violent or protest event.

ACLED types by who acts on whom: police or soldiers using force on protesters is
``FORCE_AGAINST_PROTEST``; protesters fighting police, ``VIOL_DEMONSTR``; a crowd attacking
people or property, ``MOB_VIOL``; two armed sides, ``ARMED_CLASH``; armed actors on
civilians, ``ATTACK``. Non-violent verbal events carry no ACLED sub-type.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import Actor, Event
from .actors import ARMED_SECTORS, NON_STATE_ARMED, STATE_SECTORS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .lexicon import Trigger

__all__ = [
    "ACLED_FOR_MODE",
    "ACLED_FOR_PLOVER",
    "allowed_subtypes",
    "codebook_cues",
    "collective",
    "crowd_named",
    "refine_acled",
]

# Which ACLED sub-types an event of each PLOVER type may take (the trained model chooses
# among these; verbal types take none).
ACLED_FOR_PLOVER: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({
        "ABDUCT_DISSAP", "AIR_STRIKE", "ARMED_CLASH", "ART_MISS_ATTACK", "ATTACK", "CHEM_WEAP",
        "FORCE_AGAINST_PROTEST", "GRENADE", "MOB_VIOL", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
        "PROPERTY_DISTRUCT", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER",
    }),
    "PROTEST": frozenset({"PEACE_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR", "MOB_VIOL", "PROPERTY_DISTRUCT"}),
    "COERCE": frozenset({"ARREST", "OTHER", "DISR_WEAP", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST",
                         "PROPERTY_DISTRUCT", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}),
    "MOBILIZE": frozenset({"OTHER", "HQ_ESTABLISHED"}),
    "RETREAT": frozenset({"CHANGE_TO_GROUP_ACT", "NON_VIOL_TERRIT_TRANSFER", "GOV_REGAINS_TERIT", "AGREEMENT",
                          "OTHER"}),
    "AGREE": frozenset({"AGREEMENT"}),
    "SANCTION": frozenset({"CHANGE_TO_GROUP_ACT", "OTHER"}),
}  # fmt: skip
# Modes that narrow the choice further: tear gas and batons are force against a crowd, never a
# chemical weapon or a grenade attack, whatever the words around them suggest to the model.
ACLED_FOR_MODE: dict[str, frozenset[str]] = {
    "crowd-control": frozenset({"FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR"}),
    "arrest": frozenset({"ARREST", "PROTEST_WITH_INTER"}),
    "aerial": frozenset({"AIR_STRIKE"}),
    "drone": frozenset({"AIR_STRIKE"}),
    "suicide-attack": frozenset({"SUIC_BOMB"}),
    # a riot, or a crowd pulling down or smashing things, is no peaceful protest (ACLED: violent
    # or destructive demonstrators make a violent demonstration)
    "riot": frozenset({"VIOL_DEMONSTR", "MOB_VIOL", "PROPERTY_DISTRUCT"}),
    "vandalize": frozenset({"VIOL_DEMONSTR", "MOB_VIOL", "PROPERTY_DISTRUCT"}),
}
_STATE_FORCE = frozenset({"MIL", "POL"})
_CROWD = frozenset({"CVL", "LAB", "EDU", "AGR", "OPP", "PTY"})
_VIOLENT_WORDS = re.compile(
    r"\bviolent|\bturned violent|\brioters?\b|\bstones?\b|\bpetrol bombs?\b|\bclashes?\b",
    re.IGNORECASE,
)
# A mob is a crowd: "residents attacked the councillor's house" is mob violence, "the men shot
# the shop owner" (a robbery) is not, though both acting sides are civilians.
_COLLECTIVE = re.compile(
    r"\b(?:crowds?|mobs?|groups?|hundreds|dozens|thousands|scores|residents|villagers|locals|youths?"
    r"|students|workers|miners|protest(?:er|or)s|demonstrators|rioters|marchers|strikers|supporters"
    r"|members|community|communities|people|fans|mourners|vigilantes)\b",
    re.IGNORECASE,
)
_PEACEFUL = re.compile(r"\bpeaceful(?:ly)?\b", re.IGNORECASE)
_HARM = re.compile(
    r"\b(?:kill|dead|death|died|die|injur|wound|hurt|maim|live (?:ammunition|rounds|fire|bullets)|shot|shoot|"
    r"bullet|gunfire|open(?:ed)? fire|fired on|fired at|hospital|casualt|lethal|excessive force|brutal|beat)",
    re.IGNORECASE,
)
# Ground taken: who takes it decides ACLED's sub-type (the state regains territory, a
# non-state group overtakes it). Verbs that take ground by themselves, and the objects that
# make a seizure one of ground rather than of goods or weapons.
_GROUND_VERBS = frozenset({"recapture", "retake", "overrun", "reclaim", "liberate"})
_GROUND = frozenset({
    "control", "town", "city", "village", "territory", "area", "region", "district", "province", "base", "post",
    "outpost", "stronghold", "position", "hill", "airport", "headquarters", "camp", "border", "crossing", "port",
    "capital", "locality", "enclave", "checkpoint", "island", "valley", "county", "neighbourhood", "neighborhood",
})  # fmt: skip
_STATE_GROUND = frozenset({"MIL", "POL", "GOV"})  # the state's side in taking ground
# Seizing verbs that take no ground by themselves: a raid on a base is an attack on it (ACLED's
# armed clash), not a capture, unless the sentence says the raiders took it.
_NO_GROUND_VERBS = frozenset({"raid"})


def _takes_ground(head: Token) -> bool:
    """ "seized control of the city", "captured two camps", "recaptured Palmyra"."""
    if head.lemma_.lower() in _NO_GROUND_VERBS:
        return False
    if head.lemma_.lower() in _GROUND_VERBS:
        return True
    objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in _GROUND or o.ent_type_ in {"GPE", "LOC", "FAC"} for o in objects)


# Projectiles air defence downs: ACLED codes their interception as disrupted weapons use.
_PROJECTILES = frozenset({"drone", "missile", "rocket", "uav", "projectile", "shahed"})


def _intercepted(head: Token) -> bool:
    """ "shot down a drone", "intercepted two missiles", "a drone was downed"."""
    lemma = head.lemma_.lower()
    shot_down = lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in head.children)
    if not (shot_down or lemma in {"intercept", "down"}):
        return False
    objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in _PROJECTILES for o in objects)


def collective(sources: list[Actor]) -> bool:
    """Whether one of ``sources`` is a crowd, the acting side mob violence needs."""
    return any(_COLLECTIVE.search(a.text) for a in sources)


def refine_acled(
    trigger: Trigger, head: Token, sources: list[Actor], targets: list[Actor], sentence: str
) -> tuple[str | None, str | None]:
    """``(plover_mode, acled_subtype)`` for the event of ``trigger`` with these actors."""
    mode, acled = trigger.mode, trigger.acled
    src = {a.sector for a in sources}
    tgt = {a.sector for a in targets}
    if trigger.plover == "COERCE" and mode == "seize" and _takes_ground(head):
        if src & _STATE_GROUND and not src & NON_STATE_ARMED:
            return mode, "GOV_REGAINS_TERIT"
        if src & NON_STATE_ARMED and not src & _STATE_GROUND:
            return mode, "NON_STATE_ACTOR_OVERTAKES_TER"
    if trigger.plover == "ASSAULT" and _intercepted(head):
        return mode, "DISR_WEAP"
    if trigger.plover == "PROTEST" and mode == "obstruct" and src and src <= NON_STATE_ARMED:
        return mode, "OTHER"  # armed men blocking a road or besieging a town: no demonstration
    if trigger.plover == "PROTEST" and mode == "demo":
        if _VIOLENT_WORDS.search(sentence) and not _PEACEFUL.search(sentence):
            return "riot", "VIOL_DEMONSTR"
        return mode, acled
    if trigger.plover != "ASSAULT" or acled in {
        "AIR_STRIKE",
        "REM_EXPLOS",
        "ART_MISS_ATTACK",
        "SEX_VIOL",
        "ABDUCT_DISSAP",
    }:
        return mode, acled
    everyone = src | tgt
    if src & _STATE_FORCE and tgt & _CROWD:
        # ACLED: excessive force is lethal or seriously injuring; dispersal short of it (tear
        # gas, water cannon, batons without casualties) is a protest with intervention
        harmed = _HARM.search(sentence) is not None
        return mode or "crowd-control", "FORCE_AGAINST_PROTEST" if harmed else "PROTEST_WITH_INTER"
    if everyone & _STATE_FORCE and everyone & _CROWD:
        # "clashes between police and protesters": a violent demonstration
        return mode, "VIOL_DEMONSTR"
    if src & _CROWD and not src & ARMED_SECTORS and collective(sources):
        return mode, "MOB_VIOL"
    if len(everyone & ARMED_SECTORS) >= 2 or (
        head.lemma_ in {"clash", "fighting", "battle", "ambush"} and everyone & ARMED_SECTORS
    ):
        return mode, "ARMED_CLASH"
    if acled == "ARMED_CLASH":
        return mode, "ATTACK" if tgt & {"CVL"} else acled
    return mode, acled


# Sides and words the codebook's definitions need, checked before the model may choose a
# sub-type (``allowed_subtypes``).
_FORCE_ON_PROTEST = frozenset({"FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER"})
_TERRITORY = frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"})
# Taking people: an abduction or disappearance names the taking, holding or loss of someone.
_TAKEN = re.compile(
    r"\b(?:abduct\w*|kidnap\w*|disappear\w*|hostages?|missing|captiv\w*|captur\w*|seiz\w*|taken|took|"
    r"snatch\w*|detain\w*|detention|held|holding|whereabouts|ransom)\b",
    re.IGNORECASE,
)
# ACLED defines these sub-types by the act or weapon, which the sentence must name ("eight
# officers were injured" is no grenade, remote explosive or sexual violence; "called for an
# investigation into the killings" no property destruction). The words are broad on purpose:
# only a sentence that names none of them is refused the sub-type (every one of our examples and
# of the CASE 2021 dev snippets of each sub-type names one).
_NAMED_BY: dict[str, re.Pattern[str]] = {
    sub: re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    for sub, words in {
        # the agents (tear gas is crowd control: plover_mode)
        "CHEM_WEAP": r"chemical|chlorine|sarin|mustard|nerve (?:agent|gas)|toxic|poison\w*|gas(?:sed|sing)?"
        r"|novichok|vx",
        "SEX_VIOL": r"rap(?:e|ed|es|ing|ists?)|gang-?rap\w*|sexual\w*|sexually|molest\w*|sodomi[sz]\w*"
        r"|indecent(?:ly)? assault\w*|forced (?:marriage|nudity|prostitution)",
        "GRENADE": r"grenades?",
        "PROPERTY_DISTRUCT": r"burn\w*|burnt|fires?|fired|firebomb\w*|ablaze|blaze|flames?|alight|charred|gutted"
        r"|incinerat\w*|overturn\w*|torch\w*|arson\w*|destr\w*"
        r"|demoli\w*|raz(?:e|ed|ing)|bulldoz\w*|uproot\w*|loot\w*|plunder\w*|pillag\w*|ransack\w*|vandal\w*"
        r"|damag\w*|smash\w*|wreck\w*|sack(?:ed|ing)|trash\w*|blew up|blown up|blow up|explo\w*|detonat\w*"
        r"|bomb\w*|dynamit\w*|attack\w*|storm(?:ed|ing)?|tore down|pull(?:ed|ing)? down|toppl\w*|defac\w*"
        r"|graffiti|shatter\w*|broke|broken|break\w*|seiz\w*|confiscat\w*|stole|stolen|steal\w*|robb\w*"
        r"|propert\w*|assets",
        "REM_EXPLOS": r"explo\w*|bomb\w*|blasts?|ieds?|improvised|landmines?|mines?|roadside|booby|detonat\w*"
        r"|device\w*|dynamite|tnt|c-4|vbied\w*|remote\w*|planted",
        "SUIC_BOMB": r"bombers?|svbied\w*|strapped|vests?|belts?|(?:his|her|their) explosives|laden|suicid\w*"
        r"|self-detonat\w*|blew (?:himself|herself|themselves) up|blew up (?:himself|herself|themselves)",
        "AIR_STRIKE": r"f-\d+\w*|sukhoi\w*|mig-?\d*s?|air\w*|drones?|uavs?|jets?|warplanes?|planes?|aircraft"
        r"|helicopters?|gunships?|bombers?|bomb\w*|sorties?|aerial|strikes?|struck|raids?",
        "ART_MISS_ATTACK": r"shell\w*|mortars?|rockets?|missiles?|artillery|howitzers?|projectiles?|katyusha|grad"
        r"|barrage\w*|bombard\w*|fired|firing|launch\w*|struck|strikes?|cannon\w*|tanks?",
        # someone taken into custody ("besieged the city" is no arrest)
        "ARREST": r"arrest\w*|detain\w*|detention|detainees?|custody|held|hold\w*|apprehend\w*|nab\w*|round\w* up"
        r"|rounded|jail\w*|imprison\w*|captur\w*|picked up|pick\w* up|taken|took|booked|remand\w*|charged|charges"
        r"|prison\w*|seiz\w*|raid\w*|crackdown|bail|handcuff\w*|incarcerat\w*|interrogat\w*|sentenc\w*|convict\w*"
        r"|abduct\w*|kidnap\w*|summon\w*|questioning|extradit\w*|deport\w*|surrender\w*|lock\w* up",
        # weapons found, seized, defused or downed ("besieged the city" is none)
        "DISR_WEAP": r"defus\w*|disarm\w*|dismantl\w*|intercept\w*|shot down|shoot\w* down|downed|neutrali[sz]\w*"
        r"|deactivat\w*|seiz\w*|confiscat\w*|recover\w*|found|find\w*|discover\w*|uncover\w*|unearth\w*|caches?"
        r"|arms|armou?ry|weapons?|firearms?|guns?|pistols?|rifles?|ammunitions?|rounds|magazines?|explosives?|bombs?"
        r"|ieds?|vbieds?|mines?|landmines?|grenades?|rockets?|missiles?|shells|mortars?|drones?|devices?|detonat\w*"
        r"|vests?|foil\w*|thwart\w*|prevent\w*|clear\w*|destroy\w*|demin\w*|ordnance|uxo",
        # ground handed over, left or taken ("withdrew from the town", "pulled out of the city",
        # "the handover of the districts"); a tax withdrawn is none
        "NON_VIOL_TERRIT_TRANSFER": r"from|out of|hand(?:ed|s|ing)?[- ]?over|control\w*|territor\w*|districts?"
        r"|towns?|city|cities|villages?|areas?|regions?|provinces?|border|crossings?|positions?|bases?|outposts?"
        r"|checkpoints?|posts?|zones?|ground|frontlines?|front lines?|capital|camps?|garrisons?|strongholds?"
        r"|buildings?|palace|airports?|air ?bases?|compounds?|neighbou?rhoods?|stations?|oil ?fields?|squares?"
        r"|barracks|headquarters|ports?|took over|take over|takes over|taking over|taken over|mov(?:ed|es|ing) in"
        r"|moved into|enter\w*|vacat\w*|evacuat\w*|abandon\w*|surrender\w*|retreat\w*|pull(?:ed|s|ing)?[- ]?out"
        r"|left|leav\w*|redeploy\w*",
        # something agreed, exchanged or given up: "reached an agreement", "exchanged prisoners",
        # "surrendered to" ("will meet the minister next week" is an intent, no agreement)
        "AGREEMENT": r"agree\w*|accords?|deals?|pacts?|treat(?:y|ies)|cease-?fires?|truces?|armistice|sign\w*"
        r"|exchang\w*|swap\w*|surrender\w*|releas\w*|hand(?:ed|s|ing)?[- ]?over|memorand\w*|settle\w*|compromis\w*"
        r"|reconcil\w*|peace|amnesty|disarm\w*|laid down|lay down|lays down|join\w*|defect\w*|integrat\w*"
        r"|accept\w*|welcom\w*|deal|understanding|consensus|protocol|roadmap|road map|arrangement",
    }.items()
}
# Violence a sentence states, which a violent demonstration or mob needs (broader than
# ``_VIOLENT_WORDS``, which makes the rules call a demonstration violent by themselves).
_VIOLENCE = re.compile(
    r"\b(?:violen\w*|clash\w*|riot\w*|stones?|ston(?:ed|ing)|pelt\w*|petrol bombs?|molotov|fire\w*|burn\w*|torch\w*"
    r"|arson|loot\w*|vandal\w*|smash\w*|attack\w*|fight\w*|fought|scuffl\w*|brawl\w*|throw\w*|threw|hurl\w*"
    r"|injur\w*|wound\w*|kill\w*|dead|died|deaths?|damag\w*|destroy\w*|ransack\w*|storm\w*|beat\w*|tear gas)\b",
    re.IGNORECASE,
)
# A protest or crowd named in the sentence, which force against protesters needs.
_CROWD_WORDS = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors?|ing)|march\w*|rall(?:y|ies)|strik(?:e|es|ers|ing)|crowds?|mobs?"
    r"|riot\w*|picket\w*|sit-ins?|gathering|vigil|students|activists|supporters|bandh|hartal)\b",
    re.IGNORECASE,
)


def crowd_named(text: str) -> bool:
    """Whether ``text`` names a crowd, protest, strike or riot anywhere (``_CROWD_WORDS``)."""
    return _CROWD_WORDS.search(text) is not None


def allowed_subtypes(event: Event, *, crowd_in_story: bool = True) -> frozenset[str]:
    """The ACLED sub-types the trained model may give ``event``: those of its PLOVER mode or
    type, less those whose codebook definition its actors, sentence or story contradict.

    ``crowd_in_story``: whether the article names a crowd, protest or strike anywhere
    (``_CROWD_WORDS``); a violent demonstration needs one, in the sentence or the story."""
    allowed = ACLED_FOR_MODE.get(event.plover_mode or "") or ACLED_FOR_PLOVER.get(event.plover_type, frozenset())
    sources = {a.sector for a in event.sources}
    targets = {a.sector for a in event.targets}
    sentence = event.evidence.sentence.text
    if event.plover_type == "ASSAULT" and event.acled_subtype == "DISR_WEAP":
        return frozenset()  # a drone shot down (``refine_acled``): no strike of the model's choosing
    if event.plover_mode == "obstruct" and sources and sources <= NON_STATE_ARMED:
        # "rebels blocked transport into the capital", "militants have besieged the city": PLOVER's
        # obstruct (its gold codes it so), but no demonstration of ACLED's
        return frozenset()
    if targets & STATE_SECTORS and not sources & STATE_SECTORS:
        # force *against* protesters needs the state on the acting side: an attack on
        # security forces ("security forces being shot at") is not one
        allowed -= _FORCE_ON_PROTEST
    if event.plover_mode != "crowd-control" and not _CROWD_WORDS.search(sentence):
        allowed -= _FORCE_ON_PROTEST  # ... and a protest: a police raid is none
        if event.plover_type == "ASSAULT" and (event.plover_mode is not None or not crowd_in_story):
            # men firing on guards are no demonstration, nor is a murder in a story that names
            # no crowd: a trial of three men accused of murdering a farm worker
            allowed -= {"VIOL_DEMONSTR"}
    if event.plover_type == "ASSAULT" and not collective(event.sources):
        allowed -= {"MOB_VIOL"}  # a killing by no crowd ("the alleged massacre") is no mob's
    if event.acled_subtype == "VIOL_DEMONSTR" and (sources | targets) & STATE_SECTORS:
        # ACLED: a crowd fighting state forces is a violent demonstration; mob violence is a
        # crowd's violence against others ("clashes between students and police")
        allowed -= {"MOB_VIOL"}
    if event.acled_subtype not in _TERRITORY and not _shows("ground_taken", sentence):
        # a territory sub-type needs ground taken, read by the rules from the parse or told by
        # the sentence: a raid on a base, or people "taken" in raids, is no capture
        allowed -= _TERRITORY
    if targets and targets <= STATE_SECTORS:
        # ATTACK is violence against civilians and MOB_VIOL a crowd's against others: violence
        # on state forces alone ("attacks on security personnel", "officers were injured") is neither
        allowed -= {"ATTACK", "MOB_VIOL"}
    if not _TAKEN.search(sentence):
        # an abduction names someone taken or missing ("called for an investigation into the
        # killings" is none)
        allowed -= {"ABDUCT_DISSAP"}
    allowed -= {sub for sub, named in _NAMED_BY.items() if sub in allowed and not named.search(sentence)}
    if event.plover_mode == "demo" and not _VIOLENCE.search(sentence):
        # a demonstration its sentence states no violence of is no violent one, whatever a
        # word such as "gas" ("a rise in the price of gas") suggests to the model
        allowed -= {"VIOL_DEMONSTR", "MOB_VIOL"}
    return allowed


# ACLED codebook cues: phrasings that name one sub-type's defining act whatever its wording,
# pooled into one feature each for the trained model (``cue=NAME``). A cue is evidence, not a
# decision: the model weighs it against the words and the rules' reading.
_W = r"(?:\W+\w+){0,6}?\W+"  # up to six words between the act and its object
_ARMS = (
    r"(?:weapons?|arms|firearms?|guns?|rifles?|pistols?|ammunition|ammo|rounds|cartridges|explosives?|"
    r"ieds?|improvised explosive|bombs?|mines?|landmines?|grenades?|mortars?|rockets?|detonators?|cache)"
    r"(?!\W+(?:control|race|deals?|trade|embargo|sales?|industry|dealers?|of talks|of negotiations)\b)"
)  # the weapons themselves, not "arms control" or "rounds of talks"
_PLACES = (
    r"(?:towns?|villages?|city|cities|areas?|district|districts|territory|territories|regions?|bases?|camps?|"
    r"positions?|strongholds?|hills?|airports?|airfield|localit(?:y|ies)|border (?:post|point|crossing)s?|"
    r"crossings?|checkpoints?|enclaves?|neighbou?rhoods?|count(?:y|ies)|provinces?|outposts?|headquarters|"
    r"garrisons?|island|port|capital|suburbs?|settlements?)"
)  # the ground a capture takes
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        # Disrupted weapons use: arms seized, found or made safe (ACLED counts the seizure, not
        # any ground taken with it)
        (
            "weapons_seized",
            (
                rf"\b(?:seiz|confiscat|recover|found|find|discover|uncover|unearth|impound|intercept|"
                rf"defus|dismantl|deactivat|neutrali[sz]|detonated safely|destroy)\w*{_W}{_ARMS}\b"
            ),
        ),
        (
            "weapons_seized",
            (
                rf"\b{_ARMS}{_W}(?:were |was |had been |being )?(?:seized|confiscated|recovered|found|"
                rf"discovered|uncovered|defused|dismantled|impounded)\b"
            ),
        ),
        ("weapons_seized", r"\b(?:arms|weapons?|ammunition) (?:cache|depot|haul|dump)s?\b"),
        # Agreement: ceasefires, prisoner exchanges, surrenders, peace deals (ACLED: "any sort of
        # agreement between different actors")
        ("agreement", r"\b(?:cease-?fire|truce|armistice|peace (?:deal|accord|agreement|pact))\b"),
        ("agreement", r"\b(?:exchang|swap|trad)\w*\W+(?:\w+\W+){0,3}?(?:prisoners|detainees|captives|bodies)\b"),
        ("agreement", r"\b(?:prisoners?|captives?|detainees?) (?:exchange|swap)\b|\bexchange of (?:prisoners|bodies)"),
        ("agreement", r"\b(?:surrender\w*|laid down (?:their|his) arms|lay down (?:their|his) arms)\b"),
        (
            "agreement",
            r"\b(?:reached|signed|agreed|struck|brokered) (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord)\b",
        ),
        # Change to group activity: a group's forces moved, reinforced, mobilised or defecting
        (
            "posture",
            (
                r"\b(?:deploy|redeploy|reinforc|mobili[sz]|amass|mass(?:ed|ing) (?:troops|forces)|"
                r"defect|desert(?:ed|ing|ers)\b|regroup|reposition|relocat|merg)\w*"
            ),
        ),
        (
            "posture",
            (
                r"\b(?:troops|forces|soldiers|fighters|units|battalions?|brigades?) (?:\w+ )?(?:moved|moving|"
                r"arrived|headed|sent|dispatched|stationed|massed|gathered)\b"
            ),
        ),
        (
            "posture",
            r"\b(?:sen[dt]|dispatch\w*|mov\w+|send\w*) (?:\w+ ){0,3}?(?:troops|forces|soldiers|reinforcements)\b",
        ),
        (
            "withdrawal",
            (
                r"\b(?:withdr[ae]w\w*|withdrawal|pull(?:ed|ing|s)? (?:\w+ )?out|pullout|retreat\w*|"
                r"evacuat\w*|abandon\w*|vacat\w*)\b"
            ),
        ),
        # Non-violent transfer of territory: ground handed over or taken without resistance
        (
            "handover",
            (
                r"\b(?:hand(?:ed|ing|s)? (?:\w+ ){0,4}?over|handover|hand-over|turned over|ceded?|"
                r"without (?:a |any )?(?:fight|fighting|resistance|a shot)|unopposed|peacefully (?:took|entered))\b"
            ),
        ),
        # Ground changing hands (GOV_REGAINS_TERIT, NON_STATE_ACTOR_OVERTAKES_TER; without a
        # fight, NON_VIOL_TERRIT_TRANSFER): a place taken, not an attack on it ("attacked a base")
        (
            "ground_taken",
            (
                rf"\b(?:captur|seiz|took|tak(?:e|en|es|ing)|overr[au]n|recaptur|retak|retook|regain|liberat|reclaim|"
                rf"wrest|enter(?:ed|ing)|cleared|gain(?:ed)?|push|drove|driv|expel|dislodg|oust|flush|evict)\w*{_W}"
                rf"{_PLACES}\b"
            ),
        ),
        (
            "ground_taken",
            (
                r"\b(?:recaptur\w*|retook|retaken|retakes?|liberat(?:ed|ing|ion)|overr[au]n|(?:took|taken|seized|"
                r"gained|assumed|tak(?:e|es|ing)) (?:full |complete |total )?control|(?:fell|fallen|falls) (?:in)?to|"
                r"under (?:their|its|the) control|(?:pushed|drove|driven|flushed|chased) (?:\w+ ){0,4}?out)\b"
            ),
        ),
        # Protest met with force short of harm (PROTEST_WITH_INTER) or harming (FORCE_AGAINST_PROTEST)
        (
            "dispersal",
            (
                r"\b(?:tear ?gas|water cannons?|pepper spray\w*|pepper-spray\w*|rubber bullets|"
                r"baton\w*|dispers\w*|break up|broke up|stun grenades?|truncheons?|suppress\w*)\b"
            ),
        ),
        # The codebook's excessive force: lethal weapons or serious harm against protesters
        (
            "excessive_force",
            (
                r"\b(?:excessive (?:use of )?force|violent(?:ly)? (?:dispers|suppress|crack|broke|break|crush)\w*|"
                r"brutal\w*|rubber bullets?|live (?:ammunition|rounds|fire|bullets)|(?:fired|shot|shooting) "
                r"(?:\w+ )?(?:on|into|at) (?:the )?(?:crowds?|protesters|demonstrators|marchers|mourners))\b"
            ),
        ),
        # Protesters' own violence (VIOL_DEMONSTR): stones, fireworks, scuffles, vandalism
        (
            "crowd_violence",
            (
                r"\b(?:scuffl\w*|threw|throwing|hurl\w*|pelt\w*|stones|rocks|bottles|fireworks|"
                r"molotov|petrol bombs?|rampag\w*|riot\w*|vandali[sz]\w*|smash\w*|loot\w*|turned violent)\b"
            ),
        ),
        # Looting and breaking in: property destruction (PROPERTY_DISTRUCT), whoever does it
        ("looting", r"\b(?:loot\w*|ransack\w*|plunder\w*|(?:break|broke|breaking|broken) into|vandali[sz]\w*)\b"),
        ("mob", r"\b(?:mob|mobs|lynch\w*|vigilantes?|jungle justice|angry (?:crowd|residents|villagers|youths))\b"),
        # Destruction of property without harm to people (PROPERTY_DISTRUCT)
        (
            "arson",
            (
                r"\b(?:torch\w*|set (?:\w+ ){0,3}?(?:on fire|ablaze|alight)|set fire|burn(?:ed|t|ing) "
                r"(?:down )?(?:\w+ ){0,2}?(?:houses?|homes?|cars?|vehicles?|shops?|buildings?|offices?|property|"
                r"properties|stations?|churches|mosques?|schools?)|vandali[sz]\w*|destroyed (?:\w+ ){0,2}?"
                r"(?:property|properties|houses|homes|shops))\b"
            ),
        ),
        # An armed group attacking soldiers or their base is fighting, not an attack on civilians
        (
            "on_forces",
            (
                r"\b(?:attack\w*|raid\w*|ambush\w*|assault\w*|stormed|overran|targeted)\W+(?:\w+\W+){0,5}?"
                r"(?:military|army|soldiers|troops|barracks|base|bases|outpost|checkpoint|garrison|police station|"
                r"convoy|patrol|positions?|security forces|peacekeepers)\b"
            ),
        ),
        (
            "on_civilians",
            (
                r"\b(?:attack\w*|raid\w*|stormed|massacre\w*|killed|shot)\W+(?:\w+\W+){0,5}?"
                r"(?:villagers|civilians|worshippers|passengers|residents|farmers|villages?|mosques?|churches|market\w*|"
                r"schools?|homes?|people|family|families|women|children)\b"
            ),
        ),
        # Weapons that name their sub-type whatever else the snippet tells: from the air (AIR_STRIKE),
        # a bomber who dies with the bomb (SUIC_BOMB)
        (
            "aerial",
            (
                r"\b(?:air ?strikes?|air-strikes?|air raids?|warplanes?|(?:fighter )?jets|bombers|aircraft|"
                r"helicopter gunships?|drones?|drone strikes?|air force|"
                r"aerial (?:bombardments?|attacks?|strikes?|raids?))\b"
            ),
        ),
        (
            "suicide",
            r"\b(?:suicide|blew (?:himself|herself|themselves) up|explosives?[- ](?:vests?|belts?)|s-?vbieds?)\b",
        ),
        ("no_harm", r"\b(?:no (?:one|casualties|injuries|deaths)|nobody was|without (?:any )?casualties)\b"),
        (
            "lethal",
            (
                r"\b(?:killed|killing|dead|deaths?|died|shot dead|live (?:ammunition|rounds|fire)|"
                r"opened fire|fired (?:live|on|at)|wounded|injured|injuring)\b"
            ),
        ),
    )
)


_FIGHTING = re.compile(
    r"\b(?:clash\w*|fight(?:s|ing)?|fought|battl\w*|firefight|gun ?battle|exchange of fire|shell\w*|killed|killing|"
    r"dead|wounded|casualt\w*|offensive|assault)\b",
    re.IGNORECASE,
)


# The end of a snippet's first sentence: a full stop before a capitalised word or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“A-Z])")


def _shows(cue: str, text: str) -> bool:
    """Whether ``text`` shows the codebook cue named ``cue``."""
    return any(pattern.search(text) for name, pattern in _CUES if name == cue)


def _cues_of(text: str) -> set[str]:
    """The names of the cues ``text`` shows."""
    names = {name for name, pattern in _CUES if pattern.search(text)}
    if {"ground_taken", "withdrawal"} <= names and not _FIGHTING.search(text):
        # ground taken where the other side left, with no fighting told: the codebook's
        # non-violent transfer of territory (a linear model cannot learn the conjunction)
        names.add("taken_after_withdrawal")
    if "withdrawal" in names and not names & {"ground_taken", "handover"}:
        names.add("withdrawal_alone")  # forces leaving, no one taking over: a change of activity
    harm = bool(names & {"lethal", "excessive_force"})
    if "dispersal" in names:
        # the codebook's line between a protest with intervention and excessive force
        names.add("dispersal_harm" if harm else "dispersal_no_harm")
    if names & {"arson", "looting"} and not harm:
        names.add("property_no_harm")  # looting or property destruction, no one hurt
    return names


def codebook_cues(text: str) -> list[str]:
    """The ACLED codebook cues ``text`` shows, as model features (``cue=agreement``...), and
    those of its first sentence again (``lead=agreement``): a news snippet leads with its
    event, and what follows is often background ("... a week after police killed two")."""
    lead = _SENTENCE_END.split(text, maxsplit=1)[0]
    names = _cues_of(text)
    leading = names if lead == text else _cues_of(lead)  # one sentence (the pipeline's case): once
    return sorted({f"cue={name}" for name in names} | {f"lead={name}" for name in leading})
