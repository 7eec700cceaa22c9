#!/usr/bin/env python3
"""Write the all-MiniLM-L6-v2 BERT encoder as an ONNX model, without torch.

The graph is built op by op with the `onnx` helper API from model.safetensors and
config.json, so ONNX Runtime can be benchmarked on exactly the weights that
stancemap's own Rust encoder loads (see scripts/bench_ort.py).

Inputs (int64, [batch, seq]): input_ids, attention_mask, token_type_ids.
Output: last_hidden_state (float32, [batch, seq, hidden]).
The graph is plain ONNX ops (opset 17) in f32; fusing is left to ONNX Runtime's
graph optimizer, as a user of a stock export would get it.

Needs: pip install -r scripts/requirements-bench.txt
Usage: scripts/export_onnx.py MODEL_DIR OUT.onnx [--check]
  --check  also run the model in ONNX Runtime and compare mean-pooled, L2-normalized
           vectors with the NumPy reference (scripts/reference_embed.py).
"""
import argparse
import json
import math
import os
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file

OPSET = 17  # first opset with LayerNormalization; ORT supports it fully


def load_weights(model_dir):
    """Tensors of model.safetensors as f32, with any `bert.` prefix dropped."""
    raw = load_file(str(Path(model_dir) / "model.safetensors"))
    out = {}
    for name, arr in raw.items():
        key = name[len("bert."):] if name.startswith("bert.") else name
        out[key] = np.ascontiguousarray(arr, dtype=np.float32)
    return out


class GraphBuilder:
    """Collects nodes and initializers; hands out unique tensor names."""

    def __init__(self):
        self.nodes = []
        self.inits = []
        self.count = 0

    def fresh(self, hint):
        self.count += 1
        return f"{hint}_{self.count}"

    def const(self, hint, value, dtype=np.float32):
        name = self.fresh(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def weight(self, name, arr):
        self.inits.append(numpy_helper.from_array(arr, name))
        return name

    def op(self, op_type, inputs, out=None, **attrs):
        out = out or self.fresh(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attrs))
        return out


def build_model(weights, cfg):
    """The BertModel forward pass as an ONNX ModelProto."""
    g = GraphBuilder()
    hidden = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    head_dim = hidden // heads
    eps = float(cfg.get("layer_norm_eps", 1e-12))
    if cfg.get("hidden_act", "gelu") != "gelu":
        sys.exit(f"hidden_act {cfg['hidden_act']!r} is not supported (only exact-erf gelu)")

    def w(name):
        return g.weight(name, weights[name])

    def linear(x, prefix):
        # safetensors keeps Linear weights [out, in]; MatMul wants [in, out]
        wt = g.weight(prefix + ".weight.T", np.ascontiguousarray(weights[prefix + ".weight"].T))
        return g.op("Add", [g.op("MatMul", [x, wt]), w(prefix + ".bias")])

    def layer_norm(x, prefix, out=None):
        return g.op("LayerNormalization", [x, w(prefix + ".weight"), w(prefix + ".bias")],
                    out=out, axis=-1, epsilon=eps)

    # Embeddings: word + position (0..seq-1) + token type, then LayerNorm.
    seq_len = g.op("Shape", ["input_ids"], start=1, end=2)
    pos = g.op("Slice", [w("embeddings.position_embeddings.weight"),
                         g.const("zero", [0], np.int64), seq_len, g.const("axis0", [0], np.int64)])
    x = g.op("Gather", [w("embeddings.word_embeddings.weight"), "input_ids"])
    x = g.op("Add", [x, g.op("Gather", [w("embeddings.token_type_embeddings.weight"), "token_type_ids"])])
    x = g.op("Add", [x, pos])
    x = layer_norm(x, "embeddings.LayerNorm")

    # Additive key mask (1 - mask) * -10000, [batch, 1, 1, seq], shared by all layers.
    m = g.op("Cast", [g.op("Unsqueeze", ["attention_mask", g.const("axes12", [1, 2], np.int64)])],
             to=TensorProto.FLOAT)
    one = g.const("one", 1.0)
    mask_bias = g.op("Mul", [g.op("Sub", [one, m]), g.const("neg", -10000.0)])

    split_heads = g.const("split_heads", [0, 0, heads, head_dim], np.int64)
    merge_heads = g.const("merge_heads", [0, 0, hidden], np.int64)
    scale = g.const("scale", 1.0 / math.sqrt(head_dim))
    sqrt2 = g.const("sqrt2", math.sqrt(2.0))
    half = g.const("half", 0.5)

    n_layers = cfg["num_hidden_layers"]
    for i in range(n_layers):
        p = f"encoder.layer.{i}."
        # [batch, seq, hidden] -> [batch, heads, seq, head_dim]; keys as [.., head_dim, seq]
        q = g.op("Transpose", [g.op("Reshape", [linear(x, p + "attention.self.query"), split_heads])],
                 perm=[0, 2, 1, 3])
        k = g.op("Transpose", [g.op("Reshape", [linear(x, p + "attention.self.key"), split_heads])],
                 perm=[0, 2, 3, 1])
        v = g.op("Transpose", [g.op("Reshape", [linear(x, p + "attention.self.value"), split_heads])],
                 perm=[0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), mask_bias])
        probs = g.op("Softmax", [scores], axis=-1)
        ctx = g.op("Reshape", [g.op("Transpose", [g.op("MatMul", [probs, v])], perm=[0, 2, 1, 3]),
                               merge_heads])
        a = layer_norm(g.op("Add", [linear(ctx, p + "attention.output.dense"), x]),
                       p + "attention.output.LayerNorm")
        # exact GELU: 0.5 * h * (1 + erf(h / sqrt(2)))
        h = linear(a, p + "intermediate.dense")
        gelu = g.op("Mul", [g.op("Mul", [h, g.op("Add", [g.op("Erf", [g.op("Div", [h, sqrt2])]), one])]),
                            half])
        out = "last_hidden_state" if i == n_layers - 1 else None
        x = layer_norm(g.op("Add", [linear(gelu, p + "output.dense"), a]), p + "output.LayerNorm", out=out)

    ids_type = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
                for n in ("input_ids", "attention_mask", "token_type_ids")]
    output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                           ["batch", "sequence", hidden])
    graph = helper.make_graph(g.nodes, "minilm_bert", ids_type, [output], initializer=g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="stancemap scripts/export_onnx.py")
    # Keep the IR version at what the opset needs, so older runtimes can load it too.
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def export(model_dir, out_path):
    """Build the model from MODEL_DIR and write it to OUT_PATH; returns the path."""
    model_dir = Path(model_dir)
    out_path = Path(out_path)
    cfg = json.loads((model_dir / "config.json").read_text())
    model = build_model(load_weights(model_dir), cfg)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside and rename, so an interrupted export never leaves a half file
    # that bench_ort.py would take for a cached model.
    tmp = out_path.with_name(out_path.name + f".tmp{os.getpid()}")
    onnx.save_model(model, str(tmp))
    os.replace(tmp, out_path)
    return out_path


