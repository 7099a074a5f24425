"""The trigger lexicon: which words and phrases state which event.

Each trigger maps a lemma (verb or noun) or a multi-word pattern to a PLOVER type and mode
and a default ACLED sub-type (``acled.py`` refines it from the actors). ``strong`` triggers
denote a political event on their own ("riot", "airstrike", "arrest"); weak ones ("meet",
"support", "warn", "remove") only count when the event has a political actor, which keeps
sports and business news ("United beat City", "the board met") out.

``CANDIDATE`` is a regex over surface forms, run on raw sentences before any parsing: a
sentence that matches none of it cannot yield an event and is never parsed. It must stay a
superset of the lexicon; ``tests/test_extract_lexicon.py`` checks that every lemma matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NEEDS_OBJECT", "NOUNS", "PHRASES", "SPORTS", "STRONG", "TRANSITIVE", "VERBS", "WEAK", "Trigger"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger states: PLOVER type/mode, default ACLED sub-type, and its strength."""

    plover: str
    mode: str | None = None
    acled: str | None = None
    strong: bool = True


def _t(plover: str, mode: str | None = None, acled: str | None = None, *, weak: bool = False) -> Trigger:
    return Trigger(plover, mode, acled, strong=not weak)


_DEMO = _t("PROTEST", "demo", "PEACE_PROTEST")
_RIOT = _t("PROTEST", "riot", "VIOL_DEMONSTR")
_STRIKE = _t("PROTEST", "strike", "PEACE_PROTEST")
_OBSTRUCT = _t("PROTEST", "obstruct", "PEACE_PROTEST")
_ASSAULT = _t("ASSAULT", None, "ATTACK")
_FIREARMS = _t("ASSAULT", "firearms", "ATTACK")
_EXPLOSIVES = _t("ASSAULT", "explosives", "REM_EXPLOS")
_AERIAL = _t("ASSAULT", "aerial", "AIR_STRIKE")
_HEAVY = _t("ASSAULT", "heavy-weapons", "ART_MISS_ATTACK")
_DESTROY = _t("ASSAULT", "destroy", "PROPERTY_DISTRUCT")
_CLASH = _t("ASSAULT", None, "ARMED_CLASH")
_CROWD = _t("ASSAULT", "crowd-control", "FORCE_AGAINST_PROTEST")
_ABDUCT = _t("ASSAULT", "abduct", "ABDUCT_DISSAP")
_ARREST = _t("COERCE", "arrest", "ARREST")
_CENSOR = _t("COERCE", "censor", "OTHER")
_RESTRICT = _t("COERCE", "restrict", "OTHER")
_RESIGN = _t("RETREAT", "resign", "CHANGE_TO_GROUP_ACT")
_WITHDRAW = _t("RETREAT", "withdraw", None)
_THREATEN = _t("THREATEN", "violence", None)
_REQUEST = _t("REQUEST", "change", None, weak=True)
_DISAPPROVE = _t("ACCUSE", "disapprove", None, weak=True)
_ALLEGE = _t("ACCUSE", "allege", None, weak=True)
_EXPEL = _t("SANCTION", "expel", "CHANGE_TO_GROUP_ACT", weak=True)

