"""Throughput of the Python package and of Ray on the articles of a .jsonl file.

Run by scripts/bench-python.sh (which starts the cluster for `ray`):
    python scripts/bench_python.py package FILE --threads 2
    python scripts/bench_python.py ray FILE --workers 2 --threads 1
Prints one JSON object: wall seconds (model load apart), articles/s, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import threading
import time
from pathlib import Path


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_package(path: Path, threads: int, model_dir: str) -> dict:
    import stancemap

    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    started = time.perf_counter()
    pipe = stancemap.Pipeline(model_dir=model_dir, threads=threads).load()
    loaded = time.perf_counter()
    out = pipe.classify(records)
    done = time.perf_counter()
    return {
        "mode": "package",
        "engine": pipe.engine,
        "threads": pipe.threads,
        "articles": len(out),
        "load_s": round(loaded - started, 3),
        "classify_s": round(done - loaded, 3),
        "articles_per_s": round(len(out) / (done - loaded), 2),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


class PeakWatcher(threading.Thread):
    """Polls the peak RSS (VmHWM) of the Ray worker processes running the classifier."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    cmdline = (proc / "cmdline").read_bytes()
                    if b"_Classifier" not in cmdline and b"MapBatches" not in cmdline:
                        continue
                    for line in (proc / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            kib = float(line.split()[1])
                            pid = int(proc.name)
                            self.peaks[pid] = max(self.peaks.get(pid, 0.0), kib / 1024)
                except OSError:
                    continue
            time.sleep(0.2)


def bench_ray(path: Path, workers: int, threads: int, model_dir: str) -> dict:
    import ray

    import stancemap.ray

    ray.init(address=os.environ["RAY_ADDRESS"], log_to_driver=False)
    watcher = PeakWatcher()
    watcher.start()
    started = time.perf_counter()
    ds = stancemap.ray.read_jsonl(str(path), override_num_blocks=max(4, 2 * workers))
    out = stancemap.ray.classify(
        ds, json_column="text", model_dir=model_dir, concurrency=workers, threads=threads
    )
    rows = out.take_all()
    done = time.perf_counter()
    watcher.stop.set()
    watcher.join()
    ray.shutdown()
    articles = sum(1 for r in rows if r["error"] is None)
    return {
        "mode": "ray",
        "workers": workers,
        "threads_per_worker": threads,
        "articles": articles,
        "wall_s": round(done - started, 3),
        "articles_per_s": round(articles / (done - started), 2),
        "worker_peak_rss_mib": sorted(round(v, 1) for v in watcher.peaks.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["package", "ray"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model-dir", default="models/all-minilm-l6-v2")
    args = parser.parse_args()
    if args.mode == "package":
        result = bench_package(args.file, args.threads, args.model_dir)
    else:
        result = bench_ray(args.file, args.workers, args.threads, args.model_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