def check(model_dir, onnx_path):
    """Compare ORT vectors with the NumPy reference; returns (max abs diff, min cosine)."""
    import onnxruntime as ort
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import reference_embed as ref
    # run the model exactly as the benchmark does
    from bench_ort import load_tokenizer, mean_pool_normalize, pad_batch

    model_dir = Path(model_dir)
    cfg = json.loads((model_dir / "config.json").read_text())
    weights = load_weights(model_dir)
    tok = load_tokenizer(model_dir)
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])

    # The reference's fixed sentences (3 to 20 tokens), plus a longer one and one
    # cut at 256 tokens, so the padded batch also covers far positions.
    sentences = list(ref.SENTENCES) + [
        "Officials from both delegations said on Thursday that the draft accord, which covers "
        "prisoner exchanges, grain corridors and the return of displaced families, still needed "
        "approval from parliament before it could take effect.",
        " ".join(["The summit in Vilnius ended without a joint statement on the timetable."] * 25),
    ]
    expected = []
    for s in sentences:
        v = ref.encode(weights, cfg, tok.encode(s).ids).mean(0)
        expected.append(v / np.linalg.norm(v))
    expected = np.array(expected)

    def run(batch):
        feeds = pad_batch(tok.encode_batch(batch))
        states = sess.run(["last_hidden_state"], feeds)[0]
        return mean_pool_normalize(states, feeds["attention_mask"])

    # One at a time (no padding), and all in one batch padded to the longest.
    single = np.concatenate([run([s]) for s in sentences])
    batched = run(sentences)
    lengths = [len(tok.encode(s).ids) for s in sentences]
    worst_diff, worst_cos = 0.0, 1.0
    for label, got in (("one at a time", single), (f"padded batch, lengths {lengths}", batched)):
        diff = float(np.abs(got - expected).max())
        cos = float((got * expected).sum(1).min())
        print(f"{label}: max abs diff {diff:.3e}, min cosine {cos:.8f}")
        worst_diff, worst_cos = max(worst_diff, diff), min(worst_cos, cos)
    return worst_diff, worst_cos


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model_dir", help="folder with model.safetensors and config.json")
    ap.add_argument("out", help="ONNX file to write")
    ap.add_argument("--check", action="store_true",
                    help="compare with scripts/reference_embed.py (also needs onnxruntime, tokenizers)")
    args = ap.parse_args()
    path = export(args.model_dir, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, opset {OPSET})")
    if args.check:
        diff, cos = check(args.model_dir, path)
        ok = cos >= 0.99999
        print(f"{'OK' if ok else 'MISMATCH'}: max abs diff {diff:.3e}, min cosine {cos:.8f} (need >= 0.99999)")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
