#!/usr/bin/env python3
"""numpy peer of `dropout-lab bench gemm`: float32 C = A·B (A m×k, B k×n, C-contiguous) timed the same way.

Entries are uniform in [-0.5, 0.5). After --warmup untimed calls, --repeat calls of numpy.matmul(a, b, out=c) are
timed; gflops = 2·m·n·k·repeat / seconds / 10⁹ and bestGflops uses the fastest single call. Prints the same JSON
fields as dropout-lab with --json ("kernel" is numpy's BLAS as reported by OpenBLAS, when it can be asked).

Threads: --threads T sets OPENBLAS_NUM_THREADS (and OMP_NUM_THREADS, MKL_NUM_THREADS) before numpy is imported,
so it overrides whatever the environment says; 0 means all processors.
Install: apt-get install python3-numpy libopenblas0-pthread   (or pip install numpy)
"""
import argparse
import ctypes
import json
import os
import sys
import time


def at_least(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not an integer")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value
    return parse


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--m", type=at_least(1), default=128)
    p.add_argument("--k", type=at_least(1), default=784)
    p.add_argument("--n", type=at_least(1), default=1024)
    p.add_argument("--threads", type=at_least(0), default=0)
    p.add_argument("--repeat", type=at_least(1), default=50)
    p.add_argument("--warmup", type=at_least(0), default=5)
    p.add_argument("--json", action="store_true")
    return p.parse_args(argv)


def openblas_core():
    """OpenBLAS's name for the kernel set it picked (e.g. 'Haswell'), or None if numpy's BLAS is not OpenBLAS."""
    for name in ("libopenblas.so.0", "libblas.so.3"):
        try:
            library = ctypes.CDLL(name)
            library.openblas_get_corename.restype = ctypes.c_char_p
            return library.openblas_get_corename().decode()
        except (OSError, AttributeError):
            continue
    return None


def main(argv):
    args = parse_args(argv)
    threads = args.threads or os.cpu_count() or 1
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    import numpy as np

    m, k, n = args.m, args.k, args.n
    random = np.random.default_rng(1)
    a = (random.random((m, k), dtype=np.float32) - np.float32(0.5))
    b = (random.random((k, n), dtype=np.float32) - np.float32(0.5))
    c = np.empty((m, n), dtype=np.float32)
    for _ in range(args.warmup):
        np.matmul(a, b, out=c)

    best = float("inf")
    total = time.perf_counter()
    for _ in range(args.repeat):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - start)
    seconds = time.perf_counter() - total

    flops = 2.0 * m * n * k
    core = openblas_core()
    result = {
        "engine": "numpy",
        "kernel": f"openblas-{core}" if core else "numpy",
        "m": m, "k": k, "n": n,
        "threads": threads,
        "warmup": args.warmup,
        "repeat": args.repeat,
        "flopsPerCall": flops,
        "seconds": seconds,
        "gflops": flops * args.repeat / seconds / 1e9,
        "bestSeconds": best,
        "bestGflops": flops / best / 1e9,
        "numpy": np.__version__,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"numpy matmul {m}×{k}·{k}×{n} float32 ({result['kernel']}, {threads} threads): "
              f"{result['gflops']:.1f} GFLOP/s over {args.repeat} calls ({seconds:.3f} s), best call {result['bestGflops']:.1f} GFLOP/s")


if __name__ == "__main__":
    main(sys.argv[1:])
