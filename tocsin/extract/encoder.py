"""tocsin's sentence encoder: all-MiniLM-L6-v2 fine-tuned with task heads, run by onnxruntime.

``scripts/train_encoder.py`` (``make train``) fine-tunes the model's upper layers together
with one head per task and ships ``data/models/encoder.onnx`` (int8, mean-pooled output),
``encoder_heads.npz`` and ``encoder_tokenizer.json``. Here a sentence becomes a 384-float
vector (a few milliseconds on one core; batches are sorted by length so padding stays small)
and each head is a matrix product over it:

- ``acled``: the ACLED sub-type (25, or NONE) of a snippet or of an event's sentence;
- ``plover``: the PLOVER type (16, or NONE) of a sentence's main event;
- ``police``: five yes/no police acts (KILL, ARREST, FORCE, FAIL, ANY_ACTION), each with the
  threshold cross-validation chose.

ONNX Runtime uses one thread per process: the pipeline's parallelism is its worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Encoder", "Head", "load_encoder"]

MAX_TOKENS = 128
BATCH = 32


@dataclass(frozen=True)
class Head:
    """A linear layer over the pooled vector: softmax over ``labels``, or one sigmoid per label
    (multi-label, with ``thresholds``)."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (384, len(labels))
    bias: np.ndarray  # (len(labels),)
    thresholds: np.ndarray | None = None

    def probs(self, vectors: np.ndarray) -> np.ndarray:
        """(n, len(labels)) probabilities for (n, 384) vectors."""
        logits = vectors @ self.weights + self.bias
        if self.thresholds is not None:
            sigmoid: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
            return sigmoid
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return result

    def held(self, vector: np.ndarray) -> dict[str, float]:
        """Multi-label heads: the labels whose probability reaches their threshold."""
        if self.thresholds is None:
            raise TypeError("held() needs a multi-label head")
        probs = self.probs(vector[None, :])[0]
        return {label: float(p) for label, p, cut in zip(self.labels, probs, self.thresholds, strict=True) if p >= cut}

    def distribution(self, vector: np.ndarray) -> dict[str, float]:
        """Softmax heads: every label's probability."""
        probs = self.probs(vector[None, :])[0]
        return dict(zip(self.labels, (float(p) for p in probs), strict=True))


class Encoder:
    """Pooled sentence vectors from the shipped ONNX model, and its heads."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime  # noqa: PLC0415 - loaded with the model, not on import
        from tokenizers import Tokenizer  # noqa: PLC0415

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(folder / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(folder / "encoder_tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.heads: dict[str, Head] = {}
        with np.load(folder / "encoder_heads.npz", allow_pickle=False) as data:
            names = {key.rsplit("_", 1)[0] for key in data.files}
            for name in sorted(names):
                thresholds = data[f"{name}_thresholds"] if f"{name}_thresholds" in data.files else None
                self.heads[name] = Head(
                    tuple(str(x) for x in data[f"{name}_labels"]),
                    data[f"{name}_weights"].astype(np.float32),
                    data[f"{name}_bias"].astype(np.float32),
                    thresholds,
                )

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 384) pooled vectors."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            pooled: Any = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            out[chunk] = pooled
        return out


@lru_cache(maxsize=1)
def load_encoder() -> Encoder | None:
    """The shipped encoder, or None when it has not been trained (``make train``)."""
    folder = Path(str(resources.files("tocsin") / "data" / "models"))
    if not (folder / "encoder.onnx").is_file():
        return None
    return Encoder(folder)
