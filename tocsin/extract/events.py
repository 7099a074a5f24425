"""The event stage: triggers -> typed events with actors, counts, place, date and evidence.

For each parsed sentence (see ``nlp/parse.py``):

1. triggers: multi-word phrases (spaCy ``Matcher`` over ``lexicon.PHRASES``), then single
   verbs and nouns from ``lexicon.VERBS``/``NOUNS``; one event per trigger and type;
2. actors from the parse (``actors.py``); a weak trigger with no political actor is dropped;
3. ACLED sub-type refined from the actors (``acled.py``);
4. counts (``counts.py``), context flags (``context.py``), place (``places.py``) and date
   (``dates.py``);
5. evidence spans for the trigger and every argument, and a confidence per field;
6. the shipped sentence models (``classifier.py``): the PLOVER model scores each event's type,
   re-types an argument-less event it rejects, or finds an event the lexicon missed; the ACLED
   model picks each event's sub-type among those its PLOVER type and mode allow.

Sentences set in the past (``background``) or that are promo lines yield no events.
The confidences are uncalibrated priors chosen by hand (``_PRIOR``); calibration against the
gold sets is issue #4's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import Settings
from ..errors import GeocodeError
from ..geocode import Gazetteer, get_gazetteer
from ..geocode.toponyms import dateline, dateline_end
from ..models import ACLED_SUBTYPES, PLOVER_MODES, Actor, Article, Count, Event, Evidence, Place, Sentence, Span
from ..pipeline import register_stage
from ._place_model import load_place_model
from .acled import ACLED_FOR_PLOVER, allowed_subtypes, codebook_cues, crowd_named, refine_acled
from .actors import (
    SECTOR_WORDS,
    STATE_SECTORS,
    actors_of,
    addressees,
    by_police,
    code_actor,
    of_quantity,
    recipients,
    speech_act,
)
from .classifier import LinearModel, event_features, keep_side, load_model, text_features
from .context import background_spans, clause_flags, in_background
from .counts import find_counts
from .dates import event_dates, resolve_date, scheduled
from .embed import load_embedder
from .leaders import load_leaders
from .lexicon import (
    ADDRESSED,
    EXERCISES,
    FUTURE,
    MEDIA_OBJECTS,
    NEEDS_OBJECT,
    NO_OBJECT,
    NOUNS,
    PHRASES,
    SPEECH,
    SPORTS,
    TRANSITIVE,
    VERBS,
    Trigger,
    announced,
)
from .places import focus_country, place_of
from .readings import (
    announces,
    conditional_threats,
    object_span,
    object_trigger,
    obligations,
    obliger,
    ungoverned,
    vows_force,
)

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["EventStage"]

# Sentence-model thresholds, chosen on the PLOVER GSR cross-validation printed by `make train`.
RETYPE = 0.7
FIND = 0.4
# A police act the PLOVER model types with less than this is the police at work (MOBILIZE).
POLICE_TYPE_MIN = 0.25
# The police head's probability of a police act above which police the sentence names in
# another role than agent are taken for its actor (EventStage._police_events).
POLICE_MENTION_MIN = 0.5
# Below this probability the trained ACLED model does not overrule the rule-based sub-type
# (a bare "eleven were wounded" gives the model nothing to go on).
ACLED_OVERRIDE = 0.5
# Hand-set prior confidences (not yet calibrated; see module docstring).
_PRIOR = {"strong": 0.8, "weak": 0.6, "damaged": 0.6, "uncertain": 0.75}
_VIOLENT = frozenset({"ASSAULT", "PROTEST", "COERCE"})


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A parsed sentence and what its article says around it: the one argument of every step
    of the event stage (triggers, the sentence models' checks, the police acts)."""

    article: Article
    index: int
    doc: Doc
    focus: str | None  # the article's focus country (``places.focus_country``)
    countries: list[str]  # the countries the article names, then the regions of its places
    anchor: Place | None  # the dateline's place
    heading: int  # where the dateline ends in the article's text (0: none); it names no actor

    @property
    def sentence(self) -> Sentence:
        return self.article.sentences[self.index]

    @property
    def offset(self) -> int:
        """Where the sentence starts in the article's text: spans are article offsets."""
        return self.sentence.start

    @property
    def damaged(self) -> bool:
        return "damaged" in self.sentence.flags


