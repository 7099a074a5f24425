"""Static sentence embeddings distilled from all-MiniLM-L6-v2, for the trained classifiers.

Running MiniLM on every sentence costs about 20 MFLOP per token — too slow for a news stream.
``scripts/distill.py`` instead runs the model once per word-piece of its vocabulary and keeps
each output (PCA-reduced) as a static vector, the approach of Model2Vec. A sentence's vector
is the mean of its word-pieces' vectors: microseconds, and much of MiniLM's sense of meaning
("shelled" near "artillery", "seized the town" near "captured").

The word-piece tokeniser below reproduces BERT's uncased basic tokenisation (lower-case, strip
accents, split punctuation) and greedy longest-match word-pieces over the shipped vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["StaticEmbedder", "load_embedder", "wordpieces"]

_SPLIT = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_MAX_WORD = 100  # BERT's max_input_chars_per_word


def _basic_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return _SPLIT.findall(text)


def wordpieces(text: str, vocab: dict[str, int]) -> list[int]:
    """Ids of the word-pieces of ``text`` (unknown words are skipped, not mapped to [UNK])."""
    ids: list[int] = []
    for word in _basic_tokens(text):
        if len(word) > _MAX_WORD:
            continue
        start, pieces = 0, []
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    pieces.append(vocab[piece])
                    break
                end -= 1
            if end == start:
                pieces = []
                break
            start = end
        ids.extend(pieces)
    return ids


class StaticEmbedder:
    """Mean of distilled word-piece vectors; unit length."""

    def __init__(self, vocab: dict[str, int], vectors: np.ndarray) -> None:
        self.vocab = vocab
        self.vectors = vectors.astype(np.float32)
        self.dim = int(vectors.shape[1])

    def embed(self, text: str) -> np.ndarray:
        ids = wordpieces(text, self.vocab)
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        mean = self.vectors[ids].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        result: np.ndarray = mean / norm if norm else mean
        return result

    @classmethod
    def load(cls, path: Path) -> StaticEmbedder:
        with np.load(path, allow_pickle=False) as data:
            vocab = {str(t): i for i, t in enumerate(data["tokens"])}
            return cls(vocab, data["vectors"])


@lru_cache(maxsize=1)
def load_embedder() -> StaticEmbedder | None:
    """The shipped distilled embedder, or None when it has not been built (``make train``)."""
    path = Path(str(resources.files("tocsin") / "data" / "models" / "static_minilm.npz"))
    return StaticEmbedder.load(path) if path.is_file() else None
