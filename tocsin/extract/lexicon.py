"""The trigger lexicon: which words and phrases state which event.

Built type by type from the PLOVER codebook (``PLOVER_MANUAL.tex``: the 16 types, their modes
and "potential ambiguities") and the CAMEO codes it absorbs (``CAMEO2PLOVER-2021.txt``; the
comments cite the CAMEO code of each group). Where the two disagree the manual's prose wins
(international sanctions are SANCTION ``discontinue``, lifting a curfew is CONCEDE), except
that an apology is SUPPORT (CAMEO 055), as the table and the gold records have it.

Each trigger maps a lemma (verb or noun), a verb with a given object (``OBJECTS``) or a
multi-word pattern (``PHRASES``) to a PLOVER type and mode and a default ACLED sub-type
(``acled.py`` refines it from the actors). ``strong`` triggers denote a political event on
their own ("riot", "airstrike", "extradite"); weak ones ("meet", "offer", "warn") only count
when the event has a political actor, which keeps sports and business news ("United beat
City", "the board met", "the firm offered shares") out.

``OBJECTS`` is CAMEO's verb + object patterns: the object decides what the verb states ("lift
the curfew" is a concession, "impose a curfew" coercion, "give aid" aid, "cut ties" a
sanction, "strike a deal" an agreement), and the object noun then states no event of its own.
``GOVERNORS`` are the verbs and adjectives of agreeing, refusing, demanding and threatening:
what their complement says ("agreed to withdraw", "refused to lift the curfew", "threatened
to kill") is the content of the speech act, not an event of its own. ``FUTURE`` retypes an
announced action as PLOVER codes it (a future visit is AGREE, a future sanction a threat).

``STRONG``/``WEAK`` are regexes over surface forms, run on raw sentences before any parsing:
a sentence that matches neither cannot yield an event and is never parsed. They must stay a
superset of the lexicon; ``tests/test_extract_lexicon.py`` checks that every lemma matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "ADDRESSED",
    "EXERCISES",
    "FUTURE",
    "GOVERNORS",
    "MEDIA_OBJECTS",
    "NEEDS_OBJECT",
    "NOUNS",
    "NOUN_OBJECTS",
    "NO_OBJECT",
    "OBJECTS",
    "OBJECT_GOVERNORS",
    "PHRASES",
    "SPEECH",
    "SPORTS",
    "STRONG",
    "THROWS",
    "TRANSITIVE",
    "VERBS",
    "WEAK",
    "Trigger",
    "announced",
    "governing",
]


_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger states: PLOVER type/mode, default ACLED sub-type, and its strength."""

    plover: str
    mode: str | None = None
    acled: str | None = None
    strong: bool = True


def _t(plover: str, mode: str | None = None, acled: str | None = None, *, weak: bool = False) -> Trigger:
    return Trigger(plover, mode, acled, strong=not weak)


def _w(plover: str, mode: str | None = None, acled: str | None = None) -> Trigger:
    """A weak trigger: an event only with a political actor."""
    return Trigger(plover, mode, acled, strong=False)


# verbal cooperation
_AGREE = _w("AGREE")
_CONSULT = _w("CONSULT")
_VISIT = _w("CONSULT", "visit")
_PHONE = _w("CONSULT", "phone")
_SUPPORT = _w("SUPPORT")
_CONCEDE = _w("CONCEDE")
# material cooperation
_COOPERATE = _w("COOPERATE")
_AID = _w("AID")
_RETREAT = _w("RETREAT")
_RELEASE = _w("RETREAT", "release")
_DISARM = _w("RETREAT", "disarm")
_ACCESS = _w("RETREAT", "access")
_PULLBACK = _w("RETREAT", "withdraw")
_WITHDRAW = _t("RETREAT", "withdraw")
_RESIGN = _t("RETREAT", "resign", "CHANGE_TO_GROUP_ACT")
# verbal conflict
_REQUEST = _w("REQUEST")
_DEMAND = _w("REQUEST", "change")
_SEEK_AID = _w("REQUEST", "assist")
_DISAPPROVE = _w("ACCUSE", "disapprove")
_ALLEGE = _w("ACCUSE", "allege")
_INVESTIGATE = _w("ACCUSE", "investigate")
_REJECT = _w("REJECT")
_REJECT_MEET = _w("REJECT", "meet")
_THREATEN = _t("THREATEN", "violence")
# material conflict
_DEMO = _t("PROTEST", "demo", "PEACE_PROTEST")
_DEMO_WEAK = _w("PROTEST", "demo", "PEACE_PROTEST")
_RIOT = _t("PROTEST", "riot", "VIOL_DEMONSTR")
_STRIKE = _t("PROTEST", "strike", "PEACE_PROTEST")
_OBSTRUCT = _t("PROTEST", "obstruct", "PEACE_PROTEST")
_OBSTRUCT_WEAK = _w("PROTEST", "obstruct", "PEACE_PROTEST")
_CUT_TIES = _w("SANCTION", "withdraw")
_DISCONTINUE = _w("SANCTION", "discontinue")
_EXPEL = _w("SANCTION", "expel", "CHANGE_TO_GROUP_ACT")
_CONVICT = _w("SANCTION", "convict")
_TROOPS = _w("MOBILIZE", "troops", "OTHER")
_ARREST = _t("COERCE", "arrest", "ARREST")
_CENSOR = _t("COERCE", "censor", "OTHER")
_RESTRICT = _t("COERCE", "restrict", "OTHER")
_RESTRICT_WEAK = _w("COERCE", "restrict", "OTHER")
_SEIZE = _w("COERCE", "seize", "OTHER")
_CYBER = _w("COERCE", "cyber", "OTHER")
_ASSAULT = _t("ASSAULT", None, "ATTACK")
_ASSAULT_WEAK = _w("ASSAULT", None, "ATTACK")
_FIREARMS = _t("ASSAULT", "firearms", "ATTACK")
_GUNBATTLE = _t("ASSAULT", "firearms", "ARMED_CLASH")
_EXPLOSIVES = _t("ASSAULT", "explosives", "REM_EXPLOS")
_AERIAL = _t("ASSAULT", "aerial", "AIR_STRIKE")
_HEAVY = _t("ASSAULT", "heavy-weapons", "ART_MISS_ATTACK")
_DESTROY = _t("ASSAULT", "destroy", "PROPERTY_DISTRUCT")
_DESTROY_WEAK = _w("ASSAULT", "destroy", "PROPERTY_DISTRUCT")
_CLASH = _t("ASSAULT", None, "ARMED_CLASH")
_CLASH_WEAK = _w("ASSAULT", None, "ARMED_CLASH")
_CROWD = _t("ASSAULT", "crowd-control", "FORCE_AGAINST_PROTEST")
_ABDUCT = _t("ASSAULT", "abduct", "ABDUCT_DISSAP")
_SEXUAL = _t("ASSAULT", "sexual", "SEX_VIOL")


def _all(value: _V, *lemmas: str) -> dict[str, _V]:
    """The same trigger (or object table) for each of ``lemmas``."""
    return dict.fromkeys(lemmas, value)