VERBS: dict[str, Trigger] = {
    # PROTEST
    "protest": _DEMO,
    "demonstrate": _t("PROTEST", "demo", "PEACE_PROTEST", weak=True),
    "rally": _t("PROTEST", "demo", "PEACE_PROTEST", weak=True),
    "march": _t("PROTEST", "demo", "PEACE_PROTEST", weak=True),
    "picket": _DEMO,
    "riot": _RIOT,
    "loot": _t("PROTEST", "vandalize", "MOB_VIOL"),
    "vandalize": _t("PROTEST", "vandalize", "VIOL_DEMONSTR"),
    "vandalise": _t("PROTEST", "vandalize", "VIOL_DEMONSTR"),
    "boycott": _t("PROTEST", "boycott", "PEACE_PROTEST", weak=True),
    "blockade": _OBSTRUCT,
    "barricade": _OBSTRUCT,
    "block": _t("PROTEST", "obstruct", "PEACE_PROTEST", weak=True),
    "chant": _t("PROTEST", "demo", "PEACE_PROTEST", weak=True),
    "pelt": _t("ASSAULT", "primitive", "VIOL_DEMONSTR", weak=True),
    "stone": _t("ASSAULT", "primitive", "VIOL_DEMONSTR", weak=True),
    "storm": _t("PROTEST", "riot", "VIOL_DEMONSTR", weak=True),
    # "workers will strike" (no object); "a missile struck the town" is in TRANSITIVE
    "strike": _t("PROTEST", "strike", "PEACE_PROTEST", weak=True),
    # ASSAULT
    "kill": _t("ASSAULT", None, "ATTACK", weak=True),
    "murder": _ASSAULT,
    "massacre": _ASSAULT,
    "slaughter": _ASSAULT,
    "assassinate": _t("ASSAULT", "targeted", "ATTACK"),
    "behead": _t("ASSAULT", "primitive", "ATTACK"),
    "lynch": _t("ASSAULT", "beat", "MOB_VIOL"),
    "stab": _t("ASSAULT", "primitive", "ATTACK"),
    "shoot": _t("ASSAULT", "firearms", "ATTACK", weak=True),
    "gun": _FIREARMS,
    "wound": _t("ASSAULT", None, "ATTACK", weak=True),
    "injure": _t("ASSAULT", None, "ATTACK", weak=True),
    "attack": _t("ASSAULT", None, "ATTACK", weak=True),
    "assault": _ASSAULT,
    "ambush": _CLASH,
    "clash": _t("ASSAULT", None, "ARMED_CLASH", weak=True),
    "beat": _t("ASSAULT", "beat", "ATTACK", weak=True),
    "torture": _t("ASSAULT", "torture", "ATTACK"),
    "rape": _t("ASSAULT", "sexual", "SEX_VIOL"),
    "abduct": _ABDUCT,
    "kidnap": _ABDUCT,
    "bomb": _EXPLOSIVES,
    "shell": _HEAVY,
    "torch": _DESTROY,
    "burn": _t("ASSAULT", "destroy", "PROPERTY_DISTRUCT", weak=True),
    "firebomb": _DESTROY,
    "bombard": _HEAVY,
    "disperse": _CROWD,
    # COERCE
    "arrest": _ARREST,
    "nab": _ARREST,
    "apprehend": _ARREST,
    "detain": _ARREST,
    "jail": _ARREST,
    "imprison": _ARREST,
    "deport": _t("COERCE", "deport", "OTHER"),
    "censor": _CENSOR,
    "ban": _t("COERCE", "restrict", "OTHER", weak=True),
    "raid": _t("COERCE", "seize", "OTHER"),
    "confiscate": _t("COERCE", "seize", "OTHER", weak=True),
    "seize": _t("COERCE", "seize", "OTHER", weak=True),
    "recover": _t("COERCE", "seize", "DISR_WEAP", weak=True),
    "seal": _t("COERCE", "restrict", "OTHER", weak=True),
    "cordon": _t("COERCE", "restrict", "OTHER", weak=True),
    "patrol": _t("MOBILIZE", "police", "OTHER", weak=True),
    "charge": _t("ACCUSE", "allege", None, weak=True),
    "probe": _t("ACCUSE", "investigate", None, weak=True),
    "interrogate": _t("ACCUSE", "investigate", None, weak=True),
    "rescue": _t("AID", None, None, weak=True),
    "pledge": _t("AGREE", None, None, weak=True),
    "accept": _t("AGREE", None, None, weak=True),
    "lift": _t("CONCEDE", None, None, weak=True),
    "promise": _t("AGREE", None, None, weak=True),
    "discuss": _t("CONSULT", None, None, weak=True),
    "welcome": _t("SUPPORT", None, None, weak=True),
    "ease": _t("CONCEDE", None, None, weak=True),
    "deny": _t("REJECT", None, None, weak=True),
    "veto": _t("REJECT", None, None, weak=True),
    "request": _t("REQUEST", None, None, weak=True),
    "suspend": _t("COERCE", "restrict", "OTHER", weak=True),
    # RETREAT
    "resign": _RESIGN,
    "cede": _WITHDRAW,
    "retreat": _WITHDRAW,
    "withdraw": _t("RETREAT", "withdraw", None, weak=True),
    "release": _t("RETREAT", "release", None, weak=True),
    "free": _t("RETREAT", "release", None, weak=True),
    # THREATEN / REQUEST / ACCUSE / REJECT
    "threaten": _THREATEN,
    "warn": _t("THREATEN", None, None, weak=True),
    "demand": _REQUEST,
    "urge": _REQUEST,
    "appeal": _REQUEST,
    "expect": _REQUEST,
    "accuse": _ALLEGE,
    "blame": _ALLEGE,
    "condemn": _DISAPPROVE,
    "denounce": _DISAPPROVE,
    "criticise": _DISAPPROVE,
    "criticize": _DISAPPROVE,
    "investigate": _t("ACCUSE", "investigate", None, weak=True),
    "reject": _t("REJECT", None, None, weak=True),
    "refuse": _t("REJECT", None, None, weak=True),
    # SANCTION
    "sanction": _t("SANCTION", "discontinue", None, weak=True),
    "expel": _EXPEL,
    "remove": _EXPEL,
    "dismiss": _EXPEL,
    "sack": _EXPEL,
    "oust": _EXPEL,
    "impeach": _EXPEL,
    "convict": _t("SANCTION", "convict", None, weak=True),
    "sentence": _t("SANCTION", "convict", None, weak=True),
    # MOBILIZE
    "deploy": _t("MOBILIZE", "troops", "OTHER", weak=True),
    "mobilize": _t("MOBILIZE", None, "OTHER", weak=True),
    "mobilise": _t("MOBILIZE", None, "OTHER", weak=True),
    # cooperative
    "agree": _t("AGREE", None, None, weak=True),
    "sign": _t("AGREE", None, "AGREEMENT", weak=True),
    "meet": _t("CONSULT", None, None, weak=True),
    "visit": _t("CONSULT", "visit", None, weak=True),
    "negotiate": _t("CONSULT", None, None, weak=True),
    "support": _t("SUPPORT", None, None, weak=True),
    "praise": _t("SUPPORT", None, None, weak=True),
    "endorse": _t("SUPPORT", None, None, weak=True),
    "concede": _t("CONCEDE", None, None, weak=True),
    "apologize": _t("CONCEDE", None, None, weak=True),
    "apologise": _t("CONCEDE", None, None, weak=True),
    "cooperate": _t("COOPERATE", None, None, weak=True),
    "donate": _t("AID", None, None, weak=True),
}

