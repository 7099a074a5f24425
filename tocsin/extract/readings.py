"""How the lexicon's readings that need the parse apply to one sentence (see ``lexicon.py``).

- ``object_trigger``: a verb whose object decides the event (``lexicon.OBJECTS``: "lifted the
  curfew", "gave Tanzania a grant", "withdrew from the talks"), and ``object_span``, the words
  that state it;
- ``ungoverned``: the triggers left once what a governing trigger agrees to, refuses, demands
  or threatens is set aside (``lexicon.GOVERNORS``, ``OBJECT_GOVERNORS``), the governing
  trigger taking its mode from it (``lexicon.governing``);
- ``announces``: "would" in a trigger's clause, an announcement in reported speech
  (``lexicon.FUTURE``);
- ``conditional_threats``: an action announced on a condition ("will boycott the elections
  unless the president steps down", "may halt mediation if cooperation founders") is a threat
  (CAMEO 13, PLOVER THREATEN), the condition no event of its own;
- ``vows_force``: a promise to fight ("vowed to fight on", "swore to retaliate") is a threat of
  violence (CAMEO 138, PLOVER THREATEN violence), though "fight" alone is no trigger;
- ``obligations`` and ``obliger``: what someone says another must or should do ("Russia said
  Sudan must return the helicopter") is a demand (CAMEO 10, PLOVER REQUEST) by the speaker of
  the one obliged, whatever the clause says: the clause's action is its content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import GOVERNORS, NOUN_OBJECTS, OBJECT_GOVERNORS, OBJECTS, Trigger, governing

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "announces",
    "conditional_threats",
    "object_span",
    "object_trigger",
    "obligations",
    "obliger",
    "ungoverned",
    "vows_force",
]

# Auxiliaries of an announced or possible action.
_PROSPECTIVE = frozenset({"will", "would", "may", "might", "could", "shall", "'ll"})
# What is threatened "if" something happens (an action good for the other side "if" is an offer:
# "will release the hostages if ..."); "unless" makes a threat of any action.
_HARMFUL = frozenset({"SANCTION", "COERCE", "ASSAULT", "REJECT", "MOBILIZE"})

# Verbs that report what someone says or concludes: "X said (that) Y must ..." ("agreed that
# their countries should cooperate" is an agreement, not a demand).
_REPORTING = frozenset({
    "say", "tell", "add", "state", "declare", "announce", "conclude", "reiterate", "insist", "stress",
    "emphasize", "emphasise", "argue", "maintain", "repeat", "write", "assert", "affirm", "believe",
    "underline", "note", "decide", "rule", "feel", "think",
})  # fmt: skip
# Modals of obligation; "must have gone", "should have known" are inferences or regrets instead.
_OBLIGING = frozenset({"must", "should"})
_DEMAND = Trigger("REQUEST", "change", None, strong=False)
# Verbs of armed struggle that a promise can govern ("vowed to fight", "swore to retaliate"):
# too broad to be triggers ("fight corruption"), a threat as a vow's content.
_FIGHTING = frozenset({"fight", "retaliate", "avenge"})
_THREAT_OF_FORCE = Trigger("THREATEN", "violence", None, strong=False)
# Governors whose "for" object is what they ask for ("called for sanctions", "appealed for aid").
_CALLS = frozenset({"call", "appeal", "ask", "plead", "press", "push"})
# A consultation's topic ("talks on a troop withdrawal", "negotiations over the release of
# prisoners") and the verbs whose object is one ("discuss the withdrawal") are no event of their own.
_TOPICS = frozenset({"on", "about", "over", "regarding", "concerning"})
_TOPIC_VERBS = frozenset({"discuss", "negotiate", "debate"})


def object_trigger(verb: Token) -> tuple[Trigger, Token] | None:
    """The trigger ``verb``'s object makes of it (``lexicon.OBJECTS``), and that object: a
    direct object or passive subject under the verb's key (with its particle: "call off"), an
    object of a preposition under "verb preposition" ("withdrew from the talks"); for a noun
    (``lexicon.NOUN_OBJECTS``), its "of" object ("a suspension of air links")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "NOUN":  # "a suspension of air links": the "of" object decides
        table = NOUN_OBJECTS.get(lemma, {})
        of = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        return next(((table[o.lemma_.lower()], o) for c in of for o in _objects(c) if o.lemma_.lower() in table), None)
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    table = (particle and OBJECTS.get(f"{lemma} {particle}")) or OBJECTS.get(lemma) or {}
    direct = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    candidates = []  # the more specific first: "fired (rounds) in the air" is crowd control
    for prep in (p for holder in (verb, *direct) for p in holder.children if p.dep_ == "prep"):
        by_prep = OBJECTS.get(f"{lemma} {prep.lower_}")
        if by_prep:
            candidates += [(by_prep, obj) for c in prep.children if c.dep_ == "pobj" for obj in _objects(c)]
    candidates += [(table, obj) for c in direct for obj in _objects(c)]
    for found, obj in candidates:
        trigger = found.get(obj.lemma_.lower())
        if trigger is not None:
            return trigger, obj
    return None


