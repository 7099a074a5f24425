"""Actors: who did it and to whom, from the dependency parse, coded with country and sector.

Source and target come from syntax: the subject (or the ``by`` agent of a passive) is the
source; the object (or the passive subject) is the target; for nominal triggers ``between X
and Y`` gives two sources, ``by X`` a source and ``on/against/of X`` a target.

Coding: a country from any word of the phrase the gazetteer knows ("Kazakh police",
"Kremlin", "Russia's"), a sector from the phrase's head noun (``SECTOR_WORDS``). Domestic
collectives with no country of their own ("police", "protesters", "the government") inherit
the article's focus country; in a sentence that lost text in scraping nothing is inherited,
so a missing name is never filled in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..models import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..geocode import Gazetteer

__all__ = ["SECTOR_WORDS", "actors_of", "code_actor"]

_SECTOR_LISTS: dict[str, str] = {
    "POL": "police policeman policemen policewoman officer gendarme gendarmerie constable cop riot-police "
    "guard guards security",
    "MIL": "army soldier troop troops military militaries navy airforce paratrooper marine junta commander",
    "GOV": "government president minister premier cabinet official authority authorities ministry "
    "spokesperson spokesman spokeswoman administration regime governor mayor state kremlin king "
    "queen monarch emir sultan ambassador embassy diplomat chancellor office council "
    "presidency presidential palace mayoralty",
    "LEG": "parliament lawmaker legislator mp senator congress congressman assembly senate deputy",
    "JUD": "court judge prosecutor tribunal judiciary",
    "CVL": "protester protestor demonstrator activist resident civilian villager people crowd mob "
    "youth citizen rioter man woman men women child children family families population "
    "passer-by bystander pedestrian supporter follower loyalist",
    "LAB": "union worker employee labourer laborer miner driver",
    "AGR": "farmer peasant herder",
    "REB": "rebel militant insurgent jihadist separatist fighter guerrilla guerilla terrorist",
    "UAF": "gunman gunmen assailant attacker",
    "OPP": "opposition dissident",
    "PTY": "party",
    "JRN": "journalist reporter media newspaper broadcaster",
    "MED": "doctor nurse hospital medic",
    "EDU": "student teacher university school pupil",
    "BUS": "company firm business trader shopkeeper merchant bank",
    "REL": "cleric church mosque imam priest bishop",
    "REF": "refugee migrant asylum-seeker",
    "IGO": "nato un eu ecowas asean osce csto imf",
    "NGO": "ngo charity amnesty",
}
SECTOR_WORDS: dict[str, str] = {w: s for s, words in _SECTOR_LISTS.items() for w in words.split()}
# "security forces", "armed forces": the modifier decides the sector of "forces".
_FORCES = {
    "security": "POL",
    "police": "POL",
    "armed": "MIL",
    "government": "MIL",
    "special": "POL",
}
# Words that mark an actor as not of the article's country ("foreign governments").
_FOREIGN = frozenset({"foreign", "international", "neighbouring", "neighboring", "western", "other", "overseas"})
# Intergovernmental organisations named in several words (single words are in SECTOR_WORDS).
_IGOS = frozenset({
    "united nations", "un", "u.n.", "european union", "eu", "nato", "african union", "world bank", "imf",
    "international monetary fund", "un security council", "united nations security council", "security council",
    "un human rights office", "ecowas", "asean", "arab league", "osce", "csto", "red cross", "icrc",
    "international committee of the red cross", "who", "world health organization", "international criminal court",
    "icc", "un secretary-general", "un secretary general",
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
        elif child.dep_ in {"dobj", "dative"}:
            targets.extend(_conjuncts(child))
        elif child.dep_ == "prep" and trigger.pos_ == "NOUN" and child.lower_ in {"between", "among", "by", "from"}:
            sources.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
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
        head = trigger.head
        if not sources and trigger.dep_ == "dobj" and head.lemma_ in _LIGHT_VERBS:
            # "police fired tear gas", "unions called a general strike": the light verb's subject
            sources.extend(t for c in head.children if c.dep_ == "nsubj" for t in _conjuncts(c))
        return _keep(sources), _keep(targets)
    if not targets:
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
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    has_subject = any(c.dep_ in {"nsubj", "csubj"} for c in children)
    if not has_subject and not passive and trigger.dep_ in {"xcomp", "advcl", "conj"}:
        # "Russia expects ..., warning others": a participle shares its governing clause's
        # subject; when that clause is itself a complement ("expects Kazakhstan to end"),
        # the participle belongs to the clause above it
        head = trigger.head
        if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and head.dep_ in {"ccomp", "xcomp"}:
            head = head.head
        sources.extend(t for c in head.children if c.dep_ == "nsubj" for t in _conjuncts(c))
    return _keep(sources), _keep(targets)


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
    }
)
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
    }
)


def _keep(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    kept = []
    for given in tokens:
        token = _of_quantity(_antecedent(given))
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


def _of_quantity(token: Token) -> Token:
    """ "thousands of young protesters": the actor is the protesters, not the thousands."""
    if token.lower_ not in _QUANTITIES and token.pos_ != "NUM":
        return token
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return token


def _conjuncts(token: Token) -> Iterator[Token]:
    yield token
    yield from token.conjuncts


def code_actor(token: Token, offset: int, gazetteer: Gazetteer, focus: str | None, damaged: bool) -> Actor:
    """Code the phrase headed by ``token`` (offset: the sentence's start in the article)."""
    words = [t for t in token.subtree if _in_phrase(t, token)]
    start = offset + words[0].idx
    end = offset + words[-1].idx + len(words[-1].text)
    text = token.doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    igo = " ".join(w.lower_ for w in words if w.dep_ != "det") in _IGOS
    country = None if igo else _country(words, gazetteer)
    sector = "IGO" if igo else _sector(token, words, country)
    foreign = any(w.lower_ in _FOREIGN for w in words)
    if country is None and not (damaged or foreign) and focus is not None and sector in _DOMESTIC:
        country = focus
    name = _name(token, words)
    return Actor(text=text, name=name, country=country, sector=sector, span=Span(start, end, text))


def _country(words: list[Token], gazetteer: Gazetteer) -> str | None:
    """The country a phrase names: a multi-word name first ("Sri Lanka"), then any word."""
    first, last = words[0].i, words[-1].i
    for ent in words[0].doc.ents:
        if first <= ent.start and ent.end - 1 <= last and ent.label_ in {"GPE", "NORP", "ORG", "LOC"}:
            code = gazetteer.country(ent.text)
            if code:
                return code
    for word in words:
        if word.pos_ in {"PROPN", "ADJ", "NOUN"} or word.ent_type_:
            code = gazetteer.country(word.text)
            if code:
                return code
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
    if lemma in {"force", "forces"}:
        for word in words:
            if word.lower_ in _FORCES:
                return _FORCES[word.lower_]
        return "MIL"
    if lemma in SECTOR_WORDS:
        return SECTOR_WORDS[lemma]
    if lemma.endswith("s") and lemma[:-1] in SECTOR_WORDS:  # "Mobs" tagged PROPN keeps its s
        return SECTOR_WORDS[lemma[:-1]]
    if head.lower_ in SECTOR_WORDS:
        return SECTOR_WORDS[head.lower_]
    for word in words:  # "President Tokayev", "opposition leader X"
        if word.lower_ in SECTOR_WORDS and word.i != head.i:
            return SECTOR_WORDS[word.lower_]
    if head.ent_type_ == "GPE" and country is not None:
        return "GOV"  # "Russia warned ...": a state acting is its government
    if head.ent_type_ == "NORP" and head.tag_ in {"NNPS", "NNS"} and country is not None:
        return "CVL"  # "Nigerians took to the streets"
    return "UNK"


def _name(head: Token, words: list[Token]) -> str | None:
    """The named entity in the phrase ("Tokayev" of "President Tokayev"); never guessed."""
    if head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return " ".join(w.text for w in words if w.ent_type_ == head.ent_type_) or None
    return None
