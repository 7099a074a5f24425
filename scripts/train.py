"""Train tocsin's shipped classifiers (``make train``): reproducible from the data it reads.

    python scripts/train.py [--data ../shared/data] [--training training] [--no-save]

ACLED sub-type model (``tocsin/data/models/acled.npz``): multinomial logistic regression over
``classifier.text_features`` + ``classifier.event_features`` of each snippet, trained on our
own labelled examples (``training/acled_examples.jsonl``) plus the CASE 2021 task 2 development
snippets (unseen types -> NONE). Before the final fit it prints honest estimates: trained on our
examples only and scored on the dev snippets, and 5-fold cross-validation over the dev snippets
(each fold's model also sees all our examples).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tocsin.config import Settings
from tocsin.eval.metrics import classification_report
from tocsin.extract.classifier import LinearModel, event_features, text_features
from tocsin.models import ACLED_SUBTYPES, Article
from tocsin.pipeline import Pipeline, Result

MODELS = ROOT / "tocsin" / "data" / "models"
SEED = 13
C = 4.0  # inverse regularisation; chosen by the cross-validation printed below
MIN_COUNT = 2  # features seen fewer times are dropped (noise, and a smaller shipped file)


def featurize(texts: list[str]) -> list[list[str]]:
    """Run the pipeline on each text and return its feature strings."""
    # the model being trained must not feed its own output back as a feature
    pipeline = Pipeline.from_settings(Settings(progress=False, batch_size=64, acled_model=""))
    items = (Result(origin=str(i), article=Article(raw=t)) for i, t in enumerate(texts))
    out: list[list[str]] = []
    for result in pipeline.run(items):
        article = result.article
        events = article.events if article is not None and result.status == "ok" else []
        text = article.text if article is not None and article.text else texts[len(out)]
        out.append(text_features(text) + event_features(events))
    return out


def fit(features: list[list[str]], labels: list[str]) -> LinearModel:
    counts: dict[str, int] = {}
    for feats in features:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    matrix = _matrix(features, vocab)
    classes = sorted(set(labels))
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    model.fit(matrix, labels)
    weights = model.coef_.T.astype(np.float32)
    if len(classes) == 2:  # sklearn keeps one column for two classes
        weights = np.hstack([-weights, weights])
    bias = model.intercept_ if len(classes) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    return LinearModel(tuple(str(c) for c in model.classes_), vocab, weights, bias.astype(np.float32))


def _matrix(features: list[list[str]], vocab: dict[str, int]) -> csr_matrix:
    rows, cols, vals = [], [], []
    for r, feats in enumerate(features):
        index = sorted({vocab[f] for f in feats if f in vocab})
        for c in index:
            rows.append(r)
            cols.append(c)
            vals.append(1 / np.sqrt(len(index)))
    return csr_matrix((vals, (rows, cols)), shape=(len(features), len(vocab)))


def score(model: LinearModel, features: list[list[str]], gold: list[str]) -> tuple[float, float]:
    predicted = [model.predict(f)[0] for f in features]
    seen = [(g, p) for g, p in zip(gold, predicted, strict=True) if g in ACLED_SUBTYPES]
    _, macro, weighted = classification_report([g for g, _ in seen], [p for _, p in seen], ACLED_SUBTYPES)
    return weighted, macro


def load_case2021(path: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            texts.append(row["EventSnippet"])
            labels.append(row["SubType"] if row["SubType"] in ACLED_SUBTYPES else "NONE")
    return texts, labels


def train_acled(data: Path, training: Path, save: bool) -> None:
    own = [json.loads(line) for line in (training / "acled_examples.jsonl").read_text().splitlines() if line.strip()]
    own_texts = [row["text"] for row in own]
    own_labels = [row["label"] for row in own]
    dev_texts, dev_labels = load_case2021(data / "case2021-task2-finegrained" / "dev.tsv")
    started = time.perf_counter()
    own_x = featurize(own_texts)
    dev_x = featurize(dev_texts)
    print(f"featurized {len(own_x)} own + {len(dev_x)} dev snippets in {time.perf_counter() - started:.0f} s")

    model = fit(own_x, own_labels)
    weighted, macro = score(model, dev_x, dev_labels)
    print(f"own examples only -> CASE 2021 dev: weighted F1 {weighted:.3f}, macro F1 {macro:.3f}")

    order = list(range(len(dev_x)))
    random.Random(SEED).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    gold_all: list[str] = []
    pred_all: list[str] = []
    for fold in folds:
        held = set(fold)
        train_x = own_x + [dev_x[i] for i in order if i not in held]
        train_y = own_labels + [dev_labels[i] for i in order if i not in held]
        fold_model = fit(train_x, train_y)
        for i in fold:
            gold_all.append(dev_labels[i])
            pred_all.append(fold_model.predict(dev_x[i])[0])
    seen = [(g, p) for g, p in zip(gold_all, pred_all, strict=True) if g in ACLED_SUBTYPES]
    _, macro, weighted = classification_report([g for g, _ in seen], [p for _, p in seen], ACLED_SUBTYPES)
    unseen = [p for g, p in zip(gold_all, pred_all, strict=True) if g == "NONE"]
    none_rate = sum(p == "NONE" for p in unseen) / len(unseen) if unseen else 0.0
    print(
        f"5-fold CV on dev (+ own examples): weighted F1 {weighted:.3f}, macro F1 {macro:.3f}, "
        f"unseen -> NONE {none_rate:.3f}"
    )

    final = fit(own_x + dev_x, own_labels + dev_labels)
    if save:
        MODELS.mkdir(parents=True, exist_ok=True)
        final.save(MODELS / "acled.npz")
        print(f"saved {MODELS / 'acled.npz'}: {len(final.vocab)} features x {len(final.labels)} labels")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--training", type=Path, default=ROOT / "training")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"gold data not found at {args.data}: pass --data")
        return 1
    train_acled(args.data, args.training, save=not args.no_save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