def _objects(head: Token) -> list[Token]:
    """An object with its conjuncts, each followed by what it is a quantity of ("700 kg of medicine")."""
    found: list[Token] = []
    for token in (head, *head.conjuncts):
        found.append(token)
        found += [p for c in token.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return found


def object_span(verb: Token, obj: Token) -> Span:
    """The words that state the event: the verb through its object ("lifted the night curfew"),
    or the verb alone where other words come between ("gave Tanzania a grant"), so that no
    actor falls inside the trigger."""
    start, end = min(verb.i, obj.i), max(verb.i, obj.i)
    table = OBJECTS.get(verb.lemma_.lower(), {})
    for of in (c for c in obj.children if c.lower_ == "of" and obj.i > verb.i):  # "a state of emergency"
        end = max([end, *(p.i for p in of.children if p.dep_ == "pobj" and p.lemma_.lower() in table)])
    around = {verb.i, *(t.i for t in obj.subtree)}
    between = (t for t in verb.doc[start:end] if t.i not in around)
    if any(t.pos_ in {"NOUN", "PROPN", "PRON", "VERB"} for t in between):
        return verb.doc[verb.i : verb.i + 1]
    return verb.doc[start : end + 1]


def ungoverned(found: list[tuple[Trigger, Token, Span]]) -> list[tuple[Trigger, Token, Span]]:
    """``found`` without the triggers that state what a governing trigger agrees to, refuses,
    demands or threatens (``lexicon.GOVERNORS``, ``OBJECT_GOVERNORS``): that is no event of its
    own, but it gives the governing event its mode (``lexicon.governing``)."""
    governed: dict[int, int] = {}  # token -> the governing trigger's index in ``found``
    asked_for: set[int] = set()  # what is called for ("called for a strike" still calls a strike)
    for n, (trigger, _, span) in enumerate(found):
        for governor in span:
            lemma = governor.lemma_.lower()
            for child in governor.children:
                if child.dep_ in {"xcomp", "ccomp"} and lemma in GOVERNORS and not _question(child):
                    inside = _content(child)
                elif child.dep_ == "advcl" and lemma in GOVERNORS and _purpose(child) and _asks(trigger, governor):
                    inside = _content(child)  # "demanded a meeting to discuss the incursion", "vowed to fight"
                elif child.dep_ == "prep" and child.lower_ == "for" and lemma in _CALLS:
                    inside = _noun_phrase(child)  # "called for sanctions", "appealed for aid"
                    asked_for |= inside
                elif child.dep_ == "prep" and child.lower_ in _TOPICS and trigger.plover == "CONSULT":
                    inside = _noun_phrase(child)  # "talks on a troop withdrawal": the topic
                elif child.dep_ == "dobj" and lemma in _TOPIC_VERBS:
                    inside = _noun_phrase(child)  # "met to discuss the withdrawal"
                elif child.dep_ == "acl" and governor.pos_ == "NOUN" and lemma in GOVERNORS and _subject(child):
                    inside = _content(child)  # "its demand that Israel ease restrictions"
                elif child.dep_ == "prep" and child.lower_ in {"to", "on"} and lemma in GOVERNORS:
                    inside = _noun_phrase(child)  # "agreed to a ceasefire"
                elif child.dep_ in {"dobj", "nsubjpass"} and lemma in OBJECT_GOVERNORS:
                    inside = _noun_phrase(child)  # "rejected the offer"
                else:
                    continue
                for i in inside:
                    governed.setdefault(i, n)
        for governor in span:  # "reiterated its demand today that Israel ease ...": the clause hangs on the verb
            if governor.pos_ == "NOUN" and governor.dep_ == "dobj" and governor.lemma_.lower() in GOVERNORS:
                for clause in _noun_clauses(governor):
                    for i in _content(clause):
                        governed.setdefault(i, n)
    kept: list[tuple[Trigger, Token, Span] | None] = list(found)
    read: set[int] = set()
    for n, (trigger, head, _) in enumerate(found):
        g = governed.get(head.i, n)
        if g == n or (head.i in asked_for and trigger.plover == "PROTEST"):
            continue
        kept[n] = None
        reading = kept[g]
        if reading is not None and g not in read:
            noun = head.pos_ not in {"VERB", "AUX"}
            kept[g] = (governing(reading[0], trigger, content_noun=noun), reading[1], reading[2])
            read.add(g)
    return [f for f in kept if f is not None]


def _noun_clauses(noun: Token) -> list[Token]:
    """The "that" clauses the parse hangs on the verb of ``noun``, its object, when words come
    between them ("reiterated its demand today that Israel ease restrictions")."""
    return [
        c
        for c in noun.head.children
        if c.dep_ == "ccomp" and c.i > noun.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]


def _asks(trigger: Trigger, governor: Token) -> bool:
    """Whether an infinitive of purpose under ``governor`` is what it governs: what a demand is
    for is demanded too, and "vowed to fight" parses as one; but "offered its troops to help
    oust the general" offers troops, the help being their purpose."""
    return trigger.plover == "REQUEST" or not any(c.dep_ == "dobj" for c in governor.children)


def _purpose(clause: Token) -> bool:
    """An infinitive of purpose ("to allow food to reach the needy"), not a clause with its own
    conjunction ("before talks began")."""
    return clause.pos_ in {"VERB", "AUX"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _noun_phrase(token: Token) -> set[int]:
    """``token`` and what it says is rejected or agreed to ("calls for sanctions", "the release of
    prisoners"), without the clauses, participles and other phrases attached to it ("miners who
    are on strike", "detained protesters", "restrictions on those responsible for the violence")."""
    tokens = {token.i}
    for child in token.children:
        clause = child.dep_ in {"relcl", "acl", "advcl", "appos"} or (child.dep_ == "amod" and child.pos_ == "VERB")
        if not clause and (child.dep_ != "prep" or child.lower_ in {"of", "for"}):
            tokens |= _noun_phrase(child)
        elif child.dep_ == "acl" and _purpose(child):  # "a plan to withdraw troops"
            tokens |= _content(child)
    return tokens


def _content(clause: Token) -> set[int]:
    """The complement's verb, its objects and the complements it has in turn ("refused to lift
    the curfew"), not its adjuncts ("refused to return to work following a strike")."""
    tokens = {clause.i}
    for child in clause.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr", "acomp", "oprd", "prt"}:
            tokens |= _noun_phrase(child)
        elif (
            (child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"})
            or (child.dep_ == "conj" and child.tag_ == clause.tag_)  # "restore the internet and allow ..."
            or (child.dep_ == "advcl" and _purpose(child))  # "must ensure security to allow supplies in"
        ):
            tokens |= _content(child)
    return tokens


def announces(head: Token) -> bool:
    """ "would" in the trigger's clause: in reported speech, an announcement ("said it would allow")."""
    clause = head if head.pos_ in {"VERB", "AUX"} else head.head
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in clause.children)


def _subject(clause: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def _question(clause: Token) -> bool:
    """An indirect question ("asked why workers had to rally") is no request."""
    return any(t.lower_ in {"why", "how", "whether", "what", "when", "where", "if"} for t in clause.children)


def obliger(verb: Token) -> Token | None:
    """The verb of saying whose speaker obliges the subject of ``verb``'s clause ("Russia said
    Sudan must return ..."; "the US must be ready to mediate, Egypt said"), or None. The subject
    must be named (not a pronoun: "it must" is the speaker's own duty, or unknown) and the modal
    one of obligation ("must", "should"), not of inference ("must have known")."""
    if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ not in {"ccomp", "parataxis"}:
        return None
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if not _OBLIGING.intersection(auxes) or "have" in auxes:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or any(s.pos_ == "PRON" for s in subjects):
        return None
    speaker = verb.head
    if speaker.lemma_.lower() not in _REPORTING or not any(c.dep_ == "nsubj" for c in speaker.children):
        return None
    return speaker


def obligations(found: list[tuple[Trigger, Token, Span]], doc: Span) -> list[tuple[Trigger, Token, Span]]:
    """``found`` with each obligation in reported speech (``obliger``) read as a demand: the
    triggers in the obliged clause ("must return a helicopter", "must agree to changes") are
    its content and give it its mode (``lexicon.governing``), and the obliged verb triggers it."""
    result = list(found)
    for verb in doc:
        if obliger(verb) is None:
            continue
        inside = _content(verb)
        content = [f for f in result if f[1].i in inside]
        result = [f for f in result if f[1].i not in inside]
        trigger = governing(_DEMAND, content[0][0]) if content else _DEMAND
        span = next((s for _, h, s in content if h.i == verb.i), verb.doc[verb.i : verb.i + 1])
        result.append((trigger, verb, span))
    return result


def _condition(head: Token) -> tuple[Token, str] | None:
    """The condition clause ("unless ...", "if ...") of ``head``'s clause and its word, when the
    clause announces or envisages the action ("will", "may")."""
    clause = head if head.pos_ in {"VERB", "AUX"} else head.head
    if not _PROSPECTIVE.intersection(c.lower_ for c in clause.children if c.dep_ == "aux"):
        return None
    for child in clause.children:
        if child.dep_ == "advcl":
            mark = next((m.lower_ for m in child.children if m.dep_ == "mark" and m.lower_ in {"if", "unless"}), None)
            if mark is not None:
                return child, mark
    return None


def conditional_threats(found: list[tuple[Trigger, Token, Span]]) -> list[tuple[Trigger, Token, Span]]:
    """``found`` with each action announced on a condition read as a threat (``_condition``):
    "unless" makes a threat of any action but an intent to cooperate, "if" of a harmful one; the
    threat's mode is what is threatened (``lexicon.governing``); the condition's triggers go."""
    threats: dict[int, Trigger] = {}
    conditions: set[int] = set()
    for n, (trigger, head, _) in enumerate(found):
        condition = _condition(head)
        if condition is None or trigger.plover in {"AGREE", "THREATEN", "REQUEST"}:
            continue
        clause, mark = condition
        if mark == "unless" or trigger.plover in _HARMFUL:
            threats[n] = governing(Trigger("THREATEN", None, None, strong=trigger.strong), trigger)
            conditions |= {clause.i, *_content(clause)}
    result = []
    for n, (trigger, head, span) in enumerate(found):
        if n in threats:
            result.append((threats[n], head, span))
        elif head.i not in conditions:
            result.append((trigger, head, span))
    return result


def vows_force(verb: Token, trigger: Trigger) -> Trigger:
    """A promise (``trigger`` AGREE on ``verb``) whose content is to fight is a threat of
    violence ("have sworn to fight until they gain control", "vowed to retaliate"): PLOVER
    THREATEN covers "coercive or forceful warnings", and CAMEO codes a vow of force (138) so.
    A promise to fight something or for something ("vowed to fight corruption", "to fight for
    their rights") stays a promise."""
    if trigger.plover != "AGREE":
        return trigger
    for clause in verb.children:
        infinitive = clause.dep_ == "xcomp" or (
            clause.dep_ == "advcl" and any(c.lower_ == "to" for c in clause.children)
        )
        if not infinitive or clause.lemma_.lower() not in _FIGHTING:
            continue
        if any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "for") for c in clause.children):
            continue
        return Trigger(_THREAT_OF_FORCE.plover, _THREAT_OF_FORCE.mode, None, strong=trigger.strong)
    return trigger