VERBS: dict[str, Trigger] = {
    # AGREE (CAMEO 03): intent to cooperate, offers, promises; invitations (manual, CONSULT)
    **_all(_AGREE, "agree", "pledge", "promise", "accept", "guarantee", "consent", "invite"),
    **_all(_AGREE, "propose", "vow", "swear"),  # "vowed to fight" is a threat (``governing``)
    # CONSULT (04): meetings, visits, calls, mediation, negotiation
    **_all(_CONSULT, "meet", "discuss", "negotiate", "consult", "confer", "mediate"),
    **_all(_VISIT, "visit", "host"),
    **_all(_PHONE, "telephone", "phone"),
    # SUPPORT (05): praise, endorse, defend verbally, recognise, apologise, forgive, sign
    **_all(_SUPPORT, "support", "praise", "endorse", "welcome", "commend", "hail", "applaud", "laud"),
    **_all(_SUPPORT, "congratulate", "defend", "forgive", "ratify"),
    **_all(_SUPPORT, "apologize", "apologise"),  # CAMEO 055 (CAMEO2PLOVER: SUPPORT)
    "sign": _w("SUPPORT", None, "AGREEMENT"),  # CAMEO 057 "sign formal agreement"
    # COOPERATE (06): material, judicial and intelligence cooperation
    **_all(_COOPERATE, "cooperate", "collaborate"),
    "extradite": _t("COOPERATE"),  # CAMEO 063
    # AID (07): aid, asylum; rescues and evacuations of people (manual, AID)
    **_all(_AID, "donate", "rescue", "evacuate", "airlift", "airdrop"),
    # CONCEDE (08, verbal): easing, lifting, pardons and amnesties, regret, backing down
    **_all(_CONCEDE, "concede", "ease", "lift", "relax", "pardon", "acquit", "regret", "accede", "yield"),
    **_all(_CONCEDE, "allow", "rescind", "revoke", "repeal"),
    # RETREAT (08, material): withdrawal, release, disarmament, resignation
    "resign": _RESIGN,
    "cede": _WITHDRAW,
    "retreat": _WITHDRAW,
    "withdraw": _PULLBACK,
    **_all(_RELEASE, "release", "free", "repatriate"),
    **_all(_DISARM, "disarm", "surrender"),
    **_all(_t("RETREAT", "disarm"), "demobilize", "demobilise"),  # CAMEO 0873
    # REQUEST (10): requests, demands, appeals, orders
    **_all(_DEMAND, "demand", "urge", "appeal", "expect", "pressure", "pressurize", "pressurise"),
    **_all(_REQUEST, "request", "ask", "plead", "implore", "petition", "order"),
    # ACCUSE (09, 11): disapproval, allegation, lawsuits, investigation
    **_all(_DISAPPROVE, "condemn", "denounce", "criticise", "criticize", "decry", "deplore", "rebuke"),
    **_all(_DISAPPROVE, "censure", "lambast", "lambaste", "castigate", "slam", "summon", "complain"),
    **_all(_ALLEGE, "accuse", "blame", "allege", "charge", "indict", "prosecute", "sue"),
    **_all(_INVESTIGATE, "investigate", "probe", "interrogate", "question"),
    # REJECT (12): rejections, refusals, vetoes, defiance
    **_all(_REJECT, "reject", "refuse", "deny", "veto", "decline", "rebuff", "spurn", "oppose", "renege"),
    **_all(_REJECT, "defy"),
    # THREATEN: CAMEO 13
    "threaten": _THREATEN,
    "warn": _w("THREATEN"),
    # PROTEST: CAMEO 14
    "protest": _DEMO,
    **_all(_DEMO_WEAK, "demonstrate", "rally", "march", "chant", "agitate"),
    "picket": _DEMO,
    "gherao": _OBSTRUCT,
    # "students occupied the administration building"; occupied territory is COERCE seize (OBJECTS),
    # and troops who occupy a building seize it (the event stage)
    "occupy": _OBSTRUCT_WEAK,
    # "villagers surrounded the police station" (a gherao); troops who surround move (the event stage)
    "surround": _OBSTRUCT_WEAK,
    "riot": _RIOT,
    "loot": _t("PROTEST", "vandalize", "MOB_VIOL"),
    **_all(_t("PROTEST", "vandalize", "VIOL_DEMONSTR"), "vandalize", "vandalise"),
    "boycott": _w("PROTEST", "boycott", "PEACE_PROTEST"),
    **_all(_OBSTRUCT, "blockade", "barricade"),
    "block": _OBSTRUCT_WEAK,
    "besiege": _OBSTRUCT_WEAK,  # by the state: COERCE restrict (events.py), as a blockade
    "storm": _w("PROTEST", "riot", "VIOL_DEMONSTR"),
    # "workers will strike" (no object); "a missile struck the town" is in TRANSITIVE
    "strike": _w("PROTEST", "strike", "PEACE_PROTEST"),
    # SANCTION (16): reducing relations, expulsions, convictions
    "sanction": _DISCONTINUE,
    "embargo": _DISCONTINUE,
    **_all(_CUT_TIES, "sever", "downgrade"),
    **_all(_EXPEL, "expel", "remove", "dismiss", "sack", "oust", "impeach", "blacklist"),
    **_all(_CONVICT, "convict", "sentence"),
    # MOBILIZE: CAMEO 15
    "deploy": _TROOPS,
    "station": _TROOPS,
    "reinforce": _TROOPS,
    **_all(_w("MOBILIZE", None, "OTHER"), "mobilize", "mobilise"),
    "patrol": _w("MOBILIZE", "police", "OTHER"),
    # COERCE: CAMEO 17
    **_all(_ARREST, "arrest", "nab", "apprehend", "detain", "jail", "imprison"),
    "deport": _t("COERCE", "deport", "OTHER"),
    "censor": _CENSOR,
    **_all(_RESTRICT_WEAK, "ban", "outlaw", "prohibit", "restrict", "seal", "cordon", "suspend"),
    "raid": _t("COERCE", "seize", "OTHER"),
    "annex": _SEIZE,  # CAMEO 192 occupy territory
    **_all(_SEIZE, "confiscate", "seize", "recapture", "retake", "overrun"),
    "recover": _w("COERCE", "seize", "DISR_WEAP"),
    "hack": _CYBER,
    # ASSAULT: CAMEO 18-20
    **_all(_ASSAULT_WEAK, "kill", "wound", "injure", "attack", "invade"),
    **_all(_ASSAULT, "murder", "massacre", "slaughter", "assault", "maim", "mutilate"),
    "assassinate": _t("ASSAULT", "targeted", "ATTACK"),
    **_all(_t("ASSAULT", "primitive", "ATTACK"), "behead", "stab"),
    "lynch": _t("ASSAULT", "beat", "MOB_VIOL"),
    **_all(_w("ASSAULT", "beat", "ATTACK"), "beat", "thrash"),
    **_all(_w("ASSAULT", "primitive", "VIOL_DEMONSTR"), "pelt", "stone"),
    "shoot": _w("ASSAULT", "firearms", "ATTACK"),
    "gun": _FIREARMS,
    "ambush": _CLASH,
    **_all(_CLASH_WEAK, "clash", "skirmish"),
    "torture": _t("ASSAULT", "torture", "ATTACK"),
    **_all(_SEXUAL, "rape", "molest"),
    **_all(_ABDUCT, "abduct", "kidnap"),
    "hijack": _w("ASSAULT", "abduct", "ABDUCT_DISSAP"),
    "bomb": _EXPLOSIVES,
    **_all(_w("ASSAULT", "explosives", "REM_EXPLOS"), "detonate", "explode"),
    **_all(_HEAVY, "shell", "bombard"),
    **_all(_DESTROY, "torch", "firebomb", "raze"),
    "burn": _DESTROY_WEAK,
    "disperse": _CROWD,
}

