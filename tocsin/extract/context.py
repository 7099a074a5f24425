"""Context flags of an event: negated, hypothetical, future, claimed, background.

Read from the trigger's own clause (its auxiliaries, negation, ``if`` marker, governing verb)
and, for ``background``, from the sentence: a past time frame well before publication
("Until 2019 it was run by ...", "in 1991", "decades ago"). Background events are not
current events and are dropped by the event stage.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["background_spans", "clause_flags", "in_background", "is_background"]

_MODALS = frozenset({"could", "might", "may", "would", "should", "must", "can", "ca"})  # "ca" of "can't"
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# Verbs whose complement is planned or intended, not done: "plans to strike".
_INTENT = frozenset(
    {
        "plan",
        "intend",
        "threaten",
        "vow",
        "promise",
        "prepare",
        "aim",
        "want",
        "hope",
        "seek",
        "pledge",
    }
)
# Verbs whose object is still to come: "plans a march", "a strike scheduled for Monday". Not
# "announce": "announced new sanctions", "announced his resignation" are the acts themselves
# (an announced strike's "for Monday" says it is ahead: ``dates.scheduled``).
_PLANNED_OBJECT = frozenset({"plan", "schedule"})
_HYPOTHETICAL_HEADS = frozenset({"need", "risk", "consider", "propose", "urge", "call"})
# Verbs that let, tell or expect someone to act: their infinitive is not yet done ("a law that
# allows the police to arrest anyone", "ordered the police to arrest them"). Not "forced to
# flee", which says they fled.
_LICENSING_HEADS = frozenset({
    "allow", "permit", "let", "enable", "empower", "authorise", "authorize", "order", "direct", "instruct",
    "tell", "ask", "advise", "request", "want", "expect", "require",
})  # fmt: skip
_CLAIM_HEADS = frozenset({"claim", "allege", "rumor", "rumour"})
# What is averted or feared has not happened: "to avoid strikes", "fears of attacks".
_AVERTING_VERBS = frozenset({"avoid", "prevent", "avert", "forestall", "fear", "risk"})
# What is threatened or warned of has not happened either: "threatened a strike", "warned of
# unrest" (the threat is its own THREATEN event).
_WARNING_VERBS = frozenset({"threaten", "warn"})
_FEAR_NOUNS = frozenset(
    {"fear", "threat", "risk", "danger", "possibility", "prospect", "likelihood", "spectre", "specter"}
)
# A superlative or first that "since" measures against: "the largest since 2019", "the first time since".
_SINCE_MEASURE = re.compile(r"(?:\w+est|first|time|ever)\s+$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "until 2019", "in the 1990s", "since April 2023" (a toll "since" then sums up a war: "fighting
# has killed tens of thousands since April 2023" is no event of its own)
_BACKGROUND = re.compile(
    r"\b(?:until|before|in|during|of|since)\s+(?:the\s+)?(?:(?:early|mid|late)[- ]?)?"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
    r"(?P<year>1[89]\d\d|20\d\d)s?\b"
    r"|\b(?:decades|centuries|years)\s+ago\b|\bused to\b|\bhistorically\b|\bformerly\b",
    re.IGNORECASE,
)


def clause_flags(trigger: Token) -> list[str]:
    """Flags read from the trigger's clause."""
    flags: list[str] = []
    clause = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    aux = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
    negators = trigger.children if trigger.pos_ != "VERB" else (*trigger.children, *clause.children)
    if trigger.pos_ != "VERB" and trigger.dep_ in {"dobj", "nsubjpass"}:
        # "did not declare a state of emergency", "no curfew was imposed": the verb that
        # does the noun is negated
        negators = (*negators, *clause.children)
    if any(c.dep_ == "neg" for c in negators) or any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children):
        flags.append("negated")
    if aux & _FUTURE_AUX or (clause.dep_ == "xcomp" and clause.head.lemma_ == "go" and "to" in aux):
        flags.append("future")
    if clause.dep_ in {"xcomp", "ccomp"} and clause.head.lemma_ in _INTENT:
        flags.append("future")
    if clause.lemma_ in _PLANNED_OBJECT and _plans_a_thing(trigger, clause):
        flags.append("future")
    for governing in (clause, *_governing(clause)):
        its_aux = {c.lower_ for c in governing.children if c.dep_ in {"aux", "auxpass"}}
        if its_aux & _MODALS or any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in governing.children):
            flags.append("hypothetical")
        if its_aux & _FUTURE_AUX:
            flags.append("future")
    if _awaited(clause):
        flags.append("hypothetical")
    if _averted(trigger) or _demanded(trigger) or _unrealised(clause):
        flags.append("hypothetical")
    if clause.dep_ in {"xcomp", "ccomp"} and clause.head.lemma_ in _HYPOTHETICAL_HEADS:
        flags.append("hypothetical")
    if clause.dep_ in {"xcomp", "ccomp"} and clause.head.lemma_ in _LICENSING_HEADS and _infinitive(clause):
        flags.append("hypothetical")
    # a clause under "claimed" (not a root's own head: "clashes have claimed lives" claims nothing)
    claimed = clause.head.i != clause.i and clause.head.lemma_ in _CLAIM_HEADS
    if claimed or any(c.lemma_ in {"reportedly", "allegedly"} for c in clause.children):
        flags.append("claimed")
    if _asked(trigger):
        flags.append("hypothetical")
    return sorted(set(flags))