@register_stage("tocsin.events.v1")
class EventStage:
    """Finds the events of each parsed sentence; sets ``article.events``."""

    name: str = "tocsin.events.v1"
    requires: tuple[str, ...] = ("article.doc", "article.mentions", "article.sentences")
    produces: tuple[str, ...] = ("article.events",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return get_gazetteer()

    @cached_property
    def matcher(self) -> Matcher:
        from spacy.matcher import Matcher  # noqa: PLC0415

        from ..nlp.parse import load_nlp  # noqa: PLC0415

        matcher = Matcher(load_nlp(self.settings.spacy_model).vocab)
        for key, (_, patterns) in PHRASES.items():
            matcher.add(key, patterns)
        return matcher

    def warm(self) -> None:
        """Load the gazetteer, models and tables now (before the pipeline forks its workers)."""
        _ = (self.gazetteer, self.matcher, self.plover_model)
        for name in (self.settings.acled_model, self.settings.police_model):
            if name:
                load_model(name)
        load_embedder()
        load_place_model()
        load_leaders()

    def __call__(self, article: Article) -> Article:
        docs: dict[int, Doc] = article.doc or {}
        article.events = []
        if not docs:
            return article
        focus, countries = focus_country(article, self.gazetteer)
        line = dateline(article.text, self.gazetteer)
        anchor = line.place if line is not None else None
        heading = dateline_end(article.text, line) if line is not None else 0
        for index, doc in sorted(docs.items()):
            sentence = article.sentences[index]
            events = self._sentence_events(_Parsed(article, index, doc, focus, countries, anchor, heading))
            past = background_spans(sentence.text, article.published)
            current = [e for e in events if not in_background(_trigger_token(doc, e, sentence.start), past)]
            if len(current) < len(events) and "background" not in sentence.flags:
                sentence.flags.append("background")
            article.events.extend(current)
        _carry_over(article.events)
        self._classify_acled(article)
        for event in article.events:  # after both models: their features see only stated actors
            _add_implicit_target(event, self.gazetteer)
            _add_weapon_mode(event)
        article.events = [e for e in article.events if _overall(e) >= self.settings.min_confidence]
        return article

    def _sentence_events(
        self, at: _Parsed, extra: tuple[tuple[Trigger, Token, SpacySpan], ...] = (), *, vouched: bool = False
    ) -> list[Event]:
        """The events of one parsed sentence: the lexicon's triggers (or ``extra`` ones), their
        actors, place and date, checked by the sentence model. ``vouched``: ``extra`` holds
        lexicon triggers that the sentence model vouches for (``_vouched``), read as the lexicon's
        own but for the political actor a weak one needs."""
        article, index, doc, focus = at.article, at.index, at.doc, at.focus
        sentence, offset, damaged = at.sentence, at.offset, at.damaged
        counts = find_counts(sentence.text, offset)
        local = _sentence_country(doc, self.gazetteer, at.countries) or focus  # the home of "police" here
        events: list[Event] = []
        seen: set[tuple[str, int]] = set()
        deaths: list[Span] = []  # casualty triggers with no actor: "a supporter was killed in police firing"
        dropped: list[tuple[Trigger, Token, SpacySpan]] = []  # weak triggers, no actor's sector known
        lexical = not extra or vouched  # the lexicon's triggers, read in full
        for found, head, span in extra or self._triggers(doc):
            trigger = found
            if (trigger.plover, head.i) in seen:
                continue
            source_heads, target_heads = actors_of(head)
            source_heads = source_heads or _reporter(head)
            speaker = obliger(head) if trigger.plover == "REQUEST" else None
            if speaker is not None:  # "Russia said Sudan must return it": Russia demands of Sudan
                source_heads, target_heads = actors_of(speaker)[0], source_heads + target_heads
            inside = range(span.start, span.end)  # "state of emergency" is not its own target
            # "VALPARAISO, Chile (Reuters) — Dockworkers walked off ...": the parser may take the
            # dateline for a subject
            coding = (offset, self.gazetteer, local, damaged, article)
            source_heads = [t for t in _past_dateline(source_heads, offset, at.heading) if t.i not in inside]
            target_heads = [t for t in _past_dateline(target_heads, offset, at.heading) if t.i not in inside]
            sources = [_after_dateline(code_actor(t, *coding), article.text, at.heading) for t in source_heads]
            kept = [k for k, (t, a) in enumerate(zip(source_heads, sources, strict=True)) if not _place_named(t, a)]
            source_heads, sources = [source_heads[k] for k in kept], [sources[k] for k in kept]
            targets = [_after_dateline(code_actor(t, *coding), article.text, at.heading) for t in target_heads]
            if _ceremony(trigger, head) or _a_right(head) or _forecast(head):
                continue  # "mourners gathered outside the church for the funeral"
            if not trigger.strong and not vouched and not _weak_ok(trigger, sources, targets, counts):
                if not any(a.sector for a in (*sources, *targets) if a.sector != "UNK"):  # none to judge by
                    dropped.append((found, head, span))
                death = trigger.plover == "ASSAULT" and head.lower_.startswith(_DEATH)
                if death and "negated" not in clause_flags(head):
                    deaths.append(Span(offset + span.start_char, offset + span.end_char, span.text))
                continue
            if not any(a.country for a in targets):
                targets += self._recipients(head, [*source_heads, *target_heads], offset, focus, damaged)
            if trigger.mode == "obstruct" and head.lemma_.lower() == "surround" and _armed_state(sources, _FIGHTERS):
                # "troops surrounded the rebel stronghold", "militants surrounded the village"
                trigger = Trigger("MOBILIZE", "troops", "OTHER", strong=False)
            if trigger.mode == "obstruct" and any(a.sector in STATE_SECTORS for a in sources):
                # "police blocked the road" is the state restricting movement, not a protest;
                # "troops occupied the parliament building" is a seizure
                seized = head.lemma_.lower() == "occupy"
                trigger = Trigger("COERCE", "seize" if seized else "restrict", "OTHER", strong=False)
            if trigger.plover == "MOBILIZE" and _joint_exercise(head, span, source_heads, self.gazetteer):
                trigger = Trigger("COOPERATE", None, None, strong=trigger.strong)
            if trigger.plover == "PROTEST" and trigger.mode == "riot" and _armed_state(sources, _ARMED):
                # "the ship was stormed by troops", "gunmen stormed the village": soldiers, police
                # and armed groups raid, they do not riot
                trigger = Trigger("ASSAULT", None, "ATTACK", strong=False)
            if trigger.plover == "PROTEST" and trigger.mode == "strike" and (fire := _strikes_of_war(head, article)):
                # "the strikes hit a market and a school", "strikes killed 12": air or missile strikes
                trigger = fire
            if trigger.plover == "PROTEST" and head.lemma_.lower() == "march" and _troops_moving(sources, head):
                # "soldiers marched into the town", "rebel fighters marched on the capital"
                trigger = Trigger("MOBILIZE", "troops", "OTHER", strong=False)
            flags = clause_flags(head)
            if "future" not in flags and scheduled(doc, head, article.published):
                flags.append("future")  # "announced a one-day strike for Wednesday"
            if speaker is not None:  # the demand is made; only what is demanded is hypothetical
                flags = [f for f in flags if f != "hypothetical"]
            announcement = "future" in flags or announces(head)
            if trigger.plover in FUTURE and lexical and head.pos_ in {"VERB", "AUX"} and announcement:
                trigger = announced(trigger, negated="negated" in flags)  # "will visit" is AGREE
            elif trigger.plover == "PROTEST" and lexical and announces(head) and "negated" not in flags:
                # "said they would boycott the elections": a protest announced in reported speech is
                # a threat of one (THREATEN restrict: boycotts, strikes, blockades; CAMEO 133); one
                # scheduled ("will strike on Monday") stays a protest
                trigger = Trigger("THREATEN", "restrict", None, strong=trigger.strong)
            seen.add((trigger.plover, head.i))
            mode, acled = refine_acled(trigger, head, sources, targets, sentence.text)
            if damaged:
                flags.append("damaged")
            trigger_span = Span(offset + span.start_char, offset + span.end_char, span.text)
            arguments: dict[str, list[Span]] = {}
            if sources:
                arguments["source"] = [a.span for a in sources if a.span]
            if targets:
                arguments["target"] = [a.span for a in targets if a.span]
            event = Event(
                plover_type=trigger.plover,
                plover_mode=mode,
                acled_subtype=acled,
                acled_type=ACLED_SUBTYPES[acled] if acled else None,
                sources=sources,
                targets=targets,
                context=sorted(set(flags)),
                evidence=Evidence(
                    article_id=article.id,
                    sentence_index=index,
                    sentence=Span(sentence.start, sentence.end, sentence.text),
                    trigger=trigger_span,
                    arguments=arguments,
                ),
            )
            if trigger.plover in _VIOLENT:
                for field, count in counts.items():
                    if field == "crowd_size" and trigger.plover != "PROTEST":
                        continue
                    setattr(event, field, count)
                    if count.span:
                        arguments[field] = [count.span]
            place, place_conf = place_of(event, head, doc, offset, self.gazetteer, focus, at.countries, at.anchor)
            event.place = place
            if place and place.span:
                arguments["place"] = [place.span]
            event.date, event.date_precision, date_span = resolve_date(
                event_dates(doc, head, offset), article.published, future="future" in flags
            )
            if date_span:
                arguments["date"] = [date_span]
            event.confidence = _confidence(trigger, event, place_conf, date_span is not None)
            events.append(event)
        events = _merge(events)
        if not extra:
            probs = self._plover_probs(sentence.text, events)
            if probs is not None:
                events = self._check_types(at, events, probs) if events else self._vouched(at, dropped, probs)
                _prefer_main(doc, events, offset)
            events = self._police_events(at, events, probs)
            events = self._police_inaction(at, events)
        for event in events if deaths else ():
            if event.plover_type == "ASSAULT" and event.killed is None and not _UNCERTAIN & set(event.context):
                _add_death(event, deaths[0])
        return events

    def _recipients(
        self, head: Token, found: list[Token], offset: int, focus: str | None, damaged: bool
    ) -> list[Actor]:
        """Countries the trigger's prepositions name as its implicit target ("aid to Mozambique",
        "imposed a curfew in Sudan"), or that its condition or governed act addresses
        (``actors.addressees``)."""
        # the actors' words, but for a speech act's maker ("rejected an offer from Kabul")
        skip = {t.i for token in found if not speech_act(token) for t in token.subtree}
        named = [t for t in addressees(head) if t.i not in skip]
        coded = [code_actor(t, offset, self.gazetteer, focus, damaged) for t in named]
        coded += [code_actor(t, offset, self.gazetteer, focus, damaged) for t in recipients(head, skip, self.gazetteer)]
        return [a for a in coded if a.country]

    @cached_property
    def plover_model(self) -> LinearModel | None:
        return load_model(self.settings.plover_model) if self.settings.plover_model else None

    def _plover_probs(self, text: str, events: list[Event]) -> dict[str, float] | None:
        """The PLOVER sentence model's probability of each type (and NONE); None untrained."""
        model = self.plover_model
        if model is None:
            return None
        scores = model.scores(text_features(text) + event_features(events), _vector(text))
        return dict(zip(model.labels, (float(p) for p in scores), strict=True))

    def _vouched(
        self, at: _Parsed, dropped: list[tuple[Trigger, Token, SpacySpan]], probs: dict[str, float]
    ) -> list[Event]:
        """A sentence with no event whose weak triggers had no actor of known sector (a misparse:
        "the government and the rebels have agreed" read without its subject; a speaker out of
        reach: "was quoted as saying he would be ready to host talks"): the first of them whose
        type is the sentence model's likeliest label (NONE included) stands all the same. The
        parse gave no actor to judge by, so the model, which also learned what ordinary news
        looks like, judges; a trigger whose actor is known to be no political one stays
        dropped ("the company agreed"). Otherwise the model may still find an event
        (``_check_types``)."""
        best = max(probs, key=probs.__getitem__)
        for found in dropped if best != "NONE" else ():
            if found[0].plover == best:
                events = self._sentence_events(at, extra=(found,), vouched=True)
                for event in events:
                    event.confidence["plover_type"] = round(probs.get(event.plover_type, 0.0), 3)
                return events
        return self._check_types(at, [], probs)

    def _check_types(self, at: _Parsed, events: list[Event], probs: dict[str, float]) -> list[Event]:
        """The sentence model's view: confidence per type, a retype, or an event the lexicon missed.

        When the model's best type (probability >= ``RETYPE``) is none of the events' types, the
        first event takes it if it has no arguments (a bare trigger is the likeliest misreading);
        with no event and a confident model (>= ``FIND``), the sentence's main verb becomes the
        trigger of a weak event (which still needs a political actor to stand).
        """
        best = max(probs, key=probs.__getitem__)
        if not events:
            doc = at.doc
            root = doc[:].root
            if best == "NONE" or probs[best] < FIND or best not in PLOVER_MODES or root.pos_ not in {"VERB", "AUX"}:
                return events
            trigger = Trigger(best, None, None, strong=False)
            found = self._sentence_events(at, extra=((trigger, root, doc[root.i : root.i + 1]),))
            for event in found:
                event.confidence["plover_type"] = round(probs[best], 3)
            return found
        types = {e.plover_type for e in events}
        if best != "NONE" and best not in types and probs[best] >= RETYPE and not events[0].evidence.arguments:
            _retype(events[0], best)  # the first trigger is most often the main clause's
        for event in events:
            event.confidence["plover_type"] = round(probs.get(event.plover_type, 0.0), 3)
        return events

    def _police_events(self, at: _Parsed, events: list[Event], probs: dict[str, float] | None) -> list[Event]:
        """The police acts the classify stage found in this sentence, stated as events.

        A material act (an arrest is COERCE/arrest, a killing or other force ASSAULT) needs the
        police as its agent (``_police_agent``) or a sentence that names no police at all
        ("a curfew was imposed"); police who only speak, suffer or stand for a place did not
        do it. An event of the sentence that states the act without a source ("tear gas was
        fired", "38 were detained") gets the police agent as its source; otherwise the act
        becomes a new event whose trigger is the sentence's main verb (not a verb of saying).
        Any other act ("patrolling was stepped up", "police took up positions") is a new event
        of the PLOVER model's likeliest type (``_police_type``) by the police agent. A failure
        to act ("police looked the other way") is a ``negated`` event, only where the police
        are not also acting. The act and the words that state it must agree (``_POLICE_ACTS``).
        Police who only report ("no incidents were reported, police said") are at work all the
        same (IndiaPoliceEvents counts it as a police action): that is an act of the other kind
        by the speaker, triggered by the sentence's root, and nothing more.
        Where the head is sure of an act or a failure (``POLICE_MENTION_MIN``) and the parse
        names the police in no role of agent or speaker ("para-military police personnel
        deployed on roof-tops", "a report was lodged with the police"), the police it names are
        the actor of that act (``_police_mention``), not of a material one.
        An unstated agent is never filled in; the confidence is the head's probability.
        """
        labels = at.article.sentence_labels.get(at.index)
        if not labels:
            return events
        agent, named, speaker = _police_agent(at, self.gazetteer)
        police = [e for e in events if by_police(e)]
        certain = [e for e in police if not _UNCERTAIN & set(e.context)]
        acts: dict[tuple[str, str | None, bool], float] = {}  # (type, mode, failed) -> probability
        text = at.sentence.text
        for key, plover, mode, stated in _POLICE_ACTS:
            if key not in labels or not stated.search(text) or any(e.plover_type == plover for e in certain):
                continue
            if any(e.plover_type == plover and _UNCERTAIN & set(e.context) for e in events):
                continue  # the words state the act as not done ("allows the police to arrest")
            if named and agent is None:
                continue  # police who only speak or suffer in the sentence did not do this
            unowned = [e for e in events if e.plover_type == plover and _could_be_police(e)]
            if unowned and agent is not None:
                _give_source(unowned[0], agent)
                certain.append(unowned[0])
                continue
            acts[plover, mode, False] = max(labels[key], acts.get((plover, mode, False), 0.0))
        other, other_mode = _police_type(probs)
        if named and agent is None and speaker is None and not certain and _sure_police(labels):
            # police the head is sure act or fail to in a sentence whose parse names no police
            # agent ("police personnel deployed on roof-tops", "a report was lodged with the
            # police", "the allegation against the police is that they did not protect ...")
            agent = _police_mention(at, self.gazetteer)
        if named and agent is None:
            # the police only speak, suffer or stand for a place here: no act of theirs, but
            # police who report ("..., police said") are at work, a statement by the speaker
            if speaker is None or "police:ANY_ACTION" not in labels or certain:
                return events
            acts = {(other, other_mode, False): labels["police:ANY_ACTION"]}
            known = {id(e) for e in events}
            events = self._add_police_events(at, events, acts, speaker, at.doc[:].root)
            return _vouch_types(events, known, probs)
        failed_root: Token | None = None
        if (
            "police:FAIL" in labels
            and not certain
            and not any("negated" in e.context for e in police)
            and _FAILING.search(text)
        ):
            # a failure to intervene ("stood by", "did not act") is the police's coercion, negated,
            # stated where the police are the subject ("the policemen on duty did not act")
            acts["COERCE", None, True] = labels["police:FAIL"]
            failed_root = _agent_verb(at.doc, agent, at.offset)
            if other == "COERCE":
                other, other_mode = "MOBILIZE", "police"
        at_work = "police:ANY_ACTION" in labels and not certain and not any(not failed for *_, failed in acts)
        if failed_root is not None and failed_root.i != _main_verb(at.doc).i:
            failure = {key: prob for key, prob in acts.items() if key[2]}
            events = self._add_police_events(at, events, failure, agent, failed_root)
            acts = {key: prob for key, prob in acts.items() if not key[2]}
        events = self._add_police_events(at, events, acts, agent)
        if at_work:
            known = {id(e) for e in events}
            other_act = {(other, other_mode, False): labels["police:ANY_ACTION"]}
            events = _vouch_types(self._add_police_events(at, events, other_act, agent), known, probs)
        return _police_deaths(events, labels, text, at.offset)

    def _police_inaction(self, at: _Parsed, events: list[Event]) -> list[Event]:
        """A failure of the police to act that the sentence states in words, whatever the police
        model says (``_inaction``): "the policemen on duty did not act", "police failed to stop
        the mob", "police remained mute spectators", "police inaction". It is the police's
        coercion, ``negated``, triggered where the failure is stated, unless the sentence
        already has a negated police event."""
        if any(by_police(e) and "negated" in e.context for e in events):
            return events
        found = _inaction(at.doc) if _police_words().search(at.sentence.text) else None  # the regex is cheaper
        if found is None:
            return events
        police, root = found
        actor = code_actor(police, at.offset, self.gazetteer, at.focus, at.damaged, at.article)
        if actor.sector != "POL":
            return events
        acts: dict[tuple[str, str | None, bool], float] = {("COERCE", None, True): INACTION_CONFIDENCE}
        return self._add_police_events(at, events, acts, actor, root)

    def _add_police_events(
        self,
        at: _Parsed,
        events: list[Event],
        acts: dict[tuple[str, str | None, bool], float],
        actor: Actor | None,
        root: Token | None = None,
    ) -> list[Event]:
        """Each act as a new event triggered by ``root``, by default the sentence's main verb
        (see _police_events). With no police ``actor``, a verb whose stated subject is no state
        force is that subject's act, not a stand-in for the police's ("thousands of people
        banged pots ... in a protest against the curfew")."""
        if not acts:
            return events
        root = root if root is not None else _main_verb(at.doc)
        stated = {(e.plover_type, e.evidence.trigger.start) for e in events}
        if actor is None and any(e.evidence.trigger.start == at.offset + root.idx for e in events):
            return events  # the verb states its own act ("army warplanes bombed two towns"), no police's
        for (plover, mode, failed), prob in acts.items():
            if (plover, at.offset + root.idx) in stated:
                continue  # one event per trigger and type (the event id)
            stated.add((plover, at.offset + root.idx))
            trigger = Trigger(plover, mode, None, strong=True)
            for event in self._sentence_events(at, extra=((trigger, root, at.doc[root.i : root.i + 1]),)):
                if actor is None and event.sources and not any(a.sector in STATE_SECTORS for a in event.sources):
                    continue
                if actor is not None:
                    event.sources = []
                    _give_source(event, actor)
                if failed and "negated" not in event.context:
                    event.context = sorted({*event.context, "negated"})
                event.confidence["event"] = event.confidence["plover_type"] = round(prob, 3)
                events.append(event)
        return events

    def _classify_acled(self, article: Article) -> None:
        """Refine each event's ACLED sub-type with the trained model, among the sub-types its
        PLOVER type allows; the rule-based sub-type is one of the model's features."""
        model = load_model(self.settings.acled_model) if self.settings.acled_model else None
        if model is None:
            return
        words: dict[int, list[str]] = {}  # the sentence's own features, once for all its events
        crowd = crowd_named(article.text)
        for event in article.events:
            allowed = allowed_subtypes(event, crowd_in_story=crowd)
            sentence = event.evidence.sentence.text
            if not allowed:
                continue
            index = event.evidence.sentence_index
            if index not in words:
                words[index] = text_features(sentence) + codebook_cues(sentence)
            label, prob = model.predict(words[index] + event_features([event]), allowed, dense=_vector(sentence))
            label = keep_side(label, [event.acled_subtype]) if label else label
            if label and (prob >= ACLED_OVERRIDE or event.acled_subtype not in allowed):
                event.acled_subtype, event.acled_type = label, ACLED_SUBTYPES[label]
                event.confidence["acled_subtype"] = round(prob * event.confidence.get("event", 1.0), 3)

    def _triggers(self, doc: Doc) -> list[tuple[Trigger, Token, SpacySpan]]:
        found: list[tuple[Trigger, Token, SpacySpan]] = []
        covered: set[int] = set()
        objects: set[int] = set()
        words: set[str] = set()
        for token in doc:  # a verb whose object decides ("lifted the curfew"): lexicon.OBJECTS
            words.update((token.lemma_, token.lower_))
            decided = object_trigger(token) if token.pos_ in {"VERB", "NOUN"} else None
            if decided is not None:
                span = object_span(token, decided[1])
                found.append((decided[0], token, span))
                # the words between ("mounted its long-threatened invasion") are the phrase's
                covered.update((token.i, decided[1].i, *range(span.start, span.end)))
                objects.add(decided[1].i)
        needed = _phrase_words()
        matches = self.matcher(doc) if needed is None or not needed.isdisjoint(words) else []
        sports: bool | None = None  # SPORTS on the sentence, once
        for match_id, start, end in matches:
            if start in covered or objects.intersection(range(start, end)):
                continue  # the same verb, or its object, read with its object ("lifted a state of emergency")
            key = doc.vocab.strings[match_id]
            span = doc[start:end]
            found.append((PHRASES[key][0], _head_of(span), span))
            covered.update(range(start, end))
        for token in doc:
            if token.i in covered:
                continue
            lemma = token.lemma_.lower()
            trigger = None
            if token.pos_ == "VERB" and token.dep_ == "amod" and VERBS.get(lemma, _NO_TRIGGER).plover in _SPEECH_ACTS:
                trigger = None  # "the much-promised reform", "a long-threatened invasion" describe a thing
            elif token.pos_ == "VERB":
                trigger = VERBS.get(lemma)
                if lemma in TRANSITIVE and any(c.dep_ == "dobj" for c in token.children):
                    trigger = TRANSITIVE[lemma]
                if lemma in ADDRESSED and not any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
                    trigger = None
                if lemma in SPEECH and any(  # "X is failing ..., a rights group protested"
                    c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"} and c.i < token.i
                    for c in token.children
                ):
                    trigger = SPEECH[lemma]
                if lemma in NEEDS_OBJECT and not any(
                    c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in token.children
                ):
                    trigger = None
                if lemma in NO_OBJECT and _has_object(token):
                    trigger = None
                if trigger is not None and lemma in {"release", "free"} and _releases_things(token):
                    trigger = None  # "the group released a video"
                if lemma == "swear" and not any(
                    c.dep_ in {"xcomp", "advcl"} and any(a.lower_ == "to" for a in c.children) for c in token.children
                ):
                    trigger = None  # "was sworn in": only "swore to ..." is a promise
                if trigger is not None:
                    trigger = vows_force(token, trigger)
            elif token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.lemma_.lower() in _ACT_NOUNS:
                trigger = NOUNS.get(lemma)  # "a mediation effort", "strike action"
            elif token.pos_ == "NOUN" and token.dep_ != "compound":  # "riot police" is no riot
                trigger = NOUNS.get(lemma)
                if trigger is not None and (_trend(token) or _in_force(token)):
                    trigger = None
            if trigger is not None and lemma in {"strike", "clash", "attack", "battle"}:
                sports = SPORTS.search(doc.text) is not None if sports is None else sports
            if trigger is not None and sports and lemma in {"strike", "clash", "attack", "battle"}:
                trigger = None  # "struck half-centuries", "the striker attacked down the left"
            if trigger is not None and token.dep_ == "compound":  # the undertaking's words and actors
                found.append((trigger, token.head, doc[token.i : token.head.i + 1]))
                covered.add(token.head.i)
            elif trigger is not None:
                found.append((trigger, token, doc[token.i : token.i + 1]))
        found = conditional_threats(obligations(ungoverned(found), doc[:]))
        found.sort(key=lambda f: f[2].start)
        return found


_RELATIVE = frozenset({"who", "that", "which", "whom", "where", "when", "whose"})
# Verbal event types: their participles modifying a noun are no event ("the long-threatened invasion").
_SPEECH_ACTS = frozenset({"AGREE", "THREATEN", "REQUEST", "SUPPORT", "ACCUSE", "REJECT", "CONSULT"})
_NO_TRIGGER = Trigger("NONE", None, None, strong=False)
# Nouns of an undertaking whose compound modifier names the act ("a mediation effort"), unlike
# "riot police" or "protest leaders", where the modifier only describes who they are.
_ACT_NOUNS = frozenset({"effort", "bid", "initiative", "mission", "campaign", "action", "drive"})


def _has_object(verb: Token) -> bool:
    """Whether ``verb`` has an object or a clause, stated ("demonstrated their belief",
    "demonstrated that ...") or as the noun its relative clause modifies ("the confidence our
    people have demonstrated": a subject of its own and no relative word)."""
    if any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return True
    if verb.dep_ != "relcl":
        return False
    own = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "advmod", "prep"}]
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in own)
    return has_subject and not any(c.lower_ in _RELATIVE for c in (*own, *verb.subtree) if c.i < verb.i)