# Verbs that state an event only addressed to someone: "complained to the United Nations" is an
# official complaint (CAMEO 114); "drivers complain that the road is narrow" is none.
ADDRESSED: frozenset[str] = frozenset({"complain"})
# Verbs that, reporting what was said ("X is failing, a rights group protested"), state the
# disapproval of a speaker (CAMEO 11), not a demonstration.
SPEECH: dict[str, Trigger] = {"protest": _DISAPPROVE}
# Verbs whose reading depends on having an object: "strike the town" is an attack.
TRANSITIVE: dict[str, Trigger] = {"strike": _w("ASSAULT", None, "ATTACK")}
# Words of sports reporting: a sentence with one of them uses "strike", "clash", "attack" in
# their sporting sense.
SPORTS = re.compile(
    r"\b(?:goal|goals|goalkeeper|keeper|striker|scored|scoring|match|matches|minute|penalty|free[- ]kick|"
    r"half-time|halftime|league|cup|wicket|innings|batsman|bowler|tournament|championship|season|"
    r"half-centur(?:y|ies))\b",
    re.IGNORECASE,
)
# Verbs that state an event only with an object or in the passive: "police dispersed the crowd",
# "the crowd was dispersed" — but "the crowd dispersed" is no use of force, "prices eased" no
# concession, "the storm destroyed crops" (no political actor) aside, "talks were held".
NEEDS_OBJECT: frozenset[str] = frozenset({
    "disperse", "block", "seal", "cordon", "free", "release", "ease", "lift", "relax", "host", "order",
    "recover", "station", "reinforce", "question", "defend", "annex",
})  # fmt: skip
# Verbs that state a protest only without an object or a clause: "workers demonstrated outside
# parliament", but "Japan has demonstrated that reform works" and "voters demonstrated their
# faith in the party" are showing something, no demonstration.
NO_OBJECT: frozenset[str] = frozenset({"demonstrate"})
# What is released, freed or published rather than people: "released a video", "freed funds".
MEDIA_OBJECTS: frozenset[str] = frozenset({
    "video", "statement", "report", "footage", "recording", "audio", "message", "photo", "image", "picture",
    "film", "album", "song", "data", "figure", "result", "detail", "document", "list", "book", "record",
    "fund", "money", "budget", "tranche", "payment", "information", "update", "version", "product",
})  # fmt: skip

NOUNS: dict[str, Trigger] = {
    # AGREE: CAMEO 03
    **_all(_AGREE, "pledge", "promise", "offer", "commitment", "invitation", "proposal", "consensus"),
    **_all(_w("AGREE", None, "AGREEMENT"), "agreement", "accord", "pact", "treaty", "deal"),
    # CONSULT: CAMEO 04
    **_all(_CONSULT, "talks", "talk", "meeting", "summit", "negotiation", "consultation", "dialogue", "mediation"),
    "visit": _VISIT,
    # SUPPORT: CAMEO 05
    **_all(_SUPPORT, "solidarity", "condolence", "recognition", "endorsement"),
    "apology": _SUPPORT,
    # COOPERATE: CAMEO 06
    "cooperation": _COOPERATE,
    "extradition": _t("COOPERATE"),
    # AID: CAMEO 07
    **_all(_AID, "aid", "assistance", "donation", "grant", "loan", "asylum", "airlift", "reparation"),
    # CONCEDE: CAMEO 08
    **_all(_CONCEDE, "concession", "amnesty", "pardon"),
    # RETREAT: CAMEO 08
    "resignation": _RESIGN,
    "ceasefire": _t("RETREAT", "ceasefire", "AGREEMENT"),
    "truce": _t("RETREAT", "ceasefire", "AGREEMENT"),
    **_all(_PULLBACK, "withdrawal", "pullout", "pullback"),
    "demobilization": _t("RETREAT", "disarm"),
    "disarmament": _DISARM,
    "surrender": _DISARM,
    "repatriation": _RELEASE,
    # REQUEST: CAMEO 10
    **_all(_DEMAND, "demand", "appeal", "plea", "petition"),
    "request": _REQUEST,
    # ACCUSE: CAMEO 09, 11
    **_all(_DISAPPROVE, "condemnation", "criticism", "complaint"),
    **_all(_ALLEGE, "accusation", "allegation", "lawsuit", "indictment", "fir"),
    **_all(_INVESTIGATE, "investigation", "probe", "inquiry", "inspection", "hearing"),
    # REJECT: CAMEO 12
    **_all(_REJECT, "refusal", "rejection", "veto"),
    # THREATEN: CAMEO 13
    "threat": _w("THREATEN"),
    "warning": _w("THREATEN"),
    "ultimatum": _t("THREATEN", "violence"),
    # PROTEST: CAMEO 14
    **_all(_DEMO, "protest", "demonstration", "sit-in", "picket", "dharna"),
    **_all(_DEMO_WEAK, "rally", "march", "vigil", "agitation"),
    # a strike needs no named actor ("the unprotected strike began as a sit-in"); a goal-mouth
    # "strike" is vetoed by SPORTS in the event stage
    **_all(_STRIKE, "strike", "walkout", "stayaway", "go-slow", "bandh", "hartal"),
    **_all(_RIOT, "rampage", "riot", "rioting"),
    "unrest": _w("PROTEST", "riot", "VIOL_DEMONSTR"),
    "uprising": _w("PROTEST", "riot", "VIOL_DEMONSTR"),
    "looting": _t("PROTEST", "vandalize", "MOB_VIOL"),
    "blockade": _OBSTRUCT,
    "siege": _OBSTRUCT_WEAK,
    "boycott": _w("PROTEST", "boycott", "PEACE_PROTEST"),
    # SANCTION: CAMEO 16
    **_all(_DISCONTINUE, "sanction", "embargo", "tariff"),
    **_all(_EXPEL, "expulsion", "dismissal", "impeachment"),
    **_all(_CONVICT, "conviction", "verdict"),
    # MOBILIZE: CAMEO 15
    **_all(_TROOPS, "deployment", "buildup", "build-up", "reinforcement", "conscription"),
    "mobilization": _w("MOBILIZE", None, "OTHER"),
    "mobilisation": _w("MOBILIZE", None, "OTHER"),
    "patrol": _w("MOBILIZE", "police", "OTHER"),
    # COERCE: CAMEO 17
    **_all(_ARREST, "arrest", "detention"),
    "custody": _w("COERCE", "arrest", "ARREST"),
    "deportation": _t("COERCE", "deport", "OTHER"),
    "raid": _t("COERCE", "seize", "OTHER"),
    "annexation": _t("COERCE", "seize", "OTHER"),
    "curfew": _t("COERCE", "curfew", "OTHER"),
    **_all(_RESTRICT_WEAK, "shutdown", "restriction", "ban"),
    "crackdown": _CROWD,
    "blackout": _w("COERCE", "censor", "OTHER"),
    "censorship": _CENSOR,
    "cyberattack": _t("COERCE", "cyber", "OTHER"),
    # ASSAULT: CAMEO 18-20
    **_all(_CLASH_WEAK, "clash", "fighting", "battle", "skirmish", "offensive", "hostility"),
    **_all(_t("ASSAULT", "firearms", "ARMED_CLASH"), "firefight", "gunbattle", "gunfight", "shootout"),
    **_all(_ASSAULT_WEAK, "attack", "violence", "invasion"),
    **_all(_ASSAULT, "assault", "killing", "massacre", "atrocity", "genocide", "bloodshed"),
    **_all(_w("ASSAULT", "firearms", "ATTACK"), "shooting", "firing"),
    "gunfire": _FIREARMS,
    "ambush": _CLASH,
    **_all(_EXPLOSIVES, "bombing", "explosion", "blast", "bomb", "ied"),
    "grenade": _t("ASSAULT", "explosives", "GRENADE"),
    "airstrike": _AERIAL,
    **_all(_HEAVY, "shelling", "bombardment"),
    "arson": _DESTROY,
    "lathicharge": _CROWD,
    **_all(_ABDUCT, "abduction", "kidnapping", "hijacking"),
    "assassination": _t("ASSAULT", "targeted", "ATTACK"),
    "rape": _SEXUAL,
    "torture": _t("ASSAULT", "torture", "ATTACK"),
}

