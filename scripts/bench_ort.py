#!/usr/bin/env python3
# Tested with: Python 3.11.7, onnxruntime 1.32.0, onnx 1.23.2, numpy 2.4.6,
# safetensors 0.8.0, tokenizers 0.23.3 (pinned in scripts/requirements-bench.txt).
"""Encoder throughput of ONNX Runtime on the all-MiniLM-L6-v2 weights stancemap uses.

Counterpart of `stancemap bench` (encoder mode), for comparing
engines: per batch, the timed work is what stancemap's Rust encoder does, i.e.
tokenize (padding off, truncation at 256), pad to the longest member, run the
model, mean-pool over the mask and L2-normalize. Batches are consecutive lines
of the input file (or, with --sort, consecutive after sorting by token length).

The ONNX model is exported from the safetensors weights on first use
(scripts/export_onnx.py) and cached at --onnx; delete the cache after changing
the exporter or the weights.

Needs: pip install -r scripts/requirements-bench.txt
Usage: scripts/bench_ort.py [--input FILE] [--batch N] [--threads N] [--model-dir DIR]
                            [--onnx FILE] [--rounds R] [--sort] [--json]
"""
import argparse
import json
import multiprocessing
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

MAX_TOKENS = 256  # the Rust encoder truncates here too
WARMUP_BATCHES = 3  # untimed batches from the start of the order, before the timed passes


# --- running the model the way stancemap's encoder does (export_onnx.py --check uses these too) ---

def load_tokenizer(model_dir):
    """tokenizer.json with padding off (the file pads to 128) and truncation at 256."""
    from tokenizers import Tokenizer  # imported late: RAYON_NUM_THREADS must be set first
    tok = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