def _plans_a_thing(trigger: Token, clause: Token) -> bool:
    """A planned noun: the object of "plan" or "schedule", or the verb itself read with that
    object ("plans a march"), not a clause it governs."""
    if trigger.i != clause.i:
        return trigger.dep_ in {"dobj", "nsubjpass"}
    return any(c.dep_ in {"dobj", "nsubjpass"} for c in clause.children)


def _awaited(clause: Token) -> bool:
    """A clause awaited by one still to come: "the strike would continue until the government
    withdrew the plan", "will not leave before the minister resigns" (but "stayed until police
    dispersed them" happened)."""
    if clause.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in {"until", "till", "before"} for c in clause.children
    ):
        return False
    aux = {c.lower_ for c in clause.head.children if c.dep_ in {"aux", "auxpass"}}
    return bool(aux & (_MODALS | _FUTURE_AUX))


def _asked(trigger: Token) -> bool:
    """A trigger in a direct question states no event: "why did police fire on the marchers?",
    "will the government shut down the internet again?". Of the IndiaPoliceEvents development
    sentences that end in a question mark, none reports a police action. A quoted question at
    the end of a statement covers only the quote: in 'they marched, chanting "where is our
    money?"' the march happened."""
    sentence = trigger.sent
    text = sentence.text.rstrip()
    quoted = text.endswith(('"', "\u201d"))
    if not text.rstrip('"\u201d').endswith("?"):
        return False
    if not quoted:
        return True
    opening = max(text.rfind('"', 0, len(text) - 1), text.rfind("\u201c"))
    return opening < 0 or trigger.idx - sentence.start_char > opening


_FINITE = frozenset({"VBD", "VBZ", "VBP"})  # a tense of its own, not the governing auxiliary's


def _governing(clause: Token) -> list[Token]:
    """The clauses whose complement or conjunct ``clause`` is, and which lend it their modal:
    "the victory would lead to privatisation and prompt workers to stage a strike" states no
    strike. A conjunct with its own subject or tense is a clause of its own ("police would not
    comment and workers marched", "said it would review ties and threatened sanctions")."""
    chain: list[Token] = []
    if clause.dep_ == "pcomp" and clause.head.dep_ == "prep" and clause.head.head.pos_ in {"VERB", "AUX"}:
        clause = clause.head.head  # "will not hesitate in arresting them"
        chain.append(clause)
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:  # "prompt" may be tagged ADJ
        if clause.dep_ == "conj" and (
            clause.tag_ in _FINITE or any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
        ):
            break
        clause = clause.head
        chain.append(clause)
    return chain


# Verbs and nouns of demanding: what they ask for has not happened ("demanded the arrest of
# its leaders", "called for a ban", "the demand for his arrest").
_DEMANDING = frozenset({
    "demand", "seek", "urge", "want", "ask", "press", "call", "recommend", "suggest", "favour", "favor", "propose",
})  # fmt: skip
_DEMAND_NOUNS = frozenset({"demand", "call", "plea", "appeal", "request", "petition"})
_DEMANDING_FOR = frozenset({"call", "press"})  # demanding only with "for": "called for a ban"