# CAMEO verb + object patterns: for a verb (lemma, or "lemma particle" for a phrasal verb: "call
# off") the object that decides the event, by the lemma of its direct object or passive subject,
# or what such an object is a quantity of ("tons of food"); under "lemma preposition" the object
# of that preposition ("withdraw from"). The object's own noun trigger is then not used:
# "lifted the curfew" is a concession, no curfew.
_TIES = ("tie", "relation", "link", "contact")
_TALKS = ("talk", "talks", "negotiation", "mediation", "dialogue", "meeting", "summit", "discussion")
_AGREEMENTS = ("agreement", "accord", "deal", "treaty", "pact", "memorandum", "protocol", "declaration", "charter")
_AID_GOODS = (
    "aid", "assistance", "food", "medicine", "supply", "relief", "grant", "loan", "credit", "fund", "funding",
    "money", "arm", "weapon", "ammunition", "equipment", "shelter", "help", "support", "expertise", "photograph",
    "intelligence", "dollar", "euro", "ton", "tonne", "kg", "vaccine", "fuel", "grain", "flour", "tent",
    "blanket", "compensation", "reparation", "asylum", "refuge", "sanctuary", "protection", "peacekeeper",
)  # fmt: skip
_TERRITORY = (
    "town", "city", "village", "territory", "area", "region", "district", "province", "base", "post", "outpost",
    "stronghold", "position", "hill", "airport", "headquarters", "camp", "border", "crossing", "port", "capital",
)  # fmt: skip
_PROPERTY = (
    "house", "home", "building", "village", "bridge", "line", "infrastructure", "property", "school", "church",
    "mosque", "temple", "shop", "vehicle", "car", "bus", "tank", "office", "station", "settlement", "tower",
)  # fmt: skip
_DISMISSED = (
    "appeal", "call", "demand", "request", "offer", "proposal", "claim", "allegation", "accusation", "charge",
    "report", "criticism", "plan", "suggestion", "idea", "warning", "threat",
)  # fmt: skip
_AGREED = _w("AGREE", None, "AGREEMENT")
_EASED: dict[str, Trigger] = {
    # the manual's CONCEDE: "removing curfews", easing restrictions (CAMEO 081-082, 0811-0814)
    **_all(_CONCEDE, "curfew", "ban", "restriction", "state", "law", "emergency", "control", "measure", "limit"),
    **_all(_CONCEDE, "barrier", "tariff", "charge"),
    **_all(_PULLBACK, "blockade", "siege", "checkpoint", "roadblock"),  # CAMEO 0872 ease blockade
    **_all(_w("RETREAT"), "sanction", "embargo", "boycott"),  # CAMEO 085 ease sanctions
}
_GIVEN: dict[str, Trigger] = {
    **_all(_AID, *_AID_GOODS),
    **_all(_TROOPS, "troop", "soldier", "force", "warship", "tank", "reinforcement", "police", "unit"),
    **_all(_INVESTIGATE, "inspector", "investigator"),  # "dispatched inspectors" (CAMEO 09)
    "access": _ACCESS,
    **_all(_VISIT, "welcome", "reception", "visit"),  # "gave a warm welcome", "paid a visit" (CAMEO 042-043)
}
_HALTED: dict[str, Trigger] = {
    **_all(_CUT_TIES, *_TIES),  # CAMEO 161 break relations
    **_all(_CUT_TIES, *_TALKS, "effort", "contact"),  # CAMEO 164-165 halt negotiations, mediation
    **_all(_DISCONTINUE, *_AID_GOODS, "cooperation", "trade", "import", "export", "flight", "delivery"),
    **_all(_DISCONTINUE, "program", "programme", "membership"),  # CAMEO 162
}
_SOUGHT: dict[str, Trigger] = {
    **_all(_SEEK_AID, *_AID_GOODS, "extradition"),
    **_all(_w("REQUEST", "yield"), "release", "ceasefire", "truce", "withdrawal", "pullout", "return"),
    **_all(_w("REQUEST", "meet"), *_TALKS),
    **_all(_DEMAND, "resignation", "reform", "change", "apology", "explanation", "inquiry", "investigation"),
}
_OFFERED: dict[str, Trigger] = _all(_AGREE, *_AID_GOODS, *_TALKS, "access", "troop", "soldier", "concession")
# Military games and manoeuvres: one country's are MOBILIZE, joint ones COOPERATE (the manual).
EXERCISES = frozenset({"game", "exercise", "drill", "maneuver", "manoeuvre"})
_LAUNCHED: dict[str, Trigger] = {
    **_all(_CLASH_WEAK, "attack", "offensive", "assault", "invasion", "incursion", "war", "hostility"),
    **_all(_HEAVY, "rocket", "missile", "mortar", "artillery", "shell", "barrage", "shelling"),
    **_all(_AERIAL, "airstrike", "sortie"),
    "fighting": _CLASH_WEAK,
    **_all(_TROOPS, *EXERCISES),  # "launched war games" (two countries' games: COOPERATE, see events)
}
_STRENGTHENED: dict[str, Trigger] = {
    **_all(_TROOPS, "force", "troop", "presence", "garrison", "deployment"),
    **_all(_w("MOBILIZE", "police", "OTHER"), "patrol", "patrolling", "security"),
    **_LAUNCHED,
}
_RELATIONS_BEGUN: dict[str, Trigger] = {
    **_all(_SUPPORT, *_TIES, "embassy", "consulate"),  # CAMEO 050 diplomatic cooperation
    **_all(_CONSULT, *_TALKS),
}
# Verbs of throwing: their object is the missile (``_MISSILES``), their target the object of "at".
THROWS = ("throw", "hurl", "lob")
# What protesters and mobs throw.
_MISSILES = (
    "stone", "rock", "brick", "bottle", "egg", "paint", "tomato", "shoe", "projectile", "missile", "cocktail",
    "firebomb", "firecracker", "balloon", "chair", "debris", "object",
)  # fmt: skip
_GATHERINGS = ("rally", "march", "protest", "demonstration", "vigil", "sit-in", "picket")
_HELD_PROTESTS = _all(_DEMO, *_GATHERINGS)
OBJECTS: dict[str, dict[str, Trigger]] = {
    # CONCEDE / RETREAT: easing what coerces
    **_all(_EASED, "lift", "ease", "relax", "remove", "scrap", "rescind", "revoke", "repeal", "shorten"),
    "cancel": {
        **_EASED,
        **_all(_REJECT_MEET, "visit", "trip", "meeting", "talk", "talks", "summit", "tour"),  # manual, SANCTION
        **_all(_DISCONTINUE, "aid", "agreement", "deal", "contract", "program", "programme"),
        "debt": _AID,
    },
    "drop": {**_EASED, **_all(_CONCEDE, "demand", "case", "claim", "objection", "opposition")},
    "end": {**_all(_CONCEDE, "strike", "protest", "boycott", "sit-in", "agitation", "curfew"), **_HALTED},
    "call off": _all(_CONCEDE, "strike", "protest", "boycott", "blockade", "march", "rally", "agitation", "bandh"),
    # a gathering broken up is dispersed ("police broke up the rally"), not a thing broken
    "break up": _all(_CROWD, *_GATHERINGS, "crowd", "gathering", "meeting", "blockade", "camp", "encampment"),
    "withdraw": {
        **_all(_CUT_TIES, "ambassador", "envoy", "diplomat", "inspector", "observer", "monitor", "mission"),
        **_all(_CUT_TIES, "recognition", "support", "membership", "cooperation"),
        **_all(_DISCONTINUE, "aid", "assistance", "funding", "fund", "loan"),
        **_all(_CONCEDE, "demand", "charge", "case", "objection", "candidacy", "bill", "ban", "restriction"),
        **_all(_PULLBACK, "troop", "force", "soldier", "unit", "army", "peacekeeper"),
    },
    **_all(_all(_CUT_TIES, *_TALKS, "process", "agreement", "treaty", "accord"), "withdraw from"),
    "recall": _all(_CUT_TIES, "ambassador", "envoy", "diplomat", "consul"),
    **_all(_HALTED, "cut", "halt", "suspend", "stop", "reduce", "sever", "terminate", "discontinue", "prohibit"),
    # a protest stopped before it is held ("police prevented the demonstration", "banned the
    # march") is the state restricting political activity (COERCE restrict; CAMEO 1721), the
    # protest no event of its own
    **_all(_all(_RESTRICT_WEAK, *_GATHERINGS), "prevent", "ban", "forbid", "foil", "thwart", "outlaw", "disallow"),
    "break": {**_all(_CUT_TIES, *_TIES, "talks", "negotiation"), **_all(_w("ASSAULT"), "ceasefire", "truce")},
    "consider": _all(_w("THREATEN", "relations"), "sanction", "embargo", "tariff", "penalty"),
    "impose": {
        **_all(_DISCONTINUE, "sanction", "embargo", "tariff", "penalty"),
        **_all(_RESTRICT, "restriction", "ban", "blockade", "siege", "control", "limit", "lockdown"),
        "curfew": _t("COERCE", "curfew", "OTHER"),
        **_all(_t("COERCE", "martial-law", "OTHER"), "law", "state", "emergency"),
    },
    "freeze": {**_HALTED, **_all(_DISCONTINUE, "asset", "account", "property")},
    **_all(_all(_PULLBACK, "withdrawal", "pullout", "pullback"), "complete", "begin", "start", "speed up", "finish"),
    # CONSULT / SUPPORT / AGREE: relations, meetings, agreements
    **_all(_RELATIONS_BEGUN, "establish", "restore", "resume", "normalize", "normalise", "upgrade", "renew"),
    **_all(_RELATIONS_BEGUN, "improve"),
    **_all(_all(_VISIT, "visit", "trip", "tour", "mission"), "arrive on", "undertake", "make"),
    "hold": {
        **_all(_CONSULT, *_TALKS, "consultation", "conversation", "conference"),
        "hostage": _ABDUCT,
        **_HELD_PROTESTS,
        **_all(_TROOPS, *EXERCISES),  # "held naval drills"
    },
    # "held a rally", "staged a sit-in": a protest whoever holds it, a party or a candidate too
    **_all(_HELD_PROTESTS, "organise", "organize"),
    # "plans a march on Friday" (``context`` flags it future), "announced a strike for Monday"
    # (its forward date does: ``dates.scheduled``)
    **_all(_HELD_PROTESTS, "plan", "schedule", "announce"),
    "stage": {**_HELD_PROTESTS, **_all(_TROOPS, *EXERCISES)},
    "sign": _all(_w("SUPPORT", None, "AGREEMENT"), *_AGREEMENTS, "ceasefire", "truce"),  # CAMEO 057
    "strike": _all(_AGREED, *_AGREEMENTS, "compromise", "bargain"),  # "struck a deal" is no assault
    "reach": _all(_AGREED, *_AGREEMENTS, "consensus", "compromise", "understanding", "settlement"),
    "accept": {
        **_all(_CONCEDE, "demand", "condition", "term", "request", "ultimatum"),  # CAMEO 083 accede
        **_all(_AGREE, "invitation", "offer", "proposal", "plan", "mediation"),
        "resignation": _RESIGN,
    },
    "recognize": _all(_SUPPORT, "independence", "government", "state", "sovereignty", "republic", "result"),
    "share": _all(_COOPERATE, "intelligence", "information", "data", "evidence", "expertise", "technology"),
    "exchange": {
        **_all(_COOPERATE, "intelligence", "information", "data", "expertise", "view"),
        **_all(_RELEASE, "prisoner", "captive", "hostage", "detainee", "body"),
        **_all(_GUNBATTLE, "fire", "gunfire", "shot"),
    },
    # AID: giving, sending, granting (an offer or pledge of aid is an intent: AGREE, CAMEO 033)
    **_all(_GIVEN, "give", "provide", "send", "supply", "deliver", "ship", "dispatch", "donate", "channel"),
    **_all(_GIVEN, "grant", "pay", "contribute", "allocate", "disburse", "airlift", "airdrop", "hand", "extend"),
    **_all(_OFFERED, "offer", "pledge", "promise"),
    **_all(_all(_AID, "debt", "loan"), "forgive", "write off"),  # manual, AID: debt forgiveness
    # RETREAT: access, return, disarmament, giving up
    "allow": _all(_ACCESS, "access", "entry", "delivery", "inspector", "observer", "monitor", "aid", "flight"),
    "receive": _all(_ACCESS, "inspector", "observer", "monitor", "mission", "peacekeeper", "investigator"),
    "return": {
        **_all(_RETREAT, "weapon", "arm", "equipment", "property", "land", "territory", "helicopter", "aircraft"),
        **_all(_RELEASE, "prisoner", "hostage", "captive", "body", "detainee"),
    },
    "lay down": _all(_DISARM, "arm", "weapon"),
    "give up": {**_all(_DISARM, "arm", "weapon"), **_all(_CONCEDE, "demand", "claim"), "power": _RESIGN},
    "hand over": {**_all(_DISARM, "arm", "weapon"), **_all(_AID, *_AID_GOODS)},
    "lay": {"siege": _OBSTRUCT_WEAK},
    "evacuate": _all(_PULLBACK, "settlement", "base", "post", "position", "outpost", "garrison"),
    "open": {
        **_all(_INVESTIGATE, "investigation", "probe", "inquiry", "hearing"),
        **_all(_ACCESS, "border", "crossing", "corridor", "airspace", "bridge", "route"),
        **_all(_SUPPORT, "embassy", "consulate"),
        **_all(_CONSULT, *_TALKS),
        "fire": _FIREARMS,
    },
    # REQUEST: seeking, asking, demanding
    **_all(_SOUGHT, "seek", "request", "ask", "demand"),
    # REJECT / ACCUSE
    "dismiss": _all(_REJECT, *_DISMISSED),
    "turn down": _all(_REJECT, "offer", "request", "proposal", "invitation", "appeal", "demand", "bid"),
    "violate": {
        **_all(_w("ASSAULT"), "ceasefire", "truce", "armistice"),  # CAMEO 196
        **_all(_REJECT, "ban", "law", "order", "resolution", "sanction", "embargo", "curfew", "agreement"),
    },
    "lodge": _all(_ALLEGE, "protest", "complaint"),  # CAMEO 114 complain officially
    "file": _all(_ALLEGE, "complaint", "lawsuit", "suit", "protest", "charge"),
    # ASSAULT / COERCE / MOBILIZE
    **_all(_LAUNCHED, "launch", "mount", "unleash", "carry out", "conduct"),
    "fire": {**_LAUNCHED, **_all(_FIREARMS, "shot", "bullet", "round", "gun", "rifle")},
    **_all(_STRENGTHENED, "step up", "strengthen", "boost", "bolster", "increase", "intensify", "beef up"),
    "take": {"hostage": _ABDUCT, "control": _SEIZE},
    **_all({"control": _SEIZE}, "gain", "regain", "wrest", "assume"),  # "militants gained control of the base"
    **_all(_all(_SEIZE, *_TERRITORY), "capture", "occupy", "seize"),  # CAMEO 192 occupy territory
    **_all(_all(_DESTROY_WEAK, *_PROPERTY), "destroy", "demolish", "bulldoze", "flatten"),
    # "threw stones at the police", "hurled petrol bombs": what a crowd throws (CAMEO 1823 is
    # weapons); a ball or a party thrown, or support, is nothing
    **_all(_all(_w("ASSAULT", "primitive", "VIOL_DEMONSTR"), *_MISSILES), *THROWS),
}
# "activists held placards", "marchers carried banners": the signs a demonstration carries
_SIGNS = _all(_DEMO_WEAK, "placard", "banner")
OBJECTS.update({verb: {**OBJECTS.get(verb, {}), **_SIGNS} for verb in ("hold", "carry", "wave", "raise")})
OBJECTS["recognise"] = OBJECTS["recognize"]
OBJECTS["reimpose"] = OBJECTS["order"] = OBJECTS["tighten"] = OBJECTS["impose"]
OBJECTS["extend"] = {**OBJECTS["extend"], **OBJECTS["impose"]}  # "extended the curfew"
# firing in the air is crowd control (manual, ASSAULT modes), whatever was fired
OBJECTS["fire in"] = OBJECTS["fire into"] = OBJECTS["open in"] = OBJECTS["open into"] = {"air": _CROWD}
OBJECTS["resume"] = {**OBJECTS["resume"], **_LAUNCHED}
# "the town was placed under curfew", "put under house arrest"
OBJECTS["place under"] = OBJECTS["put under"] = {
    **_all(_RESTRICT, "curfew", "lockdown", "siege", "surveillance", "emergency"),
    **_all(_ARREST, "arrest", "detention", "custody"),
}
# The nouns of those verbs, whose "of" object decides the same way: "a suspension of air links"
# is a sanction, "the lifting of the curfew" a concession, "the imposition of sanctions" one.
NOUN_OBJECTS: dict[str, dict[str, Trigger]] = {
    **_all(OBJECTS["suspend"], "suspension", "halt", "halting", "cutoff", "cut-off", "severance", "severing"),
    **_all(OBJECTS["suspend"], "cessation", "termination", "reduction"),
    "freeze": OBJECTS["freeze"],
    **_all(OBJECTS["lift"], "lifting", "easing", "relaxation", "removal", "repeal", "revocation"),
    "imposition": OBJECTS["impose"],
    **_all(OBJECTS["establish"], "establishment", "restoration", "normalization", "normalisation"),
    "resumption": OBJECTS["resume"],
}

