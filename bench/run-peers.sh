#!/usr/bin/env bash
# Runs dropout-lab's `bench mlp` / `bench dropout` and the PyTorch peer (bench/peers/pytorch_mlp.py) one after the
# other in this session, with the same flags, and prints both JSON results and the ratio dropout-lab / PyTorch.
# With --gemm M,K,N it instead runs `bench gemm` beside numpy's float32 matmul (bench/peers/numpy_sgemm.py).
#
#   bench/run-peers.sh [--steps N] [--warmup W] [--threads T] [--batch-size B] [--elements N] [--repeat R] [--rounds K]
#   bench/run-peers.sh --gemm M,K,N [--gemm M,K,N ...] [--threads T] [--repeat R] [--rounds K]
#
# Defaults: 784-1024-1024-10 with keep-probs 0.8,0.5,0.5, batch 128, 100 steps after 10 warm-up steps, 2 threads;
# dropout on 4 Mi float32 with keepProb 0.5, 50 calls; gemm C = A·B with A M×K, B K×N, 50 calls after 5 warm-up.
# --rounds K alternates the two engines K times. numpy's OpenBLAS threads follow --threads (OPENBLAS_NUM_THREADS).
# Needs the .NET 10 SDK and PyTorch:  apt-get install python3-torch libopenblas0-pthread   (or pip install torch numpy)
# (--gemm needs only numpy:  apt-get install python3-numpy libopenblas0-pthread)
# The machine's load average is printed before and after: the numbers are only comparable within one run.
set -euo pipefail
script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$script")/.."

steps=100 warmup=10 threads=2 batch=128 elements=4194304 repeat=50 rounds=1
layers=784,1024,1024,10 keep_probs=0.8,0.5,0.5 keep_prob=0.5
gemm_shapes=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --batch-size) batch=$2; shift 2 ;;
    --elements) elements=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --gemm)
      if [[ ! ${2:-} =~ ^[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*$ ]]; then
        echo "run-peers.sh: error: --gemm needs M,K,N (three positive integers), but got '${2:-}'" >&2; exit 2
      fi
      gemm_shapes+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,14p' "$script" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-peers.sh: error: unknown flag '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# $PYTHON, else the first of python3 and /usr/bin/python3 (Debian's python3-torch) that imports the peer's module.
module=torch install="apt-get install python3-torch libopenblas0-pthread   (or: pip install torch numpy)"
if [[ ${#gemm_shapes[@]} -gt 0 ]]; then
  module=numpy install="apt-get install python3-numpy libopenblas0-pthread   (or: pip install numpy)"
fi
python=${PYTHON:-}
if [[ -z "$python" ]]; then
  python=python3
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c "import $module" 2>/dev/null; then python=$candidate; break; fi
  done
fi
if ! "$python" -c "import $module" 2>/dev/null; then
  echo "run-peers.sh: error: $module is not importable by $python; install it with:" >&2
  echo "  $install" >&2
  exit 1
fi

echo "# building dropout-lab (Release)" >&2
dotnet build src/DropoutLab.Cli -c Release -v quiet -nologo >/dev/null
ours() { dotnet run --project src/DropoutLab.Cli -c Release --no-build -- bench "$@" --json; }
peer() { "$python" bench/peers/pytorch_mlp.py "$@" --json; }

mlp_flags=(--layers "$layers" --keep-probs "$keep_probs" --batch-size "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads")
dropout_flags=(--elements "$elements" --keep-prob "$keep_prob" --repeat "$repeat" --threads "$threads")

ratio() { # ratio PEER_NAME FIELD OURS_JSON PEER_JSON
  "$python" -c 'import json,sys; p,f=sys.argv[1:3]; a=json.loads(sys.argv[3])[f]; b=json.loads(sys.argv[4])[f]; print(f"{f}: dropout-lab {a:.4g}, {p} {b:.4g}, ratio {a/b:.2f}x")' "$@"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"
if [[ ${#gemm_shapes[@]} -gt 0 ]]; then
  for ((round = 1; round <= rounds; round++)); do
    for shape in "${gemm_shapes[@]}"; do
      IFS=, read -r m k n <<<"$shape"
      gemm_flags=(--m "$m" --k "$k" --n "$n" --threads "$threads" --repeat "$repeat")
      echo "== round $round: gemm ${gemm_flags[*]}"
      ours_gemm=$(ours gemm "${gemm_flags[@]}")
      peer_gemm=$("$python" bench/peers/numpy_sgemm.py "${gemm_flags[@]}" --json)
      echo "-- dropout-lab bench gemm"; echo "$ours_gemm"
      echo "-- numpy_sgemm.py"; echo "$peer_gemm"
      ratio numpy gflops "$ours_gemm" "$peer_gemm"
      ratio numpy bestGflops "$ours_gemm" "$peer_gemm"
    done
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
for ((round = 1; round <= rounds; round++)); do
  echo "== round $round: mlp ${mlp_flags[*]}"
  ours_mlp=$(ours mlp "${mlp_flags[@]}")
  peer_mlp=$(peer "${mlp_flags[@]}")
  echo "-- dropout-lab bench mlp"; echo "$ours_mlp"
  echo "-- pytorch_mlp.py"; echo "$peer_mlp"
  ratio pytorch stepsPerSecond "$ours_mlp" "$peer_mlp"
  ratio pytorch gflops "$ours_mlp" "$peer_mlp"

  echo "== round $round: dropout ${dropout_flags[*]}"
  ours_dropout=$(ours dropout "${dropout_flags[@]}")
  peer_dropout=$(peer --dropout "${dropout_flags[@]}")
  echo "-- dropout-lab bench dropout"; echo "$ours_dropout"
  echo "-- pytorch_mlp.py --dropout"; echo "$peer_dropout"
  ratio pytorch gigabytesPerSecond "$ours_dropout" "$peer_dropout"
  ratio pytorch bestGigabytesPerSecond "$ours_dropout" "$peer_dropout"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