# Nouns of quantity and trend: "the increase in violent protests", "a rise in strikes" speak of
# protests in general, not of one that happened.
_TREND = frozenset({"increase", "rise", "surge", "decrease", "decline", "drop", "fall", "number", "rate", "frequency"})


def _trend(noun: Token) -> bool:
    """A bare plural event noun counted or compared as a trend ("the increase in violent
    protests"); "a rise in the number of protesters at the rally" and "the strike" are no trend."""
    if noun.tag_ != "NNS" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ not in {"in", "of"} or prep.head.lemma_.lower() not in _TREND:
        return False
    return not any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children)


# Nouns of a restriction that may only be in force ("remained under curfew"), and the verbs
# that say it holds rather than that someone imposed or eased it.
_STANDING = frozenset({"curfew"})
_HOLDS = frozenset({"be", "remain", "continue", "prevail", "stay", "persist", "last", "exist", "keep"})
# Verbs that bring a place "under" the restriction: "brought under curfew", "came under curfew".
_PLACING = frozenset({"place", "put", "bring", "come"})


def _in_force(noun: Token) -> bool:
    """A restriction that the sentence only says is in force ("the town remained under curfew",
    "curfew continued", "shops in curfew-bound areas", "because of riots and curfew"): a state
    of things, not an act of anyone's, so no event. It is one when it is what a verb other than
    one of holding acts on ("curfew was clamped", "the police imposed curfew") or what a place
    is brought under ("placed under curfew")."""
    if noun.lemma_.lower() not in _STANDING:
        return False
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        return noun.head.lemma_.lower() in _HOLDS
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "under":
        return prep.head.lemma_.lower() not in _PLACING
    return True


