"""Actors: who did it and to whom, from the dependency parse, coded with country and sector.

Source and target come from syntax: the subject (or the ``by`` agent of a passive) is the
source; the object (or the passive subject) is the target; for nominal triggers ``between X
and Y`` gives two sources, ``by X`` a source and ``on/against/of X`` a target.

Coding: a country from any word of the phrase the gazetteer knows ("Kazakh police",
"Kremlin", "Russia's"), a sector from the phrase's head noun (``SECTOR_WORDS``). Domestic
collectives with no country of their own ("police", "protesters", "the government") inherit
the article's focus country; in a sentence that lost text in scraping nothing is inherited,
so a missing name is never filled in.

People (issue #4): a named person with no country word gets country and sector from the
leaders table on the article's publication date ("Tokayev" in 2022 -> KAZ GOV, "Nazarbayev" ->
KAZ ELI, see ``leaders.py``). A definite title with no name ("the president", "the prime
minister") stands for the one person the article has already named with that title ("President
Kassym-Jomart Tokayev") and takes their name, country and sector; with none or several such
people it stays unnamed. "his predecessor" is never named, and in a damaged sentence neither
the table nor earlier sentences are consulted: what is missing may be the name itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..models import Actor, Span
from .leaders import lookup
from .lexicon import THROWS

if TYPE_CHECKING:
    from datetime import date

    from spacy.tokens import Token

    from ..geocode import Gazetteer
    from ..models import Article, Event

__all__ = [
    "ARMED_SECTORS",
    "NON_STATE_ARMED",
    "SECTOR_WORDS",
    "STATE_SECTORS",
    "actors_of",
    "addressees",
    "by_police",
    "code_actor",
    "of_quantity",
    "recipients",
    "speech_act",
]

# Sectors that bear arms: state forces and the armed groups (ACLED's "armed actors").
ARMED_SECTORS = frozenset({"MIL", "POL", "REB", "UAF", "PRM", "SPY"})
# ... of them, those that are not the state's.
NON_STATE_ARMED = frozenset({"REB", "UAF", "PRM"})
# The state's executive arms: government, forces, intelligence and courts.
STATE_SECTORS = frozenset({"POL", "MIL", "GOV", "SPY", "JUD"})

_SECTOR_LISTS: dict[str, str] = {
    "POL": "police policeman policemen policewoman officer gendarme gendarmerie constable cop riot-police "
    "guard guards security constabulary inspector sub-inspector superintendent khaki "
    # South Asian police forces and ranks: Central Reserve Police Force, Border Security Force, State
    # Reserve Police (Force), Railway Protection Force, Central Industrial Security Force, Indo-Tibetan
    # Border Police ("RAF" is also the Royal Air Force: the Rapid Action Force is POL through
    # _FORCES); station house officer, (senior/deputy) superintendent, deputy/assistant commissioner,
    # director/inspector general of police
    "crpf bsf srp srpf rpf cisf itbp sho ssp dsp dcp acp dgp igp",
    "MIL": "army soldier troop troops military militaries navy airforce paratrooper marine junta commander "
    "navies warship warships",
    "GOV": "government president minister premier cabinet official authority authorities ministry "
    "spokesperson spokesman spokeswoman administration regime governor mayor state kremlin king "
    "queen monarch emir sultan ambassador embassy diplomat chancellor office council "
    "presidency presidential palace mayoralty envoy negotiator secretary-general",
    "LEG": "parliament lawmaker legislator mp senator congress congressman assembly senate deputy",
    "JUD": "court judge prosecutor tribunal judiciary",
    "CVL": "protester protestor demonstrator activist resident civilian villager people crowd mob "
    "youth citizen rioter man woman men women child children family families population "
    "passer-by bystander pedestrian supporter follower loyalist elder",
    "LAB": "union worker employee labourer laborer miner driver labour labor",
    "AGR": "farmer peasant herder",
    "REB": "rebel militant insurgent jihadist separatist fighter guerrilla guerilla terrorist extremist",
    "UAF": "gunman gunmen assailant attacker",
    "OPP": "opposition dissident movement",
    "PTY": "party",
    "JRN": "journalist reporter media newspaper broadcaster",
    "MED": "doctor nurse hospital medic",
    "EDU": "student teacher university school pupil",
    "BUS": "company firm business trader shopkeeper merchant bank",
    "REL": "cleric church mosque imam priest bishop religious clergy archbishop",
    "REF": "refugee migrant asylum-seeker",
    "IGO": "nato un eu ecowas asean osce csto imf",
    "NGO": "ngo charity amnesty",
    "ELI": "predecessor",
}
SECTOR_WORDS: dict[str, str] = {w: s for s, words in _SECTOR_LISTS.items() for w in words.split()}
# "security forces", "armed forces": the modifier decides the sector of "forces".
_FORCES = {
    "security": "POL",
    "police": "POL",
    "armed": "MIL",
    "government": "MIL",
    "special": "POL",
    "action": "POL",  # "rapid action force"
    "reserve": "POL",  # "state reserve police force"
    "para": "POL",  # "para-military forces": in South Asia, the central armed police
    "paramilitary": "POL",
    "task": "POL",  # "special task force"
}
# Words that mark an actor as not of the article's country ("foreign governments").
_FOREIGN = frozenset({"foreign", "international", "neighbouring", "neighboring", "western", "other", "overseas"})
# Intergovernmental organisations named in several words (single words are in SECTOR_WORDS).
_IGOS = frozenset({
    "united nations", "un", "u.n.", "european union", "eu", "nato", "african union", "world bank", "imf",
    "international monetary fund", "un security council", "united nations security council", "security council",
    "un human rights office", "ecowas", "asean", "arab league", "osce", "csto", "red cross", "icrc",
    "international committee of the red cross", "who", "world health organization", "international criminal court",
    "icc", "un secretary-general", "un secretary general", "iaea", "international atomic energy agency",
    "european community", "ec", "organization of african unity", "oau", "opec", "unhcr", "unicef", "wfp",
    "world food program", "world food programme", "ilo", "international labor office", "international labour office",
    "international labor organization", "international labour organisation", "wto", "world trade organization",
    "interpol", "commonwealth", "gulf cooperation council", "gcc", "sadc", "igad", "warsaw pact",
})  # fmt: skip
# Heads that name people who lead or belong to a body, whose sector is their modifier's or that
# body's ("opposition leader": OPP, "rebel leaders": REB, "leaders of the opposition coalition",
# "members of the union"); with none, a leader is a state's ("Palestinian leader Yasser Arafat").
_MEMBERS = frozenset({
    "leader", "leadership", "chief", "head", "member", "representative", "delegate", "delegation", "envoy",
})  # fmt: skip
# Heads that name things, not actors: a modifier gives them no sector, and with it no country of
# the article's focus ("military equipment", "a U.N. Security Council resolution", "army vehicles").
_THINGS = frozenset({
    "resolution", "equipment", "hardware", "weapon", "arm", "ammunition", "plan", "proposal", "offer", "statement",
    "policy", "law", "bill", "decision", "report", "program", "programme", "budget", "spending", "sale", "export",
    "import", "trade", "intelligence", "vehicle", "presence", "declaration", "document", "letter", "message",
    "initiative", "measure", "action", "operation", "mandate", "agreement", "deal", "accord", "treaty", "mission",
    "effort", "process", "system", "property", "asset", "fund", "money", "call", "demand", "request",
    "appeal", "warning", "threat", "ban", "order", "ruling", "verdict", "charge", "allegation", "claim", "right",
    "rule", "regulation", "reform", "election", "vote", "poll", "referendum", "campaign", "meeting", "talks",
    "session", "summit", "visit", "trip", "tour", "reminder", "relation", "tie", "link", "contact", "war",
})  # fmt: skip
# Sectors whose members are presumed to belong to the country the article is about.
_DOMESTIC = frozenset({"GOV", "POL", "MIL", "LEG", "JUD", "CVL", "LAB", "AGR", "OPP", "PTY", "EDU", "MED"})
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nummod", "case", "nmod", "flat"})


def actors_of(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Head tokens of the source and target actors of ``trigger``."""
    sources: list[Token] = []
    targets: list[Token] = []
    if trigger.pos_ == "ADP":
        # "the residence ... in flames": what is in flames is the object of the clause
        head = trigger.head
        objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}] if head.pos_ == "VERB" else [head]
        targets.extend(t for o in objects for t in _conjuncts(o))
        return sources, _keep(targets)
    children = list(trigger.children)
    for child in children:
        if child.dep_ in {"nsubj", "csubj"}:
            sources.extend(_conjuncts(child))
        elif child.dep_ == "nsubjpass":
            targets.extend(_conjuncts(child))
        elif child.dep_ == "agent":
            sources.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
        elif child.dep_ == "dobj" and trigger.lemma_.lower() in THROWS:
            # what is thrown is no target, what it is thrown at is: "hurled stones at police"
            # (where the parse hangs "at" from the stones)
            targets.extend(
                t
                for p in child.children
                if p.dep_ == "prep" and p.lower_ == "at"
                for o in p.children
                if o.dep_ == "pobj"
                for t in _conjuncts(o)
            )
        elif child.dep_ in {"dobj", "dative"}:
            targets.extend(_conjuncts(child))
        elif child.dep_ == "prep" and trigger.pos_ == "NOUN" and child.lower_ in {"between", "among", "by", "from"}:
            # "talks between X and Y" are X's and Y's; "launched a mediation effort between X and Y"
            # is the mediator's, addressed to them
            mediated = child.lower_ in {"between", "among"} and _undertaken(trigger)
            bucket = targets if mediated else sources
            bucket.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
        elif child.dep_ == "prep" and child.lower_ in {"on", "against", "of", "at", "with"}:
            bucket = sources if child.lower_ == "with" and trigger.lemma_ == "clash" else targets
            bucket.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
        elif child.dep_ == "poss" and trigger.pos_ == "NOUN":
            sources.append(child)
    if trigger.pos_ == "NOUN":
        # "anti-government protests" names no actor; "police crackdown", "Russian airstrikes" do
        sources.extend(
            c
            for c in children
            if c.dep_ in {"compound", "amod"} and (c.lemma_.lower() in SECTOR_WORDS or c.ent_type_ in {"NORP", "GPE"})
        )
        if trigger.lemma_.lower() in _CONTENT_NOUNS:
            # "its demand that Israel ease restrictions": the one asked is the clause's subject
            clauses = [c for c in children if c.dep_ == "acl"]
            if trigger.dep_ == "dobj":  # "reiterated its demand today that Israel ease ...": on the verb
                clauses += [
                    c
                    for c in trigger.head.children
                    if c.dep_ == "ccomp" and c.i > trigger.i and any(m.lower_ == "that" for m in c.children)
                ]
            targets.extend(
                t for c in clauses for s in c.children if s.dep_ in {"nsubj", "nsubjpass"} for t in _conjuncts(s)
            )
        head = trigger.head
        if not _keep(sources) and trigger.dep_ == "dobj" and head.lemma_ in _LIGHT_VERBS:
            # "police fired tear gas", "unions called a general strike": the light verb's subject
            sources.extend(t for c in head.children if c.dep_ == "nsubj" for t in _conjuncts(c))
        if not _keep(sources) and trigger.dep_ == "pobj" and head.lower_ == "in":
            # "residents took part in a march", "workers participated in the strike"
            verb = head.head.head if head.head.lemma_ == "part" else head.head
            if verb.lemma_ in {"take", "participate"}:
                sources.extend(t for c in verb.children if c.dep_ == "nsubj" for t in _conjuncts(c))
        return _keep(sources), _keep(targets)
    if not _keep(targets):  # "on Tuesday" is no target
        # "Russia expects Kazakhstan to end ...", "urged the government to resign": the
        # subject of a directive's complement is its target
        targets.extend(
            t
            for c in children
            if c.dep_ in {"ccomp", "xcomp"}
            for s in c.children
            if s.dep_ == "nsubj"
            for t in _conjuncts(s)
        )
    if trigger.lemma_.lower() in _STATIVE and (trigger.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in children)):
        # "Israel is opposed to French mediation": a state of the subject, not done to it
        if trigger.dep_ == "acomp":
            targets = [t for c in trigger.head.children if c.dep_ == "nsubj" for t in _conjuncts(c)]
        objects = [p for c in children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        return _keep(targets), _keep([t for p in objects for t in _conjuncts(p)])
    if _headline_passive(trigger, children):
        # "three militants killed in encounter", "4 policemen also killed": a headline's
        # passive without its auxiliary; the one named was killed, not the killer
        return [], _keep(targets + sources + ([trigger.head] if trigger.dep_ == "acl" else []))
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    has_subject = any(c.dep_ in {"nsubj", "csubj"} for c in children)
    if not has_subject and not passive and trigger.dep_ in {"xcomp", "advcl", "conj"}:
        # "Russia expects ..., warning others": a participle shares its governing clause's
        # subject; when that clause is itself a complement ("expects Kazakhstan to end"),
        # the participle belongs to the clause above it. A finite complement keeps its own
        # subject ("gunmen stormed the village, killing 12 and abducting 30, an official
        # said": the gunmen abducted, not the official); a conjunct ("abducting") shares the
        # first participle's clause
        first = trigger
        while first.dep_ == "conj" and first.head.dep_ in {"advcl", "xcomp", "conj"} and first.tag_ == "VBG":
            first = first.head
        head = first.head
        if first.dep_ == "advcl" and first.tag_ == "VBG" and head.dep_ in {"ccomp", "xcomp"} and _non_finite(head):
            head = head.head
        sources.extend(t for c in head.children if c.dep_ == "nsubj" for t in _conjuncts(c))
    if not has_subject and not passive and _doer_modified(trigger):
        # "striking miners", "workers striking at the mine": the people an active participle
        # describes are doing it (the noun it modifies, not its conjuncts: "clashes between
        # police and protesters demanding early elections")
        sources.append(trigger.head)
    if not has_subject and not passive and trigger.dep_ == "acl" and trigger.head.lemma_.lower() in _STATEMENTS:
        # "the union issued a statement demanding ...": who issued the statement
        statement = trigger.head
        if statement.dep_ == "dobj" and statement.head.lemma_.lower() in _LIGHT_VERBS:
            sources.extend(t for c in statement.head.children if c.dep_ == "nsubj" for t in _conjuncts(c))
    return _keep(sources), _keep(targets)


def _non_finite(verb: Token) -> bool:
    """Whether ``verb`` heads a clause without tense ("expects Kazakhstan to end", "must end"),
    not one with its own ("the gunmen stormed")."""
    return verb.tag_ in {"VB", "VBG", "VBN"} or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# Verbs whose active participle describes the people doing it ("striking miners", "rioting
# youths"); a participle of harm is more often misparsed ("tearing down tents and beating
# demonstrators", where the parser hung "beating" on the demonstrators it was done to).
_DOING = frozenset({"strike", "protest", "riot", "march", "demonstrate", "rally", "picket", "resign", "mutiny", "loot"})


def _doer_modified(participle: Token) -> bool:
    """Whether ``participle`` is an active participle of ``_DOING`` describing people ("striking
    miners", "workers striking at the mine"), not a thing or those it was done to."""
    if participle.pos_ != "VERB" or participle.tag_ != "VBG" or participle.dep_ not in {"amod", "acl"}:
        return False
    if participle.lemma_.lower() not in _DOING:
        return False
    noun = participle.head
    return (noun.pos_ == "NOUN" and noun.lemma_.lower() in SECTOR_WORDS) or noun.ent_type_ in {"NORP", "ORG"}


# Verbs of harm and arrest that always take an object: without one, and without an auxiliary,
# a headline states them in the passive ("two militants killed", "terrorist shot dead").
_DONE_TO = frozenset({"kill", "shoot", "injure", "wound", "murder", "lynch", "behead", "arrest", "detain", "nab"})


def _headline_passive(trigger: Token, children: list[Token]) -> bool:
    """Whether ``trigger`` is a verb of ``_DONE_TO`` in a headline's passive: a participle
    modifying its noun ("militants killed in encounter") or a past form with a subject but no
    object, auxiliary or agent ("4 policemen and 4 civilians also killed")."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in _DONE_TO or trigger.tag_ not in {"VBN", "VBD"}:
        return False
    if any(c.dep_ in {"dobj", "aux", "auxpass", "nsubjpass", "agent", "ccomp", "xcomp"} for c in children):
        return False
    if trigger.dep_ == "acl":
        return trigger.head.pos_ in {"NOUN", "PROPN"}
    return trigger.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in children)


def _undertaken(noun: Token) -> bool:
    """Whether ``noun`` is the object of a light verb with a subject ("the emir launched a
    mediation effort"): that subject carries it out."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.lemma_.lower() in _LIGHT_VERBS and any(c.dep_ == "nsubj" for c in verb.children)


# Participles that state what their passive subject is, not what is done to it.
_STATIVE = frozenset({"oppose", "opposed", "commit", "committed"})
# Nouns of offers, whose maker ("an offer by Kabul") is the recipient of their acceptance or rejection.
_OFFERS = frozenset({"offer", "proposal", "invitation", "plan", "initiative", "bid"})
# Nouns of demands, appeals and threats whose clause names the one they are made of.
_CONTENT_NOUNS = frozenset({"demand", "call", "appeal", "request", "plea", "threat", "ultimatum", "warning"})
# Verbs whose object noun names the event their subject carries out ("police fired tear gas",
# "unions called a general strike"); "Russia expects Kazakhstan to end the unrest" is not one.
_LIGHT_VERBS = frozenset(
    {
        "hold",
        "stage",
        "call",
        "launch",
        "organise",
        "organize",
        "lead",
        "join",
        "fire",
        "use",
        "carry",
        "conduct",
        "declare",
        "impose",
        "order",
        "mount",
        "begin",
        "start",
        "announce",
        "commit",
        "unleash",
        "deploy",
        "shoot",
        "throw",
        "make",
        "spray",
        "reiterate",
        "renew",
        "repeat",
        "issue",
        "voice",
        "lodge",
        "file",
        "submit",
        "deliver",
    }
)
# Documents that state what their issuer says ("issued a statement condemning ...").
_STATEMENTS = frozenset({
    "statement", "declaration", "communique", "communiqué", "letter", "resolution", "reminder", "appeal", "note",
})  # fmt: skip
# Entity types that are never actors ("resigned on Monday" is not done to Monday).
_NOT_ACTORS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})