# Verbs whose reading depends on having an object: "strike the town" is an attack.
TRANSITIVE: dict[str, Trigger] = {"strike": _t("ASSAULT", None, "ATTACK", weak=True)}
# Words of sports reporting: a sentence with one of them uses "strike", "clash", "attack" in
# their sporting sense.
SPORTS = re.compile(
    r"\b(?:goal|goals|goalkeeper|keeper|striker|scored|scoring|match|matches|minute|penalty|free[- ]kick|"
    r"half-time|halftime|league|cup|wicket|innings|batsman|bowler|tournament|championship|season)\b",
    re.IGNORECASE,
)
# Verbs that state an event only with an object or in the passive: "police dispersed the crowd",
# "the crowd was dispersed" — but "the crowd dispersed" is no use of force.
NEEDS_OBJECT: frozenset[str] = frozenset({"disperse", "block", "seal", "cordon", "free", "release"})

NOUNS: dict[str, Trigger] = {
    "protest": _DEMO,
    "demonstration": _DEMO,
    "rally": _t("PROTEST", "demo", "PEACE_PROTEST", weak=True),
    "march": _t("PROTEST", "demo", "PEACE_PROTEST", weak=True),
    "sit-in": _DEMO,
    "picket": _DEMO,
    # a strike needs no named actor ("the unprotected strike began as a sit-in"); a goal-mouth
    # "strike" is vetoed by SPORTS in the event stage
    "strike": _STRIKE,
    "walkout": _STRIKE,
    "stayaway": _STRIKE,
    "go-slow": _STRIKE,
    "rampage": _RIOT,
    "riot": _RIOT,
    "unrest": _t("PROTEST", "riot", "VIOL_DEMONSTR", weak=True),
    "looting": _t("PROTEST", "vandalize", "MOB_VIOL"),
    "blockade": _OBSTRUCT,
    "boycott": _t("PROTEST", "boycott", "PEACE_PROTEST", weak=True),
    "clash": _t("ASSAULT", None, "ARMED_CLASH", weak=True),
    "fighting": _t("ASSAULT", None, "ARMED_CLASH", weak=True),
    "battle": _t("ASSAULT", None, "ARMED_CLASH", weak=True),
    "attack": _t("ASSAULT", None, "ATTACK", weak=True),
    "assault": _ASSAULT,
    "killing": _ASSAULT,
    "massacre": _ASSAULT,
    "shooting": _t("ASSAULT", "firearms", "ATTACK", weak=True),
    "gunfire": _FIREARMS,
    "ambush": _CLASH,
    "bombing": _EXPLOSIVES,
    "explosion": _EXPLOSIVES,
    "blast": _EXPLOSIVES,
    "bomb": _EXPLOSIVES,
    "airstrike": _AERIAL,
    "shelling": _HEAVY,
    "arson": _DESTROY,
    "violence": _t("ASSAULT", None, "ATTACK", weak=True),
    "crackdown": _CROWD,
    "abduction": _ABDUCT,
    "kidnapping": _ABDUCT,
    "arrest": _ARREST,
    "detention": _ARREST,
    "custody": _t("COERCE", "arrest", "ARREST", weak=True),
    "firing": _t("ASSAULT", "firearms", "ATTACK", weak=True),
    "lathicharge": _CROWD,
    "raid": _t("COERCE", "seize", "OTHER"),
    "curfew": _t("COERCE", "curfew", "OTHER"),
    "shutdown": _t("COERCE", "restrict", "OTHER", weak=True),
    "blackout": _t("COERCE", "censor", "OTHER", weak=True),
    "censorship": _CENSOR,
    "resignation": _RESIGN,
    "threat": _t("THREATEN", None, None, weak=True),
    "ultimatum": _THREATEN,
    "warning": _t("THREATEN", None, None, weak=True),
    "demand": _REQUEST,
    "sanction": _t("SANCTION", "discontinue", None, weak=True),
    "deployment": _t("MOBILIZE", "troops", "OTHER", weak=True),
    "investigation": _t("ACCUSE", "investigate", None, weak=True),
    "probe": _t("ACCUSE", "investigate", None, weak=True),
    "inquiry": _t("ACCUSE", "investigate", None, weak=True),
    "fir": _t("ACCUSE", "allege", None, weak=True),
    "patrol": _t("MOBILIZE", "police", "OTHER", weak=True),
    "ceasefire": _t("RETREAT", "ceasefire", "AGREEMENT"),
    "truce": _t("RETREAT", "ceasefire", "AGREEMENT"),
    "talks": _t("CONSULT", None, None, weak=True),
    "agreement": _t("AGREE", None, "AGREEMENT", weak=True),
    "aid": _t("AID", None, None, weak=True),
}