# Verbs and adjectives whose complement clause is what is agreed, offered, refused, demanded
# or threatened, not an event of its own (PLOVER codes the speech act): "agreed to withdraw"
# is AGREE, "refused to lift the curfew" REJECT, "urged the army to release them" REQUEST,
# "threatened to kill" THREATEN. Plans are not here: "plans to strike" stays a future strike.
# A governor counts only where it is itself (part of) a trigger.
GOVERNORS: frozenset[str] = frozenset({
    "agree", "offer", "promise", "pledge", "commit", "committed", "consent", "ready", "willing", "prepared",
    "refuse", "decline", "unwilling", "reluctant", "demand", "urge", "ask", "appeal", "call", "insist",
    "request", "pressure", "implore", "plead", "threaten", "warn", "fail", "vow", "swear",
})  # fmt: skip
# ... and those whose direct object is what they reject or accept ("rejected the offer to host
# a summit" is no offer, "welcomed the ceasefire" no ceasefire of its own).
OBJECT_GOVERNORS: frozenset[str] = frozenset({
    "reject", "refuse", "decline", "rebuff", "spurn", "accept", "welcome", "veto", "oppose", "deny", "threaten",
})  # fmt: skip

# An announced action as PLOVER codes it (manual, "Auxiliary modes": the single event type,
# not a type + future): cooperation announced is an intent to cooperate (AGREE; CAMEO 03,
# including intents to yield, release, withdraw: 035x), sanctions and coercion announced are
# threats (CAMEO 13). Type -> (new type, new mode by old mode; "" for any other mode).
# A future protest stays a protest: a planned strike is what an unrest monitor is for.
# Announced cooperation that is negated ("will not accept more refugees") is a rejection.
FUTURE: dict[str, tuple[str, dict[str, str | None]]] = {
    **_all(("AGREE", {"": None}), "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"),
    "SANCTION": ("THREATEN", {"expel": "expel", "": "relations"}),
    "COERCE": ("THREATEN", {"arrest": "arrest", "deport": "expel", "seize": "territory", "": "restrict"}),
    "ASSAULT": ("THREATEN", {"": "violence"}),
}