def _demanded(trigger: Token) -> bool:
    """A noun trigger that is what a demand asks for: the object of a verb of demanding, or of
    "for" after one ("called for a ban"; "called a strike" is done), or of "for" after a noun of
    demand, directly or as a conjunct ("demanded a ban on the group and arrest of its leaders",
    where the parser may hang the conjunct on the ban's object). What a demanded inquiry is
    into has happened ("called for an inquiry into the killings")."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    token, conjunct = trigger, False
    while token.dep_ == "conj" and token.head.i != token.i:
        token, conjunct = token.head, True
    if conjunct and token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head.head  # "a ban on the group and arrest of ...": the ban's conjunct
    head = token.head
    if token.dep_ == "dobj" and head.pos_ == "VERB":
        return head.lemma_ in _DEMANDING - _DEMANDING_FOR  # "called a strike" did strike
    return token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in _DEMANDING | _DEMAND_NOUNS


def _infinitive(clause: Token) -> bool:
    """Whether ``clause`` is a to-infinitive ("to arrest", "to be arrested")."""
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "to" for c in clause.children)


def _unrealised(clause: Token) -> bool:
    """An infinitive that completes a noun or an adjective states no act done: "the
    responsibility to apprehend him", "are likely to be arrested", "free to arrest us", "take
    steps to arrest them" (which the parser may read as a relative clause of the noun); but
    what someone was able to do is done."""
    if clause.pos_ != "VERB" or clause.dep_ not in {"acl", "xcomp", "relcl"}:
        return False
    if clause.head.lemma_.lower() == "able":
        return False  # "were able to arrest 39 of them" did arrest them
    return _infinitive(clause) and clause.head.pos_ in {"NOUN", "ADJ"}


def _averted(trigger: Token) -> bool:
    """A noun trigger stated as averted, feared or threatened: "to avoid strikes", "fears of
    attacks", "threatened a strike", "warned of a strike if talks fail"."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    if trigger.dep_ == "dobj" and trigger.head.lemma_ in _AVERTING_VERBS | _WARNING_VERBS:
        return True
    head = trigger.head
    if trigger.dep_ != "pobj" or head.lower_ != "of":
        return False
    return head.head.lemma_ in _FEAR_NOUNS or (head.head.lemma_ in _WARNING_VERBS and head.head.pos_ == "VERB")


def is_background(sentence: str, published: date | None) -> bool:
    """Whether ``sentence`` mentions a past well before publication."""
    return bool(background_spans(sentence, published))


def background_spans(sentence: str, published: date | None) -> list[tuple[int, int]]:
    """Character spans of ``sentence`` that set something in a past well before publication
    ("until 2019", "in 1991", "decades ago")."""
    spans = []
    reference = published.year if published else date.today().year  # noqa: DTZ011 - a year
    for match in _BACKGROUND.finditer(sentence):
        year = match.group("year")
        if match.group(0)[:5].lower() == "since" and _SINCE_MEASURE.search(sentence, 0, match.start()):
            continue  # "the largest protests since 2019" are today's
        if year is None or int(year) < reference - 1:
            spans.append(match.span())
    return spans


# Clauses inside a clause that carry their own time: "the nationals suspected of blowing up a
# plane in 1988" sets the suspicion, not the offer, in 1988.
_EMBEDDED = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "appos"})


def in_background(trigger: Token, spans: list[tuple[int, int]]) -> bool:
    """Whether a background span (sentence offsets) lies in the trigger's own clause or in a
    clause it is embedded in ("until 2015 the country was ruled by a junta that jailed ..."),
    not merely in a clause embedded in the trigger's ("offered to hand over nationals suspected
    of blowing up a plane in 1988")."""
    if not spans:
        return False
    spans = [s for s in spans if not _dates_an_object(s, trigger)]
    clause: Token | None = _clause_of(trigger)
    while clause is not None:
        if any(any(start <= i < end for start, end in spans) for i in _own_tokens(clause)):
            return True
        clause = _clause_of(clause.head) if clause.head.i != clause.i else None
    return False


def _dates_an_object(span: tuple[int, int], trigger: Token) -> bool:
    """Whether the span ("in the 1970s") dates a noun inside the act's direct object, not the act:
    "ordered the release of files on killings in the 1970s" is an order made now. Only objects:
    an adjunct's noun may set the act's own time ("killed in the crackdown in 1989")."""
    first = next((t for t in trigger.doc if t.idx >= span[0]), None)
    if first is None or first.idx >= span[1]:
        return False
    noun = first.head
    if noun.i == trigger.i or noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    for above in (noun, *noun.ancestors):
        if above.i == trigger.i or above.pos_ in {"VERB", "AUX"}:
            return False
        if above.dep_ == "dobj":  # of the trigger's own verb: a governing clause's may set it in the past
            return above.head.i == _clause_of(trigger).i and trigger not in above.subtree
    return False


def _clause_of(token: Token) -> Token:
    while token.pos_ not in {"VERB", "AUX"} and token.dep_ not in _EMBEDDED and token.head.i != token.i:
        token = token.head
    return token


def _own_tokens(clause: Token) -> set[int]:
    """Character offsets of the clause's tokens, embedded clauses left out."""
    inside: set[int] = set()
    stack = [clause]
    while stack:
        token = stack.pop()
        inside.add(token.idx)
        stack.extend(c for c in token.children if c.dep_ not in _EMBEDDED)
    return inside
