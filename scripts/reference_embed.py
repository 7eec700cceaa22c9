#!/usr/bin/env python3
"""Independent reference for the encoder: BERT in NumPy, no torch.

Computes mean-pooled, L2-normalized all-MiniLM-L6-v2 embeddings for a few fixed
sentences and writes them to tests/fixtures/reference_embeddings.json, which
tests/encoder_reference.rs compares against the candle encoder.

Needs: pip install numpy safetensors tokenizers
Usage: scripts/reference_embed.py [MODEL_DIR] [OUT_JSON]
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

SENTENCES = [
    "The alliance is demonstrating its determination to remain an enemy for us.",
    "Peskov emphasized that NATO remains inflexible regarding Ukraine's potential membership.",
    "There are no prerequisites for negotiations yet.",
    "The foreign ministers agreed to meet again in Geneva next month.",
    "Kyiv thanked its partners for the new air-defence systems.",
    "Héllo — naïve café, “curly quotes” and ‘single’ ones.",
    "a",
]


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def encode(weights, cfg, ids):
    """Token states of one unpadded sequence (no mask needed)."""
    w = lambda name: weights[name].astype(np.float64)
    n = len(ids)
    x = w("embeddings.word_embeddings.weight")[ids]
    x = x + w("embeddings.position_embeddings.weight")[:n]
    x = x + w("embeddings.token_type_embeddings.weight")[[0] * n]
    x = layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
    heads = cfg["num_attention_heads"]
    hd = cfg["hidden_size"] // heads
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        lin = lambda t, name: t @ w(p + name + ".weight").T + w(p + name + ".bias")
        q = lin(x, "attention.self.query").reshape(n, heads, hd).transpose(1, 0, 2)
        k = lin(x, "attention.self.key").reshape(n, heads, hd).transpose(1, 0, 2)
        v = lin(x, "attention.self.value").reshape(n, heads, hd).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s = s / s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(n, heads * hd)
        a = layer_norm(lin(ctx, "attention.output.dense") + x,
                       w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias"))
        h = gelu(lin(a, "intermediate.dense"))
        x = layer_norm(lin(h, "output.dense") + a, w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias"))
    return x


def main():
    root = Path(__file__).resolve().parent.parent
    model_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "models" / "all-minilm-l6-v2"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "tests" / "fixtures" / "reference_embeddings.json"
    cfg = json.loads((model_dir / "config.json").read_text())
    weights = load_file(str(model_dir / "model.safetensors"))
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_padding()
    vectors = []
    for s in SENTENCES:
        ids = tok.encode(s).ids
        states = encode(weights, cfg, ids)
        v = states.mean(0)
        vectors.append((v / np.linalg.norm(v)).round(7).tolist())
    out.write_text(json.dumps({"model": "all-MiniLM-L6-v2", "sentences": SENTENCES, "vectors": vectors}) + "\n")
    print(f"wrote {len(vectors)} vectors to {out}")


if __name__ == "__main__":
    main()