def announced(trigger: Trigger, *, negated: bool = False) -> Trigger:
    """What ``trigger`` states when its action is announced for later (``FUTURE``)."""
    if trigger.plover not in FUTURE:
        return trigger
    plover, modes = FUTURE[trigger.plover]
    if plover == "AGREE" and negated:
        return Trigger("REJECT", None, None, strong=trigger.strong)
    if negated:
        return trigger  # "will not impose a curfew" threatens nothing
    return Trigger(plover, modes.get(trigger.mode or "", modes.get("")), None, strong=trigger.strong)


# REQUEST and REJECT modes by what is requested or rejected (manual, REQUEST modes).
_CONTENT_MODES = {"RETREAT": "yield", "CONSULT": "meet", "AID": "assist", "COOPERATE": "assist"}


def governing(governor: Trigger, content: Trigger, *, content_noun: bool = False) -> Trigger:
    """What ``governor`` states given what it governs (``GOVERNORS``): a readiness or promise to
    coerce is a threat ("prepared to impose martial law"), and the mode of a threat, request
    or rejection is its content ("threatened to cut ties": relations; "demanded the army
    withdraw": yield; "demanded his resignation": change). ``content_noun``: the content is a
    noun ("agreed to a strike"), not an act the governor's subject promises ("vowed to strike")."""
    if governor.plover in {"AGREE", "THREATEN"} and FUTURE.get(content.plover, ("",))[0] == "THREATEN":
        threat = announced(content)
        return Trigger(threat.plover, threat.mode, None, strong=governor.strong)
    promised_protest = governor.plover == "AGREE" and not content_noun  # not "agreed to the strike"
    if content.plover == "PROTEST" and (governor.plover == "THREATEN" or promised_protest):
        # "threatened a strike", "vowed to shut down the campus": boycotts, strikes and blockades
        # threatened (THREATEN restrict; CAMEO 133)
        return Trigger("THREATEN", "restrict", None, strong=governor.strong)
    if governor.plover == "REQUEST" and content.plover == "SANCTION":
        # "called for sanctions against Nigeria": calling for the punishment of a third party is
        # disapproval of it (ACCUSE; the gold codes CAMEO's calls for sanctions so)
        return Trigger("ACCUSE", "disapprove", None, strong=governor.strong)
    if governor.plover in {"REQUEST", "REJECT"}:
        mode = "change" if content.mode == "resign" else _CONTENT_MODES.get(content.plover, governor.mode)
        return Trigger(governor.plover, mode, governor.acled, strong=governor.strong)
    return governor


