#!/usr/bin/env python3
"""PyTorch peer of `dropout-lab bench mlp`: the same network and training step, timed the same way.

nn.Sequential(Dropout(1 - keep0), Linear, ReLU, Dropout(1 - keep1), Linear, ReLU, Dropout(1 - keep2), Linear),
CrossEntropyLoss, SGD(lr 0.01, momentum 0.9), float32, one fixed batch of random inputs in [0, 1) and random labels.
FLOPs per step = 6·B·Σ nₗ·nₗ₋₁ (2·B·Σ forward + twice that backward; the first layer's input gradient is counted
although autograd never computes it, as in dropout-lab). Prints {"stepsPerSecond", "gflops", ...} with --json.

With --dropout it instead times torch.nn.functional.dropout(a, p=1-keepProb, training=True) on N float32 values,
counting 8·N bytes per call (4·N read, 4·N written), and prints {"gigabytesPerSecond", ...}.

Install: apt-get install python3-torch libopenblas0-pthread   (or pip install torch numpy)
"""
import argparse
import json
import sys
import time


def integer_list(text):
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of integers")
    if any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"every width must be at least 1, got '{text}'")
    return values


def number_list(text):
    try:
        return [float(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of numbers")


def at_least(minimum):
    def parse(text):
        value = int(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value
    return parse


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--layers", type=integer_list, default=[784, 1024, 1024, 10])
    p.add_argument("--keep-probs", type=number_list, default=[0.8, 0.5, 0.5])
    p.add_argument("--batch-size", type=at_least(1), default=128)
    p.add_argument("--steps", type=at_least(1), default=100)
    p.add_argument("--warmup", type=at_least(0), default=10)
    p.add_argument("--threads", type=at_least(1), default=2)
    p.add_argument("--seed", type=at_least(0), default=1)
    p.add_argument("--dropout", action="store_true", help="time torch.nn.functional.dropout instead of the MLP")
    p.add_argument("--elements", type=at_least(1), default=4 * 1024 * 1024)
    p.add_argument("--keep-prob", type=float, default=0.5)
    p.add_argument("--repeat", type=at_least(1), default=50)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if len(args.layers) < 2 or args.layers[-1] < 2:
        p.error(f"--layers needs at least two widths ending with at least 2 classes, got {args.layers}")
    if len(args.keep_probs) != len(args.layers) - 1:
        p.error(f"--keep-probs needs {len(args.layers) - 1} values, got {len(args.keep_probs)}")
    if not all(0 < k <= 1 for k in args.keep_probs) or not 0 < args.keep_prob <= 1:
        p.error("keep probabilities must be in (0, 1]")
    return args


def flops_per_step(layers, batch):
    return 3 * 2.0 * batch * sum(layers[l] * layers[l - 1] for l in range(1, len(layers)))


def bench_mlp(torch, args):
    nn = torch.nn
    modules = []
    for l in range(1, len(args.layers)):
        modules.append(nn.Dropout(1 - args.keep_probs[l - 1]))
        modules.append(nn.Linear(args.layers[l - 1], args.layers[l]))
        if l < len(args.layers) - 1:
            modules.append(nn.ReLU())
    model = nn.Sequential(*modules).float().train()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.rand(args.batch_size, args.layers[0], dtype=torch.float32)
    y = torch.randint(0, args.layers[-1], (args.batch_size,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    seconds = time.perf_counter() - start
    flops = flops_per_step(args.layers, args.batch_size)
    return {
        "engine": f"pytorch {torch.__version__}",
        "layers": args.layers,
        "keepProbs": args.keep_probs,
        "batchSize": args.batch_size,
        "threads": torch.get_num_threads(),
        "warmup": args.warmup,
        "steps": args.steps,
        "seconds": seconds,
        "stepsPerSecond": args.steps / seconds,
        "flopsPerStep": flops,
        "gflops": flops * args.steps / seconds / 1e9,
        "lastLoss": float(loss.item()),
    }


def bench_dropout(torch, args):
    a = torch.rand(args.elements, dtype=torch.float32) * 2 - 1
    p = 1 - args.keep_prob
    torch.nn.functional.dropout(a, p=p, training=True)
    best = float("inf")
    start = time.perf_counter()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        torch.nn.functional.dropout(a, p=p, training=True)
        best = min(best, time.perf_counter() - t0)
    seconds = time.perf_counter() - start
    bytes_per_call = 8.0 * args.elements
    return {
        "engine": f"pytorch {torch.__version__}",
        "kernel": "dropout",
        "elements": args.elements,
        "keepProb": args.keep_prob,
        "threads": torch.get_num_threads(),
        "repeat": args.repeat,
        "bytesPerCall": bytes_per_call,
        "seconds": seconds,
        "gigabytesPerSecond": bytes_per_call * args.repeat / seconds / 1e9,
        "bestGigabytesPerSecond": bytes_per_call / best / 1e9,
    }


def main(argv):
    args = parse_args(argv)
    try:
        import torch
    except ImportError:
        print("pytorch_mlp.py: error: PyTorch is not installed "
              "(apt-get install python3-torch libopenblas0-pthread, or pip install torch numpy)", file=sys.stderr)
        return 1
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    result = bench_dropout(torch, args) if args.dropout else bench_mlp(torch, args)
    if args.json:
        print(json.dumps(result, indent=2))
    elif args.dropout:
        print(f"torch dropout, {args.elements} float32, keepProb {args.keep_prob}: "
              f"{result['gigabytesPerSecond']:.2f} GB/s over {args.repeat} calls, best call {result['bestGigabytesPerSecond']:.2f} GB/s")
    else:
        print(f"torch mlp {'-'.join(map(str, args.layers))}, batch {args.batch_size}, {args.steps} steps in "
              f"{result['seconds']:.3f} s: {result['stepsPerSecond']:.1f} steps/s, {result['gflops']:.1f} GFLOP/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