# Triggers that only report casualties: in a sentence with another assault they are part of it
# ("17 people were killed in clashes" is one event, the clashes).
_CASUALTY = ("kill", "injur", "wound", "death", "dead", "die")
# ... and those that report a death: "a supporter was killed in police firing" killed one at least.
_DEATH = ("kill", "death", "dead", "die")


@lru_cache(maxsize=512)
@lru_cache(maxsize=256)
def _vector(sentence: str) -> np.ndarray | None:
    """The sentence's distilled embedding, computed once for both models (the PLOVER model per
    sentence, the ACLED model per event after the article's last sentence); read-only, as shared."""
    embedder = load_embedder()
    if embedder is None:
        return None
    vector = embedder.embed(sentence)
    vector.setflags(write=False)
    return vector


# Words that state a failure to act, one of which a sentence must hold for the police model's
# FAIL label to become an event ("police were stumped" states none).
_FAILING = re.compile(
    r"\b(?:not|no|never|nothing|neither|nor|without|fail\w*|refus\w*|declin\w*|inaction|inactive|apath\w*"
    r"|passive|passivity|indifferen\w*|complicity|complicit|conniv\w*|collu\w*|negligen\w*|lax\w*|spectators?"
    r"|watch\w*|looked on|other way|blind eye|stood by|stand\w* by|outnumbered|helpless\w*|late|delay\w*"
    r"|absent|absence|nowhere|unable|allow\w*|let|free hand|scot[- ]free|lapses?|dereliction|mute|silent|ignor\w*"
    r"|too few|shortage|to no avail|in vain|reluctan\w*|unwilling\w*|lack\w*|at a loss|break-?down)\b|n't\b",
    re.IGNORECASE,
)
INACTION_CONFIDENCE = 0.8  # a failure to act stated in words (EventStage._police_inaction)
# Verbs whose negation by police is a failure to intervene: "police did not act".
_INTERVENE = frozenset({
    "act", "intervene", "stop", "prevent", "control", "check", "protect", "save", "help", "rescue", "register",
    "record", "lodge", "file", "take", "do", "respond", "come", "arrive", "reach", "turn", "move", "disperse",
    "arrest", "budge", "lift", "bother", "enforce", "tackle", "contain", "curb", "pursue", "interfere",
    "venture", "enter", "stir", "heed", "listen", "attend", "chase", "restrain", "guard", "defend", "secure",
})  # fmt: skip
# Verbs whose police subject fails by them: "police failed to stop the mob".
_FAILING_VERBS = frozenset({"fail", "refuse", "decline", "neglect", "ignore", "hesitate"})
# What police who watch, stand or remain are when they fail: "remained mute spectators".
_IDLE = re.compile(
    r"\b(?:mute|silent|spectators?|passive|inactive|indifferent|helpless\w*|the other way|blind eye|nowhere"
    r"|outnumbered|overwhelmed|too late|late|on the sidelines|by and watched|stood by|looked on|onlookers?"
    r"|absent|missing|unmoved|idle)\b",
    re.IGNORECASE,
)
_IDLE_VERBS = frozenset({
    "watch", "look", "stand", "remain", "stay", "be", "turn", "become", "prove", "seem", "appear", "arrive",
    "reach", "come", "outnumber", "overwhelm", "sit", "wait",
})  # fmt: skip
# Nouns of inaction a police word makes the police's: "police inaction", "the apathy of the police".
_INACTION_NOUNS = frozenset({
    "inaction", "apathy", "complicity", "connivance", "negligence", "laxity", "failure", "indifference",
    "passivity", "collusion", "lapse", "lapses", "dereliction", "inertia", "partisanship", "lack", "absence",
})  # fmt: skip