def pad_batch(encodings):
    """Model inputs of a batch of encodings, zero-padded to the longest member."""
    b = len(encodings)
    n = max([len(e.ids) for e in encodings] + [1])
    ids = np.zeros((b, n), np.int64)
    types = np.zeros((b, n), np.int64)
    mask = np.zeros((b, n), np.int64)
    for i, e in enumerate(encodings):
        k = len(e.ids)
        ids[i, :k] = e.ids
        types[i, :k] = e.type_ids
        mask[i, :k] = e.attention_mask
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def mean_pool_normalize(states, mask):
    """Mean over the unmasked tokens, then scale each row to unit length."""
    m = mask[:, :, None].astype(np.float32)
    pooled = (states * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    norm = np.sqrt((pooled * pooled).sum(1, keepdims=True))
    return pooled / np.maximum(norm, 1e-12)


def peak_rss_mb():
    # ru_maxrss is in KiB on Linux, bytes on macOS
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _export_in_child(model_dir, onnx_path):
    import export_onnx
    export_onnx.export(model_dir, onnx_path)


def ensure_onnx(model_dir, onnx_path):
    """Export the model if not cached; returns the seconds it took, or None if cached.

    The export runs in a child process so that its memory (all weights, the graph,
    the onnx package) does not count in this process's peak RSS.
    """
    if onnx_path.exists():
        return None
    print(f"exporting {model_dir} to {onnx_path} ...", file=sys.stderr)
    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(
        target=_export_in_child, args=(str(model_dir), str(onnx_path)))
    child.start()
    child.join()
    if child.exitcode != 0 or not onnx_path.exists():
        sys.exit(f"ONNX export failed (exit code {child.exitcode})")
    return time.perf_counter() - started


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, default=ROOT / "data" / "bench" / "sentences.txt",
                    help="one sentence per line (default: data/bench/sentences.txt)")
    ap.add_argument("--batch", type=int, default=32, help="sentences per batch (default 32)")
    ap.add_argument("--threads", type=int, default=2,
                    help="ORT intra-op threads, also the tokenizer's thread pool (default 2, as the Rust bench)")
    ap.add_argument("--model-dir", type=Path, default=ROOT / "models" / "all-minilm-l6-v2",
                    help="folder with model.safetensors, config.json, tokenizer.json")
    ap.add_argument("--onnx", type=Path, default=ROOT / "target" / "bench" / "minilm.onnx",
                    help="cached ONNX model, exported here if missing; delete it to re-export "
                         "(default: target/bench/minilm.onnx)")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes over the file; the median is reported")
    ap.add_argument("--sort", action="store_true", help="sort sentences by token length before batching")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if args.batch < 1 or args.threads < 1 or args.rounds < 1:
        ap.error("--batch, --threads and --rounds must be at least 1")

    # The tokenizers package sizes its Rayon pool from this on first use, as the
    # Rust bench does for candle and the tokenizer: set it before the import.
    os.environ["RAYON_NUM_THREADS"] = str(args.threads)
    os.environ.pop("TOKENIZERS_PARALLELISM", None)

    if not args.input.is_file():
        sys.exit(f"{args.input}: no such file (one sentence per line; see --input)")
    sentences = [line.strip() for line in args.input.read_text(encoding="utf-8").splitlines()]
    sentences = [s for s in sentences if s]
    if not sentences:
        sys.exit(f"{args.input}: no sentences")

    export_s = ensure_onnx(args.model_dir, args.onnx)

    import onnxruntime as ort

    started = time.perf_counter()
    tok = load_tokenizer(args.model_dir)
    tokenizer_load_s = time.perf_counter() - started

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = args.threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    started = time.perf_counter()
    session = ort.InferenceSession(str(args.onnx), opts, providers=["CPUExecutionProvider"])
    load_s = time.perf_counter() - started

    # Untimed: token counts for the report and for --sort.
    lengths = [len(e.ids) for e in tok.encode_batch(sentences)]
    order = list(range(len(sentences)))
    if args.sort:
        order.sort(key=lambda i: lengths[i])
    chunks = [order[j:j + args.batch] for j in range(0, len(order), args.batch)]
    batches = [[sentences[i] for i in chunk] for chunk in chunks]
    # tokens the model sees, padding included
    sizes = [len(chunk) * max(lengths[i] for i in chunk) for chunk in chunks]
    padded_tokens = sum(sizes)

    def embed(texts):
        feeds = pad_batch(tok.encode_batch(texts))
        states = session.run(["last_hidden_state"], feeds)[0]
        return mean_pool_normalize(states, feeds["attention_mask"])

    # Warm-up: the first batches, plus the widest one so that ORT's memory arena
    # has grown to its final size before timing.
    widest = max(range(len(batches)), key=sizes.__getitem__)
    for j in sorted(set(range(min(WARMUP_BATCHES, len(batches)))) | {widest}):
        embed(batches[j])

    passes = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for b in batches:
            vectors = embed(b)
        passes.append(time.perf_counter() - started)
    if not np.isfinite(vectors).all():
        sys.exit("the model produced non-finite vectors")

    pass_s = statistics.median(passes)
    result = {
        "engine": "onnxruntime",
        "engine_version": ort.__version__,
        "sentences_per_s": len(sentences) / pass_s,
        "sentences_per_s_best": len(sentences) / min(passes),
        "pass_s": pass_s,
        "rounds": args.rounds,
        "load_s": load_s,
        "tokenizer_load_s": tokenizer_load_s,
        "export_s": export_s,
        "peak_rss_mb": peak_rss_mb(),
        "batch": args.batch,
        "threads": args.threads,
        "sentences": len(sentences),
        "tokens": sum(lengths),
        "padded_tokens": padded_tokens,
        "sorted": args.sort,
        "input": str(args.input),
        "onnx": str(args.onnx),
    }
    if args.json:
        print(json.dumps(result))
    else:
        order_text = "sorted by token length" if args.sort else "file order"
        print(f"onnxruntime {ort.__version__}: {result['sentences_per_s']:.1f} sentences/s "
              f"(median of {args.rounds}; batch {args.batch}, {args.threads} thread"
              f"{'s' if args.threads > 1 else ''}, {order_text}; "
              f"{len(sentences)} sentences, {sum(lengths)} tokens, {padded_tokens} padded); "
              f"load {load_s:.3f} s; peak RSS {result['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
