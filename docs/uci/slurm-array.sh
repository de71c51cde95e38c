#!/bin/bash
# One UCI data set as a Slurm array: task i of n runs every n-th split; `uci merge` then combines the shards.
#SBATCH --job-name=dropoutlab-uci
#SBATCH --array=0-3
#SBATCH --cpus-per-task=2
#SBATCH --time=00:30:00
set -euo pipefail
N=4
DATA=${DATA:-$HOME/uci/bostonHousing}
OUT=${OUT:-$HOME/uci-results}
dotnet run --project src/DropoutLab.Cli -c Release -- \
  uci --data "$DATA" --shard "${SLURM_ARRAY_TASK_ID}/${N}" --threads "${SLURM_CPUS_PER_TASK}" --out "$OUT"
# afterwards (e.g. sbatch --dependency=afterok:<array job id>):
#   dropout-lab uci merge "$OUT"/uci-bostonHousing-shard-*-of-4.json