@lru_cache(maxsize=1)
def _police_words() -> re.Pattern[str]:
    """Any word that ``_inaction`` may take for the police (a police sector word, "forces")."""
    words = sorted({w for w, s in SECTOR_WORDS.items() if s == "POL"} | _FORCE_NOUNS, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})", re.IGNORECASE)


def _inaction(doc: Doc) -> tuple[Token, Token] | None:
    """The police word and the token that states their failure to act, if the sentence states
    one (see EventStage._police_inaction): police as the subject of a negated act of
    intervention ("did not act", "took no action", "did nothing"), of a failing verb ("failed
    to", "refused to"), or of watching or standing idle ("remained mute spectators", "looked
    the other way", "were outnumbered"); or police modifying a noun of inaction ("police
    inaction", "the apathy of the police")."""
    for token in doc:
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma = token.lemma_.lower()
        if SECTOR_WORDS.get(lemma) != "POL" and lemma not in _FORCE_NOUNS:
            continue
        head = token
        while head.dep_ == "conj" or (head.dep_ in {"compound", "amod"} and head.head.pos_ in {"NOUN", "PROPN"}):
            if head.head.lemma_.lower() in _INACTION_NOUNS:
                return token, head.head
            head = head.head
        if head.dep_ in {"poss", "compound"} and head.head.lemma_.lower() in _INACTION_NOUNS:
            return token, head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _INACTION_NOUNS:
            return token, head.head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head.head  # "the men of the police"
        if head.dep_ == "appos" or (head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"}):
            head = head.head
        if head.dep_ in {"nsubj", "nsubjpass"}:
            verb = head.head
        else:  # a misparse ("... and the policemen on duty did not act"): the verb right after them
            after = [t for t in doc[head.right_edge.i + 1 : head.right_edge.i + 4] if t.pos_ in {"VERB", "AUX"}]
            verb = after[-1].head if after and after[-1].dep_ in {"aux", "auxpass", "neg"} else (after or [head])[-1]
            if verb.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
                continue
        found = _failing_verb(verb, head)
        if found is not None:
            return token, found
    return None


def _failing_verb(verb: Token, subject: Token) -> Token | None:
    """The token of ``verb``'s clause (its subject ``subject``, the police) that states a failure
    to act, if any (see _inaction)."""
    lemma = verb.lemma_.lower()
    if lemma in _SAYING:
        return None
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma in _FAILING_VERBS:
        return verb
    if lemma in _INTERVENE or verb.pos_ == "AUX":
        objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
        if negated and lemma in _INTERVENE:
            return verb
        if any(o.lower_ in {"nothing", "little"} for o in objects):  # "did nothing", "did little"
            return verb
        if any(any(d.lower_ == "no" and d.dep_ == "det" for d in o.children) for o in objects):
            return verb  # "took no action", "made no effort"
    if negated:  # "did not bother to act", "did not even try to stop the mob"
        for clause in verb.children:
            if clause.dep_ == "xcomp" and clause.lemma_.lower() in _INTERVENE | {"try", "attempt", "bother", "dare"}:
                return verb
    if lemma in _IDLE_VERBS:
        said = range(subject.left_edge.i, subject.right_edge.i + 1)  # not the subject's own words
        if _IDLE.search(" ".join(t.text for t in verb.subtree if t.i not in said)):
            return verb
    return None


# What the police model's act labels are as events (see EventStage._police_events), and the
# words that must state the act: the head recognises it, the sentence must say it ("police
# believed the shots were aimed at him" mentions shots, but fires none).
_POLICE_ACTS: tuple[tuple[str, str, str | None, re.Pattern[str]], ...] = (
    (
        "police:ARREST",
        "COERCE",
        "arrest",
        re.compile(
            r"\b(?:arrest\w*|detain\w*|detention|custody|held|nabbed|apprehend\w*|rounded up|picked up|booked"
            r"|taken in|remand\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "police:KILL",
        "ASSAULT",
        None,
        # lives lost or taken state deaths, lives saved none ("saved the lives of the injured")
        re.compile(
            r"\b(?:kill\w*|dead|died|death|deaths|fatal\w*)\b"
            r"|\b(?:los[te]|losing|claim\w*|took|tak\w+|cost\w*)\s+(?:\S+\s+){0,3}?lives\b",
            re.IGNORECASE,
        ),
    ),
    (
        "police:FORCE",
        "ASSAULT",
        None,
        re.compile(
            r"\b(?:fire|fired|firing|shot|shots|shoot\w*|tear[- ]?gas\w*|lathi\w*|baton\w*|cane-?charg\w*|beat\w*"
            r"|rubber bullets?|water cannons?|pellets?|charged|dispers\w*|clash\w*|kill\w*|thrash\w*|torture\w*"
            r"|stun grenades?|pepper spray|force|assault\w*|brutal\w*|excesses"
            r"|rounds(?! of (?:ammunition|talks|negotiations)))\b",  # rounds found in a raid were not fired
            re.IGNORECASE,
        ),
    ),
)


_UNCERTAIN = frozenset({"negated", "hypothetical", "future"})
# Verbs of saying: "X happened, police said" states X, not the saying.
_SAYING = frozenset({
    "say", "tell", "add", "state", "report", "claim", "announce", "confirm", "allege", "note",
    "believe", "think", "suspect", "fear", "estimate", "expect", "know", "feel",
})  # fmt: skip


def _agent_verb(doc: Doc, agent: Actor | None, offset: int) -> Token | None:
    """The verb whose subject the police ``agent`` is ("the policemen on duty did not act")."""
    if agent is None or agent.span is None:
        return None
    span = doc.char_span(agent.span.start - offset, agent.span.end - offset, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ in {"VERB", "AUX"}:
        return head.head
    return None


def _police_deaths(events: list[Event], labels: dict[str, float], text: str, offset: int) -> list[Event]:
    """A killing by police the police model finds, stated in words ("40 of these deaths took place
    in police firing", "more people died in police firing"): the sentence's certain police
    assaults with no death count killed one at least."""
    if "police:KILL" not in labels:
        return events
    stated = _POLICE_ACTS[1][3].search(text)
    if stated is None:
        return events
    for event in events:
        if (
            event.plover_type == "ASSAULT"
            and event.killed is None
            and by_police(event)
            and not _UNCERTAIN & set(event.context)
        ):
            _add_death(event, Span(offset + stated.start(), offset + stated.end(), stated.group()))
    return events


def _main_verb(doc: Doc) -> Token:
    """The sentence's root, past verbs of saying to what was said when the sentence says it."""
    root = doc[:].root
    while root.lemma_.lower() in _SAYING:
        said = [c for c in root.children if c.dep_ in {"ccomp", "parataxis", "xcomp"} and c.pos_ in {"VERB", "AUX"}]
        if not said:
            break
        root = said[0]
    return root


# Pronoun subjects that, in reported speech, stand for the one who reports.
_REPORTING_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})


def _reporter(head: Token) -> list[Token]:
    """The speaker a pronoun subject stands for in reported speech ("Japan said it had halted
    aid": it is Japan; "the rebels said they would release him"): the subject of the verb of
    saying whose reported clause has the trigger and a pronoun subject. No other pronoun is
    resolved (actors.py never guesses one)."""
    clause = head if head.pos_ in {"VERB", "AUX"} else head.head
    while not any(c.dep_ == "nsubj" for c in clause.children) and clause.dep_ in {"xcomp", "conj"}:
        clause = clause.head  # "said it was willing to withdraw", "said it would meet and sign"
    pronoun = any(c.dep_ == "nsubj" and c.lower_ in _REPORTING_PRONOUNS for c in clause.children)
    if not pronoun or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING:
        return []
    return actors_of(clause.head)[0]


# Dependencies that attach a clause or phrase describing something else: relative clauses and
# other noun modifiers, adverbial clauses ("resigned as the opposition threatened to storm his
# residence", "refused, saying he would welcome him only in Jerusalem").
_SUBORDINATE = frozenset({"relcl", "acl", "advcl"})
# How much of its type confidence a trigger in such a clause keeps beside one in the main clause
# (PLOVER GSR cross-validation).
SUBORDINATE_WEIGHT = 0.5


def _subordinate(token: Token) -> bool:
    """Whether ``token`` lies in a subordinate clause or in a phrase that modifies a noun ("in
    retaliation for an air raid", "observers who were taken hostage")."""
    while token.head.i != token.i:
        if token.dep_ in _SUBORDINATE or (token.dep_ == "pobj" and token.head.head.pos_ in {"NOUN", "PROPN"}):
            return True
        token = token.head
    return False


def _prefer_main(doc: Doc, events: list[Event], offset: int) -> None:
    """Lowers the type confidence of events stated in subordinate clauses when the sentence also
    states one in its main clause: PLOVER codes the sentence's main event (the GSR records hold
    one each), and the describing clauses are most often background to it."""
    side = [_subordinate(_trigger_token(doc, e, offset)) for e in events]
    if all(side) or not any(side):
        return
    for event, subordinate in zip(events, side, strict=True):
        if subordinate:
            event.confidence["plover_type"] = round(event.confidence.get("plover_type", 0.0) * SUBORDINATE_WEIGHT, 3)


# Acts whose recipient, when none is stated, is the country they happen in (PLOVER manual:
# a protest is "against the recipient", force and coercion fall on the people where they are
# used, concessions go to them) ...
_DOMESTIC_ACTS = frozenset({"PROTEST", "ASSAULT", "COERCE", "CONCEDE"})
# ... and, with no place either, the actor's own country: protesters protest to their own
# government, a government coerces or concedes to its own people ("Sudan lifted the curfew").
_OWN_COUNTRY_ACTS = frozenset({"PROTEST", "COERCE", "CONCEDE"})


# ASSAULT modes by the weapon the sentence names (PLOVER manual, "ASSAULT modes"), the heavier
# first: "aircraft using guided missiles" fire heavy weapons.
_WEAPON_MODES = (
    ("heavy-weapons", re.compile(r"\b(?:tanks?|artillery|rockets?|missiles?|mortars?|shell(?:s|ing|ed)|howitzers?)\b")),
    ("aerial", re.compile(r"\b(?:aircraft|warplanes?|(?:fighter )?jets?|helicopters?|gunships?|bombers?)\b")),
    ("drone", re.compile(r"\b(?:drones?|uavs?)\b")),
    ("explosives", re.compile(r"\b(?:bombs?|bombings?|explosives?|grenades?|ieds?|landmines?)\b")),
    ("firearms", re.compile(r"\b(?:guns?|gunfire|gunshots?|rifles?|bullets?|pistols?)\b")),
    ("primitive", re.compile(r"\b(?:machetes?|knives|knife|axes|spears?|clubs|arrows?)\b")),
)


def _add_weapon_mode(event: Event) -> None:
    """An ASSAULT with no mode takes the weapon its sentence names (``_WEAPON_MODES``): "killed
    46 civilians in an attack" by "helicopter gunships" is aerial. Set after both models, so the
    ACLED sub-type is chosen as before."""
    if event.plover_type != "ASSAULT" or event.plover_mode is not None:
        return
    text = event.evidence.sentence.text.lower()
    mode = next((mode for mode, words in _WEAPON_MODES if words.search(text)), None)
    if mode is not None and mode in PLOVER_MODES["ASSAULT"]:
        event.plover_mode = mode
        # below a trigger's own mode (0.8 of the event's): the weapon may belong to another clause
        event.confidence["plover_mode"] = round(event.confidence.get("event", 0.0) * 0.6, 3)


def _add_implicit_target(event: Event, gazetteer: Gazetteer) -> None:
    """Gives a domestic act with no target country the country it happens in as its target, or
    its source's (``_DOMESTIC_ACTS``, ``_OWN_COUNTRY_ACTS``), named by the country's name, with no
    span and marked ``inferred``, as no words state it. PLOVER GSR target country F1 (in-sample) 0.506 -> 0.620."""
    if event.plover_type not in _DOMESTIC_ACTS or any(a.country for a in event.targets):
        return
    country = event.place.country if event.place is not None else None
    if country is None and event.plover_type in _OWN_COUNTRY_ACTS:
        countries = {a.country for a in event.sources if a.country}
        country = countries.pop() if len(countries) == 1 else None
    if country is None:
        return
    try:
        name = gazetteer.country_centroid(country).name
    except GeocodeError:  # a code the country table lacks keeps the code as its name
        name = country
    event.targets.append(Actor(text=name, country=country, inferred=True))


def _trigger_token(doc: Doc, event: Event, offset: int) -> Token:
    """The token that heads the event's trigger span in its sentence's parse."""
    trigger = event.evidence.trigger
    span = doc.char_span(trigger.start - offset, trigger.end - offset, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[:].root


def _give_source(event: Event, actor: Actor) -> None:
    """Make ``actor`` a source of ``event``, with its span as evidence."""
    event.sources.append(actor)
    if actor.span:
        event.evidence.arguments.setdefault("source", []).append(actor.span)


def _could_be_police(event: Event) -> bool:
    """A certain event with no stated source whose targets are not the police themselves
    ("41 officers were injured" is done to the police, not by them)."""
    return not (event.sources or _UNCERTAIN & set(event.context) or any(a.sector == "POL" for a in event.targets))


def _vouch_types(events: list[Event], known: set[int], probs: dict[str, float] | None) -> list[Event]:
    """Give the police events not in ``known`` the PLOVER model's probability of their type.

    The police model says that the police acted at all (``confidence["event"]``); which act it
    was ("the police at work", or the PLOVER model's best other type) is the sentence model's
    guess, so its type is only as sure as that model is. Without this the police model's
    probability stood for the type and outranked the sentence's stated acts ("forces launched
    artillery fire": an assault, not the police at work).
    """
    if probs is None:
        return events
    for event in events:
        if id(event) not in known:
            event.confidence["plover_type"] = round(probs.get(event.plover_type, 0.0), 3)
    return events


def _joint_exercise(head: Token, span: SpacySpan, sources: list[Token], gazetteer: Gazetteer) -> bool:
    """Military games or manoeuvres of the forces of two countries or more ("French and
    Egyptian warships launched war games", "Russia and China began naval drills"): the manual
    codes "joint military games and maneuvers" COOPERATE and one country's exercises MOBILIZE.
    The countries are the sources' own and those their modifiers name."""
    objects = [t for c in head.children if c.dep_ == "dobj" for t in c.subtree]  # "launched ten days of war games"
    if not any(t.lemma_.lower() in EXERCISES for t in (*span, *objects)):
        return False
    named = (w for head in sources for w in head.subtree if w.i <= head.i and w.pos_ in {"PROPN", "ADJ"})
    return len({code for w in named if (code := gazetteer.country(w.text))}) >= 2


def _police_type(probs: dict[str, float] | None) -> tuple[str, str | None]:
    """Type and mode of a police act other than an arrest or force: the PLOVER model's best
    type that is neither a protest nor an assault (force is the FORCE label's to say) when the
    model gives it at least ``POLICE_TYPE_MIN``; else the police at work, MOBILIZE/police
    (patrols, deployments, traffic duty, a statement)."""
    ranked = sorted((p, t) for t, p in (probs or {}).items() if t in PLOVER_MODES and t not in {"PROTEST", "ASSAULT"})
    if ranked and ranked[-1][0] >= POLICE_TYPE_MIN:
        return ranked[-1][1], None
    return "MOBILIZE", "police"


def _police_agent(at: _Parsed, gazetteer: Gazetteer) -> tuple[Actor | None, bool, Actor | None]:
    """The police the sentence names as the agent of an act, whether it names police at all,
    and the police it names as a speaker.

    Police are an agent as the subject of a verb other than one of saying or believing, as the
    agent of a passive ("by police"), or as the modifier of an act ("police firing"). Police who
    only speak ("police said ...", unless "they" then act in what they say), suffer ("at
    police", "41 officers were injured") or stand for a place ("the police station") are not.
    A force is police by its coding ("para-military forces", "rapid action force", see
    ``actors._FORCES``).
    """
    named = False
    speaker: Actor | None = None
    for token in at.doc:
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma = token.lemma_.lower()
        if SECTOR_WORDS.get(lemma) != "POL" and lemma not in _FORCE_NOUNS:
            continue
        role = _police_role(token)
        if lemma in _FORCE_NOUNS or role in {"agent", "speaker"}:
            actor = code_actor(token, at.offset, gazetteer, at.focus, at.damaged, at.article)
            if actor.sector != "POL":
                continue
            if role == "agent":
                return actor, True, speaker
            if role == "speaker" and speaker is None:
                speaker = actor
        named = True
    return None, named, speaker


def _sure_police(labels: dict[str, float]) -> bool:
    """Whether the police head is sure enough of a police act or failure (``POLICE_MENTION_MIN``)
    to take police the sentence names in another role for its actor."""
    return max(labels.get("police:ANY_ACTION", 0.0), labels.get("police:FAIL", 0.0)) >= POLICE_MENTION_MIN


def _police_mention(at: _Parsed, gazetteer: Gazetteer) -> Actor | None:
    """The first police the sentence names in any role, coded (see _police_agent): the actor of
    a police act the head finds where the parse names no police agent. Police who suffer
    ("60 people, including 12 police officers, were injured") or name a place ("set fire to
    several police posts") are no actor of anything."""
    for token in at.doc:
        if token.pos_ not in {"NOUN", "PROPN"} or _suffers(token) or _names_place(token):
            continue
        lemma = token.lemma_.lower()
        if SECTOR_WORDS.get(lemma) != "POL" and lemma not in _FORCE_NOUNS:
            continue
        actor = code_actor(token, at.offset, gazetteer, at.focus, at.damaged, at.article)
        if actor.sector == "POL":
            return actor
    return None


def _names_place(token: Token) -> bool:
    """Whether a police word modifies a place ("the police station", "police posts")."""
    return token.dep_ in {"compound", "amod", "nmod"} and token.head.lemma_.lower() in _POLICE_PLACES


def _suffers(token: Token) -> bool:
    """Whether the police ``token`` names suffer the sentence's harm: the object or passive
    subject of a harming verb ("attacked the police", "12 policemen were injured", also as
    one of those "including" them) or what is fired or thrown "at" ("stones pelted at the police")."""
    node = token
    for _ in range(6):
        if node.dep_ in {"compound", "amod", "conj", "appos", "poss"} and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ in {"including", "among"} and node.head.head.i != node.i:
            node = node.head.head
        else:
            break
    head = node.head
    if node.dep_ in {"nsubjpass", "dobj"}:
        return head.lemma_.lower() in _HARMS
    return (
        node.dep_ == "pobj"
        and head.lower_ in {"at", "on", "against"}
        and head.head.lemma_.lower() in _HARMS | {"fire", "throw", "hurl", "attack"}
    )


# Nouns that name a police force only with a modifier ("para-military forces", "rapid action force").
_FORCE_NOUNS = frozenset({"force", "forces"})


# Nouns of police acts a "police" modifier makes the police's: "police firing", "police raid".
_POLICE_ACT_NOUNS = frozenset({
    "firing", "fire", "action", "crackdown", "raid", "raids", "custody", "excess", "excesses", "charge",
    "operation", "brutality", "shooting", "bullet", "bullets", "patrol", "patrolling", "search", "case",
})  # fmt: skip


def _police_role(token: Token) -> str:
    """``agent``, ``speaker`` or ``other`` (victim, place, mere mention): see _police_agent.

    A police word modifying a person ("the police commissioner", "superintendent of police
    X") takes that person's role.
    """
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lemma_.lower() in _POLICE_ACT_NOUNS:
        return "agent"  # "killed in police firing", whatever the parse made of it
    head = token
    while True:
        if head.dep_ == "conj" or (
            head.dep_ in {"compound", "poss", "appos"}
            and head.head.pos_ in {"NOUN", "PROPN"}
            and head.head.lemma_.lower() not in _POLICE_ACT_NOUNS | _POLICE_PLACES
        ):
            head = head.head
        elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head.head
        else:
            break
    verb = head.head
    if head.dep_ in {"nsubj", "csubj"}:
        if verb.lemma_.lower() not in _SAYING:
            return "agent"
        # "police said they had shot dead three people": the police act in what they say
        for clause in verb.children:
            if clause.dep_ in {"ccomp", "parataxis"} and any(
                g.dep_ == "nsubj" and g.lower_ in {"they", "we"} for g in clause.children
            ):
                return "agent"
        return "speaker"
    if head.dep_ == "nsubjpass":  # "police were asked to keep a vigil"; not "officers were injured"
        return "other" if verb.lemma_.lower() in _HARMS else "agent"
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        return "agent"
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return "speaker"
    if head.dep_ in {"compound", "poss", "amod"} and head.head.lemma_.lower() in _POLICE_ACT_NOUNS:
        return "agent"
    return "other"


# What a police word modifies when it names a place, not an actor: "the police station".
_POLICE_PLACES = frozenset({
    "station", "stations", "post", "posts", "outpost", "outposts", "headquarters", "lines", "chowky", "chowki",
    "van", "vehicle", "jeep", "barracks", "camp", "cordon", "line", "academy", "museum", "band",
})  # fmt: skip
# Verbs whose passive subject suffers them: "officers were injured".
_HARMS = frozenset({
    "injure", "kill", "attack", "beat", "wound", "hurt", "target", "stone", "assault", "shoot", "ambush",
    "hit", "surround", "gherao", "abduct", "kidnap", "lynch", "murder", "burn", "pelt",
})  # fmt: skip


def _retype(event: Event, plover_type: str) -> None:
    """Give ``event`` another PLOVER type, keeping only what stays valid for it."""
    event.plover_type = plover_type
    if event.plover_mode not in PLOVER_MODES[plover_type]:
        event.plover_mode = None
    allowed = ACLED_FOR_PLOVER.get(plover_type, frozenset())
    if event.acled_subtype not in allowed:
        event.acled_subtype = event.acled_type = None


def _is_casualty(event: Event) -> bool:
    return event.evidence.trigger.text.lower().startswith(_CASUALTY)


def _add_death(event: Event, trigger: Span) -> None:
    """A death the sentence reports with no number, in ``event`` (an assault): one at least
    ("a supporter was killed in police firing": the killing is the firing's)."""
    event.killed = Count(1, None, trigger)
    event.evidence.arguments.setdefault("killed", [trigger])
    event.confidence["killed"] = 0.5


def _reports_death(event: Event) -> bool:
    """A certain casualty event that reports a death ("was killed", "died")."""
    certain = not _UNCERTAIN & set(event.context)
    return certain and event.plover_type == "ASSAULT" and event.evidence.trigger.text.lower().startswith(_DEATH)


def _merge(events: list[Event]) -> list[Event]:
    """Merge a sentence's events that state one event twice (same type and mode, or casualties)."""
    kept: list[Event] = []
    for event in events:
        for i, other in enumerate(kept):
            if other.plover_type != event.plover_type:
                continue
            casualty = event.plover_type == "ASSAULT" and (_is_casualty(other) or _is_casualty(event))
            if casualty or other.plover_mode == event.plover_mode:
                main, extra = (event, other) if _is_casualty(other) and not _is_casualty(event) else (other, event)
                kept[i] = _fold(main, extra)
                break
        else:
            kept.append(event)
    return kept


def _stated_in_sentence(event: Event, key: str) -> bool:
    """Whether the event's ``key`` argument ("place", "date") is stated in its own sentence."""
    sentence = event.evidence.sentence
    spans = event.evidence.arguments.get(key, [])
    return any(sentence.start <= span.start < sentence.end for span in spans)


def _carry_over(events: list[Event]) -> None:
    """A bare toll or arrest after an attack or protest ("More than 40 people were wounded.",
    "25 were detained."), which names no actor, place or date of its own, takes the place and
    date the sentence before gave that event, not the dateline's town and the publication date."""
    last: dict[int, Event] = {}  # each sentence's last material event
    for event in events:
        index = event.evidence.sentence_index
        before = last.get(index - 1)
        bare = not event.sources and (
            (event.plover_type == "ASSAULT" and _is_casualty(event))
            or (event.plover_type == "COERCE" and event.plover_mode == "arrest")
        )
        if event.plover_type in _CARRIED_FROM:
            last[index] = event
        if before is None or not bare:
            continue
        for key in ("place", "date"):
            if _stated_in_sentence(event, key) or not _stated_in_sentence(before, key):
                continue
            event.evidence.arguments[key] = list(before.evidence.arguments[key])
            event.confidence[key] = before.confidence.get(key, 0.0)
            if key == "place":
                event.place = before.place
            else:
                event.date, event.date_precision = before.date, before.date_precision


_CARRIED_FROM = frozenset({"ASSAULT", "PROTEST", "COERCE"})


def _fold(main: Event, other: Event) -> Event:
    """``main`` with ``other``'s actors, counts and argument spans added where missing."""
    known = {(a.text, a.span.start if a.span else -1) for a in (*main.sources, *main.targets)}
    for role in ("sources", "targets"):
        for actor in getattr(other, role):
            if (actor.text, actor.span.start if actor.span else -1) not in known:
                getattr(main, role).append(actor)
    for field in ("killed", "injured", "arrested", "crowd_size"):
        if getattr(main, field) is None and getattr(other, field) is not None:
            setattr(main, field, getattr(other, field))
    if main.killed is None and main.plover_type == "ASSAULT" and _reports_death(other):
        _add_death(main, other.evidence.trigger)
    if main.place is None or (other.place is not None and other.place.precision < main.place.precision):
        main.place = other.place
    for key, spans in other.evidence.arguments.items():
        main.evidence.arguments.setdefault(key, spans)
    return main


def _head_of(span: SpacySpan) -> Token:
    """The phrase's verb or noun that carries the arguments ("opened" of "opened fire")."""
    for token in span:
        if token.pos_ == "VERB":
            return token
    return span.root


_MATERIAL = frozenset({"PROTEST", "ASSAULT", "COERCE", "RETREAT", "MOBILIZE", "SANCTION"})


@lru_cache(maxsize=1)
def _phrase_words() -> frozenset[str] | None:
    """Words one of which a sentence must hold for any ``lexicon.PHRASES`` pattern to match
    (each pattern's first required word, lemma or lower-case form), so that the Matcher runs
    only where it may find something; None when a pattern requires no word."""
    words: set[str] = set()
    for _, patterns in PHRASES.values():
        for pattern in patterns:
            for token in pattern:
                value = token.get("LEMMA", token.get("LOWER"))
                if value is None or token.get("OP") in {"?", "*"}:
                    continue
                words.update(str(v) for v in (value["IN"] if isinstance(value, dict) else [value]))
                break
            else:
                return None
    return frozenset(words)


def _releases_things(verb: Token) -> bool:
    """Whether what ``verb`` releases is a thing (``lexicon.MEDIA_OBJECTS``), not people."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in MEDIA_OBJECTS for c in verb.children)


# What strikes of war do that a walkout does not; and what either may ("the strike hit the ports")
_WAR_HARM = frozenset({"kill", "wound", "injure", "destroy", "flatten", "level", "raze", "demolish"})
_HIT = frozenset({"hit", "target", "pound", "strike", "damage"})
_STRIKE_MODES = frozenset({"aerial", "drone", "heavy-weapons"})


def _strikes_of_war(head: Token, article: Article) -> Trigger | None:
    """The assault that the noun "strike(s)" names where it is a weapon's, not a walkout: the
    subject of a harm no walkout does ("strikes killed 12"), or of "hit" or "target" in an
    article that has already told of air, drone or missile strikes ("The strikes hit a market")."""
    if head.pos_ != "NOUN" or head.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = head.head.lemma_.lower()
    if verb in _HIT:
        last = next(
            (e for e in reversed(article.events) if e.plover_type == "ASSAULT" and e.plover_mode in _STRIKE_MODES), None
        )
        return None if last is None else Trigger("ASSAULT", last.plover_mode, last.acled_subtype, strong=False)
    if verb in _WAR_HARM:
        return Trigger("ASSAULT", "aerial", "AIR_STRIKE", strong=False)
    return None


def _past_dateline(heads: list[Token], offset: int, heading: int) -> list[Token]:
    """Actor heads after the dateline: one inside it stands for the words it governs beyond it
    ("MOMBASA, Kenya (Reuters) — Hundreds of dockworkers walked off": the parser may hang the
    subject on the dateline's place as its apposition)."""
    out: list[Token] = []
    for head in heads:
        if offset + head.idx >= heading:
            out.append(head)
        else:
            out.extend(of_quantity(c) for c in head.children if c.dep_ == "appos" and offset + c.idx >= heading)
    return out


_SETTING = frozenset({"in", "at", "near", "across", "throughout", "outside", "inside", "around"})


def _sentence_country(doc: Doc, gazetteer: Gazetteer, context: list[str]) -> str | None:
    """The one country the places the sentence sets things in ("in Kabul", "across Myanmar")
    are in, if they are all in one: "Taliban authorities arrested three journalists in Kabul" in a
    story from Washington. Not a state that speaks or is spoken to ("The United States demanded
    that the government ...")."""
    found: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"} or ent.root.dep_ != "pobj" or ent.root.head.lower_ not in _SETTING:
            continue
        code = gazetteer.country(ent.text)
        if code is None:
            place = gazetteer.resolve(ent.text, context)
            code = place.country if place is not None else None
        if code is not None:
            found.add(code)
    return found.pop() if len(found) == 1 else None


def _after_dateline(actor: Actor, text: str, heading: int) -> Actor:
    """``actor`` without the dateline its phrase opens with ("KAMPALA, March 4 - Uganda's main
    opposition party": the parser may hang the date on the subject)."""
    span = actor.span
    if span is None or not span.start < heading < span.end:
        return actor
    rest = text[heading : span.end]
    start = span.end - len(rest.lstrip())
    return replace(actor, text=text[start : span.end], span=Span(start, span.end, text[start : span.end]))


def _armed_state(sources: list[Actor], sectors: frozenset[str] = frozenset({"MIL", "POL"})) -> bool:
    """Sources that are all of armed ``sectors``: soldiers or police unless told."""
    return bool(sources) and all(a.sector in sectors for a in sources)


# words that give a march a protester's purpose ("retired soldiers marched ... to demand their pensions")
_GRIEVANCE = frozenset({
    "protest", "demand", "demonstrate", "demonstration", "rally", "petition", "pension", "salary", "wage",
    "pay", "grievance", "denounce", "condemn", "solidarity",
})  # fmt: skip


# what a crowd gathers for when it is not a demonstration
_CEREMONIES = frozenset({
    "funeral", "burial", "mourn", "pray", "prayer", "celebrate", "celebration", "welcome", "greet", "cheer",
    "wedding", "festival", "concert", "ceremony",
})  # fmt: skip
# ... and words of dissent that make it one all the same ("marched after the funeral, chanting slogans
# against the government"); not for troops, who march against rebels
_DISSENT = frozenset({"against", "slogan", "chant", "justice", "anger", "angry", "outrage", "oppose"})


def _forecast(head: Token) -> bool:
    """ "Lima is expected to see a warm summer", "talks are expected to resume": a forecast in the
    passive, no demand ("Russia expects Kazakhstan to end the unrest" is one)."""
    return head.lemma_.lower() == "expect" and any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children)


_RIGHTS = frozenset({"right", "freedom", "liberty"})


def _a_right(head: Token) -> bool:
    """A protest or strike named as a right, not held: "protect the right to peaceful protest",
    "freedom of assembly", "the right to strike"."""
    if head.dep_ == "pobj" and head.head.lower_ in {"to", "of"}:
        return head.head.head.lemma_.lower() in _RIGHTS
    return head.pos_ == "VERB" and head.dep_ in {"acl", "xcomp"} and head.head.lemma_.lower() in _RIGHTS


def _ceremony(trigger: Trigger, head: Token) -> bool:
    """A weak demonstration word in a sentence that gives its crowd a ceremony's purpose and no grievance:
    "supporters gathered outside the party headquarters to celebrate the result"."""
    if trigger.plover != "PROTEST" or trigger.mode not in {"demo", None} or trigger.strong:
        return False
    lemmas = {t.lemma_.lower() for t in head.sent}
    return bool(lemmas & _CEREMONIES) and not lemmas & (_GRIEVANCE | _DISSENT)


_FIGHTERS = frozenset({"MIL", "REB", "UAF", "PRM"})
_ARMED = _FIGHTERS | {"POL"}


def _troops_moving(sources: list[Actor], head: Token) -> bool:
    """Soldiers or fighters marching with no protest purpose in the sentence: they move, they do
    not demonstrate (police may march in protest over pay, so they are left out)."""
    armed = _armed_state(sources, frozenset({"MIL", "REB"}))
    return armed and not any(t.lemma_.lower() in _GRIEVANCE for t in head.sent)


def _political(actor: Actor) -> bool:
    return actor.sector not in {None, "UNK", "BUS"}


def _place_named(token: Token, actor: Actor) -> bool:
    """Whether a nominal trigger's modifier names where it happened, not who did it: "a North
    Waziristan raid" (a place of no known sector); "US airstrikes" and "Kazakh police" are actors."""
    return (
        token.dep_ == "compound"
        and token.head.pos_ == "NOUN"
        and token.ent_type_ in {"GPE", "LOC", "FAC"}
        and actor.sector == "UNK"
    )


def _weak_ok(trigger: Trigger, sources: list[Actor], targets: list[Actor], counts: dict[str, Count]) -> bool:
    """A weak trigger ("beat", "warn", "killed") counts only with a political actor.

    Material events need one on either side, or casualties ("a bomb killed 12"); statements
    need a political speaker, or a named one or one of a country addressing a political target
    ("a Saudi businessman is suing the United States"), or with no speaker stated, a named
    political target ("Aristide has been accused of ...").
    """
    if trigger.plover in _MATERIAL:
        if trigger.plover == "ASSAULT" and ({"killed", "injured"} & counts.keys()):
            return True
        if trigger.plover == "PROTEST" and any(a.text.lower() in _CROWDS for a in sources):
            return True  # "thousands joined the march": a crowd is people, whoever they are
        return any(_political(a) for a in (*sources, *targets))
    if any(_political(a) for a in sources):
        return True
    if not sources:  # "Aristide has been accused of ...": a named political target
        return any(_political(a) and a.name for a in targets)
    return any(a.name or a.country for a in sources) and any(_political(a) for a in targets)


_CROWDS = frozenset({"thousands", "hundreds", "dozens", "scores", "crowds", "a crowd", "the crowd", "crowd"})


def _confidence(trigger: Trigger, event: Event, place_conf: float, dated: bool) -> dict[str, float]:
    base = _PRIOR["strong"] if trigger.strong else _PRIOR["weak"]
    if "damaged" in event.context:
        base *= _PRIOR["damaged"]
    if {"hypothetical", "future", "negated"} & set(event.context):
        base *= _PRIOR["uncertain"]
    conf: dict[str, Any] = {"event": round(base, 3), "plover_type": round(base, 3)}
    conf["plover_mode"] = round(base * 0.8, 3) if event.plover_mode else 0.0
    conf["acled_subtype"] = round(base * 0.75, 3) if event.acled_subtype else 0.0
    for role, actors in (("sources", event.sources), ("targets", event.targets)):
        if actors:
            conf[role] = round(0.7 if all(a.country for a in actors) else 0.5, 3)
    conf["place"] = round(place_conf, 3)
    conf["date"] = 0.8 if dated else (0.4 if event.date else 0.0)
    for field in ("killed", "injured", "arrested", "crowd_size"):
        if getattr(event, field) is not None:
            conf[field] = 0.7
    return conf


def _overall(event: Event) -> float:
    return float(event.confidence.get("event", 0.0))
