"""The classify stage: trained sentence heads that need no parse.

The shipped multi-label police model (``police.npz``, trained by ``make train`` on the
IndiaPoliceEvents development sentences) answers five questions about a sentence: did the
police kill someone, arrest someone, use force, fail to act, do anything at all? It reads
the sentence's words and distilled embedding (``classifier.text_features``, ``embed.py``:
tens of microseconds), and runs only on sentences that name a security force or a police
act (``SECURITY_HINT``), so ordinary news costs one regex scan per sentence.

The labels that hold (with their probabilities) land in ``article.sentence_labels`` as
``{sentence index: {"police:ARREST": 0.91, ...}}``. The parse stage also parses those
sentences, and the event stage builds a police event from them when the trigger lexicon
found none (``events.EventStage._police_events``).
"""

from __future__ import annotations

import re
from functools import cached_property

from ..config import Settings
from ..models import Article
from ..nlp.parse import MAX_SENTENCE_CHARS
from ..pipeline import register_stage
from .classifier import LinearModel, load_model, text_features
from .embed import load_embedder

__all__ = ["SECURITY_HINT", "ClassifyStage"]

# A security force or one of its acts, named: the sentences worth the police model. Covers
# South Asian usage too ("SP", "DGP", "lathi-charge", "section 144", "bandobast").
SECURITY_HINT = re.compile(
    r"\b(?:police\w*|cops?|constab\w+|officers?|officials?|sp|ssp|dsp|dgp|igp|commissioner|inspector"
    r"|superintendent|forces?|troops?|army|soldiers?|jawans?|home guards?|gendarm\w*|paramilitar\w*"
    r"|security|curfew|patrol\w*|vigil|deploy\w*|detain\w*|detention|arrest\w*|firing|fired|lathi\w*"
    r"|tear[- ]?gas|custody|raid\w*|probe|investigat\w*|bandobast|prohibitory|section 144"
    r"|flag marche?s?|combing|cordon\w*|seiz\w+|nabbed|rounded up|booked|khaki|personnel|para-military"
    r"|crpf|bsf|raf|srpf?|rpf|cisf|itbp|sho|dcp|acp|fir)\b",
    re.IGNORECASE,
)
# The same without IGNORECASE, on lower-cased text (its literals are lower-case): several times faster.
_SECURITY_LOWER = re.compile(SECURITY_HINT.pattern)


@register_stage("tocsin.classify.v1")
class ClassifyStage:
    """Scores sentences with the trained heads; sets ``article.sentence_labels``."""

    name: str = "tocsin.classify.v1"
    requires: tuple[str, ...] = ("article.sentences",)
    produces: tuple[str, ...] = ("article.sentence_labels",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def police_model(self) -> LinearModel | None:
        name = self.settings.police_model
        return load_model(name) if name else None

    def warm(self) -> None:
        """Load the police model and the embedder now (before the pipeline forks its workers)."""
        _ = self.police_model
        load_embedder()

    def __call__(self, article: Article) -> Article:
        article.sentence_labels = {}
        model = self.police_model
        embedder = load_embedder()
        if model is None or model.thresholds is None:
            return article
        for sentence in article.sentences:
            text = sentence.text
            if len(text) > MAX_SENTENCE_CHARS or not _SECURITY_LOWER.search(text.lower()):
                continue
            dense = embedder.embed(text) if embedder is not None else None
            held = model.labels_of(text_features(text), dense)
            if held:
                article.sentence_labels[sentence.index] = {f"police:{k}": round(v, 3) for k, v in held.items()}
        return article