# Phrase patterns in a compact notation (``_pattern``): space-separated tokens, each a lemma
# ("take"), lemmas ("go|be"), an exact lower-case word ("=streets"), a part of speech in
# capitals ("DET", "VERB"), any word ("_") or any word but punctuation ("~"); a trailing "?"
# makes a token optional, "*" repeatable.
_PHRASE_SPECS: dict[str, tuple[Trigger, tuple[str, ...]]] = {
    # PROTEST
    "take_to_streets": (_DEMO, ("take to =the =streets|=street|=road|=roads",)),
    "pour_into_streets": (_DEMO, ("pour|spill|flood|surge =out? =into|=onto =the =streets|=street",)),
    # "supporters gathered outside the court": a crowd before a seat of power or business
    "gather_outside": (_DEMO_WEAK, ("gather|assemble|congregate|converge =outside",)),
    "go_on_strike": (_STRIKE, ("go|be|remain|stay|sit =on strike|hunger-strike",)),
    # work stopped as a protest: "downed tools", "laid down their tools", "stopped reporting for duty";
    # and the hyphenated nouns the tokenizer splits ("a sit-in", "a stay-away", "a go-slow")
    "down_tools": (_STRIKE, ("down|lay =down? PRON? =tools", "stop =reporting =for =duty|=work")),
    # work left as a protest: walked off the job, out of work, out on strike (not out of the talks)
    "walk_out": (_STRIKE, ("walk =off|=out =of? =the? PRON? =job|=jobs|=work|=workplaces", "walk =out =on =strike")),
    "sit_in": (_DEMO, ("=sit =- =in|=ins",)),
    "stay_away": (_STRIKE, ("=stay =- =away|=aways", "=go =- =slow|=slows")),
    "hunger_strike": (_t("PROTEST", "hunger", "PEACE_PROTEST"), ("=hunger strike|striker", "=hunger-strike")),
    "general_strike": (_STRIKE, ("=general strike",)),
    "road_block": (_OBSTRUCT, ("=rasta =roko", "=chakka =jam", "=rail =roko")),
    "pull_down_statue": (
        _t("PROTEST", "vandalize", "VIOL_DEMONSTR"),
        ("pull|tear|topple|bring =down? DET? ADJ* statue|monument", "topple DET? statue|monument"),
    ),
    # ASSAULT
    "open_fire": (_FIREARMS, ("open =fire", "fire =on|=at|=into")),
    "weapons_fire": (_HEAVY, ("=artillery|=mortar|=rocket|=tank|=cannon =fire|=barrage",)),
    "gun_fire": (_FIREARMS, ("=machine-gun|=automatic|=sniper =fire",)),
    "set_fire": (_DESTROY, ("set =fire", "set _? _? =ablaze|=alight")),
    "in_flames": (_DESTROY, ("=in|=on =flames|=fire",)),
    "blow_up": (_DESTROY_WEAK, ("blow =up",)),
    "tear_gas": (
        _CROWD,
        ("=tear =gas", "=teargas", "=rubber bullet", "=water cannon", "=pepper spray", "=stun grenade"),
    ),
    "air_strike": (_AERIAL, ("=air|=aerial strike|raid|attack|bombardment", "=air =strikes|=raids")),
    "drone_strike": (_t("ASSAULT", "drone", "AIR_STRIKE"), ("=drone strike|attack",)),
    "suicide_attack": (_t("ASSAULT", "suicide-attack", "SUIC_BOMB"), ("=suicide bomber|bombing|attack|bomb",)),
    "car_bomb": (_EXPLOSIVES, ("=car|=truck|=roadside bomb|bombing", "=improvised =explosive =device|=devices")),
    "shoot_down": (_w("ASSAULT", "firearms", "ATTACK"), ("shoot =down",)),
    "ethnic_cleansing": (_t("ASSAULT", None, "ATTACK"), ("=ethnic =cleansing", "=mass =killings|=killing|=murder")),
    "sexual_assault": (_SEXUAL, ("=sexually assault|abuse|molest|harass", "=sexual assault|abuse|violence")),
    "human_shield": (_ABDUCT, ("=human =shield|=shields",)),
    "take_hostage": (_ABDUCT, ("take|hold _? _? =hostage|=hostages",)),
    "death_toll": (_ASSAULT, ("=death =toll",)),
    "fire_in_air": (_CROWD, ("fire _? _? =in|=into =the =air",)),
    "baton_charge": (
        _CROWD,
        (
            "=lathi|=cane|=baton =-? =charge|=charged|=charging|=charges",
            "=lathicharge|=lathicharged|=lathi-charge|=lathi-charged",
        ),
    ),
    # COERCE
    "internet_cut": (
        _CENSOR,
        (
            # at most six words between the verb and the service ("shut off access to the internet");
            # an unbounded wildcard made this one pattern half of the matcher's time
            (
                "shut|cut|block|restrict|suspend|disrupt ~? ~? ~? ~? ~? ~? "
                "=internet|=web|=messaging|=telegram|=whatsapp|=facebook|=twitter"
            ),
            "=internet|=communications|=mobile shutdown|blackout|outage|cut",
        ),
    ),
    "impose_curfew": (_t("COERCE", "curfew", "OTHER"), ("impose|declare|order|clamp _? =curfew",)),
    "emergency": (_t("COERCE", "martial-law", "OTHER"), ("=state =of =emergency|=siege",)),
    "martial_law": (_t("COERCE", "martial-law", "OTHER"), ("=martial =law",)),
    "round_up": (_ARREST, ("round =up",)),
    "take_into_custody": (_ARREST, ("take _? _? =into =custody",)),
    "prohibitory_orders": (_RESTRICT, ("=prohibitory order", "=section =144")),
    "cyber_attack": (_t("COERCE", "cyber", "OTHER"), ("=cyber attack|warfare|espionage", "hack =into")),
    # RETREAT
    "step_down": (
        _RESIGN,
        ("step =down", "offer|tender|submit|hand _? =resignation|=resignations"),
    ),
    "cede_ground": (_WITHDRAW, ("cede|lose|give =ground|=control",)),
    "pull_out": (_PULLBACK, ("pull =out|=back =of|=from",)),
    "hand_over": (_RELEASE, ("hand|turn =over", "=handover")),
    "lay_down_arms": (_DISARM, ("lay =down DET? =arms|=weapons",)),
    "back_down": (_CONCEDE, ("back =down", "give =in =to", "call =off")),
    # MOBILIZE
    "on_alert": (
        _TROOPS,
        (
            "remain|be|stay|put|place|go ~? ~? =on ADJ? =alert",
            "=state =of ADJ? =alert",
            "=war =games",
            "=military exercise|drill",
        ),
    ),
    "call_up": (_TROOPS, ("call =up reservist|conscript|=reserves",)),
    # CONSULT / AGREE / SUPPORT / COOPERATE / AID
    "phone_call": (_PHONE, ("=phone|=telephone call|conversation|talk",)),
    "joint_exercise": (_COOPERATE, ("=joint ADJ? exercise|drill|maneuver|manoeuvre|patrol|operation",)),
    "fact_finding": (_INVESTIGATE, ("=fact-finding|=fact =-? =finding",)),
    "offer_to": (_AGREE, ("offer =to VERB",)),  # "offered to mediate"; "offered aid" is in OBJECTS
    "ready_to": (_AGREE, ("be =ready|=willing|=prepared =to", "=committed|=commit|=commits =to")),
    "unwilling_to": (_REJECT, ("be =unwilling|=reluctant =to",)),
    "debt_relief": (_AID, ("=debt =relief|=forgiveness|=cancellation", "=humanitarian|=relief =aid|=supplies")),
    # REQUEST / REJECT / ACCUSE
    "call_for": (_DEMAND, ("call =for|=on",)),
    "seek_refuge": (_SEEK_AID, ("seek|ask|apply =for? =asylum|=refuge|=sanctuary",)),
    "fail_to_agree": (_REJECT, ("fail =to =reach|=agree|=resolve|=settle|=conclude",)),
    "insist_on": (_DEMAND, ("insist =on",)),
    "register_case": (_ALLEGE, ("register|file|lodge _? =case|=cases|=fir|=firs",)),
    # a formal investigation is the authorities' act, stated or not ("was put under investigation")
    "put_under_investigation": (_t("ACCUSE", "investigate"), ("put|place =under =investigation|=probe",)),
    "object_to": (_DISAPPROVE, ("object =to",)),
    "diplomatic_protest": (_ALLEGE, ("=diplomatic|=formal|=official|=strong =protest|=protests",)),
}


def _token(spec: str) -> dict[str, object]:
    op = spec[-1] if len(spec) > 1 and spec[-1] in "?*+" else None
    body = spec[:-1] if op else spec
    token: dict[str, object]
    if body == "_":
        token = {}
    elif body == "~":
        token = {"IS_PUNCT": False}
    elif body.isupper():
        token = {"POS": body}
    else:
        attr, words = ("LOWER", body.replace("=", "")) if body.startswith("=") else ("LEMMA", body)
        alternatives = words.split("|")
        token = {attr: alternatives[0] if len(alternatives) == 1 else {"IN": alternatives}}
    if op:
        token["OP"] = op
    return token


def _pattern(spec: str) -> list[dict[str, object]]:
    return [_token(word) for word in spec.split()]


# spaCy Matcher patterns (token attribute dicts) for multi-word triggers.
PHRASES: dict[str, tuple[Trigger, list[list[dict[str, object]]]]] = {
    key: (trigger, [_pattern(spec) for spec in specs]) for key, (trigger, specs) in _PHRASE_SPECS.items()
}