_QUANTITIES = frozenset(
    {
        "thousand",
        "thousands",
        "hundred",
        "hundreds",
        "dozen",
        "dozens",
        "scores",
        "millions",
        "number",
        "group",
        # units of a force: "two companies of the rapid action force", "columns of the army"
        "companies",
        "columns",
        "battalions",
        "platoons",
        "contingent",
        "contingents",
    }
)


def _keep(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    kept = []
    for given in tokens:
        token = of_quantity(_antecedent(given))
        if token.pos_ == "PRON":
            continue  # "they", "his": resolving pronouns is coreference work; never guess
        if token.i in seen or token.ent_type_ in _NOT_ACTORS or token.lower_ in {"it", "this", "that"}:
            continue
        seen.add(token.i)
        kept.append(token)
    return kept


def _antecedent(token: Token) -> Token:
    """ "gunmen who attacked": the relative pronoun stands for the noun its clause modifies."""
    if token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


# Pronouns of part of a group: "many of the protesters", "some in the crowd".
_PARTITIVES = frozenset({"some", "many", "most", "several", "few", "all", "others", "majority"})


def of_quantity(token: Token) -> Token:
    """ "thousands of young protesters", "some in the crowd": the actor is the protesters or the
    crowd, not the thousands or the some."""
    partitive = token.lower_ in _PARTITIVES
    if token.lower_ not in _QUANTITIES and token.pos_ != "NUM" and not partitive:
        return token
    for prep in token.children:
        if prep.dep_ == "prep" and (prep.lower_ == "of" or (partitive and prep.lower_ in {"in", "among"})):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return token


def _conjuncts(token: Token) -> Iterator[Token]:
    yield token
    yield from token.conjuncts


# Prepositions whose object, a country or its people, is who an event is done to or for:
# "military aid to Mozambique", "talks with Moscow", "lifted the curfew in Montenegro".
_RECIPIENT_PREPS = frozenset({"to", "for", "with", "from", "against", "toward", "towards"})
# ... and those that take a country only, not a city: "in Sudan", not "marched in Paris".
_WITHIN_PREPS = frozenset({"in", "into", "inside", "throughout"})
# How far below the trigger a recipient may sit: its object, a complement's object ("offered
# to hand over ... to Britain") and a noun's phrase ("aid to Romania").
_RECIPIENT_PATH = frozenset({"dobj", "xcomp", "prep", "pobj", "dative", "conj", "nsubjpass"})


def speech_act(token: Token) -> bool:
    """Whether ``token`` is a demand, appeal, offer or the like: an object that is no actor, whose
    maker ("an offer from Kabul") is who its rejection or acceptance is addressed to."""
    return token.lemma_.lower() in _CONTENT_NOUNS | _OFFERS


def addressees(trigger: Token) -> list[Token]:
    """Who an act is addressed to when its clause names no target: the subject of its
    condition ("will boycott the talks unless Israel withdraws", "threatened to halt talks if
    the United States deploys missiles": CAMEO's threats are made of the one who must comply),
    and the targets of what a threat, promise or demand governs ("threatened to impose
    restrictions against German goods"); the trigger's own clause first, then its complement's."""
    clause = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    found: list[Token] = []
    for verb in (clause, *(c for c in clause.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB")):
        for child in verb.children:
            marks = {m.lower_ for m in child.children if m.dep_ == "mark"}
            if child.dep_ == "advcl" and marks & {"if", "unless"}:
                found += [t for s in child.children if s.dep_ in {"nsubj", "nsubjpass"} for t in _conjuncts(s)]
        if verb is not clause:
            found += actors_of(verb)[1]
    return _keep(found)


def recipients(trigger: Token, skip: set[int], gazetteer: Gazetteer) -> list[Token]:
    """Heads of country names in the trigger's prepositional phrases, two steps down at most,
    outside ``skip`` (the tokens of the actors already found): the target a verb's syntax
    leaves implicit ("promised to continue military aid to Mozambique"). Only a GPE or NORP
    name, or a phrase it owns ("Lebanon's new president"), is taken; after "in", only the
    name of a country or of one of its parts ("curfew in Sudan", "in the West Bank")."""
    found: list[Token] = []
    frontier = [(trigger, 0)]
    while frontier:
        node, depth = frontier.pop()
        for child in node.children:
            if child.dep_ not in _RECIPIENT_PATH or child.i in skip:
                continue
            prep = child.lower_ if child.dep_ == "prep" else ""
            if prep == "by" and speech_act(node):
                prep = "from"  # "rejected recent calls by Belarus": who made the call
            if prep in _RECIPIENT_PREPS or prep in _WITHIN_PREPS:
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    found.extend(h for h in _conjuncts(obj) if _names_country(h, gazetteer, prep in _WITHIN_PREPS))
            if depth < 2:
                frontier.append((child, depth + 1))
    return sorted({t.i: t for t in found}.values(), key=lambda t: t.i)


def _names_country(head: Token, gazetteer: Gazetteer, country_only: bool) -> bool:
    """Whether ``head`` or its owner is a country's name (a country or a part of one after
    "in"; any GPE, NORP or country-list name otherwise: spaCy may tag "Mozambique" ORG)."""
    of = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if not country_only and head.ent_type_ == "PERSON":
        return True  # "an appeal from President Gbagbo": the leaders table may know his country
    # people, acts and things named by their country ("the US President", "Rwandan rebels", "over
    # two Israeli air raids", "restrictions against German goods"); after "in", only the name
    modifiers = () if country_only else (c for c in head.children if c.dep_ in {"compound", "amod"})
    for token in (head, *(c for c in head.children if c.dep_ == "poss"), *of, *modifiers):  # "the president of Armenia"
        if not (token.ent_type_ or token.pos_ == "PROPN"):
            continue
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        kind = gazetteer.name_kind(ent.text if ent is not None else token.text)
        if kind in {"country", "part"} or not (
            country_only or (kind is None and token.ent_type_ not in {"GPE", "NORP"})
        ):
            return True
    return False


def code_actor(  # noqa: PLR0917 - the event stage's per-sentence context
    token: Token,
    offset: int,
    gazetteer: Gazetteer,
    focus: str | None,
    damaged: bool,
    article: Article | None = None,
) -> Actor:
    """Code the phrase headed by ``token`` (offset: the sentence's start in the article).

    ``article`` gives the publication date for the leaders table and the people named so far
    for "the president"; without it neither is used.
    """
    published = article.published if article is not None else None
    actor = _code(token, offset, gazetteer, focus, damaged, published)
    if article is None or damaged or actor.name is not None:
        return actor
    title = _bare_title(token)
    if title is None:
        return actor
    known = _named_with_title(article, offset, token.i, gazetteer, focus).get(title, [])
    if len(known) != 1 or (actor.country is not None and actor.country != known[0].country and not _domestic(token)):
        return actor
    person = known[0]
    return Actor(text=actor.text, name=person.name, country=person.country, sector=person.sector, span=actor.span)


def _code(  # noqa: PLR0917
    token: Token, offset: int, gazetteer: Gazetteer, focus: str | None, damaged: bool, published: date | None
) -> Actor:
    words = [t for t in token.subtree if _in_phrase(t, token)]
    start = offset + words[0].idx
    end = offset + words[-1].idx + len(words[-1].text)
    text = token.doc[words[0].i : words[-1].i + 1].text  # not doc.text: spaCy joins every token for it
    lemma = token.lemma_.lower()
    thing = lemma in _THINGS or (lemma.endswith("s") and lemma[:-1] in _THINGS)
    igo = not thing and _igo(words)
    country = None if igo else _country(words, gazetteer) or _of_country(token, gazetteer, thing)
    if thing:
        sector = "UNK"
    elif igo:
        sector = "IGO"
    else:
        sector = _sector(token, words, country)
        if sector == "UNK" and country is not None and _names_state(token, words, gazetteer):
            sector = "GOV"  # "Uzbekistan opened the bridge", "Berlin rejected": a state acting
        elif sector == "UNK" and token.tag_ in {"NNS", "NNPS"} and gazetteer.name_kind(token.text) == "demonym":
            sector = "CVL"  # "Bosnian Serbs demanded a truce": a people
        if (lemma in _MEMBERS or any(w.lemma_.lower() in _MEMBERS for w in words)) and sector in {"UNK", "GOV"}:
            body = _body(token, offset, gazetteer, focus, damaged, published)
            if body is not None:
                country, sector = country or body.country, body.sector or sector
            elif sector == "UNK" and country is not None:
                sector = "GOV"
    if sector == "GOV" and any(w.lower_ in _FORMER for w in words):
        sector = "ELI"  # "former president X", "ex-minister"
    name = _name(token, words)
    if country is None and not damaged:
        # a surname in a damaged sentence may be what is left of a longer name: no lookup there
        person = _person_name(token, words, name)
        leader = lookup(person, published) if person else None
        if leader is not None:
            country = leader[0]
            name = name or person
            if sector in {"UNK", "GOV"}:
                sector = leader[1]
    foreign = any(w.lower_ in _FOREIGN for w in words)
    if country is None and not (damaged or foreign) and focus is not None and sector in _DOMESTIC:
        country = focus
    return Actor(text=text, name=name, country=country, sector=sector, span=Span(start, end, text))


def _igo(words: list[Token]) -> bool:
    """Whether the phrase is an intergovernmental organisation or one of its people or means: its
    words (without determiners) are an IGO's name, or begin with one ("Arab League Secretary
    General Chadli Klibi", "U.N. helicopters")."""
    names = [w.lower_ for w in words if w.dep_ != "det"]
    return any(" ".join(names[:n]) in _IGOS for n in range(len(names), 0, -1))


def _names_state(head: Token, words: list[Token], gazetteer: Gazetteer) -> bool:
    """Whether the phrase is the name of a country or its capital ("Uzbekistan", "Berlin")."""
    text = " ".join(w.text for w in words if w.dep_ != "det")
    return head.pos_ == "PROPN" and gazetteer.name_kind(text) in {"country", "capital", "seat"}


def _body(  # noqa: PLR0917
    head: Token, offset: int, gazetteer: Gazetteer, focus: str | None, damaged: bool, published: date | None
) -> Actor | None:
    """The body whose leaders or members ``head`` names ("leaders of the opposition coalition"),
    when it is coded with a sector."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    body = _code(obj, offset, gazetteer, focus, damaged, published)
                    if body.sector not in {None, "UNK"}:
                        return body
    return None


# Words that make an official a former one (PLOVER ELI: "former government officials").
_FORMER = frozenset({"former", "ex", "late"})
# Titles that stand for one person once the article has named them ("the president"); the key
# is the title's words as written, the value the title it is counted under.
_TITLES: dict[str, str] = {
    "president": "president",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "chancellor": "chancellor",
    "king": "king",
    "queen": "queen",
    "emir": "emir",
    "sultan": "sultan",
    "supreme leader": "supreme leader",
    "vice president": "vice president",
    "vice-president": "vice president",
    "foreign minister": "foreign minister",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "interior minister": "interior minister",
}
_TITLE_WORDS = frozenset(w for title in _TITLES for w in title.split())
# "the country's president" is as definite as "the president".
_DEFINITE = frozenset({"the", "country", "nation", "'s", "’s"})


def _person_name(head: Token, words: list[Token], name: str | None) -> str | None:
    """The name to look up in the leaders table: a PERSON's, or a bare proper noun's."""
    if head.ent_type_ == "PERSON":
        return name
    if head.pos_ == "PROPN" and not head.ent_type_ and head.is_title:
        proper = [w for w in words if w.pos_ == "PROPN" and not w.ent_type_ and w.lower_ not in _TITLE_WORDS]
        return " ".join(w.text for w in proper) or None
    return None


def _domestic(head: Token) -> bool:
    """A bare title with no country word of its own ("the president", not "the Russian president")."""
    return not any(c.ent_type_ in {"GPE", "NORP"} for c in head.children)


def _bare_title(head: Token) -> str | None:
    """The title ``head`` stands for when it is definite and names no one: "the (prime) minister"."""
    if head.ent_type_ == "PERSON" or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = [t for t in head.subtree if _in_phrase(t, head)]
    if not any(w.lower_ == "the" for w in words) and not any(w.dep_ == "poss" for w in words):
        return None
    rest = [w for w in words if w.lower_ not in _DEFINITE and w.ent_type_ not in {"GPE", "NORP"}]
    if any(w.ent_type_ == "PERSON" or w.lower_ not in _TITLE_WORDS for w in rest):
        return None  # "his predecessor", "the president's office", "the president Tokayev"
    if any(w.dep_ == "poss" and w.lower_ not in _DEFINITE for w in words):
        return None  # "his president", "Russia's president": not the article's titled person
    return _TITLES.get(" ".join(w.lower_ for w in rest))


def _title_before(ent_start: Token) -> str | None:
    """The title written just before a name: "President" of "President Kassym-Jomart Tokayev"."""
    doc = ent_start.doc
    i = ent_start.i
    words: list[str] = []
    while i > 0 and doc[i - 1].lower_ in _TITLE_WORDS and len(words) < 2:  # "prime minister"
        i -= 1
        words.insert(0, doc[i].lower_)
    if not words or (i > 0 and doc[i - 1].lower_ in _FORMER):
        return None  # "former President X" is no longer the president
    return _TITLES.get(" ".join(words))


def _named_with_title(
    article: Article, offset: int, before: int, gazetteer: Gazetteer, focus: str | None
) -> dict[str, list[Actor]]:
    """The people named with a title in parsed sentences before ``before`` (a token of the
    sentence at ``offset``), by title; a name that ends another ("Tokayev") is the same person."""
    found: dict[str, list[Actor]] = {}
    docs = article.doc or {}
    for index, doc in sorted(docs.items()):
        sentence = article.sentences[index]
        if sentence.start > offset:
            break
        if {"damaged", "background"} & set(sentence.flags):
            continue
        for ent in doc.ents:
            if ent.label_ != "PERSON" or (sentence.start == offset and ent.end > before):
                continue
            title = _title_before(ent[0])
            if title is None:
                continue
            person = _code(ent.root, sentence.start, gazetteer, focus, False, article.published)  # noqa: FBT003
            if person.name is None or person.sector == "ELI":
                continue  # a title that is no longer held on the publication date
            _add_person(found.setdefault(title, []), person)
    return found


def _add_person(people: list[Actor], person: Actor) -> None:
    name = person.name or ""
    for i, known in enumerate(people):
        other = known.name or ""
        if name == other or other.endswith(" " + name):
            return
        if name.endswith(" " + other):
            people[i] = person
            return
    people.append(person)


def _country(words: list[Token], gazetteer: Gazetteer) -> str | None:
    """The country a phrase names: a multi-word name first ("Sri Lanka"), then any word.

    A phrase that is a country's whole name is one whatever NER says: spaCy tags "Sri Lanka"
    PERSON at the head of a sentence ("Sri Lanka imposed a curfew"), and neither of its words
    is a country alone."""
    first, last = words[0].i, words[-1].i
    for ent in words[0].doc.ents:
        if first <= ent.start and ent.end - 1 <= last and ent.label_ in {"GPE", "NORP", "ORG", "LOC"}:
            code = gazetteer.country(ent.text)
            if code:
                return code
    whole = " ".join(w.text for w in words if w.dep_ != "det")
    if len(words) > 1 and gazetteer.name_kind(whole) == "country":
        return gazetteer.country(whole)
    for word in words:
        if word.pos_ in {"PROPN", "ADJ", "NOUN"} or word.ent_type_:
            code = gazetteer.country(word.text)
            if code:
                return code
    return None


# Non-state armed groups well known by name (ACLED's rebel and political militia actors), whose
# names would otherwise read as something else ("Islamic State" as a government, "Boko Haram"
# as nobody); lower-case, without the article.
ARMED_GROUPS = frozenset({
    "islamic state", "isis", "isil", "daesh", "al-qaeda", "al qaeda", "al-qaida", "al qaida", "aqim", "aqap",
    "al-shabaab", "al-shabab", "al shabaab", "al shabab", "shabaab", "boko haram", "iswap", "jnim", "taliban",
    "tehreek-e-taliban", "ttp", "abu sayyaf", "houthis", "houthi", "ansar allah", "hayat tahrir al-sham", "hts",
    "al-nusra front", "nusra front", "farc", "eln", "pkk", "lashkar-e-taiba", "jaish-e-mohammed",
    "hizbul mujahideen", "adf", "m23", "lra", "maoists", "naxals", "naxalites", "ulfa", "new people's army",
    "rapid support forces", "rsf", "janjaweed", "hezbollah", "hizbollah", "anti-balaka", "seleka", "ex-seleka",
    "codeco", "arakan army", "kachin independence army", "tigray defence forces", "tigray defense forces", "fano",
})  # fmt: skip
_ACRONYMS = frozenset({"is", "isis", "isil", "ttp", "hts", "farc", "eln", "pkk", "adf", "lra", "rsf"})
_GROUP_WORDS = frozenset({"group", "militia", "movement", "fighters", "militants", "jihadists", "insurgents"})


# Sector words that name a sector only as the head: "marine scientists" are no soldiers.
_HEAD_ONLY = frozenset({"marine"})


def _armed_group(words: list[Token]) -> bool:
    """Whether the phrase names a well-known armed group ("Islamic State", "the IS group")."""
    names = [w for w in words if w.dep_ != "det" and w.lower_ not in _GROUP_WORDS]
    text = " ".join(w.lower_ for w in names)
    if text in ARMED_GROUPS:
        return True
    acronym = len(names) == 1 and names[0].text.isupper() and len(names[0].text) >= 2
    return acronym and names[0].lower_ in _ACRONYMS


def _of_country(head: Token, gazetteer: Gazetteer, thing: bool) -> str | None:
    """The country an office or body is "of": "the foreign minister of Colombia", "the president
    of Armenia" (a country's own name after "of", not a city's; never for things)."""
    if thing or head.lemma_.lower() not in SECTOR_WORDS:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
            name = ent.text if ent is not None else obj.text
            if gazetteer.name_kind(name) == "country":
                return gazetteer.country(name)
    return None


def _in_phrase(word: Token, head: Token) -> bool:
    node = word
    while node.i != head.i:  # spaCy makes a new Token object on every access: compare indexes
        if node.dep_ not in _PHRASE_DEPS:
            return False
        node = node.head
    return True


def _sector(head: Token, words: list[Token], country: str | None) -> str:
    lemma = head.lemma_.lower()
    if _armed_group(words):
        return "REB"  # "the Islamic State group": not a state
    if lemma in {"man", "men"} and any(
        p.lower_ == "in" and any(o.lower_ in _UNIFORM for o in p.children) for p in head.children
    ):
        return "POL"  # "men in khaki", "men in uniform"
    if lemma in {"force", "forces"}:
        for word in words:
            if word.lower_ in _FORCES:
                return _FORCES[word.lower_]
        return "MIL"
    if lemma in {"officer", "officers"} and not any(
        SECTOR_WORDS.get(w.lower_) == "POL" for w in words if w.i != head.i
    ):
        # "an IAS officer" is a civil servant, "army officers" soldiers; "civil police officers" police
        for word in words:
            if word.i != head.i and word.lower_ in _OFFICER_OF:
                return _OFFICER_OF[word.lower_]
    if any(w.lower_ == "sp" and _police_sp(w) for w in words):
        return "POL"  # "Bhavnagar SP Rahul Sharma": the district superintendent of police
    if lemma in SECTOR_WORDS:
        return SECTOR_WORDS[lemma]
    if lemma.endswith("s") and lemma[:-1] in SECTOR_WORDS:  # "Mobs" tagged PROPN keeps its s
        return SECTOR_WORDS[lemma[:-1]]
    if head.lower_ in SECTOR_WORDS:
        return SECTOR_WORDS[head.lower_]
    if any(w.lower_ in _MINISTERS for w in words):
        return "GOV"  # "Labour Minister Ana Torres", "the Education Ministry": the portfolio is no sector
    for word in words:  # "President Tokayev", "opposition leader X"
        if word.lower_ in SECTOR_WORDS and word.i != head.i and word.lower_ not in _HEAD_ONLY:
            return SECTOR_WORDS[word.lower_]
    if head.ent_type_ == "GPE" and country is not None:
        return "GOV"  # "Russia warned ...": a state acting is its government
    if lemma in _SIDES and country is not None:
        return "GOV"  # "the Turkish side agreed": a party to talks or a conflict, named by its state
    if head.ent_type_ == "NORP" and head.tag_ in {"NNPS", "NNS"} and country is not None:
        return "CVL"  # "Nigerians took to the streets"
    return "UNK"


_UNIFORM = frozenset({"khaki", "uniform", "uniforms"})
_MINISTERS = frozenset({"minister", "ministers", "ministry", "ministries"})
# Services whose officers are no police: "an IAS officer", "revenue officers", "army officers".
_OFFICER_OF = {
    "ias": "GOV", "administrative": "GOV", "civil": "GOV", "revenue": "GOV", "forest": "GOV", "election": "GOV",
    "excise": "GOV", "customs": "GOV", "tax": "GOV", "army": "MIL", "military": "MIL", "navy": "MIL",
    "naval": "MIL", "air": "MIL",
}  # fmt: skip
# Around "SP", what makes it the Samajwadi Party, not a superintendent of police ("SP leader
# Mulayam Singh Yadav", "SP workers", "the SP and the BSP").
_PARTY_CUES = frozenset({
    "leader", "leaders", "worker", "workers", "member", "members", "legislator", "legislators", "mla", "mlas",
    "mp", "mps", "chief", "supremo", "president", "candidate", "candidates", "activist", "activists", "cadre",
    "cadres", "spokesman", "spokesperson", "secretary", "general", "government", "party", "parties", "samajwadi",
    "bsp", "bjp", "congress", "ticket", "alliance", "election", "elections", "poll", "polls", "mulayam",
})  # fmt: skip
# Words before "SP" that make it the rank: "additional SP", "railway SP", "district SP".
_SP_RANKS = frozenset({"additional", "addl", "deputy", "district", "railway", "railways", "city", "rural", "senior"})


def _police_sp(word: Token) -> bool:
    """Whether "SP" is the superintendent of police: written "SP (City)", or after a rank or
    place and before a name ("Kutch SP Vivek Shrivastava", "additional SP Pandey"), in a
    sentence that names no party ("SP leader Mulayam Singh Yadav" is the Samajwadi Party)."""
    doc = word.doc
    if any(t.lower_ in _PARTY_CUES for t in doc):
        return False
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    if after is not None and after.text == "(":
        return True
    before = doc[word.i - 1] if word.i > 0 else None
    if before is None or after is None or after.pos_ not in {"PROPN", "NOUN"}:
        return False
    return before.lower_ in _SP_RANKS or (before.pos_ in {"PROPN", "NOUN", "ADJ"} and before.is_alpha)


_SIDES = frozenset({"side", "sides", "delegation", "camp"})


def _name(head: Token, words: list[Token]) -> str | None:
    """The named entity in the phrase ("Tokayev" of "President Tokayev"); never guessed."""
    if head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        named = [w for w in words if w.ent_type_ == head.ent_type_]
        if not named:
            return None
        span = head.doc[named[0].i : named[-1].i + 1]
        if all(w.ent_type_ == head.ent_type_ or w.text == "-" for w in span):
            return span.text  # "Kassym-Jomart Tokayev" as written, hyphen and all
        return " ".join(w.text for w in named)
    return None


def by_police(event: Event) -> bool:
    """Whether the police did ``event``: a police source, or no source on an act only state
    forces perform (an arrest or curfew, crowd control: "51 people were arrested"; police
    at work: MOBILIZE/police), or a deployment of police with no one named deploying them."""
    if any(actor.sector == "POL" for actor in event.sources):
        return True
    if not event.sources and event.plover_type == "MOBILIZE" and any(a.sector == "POL" for a in event.targets):
        return True  # "police have been deployed": the deployed police are at work
    return not event.sources and (event.plover_type == "COERCE" or event.plover_mode in {"crowd-control", "police"})