# spaCy Matcher patterns (token attribute dicts) for multi-word triggers.
PHRASES: dict[str, tuple[Trigger, list[list[dict[str, object]]]]] = {
    "take_to_streets": (
        _DEMO,
        [[{"LEMMA": "take"}, {"LOWER": "to"}, {"LOWER": "the"}, {"LOWER": "streets"}]],
    ),
    "go_on_strike": (
        _STRIKE,
        [[{"LEMMA": {"IN": ["go", "be", "remain", "stay"]}}, {"LOWER": "on"}, {"LOWER": "strike"}]],
    ),
    "hunger_strike": (
        _t("PROTEST", "hunger", "PEACE_PROTEST"),
        [[{"LOWER": "hunger"}, {"LEMMA": "strike"}]],
    ),
    "general_strike": (_STRIKE, [[{"LOWER": "general"}, {"LEMMA": "strike"}]]),
    "pull_down_statue": (
        _t("PROTEST", "vandalize", "VIOL_DEMONSTR"),
        [
            [
                {"LEMMA": {"IN": ["pull", "tear", "topple", "bring"]}},
                {"LOWER": "down", "OP": "?"},
                {"POS": "DET", "OP": "?"},
                {"POS": "ADJ", "OP": "*"},
                {"LEMMA": {"IN": ["statue", "monument"]}},
            ],
            [
                {"LEMMA": "topple"},
                {"POS": "DET", "OP": "?"},
                {"LEMMA": {"IN": ["statue", "monument"]}},
            ],
        ],
    ),
    "open_fire": (_FIREARMS, [[{"LEMMA": "open"}, {"LOWER": "fire"}]]),
    "fire_on": (_FIREARMS, [[{"LEMMA": "fire"}, {"LOWER": {"IN": ["on", "at", "into"]}}]]),
    "set_fire": (
        _DESTROY,
        [
            [{"LEMMA": "set"}, {"LOWER": "fire"}],
            [{"LEMMA": "set"}, {"OP": "?"}, {"OP": "?"}, {"LOWER": {"IN": ["ablaze", "alight"]}}],
        ],
    ),
    "in_flames": (
        _DESTROY,
        [[{"LOWER": {"IN": ["in", "on"]}}, {"LOWER": {"IN": ["flames", "fire"]}}]],
    ),
    "tear_gas": (
        _CROWD,
        [
            [{"LOWER": "tear"}, {"LOWER": "gas"}],
            [{"LOWER": "teargas"}],
            [{"LOWER": "rubber"}, {"LEMMA": "bullet"}],
            [{"LOWER": "water"}, {"LEMMA": "cannon"}],
        ],
    ),
    "air_strike": (_AERIAL, [[{"LOWER": {"IN": ["air", "drone"]}}, {"LEMMA": "strike"}]]),
    "internet_cut": (
        _CENSOR,
        [
            [
                {"LEMMA": {"IN": ["shut", "cut", "block", "restrict", "suspend", "disrupt"]}},
                # at most six words between the verb and the service ("shut off access to the internet");
                # an unbounded wildcard made this one pattern half of the matcher's time
                *[{"IS_PUNCT": False, "OP": "?"}] * 6,
                {
                    "LOWER": {
                        "IN": [
                            "internet",
                            "web",
                            "messaging",
                            "telegram",
                            "whatsapp",
                            "facebook",
                            "twitter",
                        ]
                    }
                },
            ],
            [
                {"LOWER": {"IN": ["internet", "communications", "mobile"]}},
                {"LEMMA": {"IN": ["shutdown", "blackout", "outage", "cut"]}},
            ],
        ],
    ),
    "impose_curfew": (
        _t("COERCE", "curfew", "OTHER"),
        [[{"LEMMA": {"IN": ["impose", "declare", "order"]}}, {"OP": "?"}, {"LOWER": "curfew"}]],
    ),
    "emergency": (_RESTRICT, [[{"LOWER": "state"}, {"LOWER": "of"}, {"LOWER": "emergency"}]]),
    "martial_law": (
        _t("COERCE", "martial-law", "OTHER"),
        [[{"LOWER": "martial"}, {"LOWER": "law"}]],
    ),
    "step_down": (
        _RESIGN,
        [
            [{"LEMMA": "step"}, {"LOWER": "down"}],
            [
                {"LEMMA": {"IN": ["offer", "tender", "submit", "hand"]}},
                {"OP": "?"},
                {"LOWER": {"IN": ["resignation", "resignations"]}},
            ],
        ],
    ),
    "cede_ground": (
        _WITHDRAW,
        [[{"LEMMA": {"IN": ["cede", "lose", "give"]}}, {"LOWER": {"IN": ["ground", "control"]}}]],
    ),
    "call_for": (_REQUEST, [[{"LEMMA": "call"}, {"LOWER": {"IN": ["for", "on"]}}]]),
    "round_up": (_ARREST, [[{"LEMMA": "round"}, {"LOWER": "up"}]]),
    "register_case": (
        _t("ACCUSE", "allege", None, weak=True),
        [
            [
                {"LEMMA": {"IN": ["register", "file", "lodge"]}},
                {"OP": "?"},
                {"LOWER": {"IN": ["case", "cases", "fir", "firs"]}},
            ]
        ],
    ),
    "prohibitory_orders": (
        _RESTRICT,
        [[{"LOWER": "prohibitory"}, {"LEMMA": "order"}], [{"LOWER": "section"}, {"LOWER": "144"}]],
    ),
    "baton_charge": (
        _CROWD,
        [
            [
                {"LOWER": {"IN": ["lathi", "cane", "baton"]}},
                {"LOWER": "-", "OP": "?"},
                {"LOWER": {"IN": ["charge", "charged", "charging", "charges"]}},
            ],
            [{"LOWER": {"IN": ["lathicharge", "lathicharged", "lathi-charge", "lathi-charged"]}}],
        ],
    ),
    "fire_in_air": (
        _CROWD,
        [
            [
                {"LEMMA": "fire"},
                {"OP": "?"},
                {"OP": "?"},
                {"LOWER": {"IN": ["in", "into"]}},
                {"LOWER": "the"},
                {"LOWER": "air"},
            ]
        ],
    ),
    "take_into_custody": (
        _ARREST,
        [[{"LEMMA": "take"}, {"OP": "?"}, {"OP": "?"}, {"LOWER": "into"}, {"LOWER": "custody"}]],
    ),
    "death_toll": (_ASSAULT, [[{"LOWER": "death"}, {"LOWER": "toll"}]]),
}