# Surface-form stems that can realise a trigger above, matched case-insensitively on raw
# sentences before any parsing (see ``relevance.py``). STRONG stems rarely occur outside
# political news; WEAK ones also do ("a shot on goal", "demand for oil", "signed a striker")
# and send a sentence to the parser only when it also names a political actor. Stems of
# common words are anchored to the forms that can be triggers ("ban(?:s|ned)", not "bank").
# Together they must cover every lexicon entry (tests/test_extract_lexicon.py).
STRONG = re.compile(
    r"\b(?:protest|demonstrat|riot|loot|vandali[sz]|blockad|barricad|kill|murder|massacr|slaughter|"
    r"assassinat|behead|lynch|stabb|gunm[ae]n|gunfire|assault|ambush|tortur|rape|abduct|kidnap|bomb|"
    r"shelling|torch|firebomb|dispers|arrest|detain|detention|jail|imprison|deport|censor|raid|resign|"
    r"threaten|sit-in|walkout|walk(?:s|ed|ing)? o(?:ff|ut) |unrest|airstrike|arson|crackdown|curfew|ultimatum|"
    r"ceasefire|cease-fire|truce|"
    r"tear ?gas|rubber bullet|water cannon|martial law|state of (?:emergency|siege)|take to the streets|"
    r"took to the streets|general strike|hunger strike|death toll|set fire|ablaze|in flames|picket|"
    r"(?:pour|spill|flood|surg)\w* (?:out )?(?:in|on)to the streets?\b|"
    # strong nouns though their words have other uses: "the strike entered its second day"
    # needs no political actor to be parsed (a goal-mouth "strike" is vetoed by SPORTS)
    r"strikes?\b|stayaway|stay-away|go-slow|rampag|"
    r"(?:down(?:s|ed|ing)?|la(?:y|id|ying) down) (?:their )?tools|(?:stop\w*|refus\w*) (?:to )?report(?:ing)? for duty|"
    r"(?:h[oe]ld|holds|holding|stag(?:e|ed|es|ing)|organi[sz](?:e|ed|es|ing)) "
    r"(?:\w+ ){0,2}(?:rall(?:y|ies)|march|vigil)|"
    r"open(?:ed|s)? fire|round(?:ed|ing)? up|rioter|insurgen|militant|nab|apprehend|lathi|"
    r"baton.?charg|cane.?charg|custody|police firing|extradit|demobili[sz]|massacre|genocide|"
    r"atrocit|bloodshed|firefight|gun ?battle|gunfight|shoot-?out|grenade|ied\b|explosive device|"
    r"suicide bomb|ethnic cleansing|human shield|hostage|hijack|molest|sexually|mutilat|maim|"
    r"bandh|hartal|dharna|gherao|rasta roko|chakka jam|cyber|hack(?:s|ed|ing|er|ers)?\b|"
    r"bombard|raz(?:e|ed|ing)\b|sanction|embargo|asylum|amnest|pardon|diplomatic|envoy|ambassador|"
    r"peacekeep|mediat|telephon|phoned|summit|treaty|accord\b|extradition)",
    re.IGNORECASE,
)
WEAK = re.compile(
    r"\b(?:rall(?:y|ie)|march|boycott|storm|beat|burn|ban(?:s|ned|ning)?\b|confiscat|withdr[ae]w|release|free|"
    r"warn|appeal|expect|accus|blame|condemn|denounc|critici[sz]|investigat|reject|refus|"
    r"expel|remov|dismiss|sack|oust|impeach|convict|sentenc|deploy|mobili[sz]|agree|sign(?:s|ed|ing)?\b|meet|met\b|"
    r"visit|negotiat|support|prais|endors|conced|apolog|cooperat|donat|strike|striking|struck|violen|"
    r"occup(?:y|ied|ies|ying)\b|surround|placard|banner|"
    r"talks|aid|fire|firing|calls? (?:for|on)|called (?:for|on)|demand|urg|threat|internet|"
    r"shell(?:s|ed|ing)?\b|shoot|shot|"
    r"dead|died|statue|monument|fight|battle|blast|explosion|attack|wound|injur|clash|ced(?:e|ed|ing)|"
    r"retreat|step(?:s|ped|ping)? down|shutdown|blackout|gun(?:s|ned|ning|fire|men|man)?\b|stab|"
    r"rap(?:e|ed|ing)|mob(?:s|bed)?\b|seiz|recover|"
    r"seal|cordon|patrol|charg|probe|interrogat|rescu|pledg|promis|vow|swear|swor[en]\b|accept|lift|"
    r"discuss|welcom|eas(?:e|ed|ing)|den(?:y|ied|ies)|veto|request|suspend|inquiry|fir\b|"
    r"registered|prohibitory|section 144|block|chant|pelt|ston(?:e|ed|ing)\b|"
    # what a crowd throws (OBJECTS), not a ball: sports reports throw and hurl all the time
    r"(?:thr(?:ow|ows|ew|own|owing)|hurl(?:s|ed|ing)?|lob(?:s|bed|bing)?) (?:[\w-]+ ){0,3}"
    rf"(?:{'|'.join(_MISSILES)})(?:e?s)?\b|"
    r"(?:gather|assembl|congregat|converg)(?:e|es|ed|ing)? outside|"
    # cooperation
    r"offer|commit(?:s|ted|ting|ment|ments)?\b|guarantee|consent|invit|propos|consensus|agreement|deal(?:s)?\b|pact|"
    r"meeting|negotiation|consult(?:s|ed|ing|ation|ations)?\b|confer(?:s|red|ring)?\b|host|dialogue|"
    r"talk(?:s|ed|ing)?\b|phone(?:s|d)?\b|"
    r"commend|hail|applau|laud|congratulat|defend|recogni(?:[sz]|tion)|forgiv|ratif|solidarity|condolence|"
    r"collaborat|assistance|donation|grant|loan|airlift|airdrop|evacuat|reparation|compensat|relief|"
    r"relax|acquit|regret|acced|yield|allow|rescind|revok|repeal|concession|"
    r"unwilling|reluctant|ready to|willing|prepared to|"
    r"surrender|disarm|repatriat|pullout|pull(?:s|ed|ing)? (?:out|back)|pullback|hand(?:s|ed|ing)? over|handover|"
    r"lay(?:s|ing)? down|laid down|back(?:s|ed|ing)? down|call(?:s|ed|ing)? off|"
    # conflict, verbal
    r"insist|pressur|ask|plead|implor|petition|(?<!in )order(?:s|ed|ing)?\b|plea\b|"
    r"decr(?:y|ied|ies)|deplor|rebuk|censur|lambast|castigat|slam|object(?:s|ed|ing)? to\b|summon|allegation|alleg|"
    r"indict|prosecut|su(?:e|ed|es|ing)\b|lawsuit|complain|question(?:ed|ing)\b|inspect|hearing|fact.?finding|"
    r"declin|rebuff|spurn|oppos|reneg|def(?:y|ied|ies|ying)\b|refusal|rejection|fail(?:s|ed|ing)? to\b|"
    # conflict, material
    r"annex|agitat|vigil|uprising|siege|besieg|sever|downgrad|blacklist|tariff|expulsion|verdict|"
    r"station(?:ed|ing)\b|reinforc|buildup|build-up|conscript|alert\b|war games|"
    r"(?:military|joint|naval|air) (?:\w+ )?(?:exercise|drill|manoeuvre|maneuver)|"
    r"outlaw|prohibit|restrict|captur|recaptur|occup(?:y|ied|ies|ying)\b|bulldoz|flatten|incursion|barrage|lockdown|overr[ua]n|retak|violat|skirmish|offensive|hostilit|invasion|invad|"
    r"detonat|explod|demolish|destroy|thrash|blow(?:s|ing)? up|blew up|"
    # verbs whose object decides (OBJECTS): the objects' stems
    r"ties|relations|embass|curfew|restriction|troops|soldiers|weapons|arms|supplies|"
    r"access|border|crossing|inspector|observer|prisoner|captive|detainee|settlement|missile|rocket|mortar|artillery|"
    r"intelligence|expertise|(?:share|shared|sharing|exchange|exchanged|exchanging|provide|provided|providing) "
    r"(?:\w+ )?information|refuge|sanctuary|debt relief|debt forgiveness|writ(?:e|es|ten|ing) off|wrote off|"
    r"memorandum|compromise|checkpoint|roadblock|barrier|step(?:s|ped|ping)? up|beef(?:s|ed|ing)? up|"
    # nouns whose "of" object decides (NOUN_OBJECTS)
    r"suspension|halt(?:s|ed|ing)?\b|cut-?off|severance|cessation|termination|reduction|freez|lifting|"
    r"relaxation|removal|revocation|imposition|establishment|restoration|normali[sz]ation|resumption)",
    re.IGNORECASE,
)