# Surface-form stems that can realise a trigger above, matched case-insensitively on raw
# sentences before any parsing (see ``relevance.py``). STRONG stems rarely occur outside
# political news; WEAK ones also do ("a shot on goal", "demand for oil", "signed a striker")
# and send a sentence to the parser only when it also names a political actor.
# Together they must cover every lexicon entry (tests/test_extract_lexicon.py).
STRONG = re.compile(
    r"\b(?:protest|demonstrat|riot|loot|vandali[sz]|blockad|barricad|kill|murder|massacr|slaughter|"
    r"assassinat|behead|lynch|stabb|gunm[ae]n|gunfire|assault|ambush|tortur|rape|abduct|kidnap|bomb|"
    r"shelling|torch|firebomb|dispers|arrest|detain|detention|jail|imprison|deport|censor|raid|resign|"
    r"threaten|sit-in|walkout|unrest|airstrike|arson|crackdown|curfew|ultimatum|ceasefire|truce|"
    r"tear ?gas|rubber bullet|water cannon|martial law|state of emergency|take to the streets|"
    r"took to the streets|general strike|hunger strike|death toll|set fire|ablaze|in flames|"
    r"open(?:ed|s)? fire|round(?:ed|ing)? up|rioter|insurgen|militant|nab|apprehend|lathi|"
    r"baton.?charg|cane.?charg|custody|police firing)",
    re.IGNORECASE,
)
WEAK = re.compile(
    r"\b(?:rall(?:y|ie)|march|picket|boycott|storm|beat|burn|ban(?:s|ned|ning)?\b|confiscat|withdr[ae]w|release|free|"
    r"warn|appeal|expect|accus|blame|condemn|denounc|critici[sz]|investigat|reject|refus|sanction|"
    r"expel|remov|dismiss|sack|oust|impeach|convict|sentenc|deploy|mobili[sz]|agree|sign(?:s|ed|ing)?\b|meet|met\b|"
    r"visit|negotiat|support|prais|endors|conced|apologi[sz]|cooperat|donat|strike|struck|violen|"
    r"talks|aid|fire|firing|calls? (?:for|on)|called (?:for|on)|demand|urg|threat|internet|"
    r"shell(?:s|ed|ing)?\b|shoot|shot|"
    r"dead|died|statue|monument|fight|battle|blast|explosion|attack|wound|injur|clash|ced(?:e|ed|ing)|"
    r"retreat|step(?:s|ped|ping)? down|shutdown|blackout|gun(?:s|ned|ning|fire|men|man)?\b|stab|"
    r"rap(?:e|ed|ing)|mob(?:s|bed)?\b|seiz|recover|"
    r"seal|cordon|patrol|charg|probe|interrogat|rescu|pledg|promis|accept|lift|"
    r"discuss|welcom|eas(?:e|ed|ing)|den(?:y|ied|ies)|veto|request|suspend|inquiry|fir\b|"
    r"registered|prohibitory|section 144|block|chant|pelt|ston(?:e|ed|ing)\b|stayaway|go-slow|rampage)",
    re.IGNORECASE,
)
