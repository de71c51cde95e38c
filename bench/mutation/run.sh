#!/usr/bin/env bash
# Mutation testing of the numerical core with Stryker.NET (settings in stryker-config.json at the repo root): every
# mutant of src/DropoutLab's Layers, Losses, Optimizers, Random, Numerics, Metrics and Training/ModelFile.cs is run
# against the fast test tier (tests tagged [Trait("Category", "Fast")]). Reports go to
# artifacts/mutation/reports/mutation-report.{html,json}; the mutation score of each file is printed at the end.
#
#   bench/mutation/run.sh                     the whole core
#   bench/mutation/run.sh --since main        only the core files changed since main (git diff)
#   bench/mutation/run.sh --files '**/Losses/SoftmaxCrossEntropy.cs' ...   only these globs
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

args=()
while (($#)); do
  case "$1" in
    --since) args+=("--since:$2"); shift 2 ;;
    --since=*) args+=("--since:${1#--since=}"); shift ;;
    --files)
      shift
      while (($#)) && [[ $1 != --* ]]; do args+=(--mutate "$1"); shift; done ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$PWD
out=$root/artifacts/mutation
rm -rf "$out"
mkdir -p "$out"
dotnet tool restore >/dev/null
start=$SECONDS
(cd tests/DropoutLab.Tests && nice -n 10 dotnet dotnet-stryker --config-file "$root/stryker-config.json" --output "$out" --skip-version-check "${args[@]}")
echo "stryker took $((SECONDS - start)) s"

report="$out/reports/mutation-report.json"
if [[ ! -f $report ]]; then
  echo "no JSON report at $report (nothing to mutate?)"; exit 0
fi
/usr/bin/python3 - "$report" <<'PY'
import json, sys
# Mutation score = detected / (detected + undetected); detected = Killed + Timeout, undetected = Survived + NoCoverage.
# Ignored and CompileError mutants are not counted (Stryker's own definition).
files = json.load(open(sys.argv[1]))["files"]
total = {"Killed": 0, "Timeout": 0, "Survived": 0, "NoCoverage": 0, "Ignored": 0}
rows = []
for path, entry in sorted(files.items()):
    count = {k: 0 for k in total}
    for mutant in entry["mutants"]:
        if mutant["status"] in count:
            count[mutant["status"]] += 1
    for k in total:
        total[k] += count[k]
    rows.append((path, count))

def line(name, c):
    detected = c["Killed"] + c["Timeout"]
    valid = detected + c["Survived"] + c["NoCoverage"]
    score = f"{100 * detected / valid:6.1f}%" if valid else "    n/a"
    return f"{score}  killed {c['Killed']:4d}  timeout {c['Timeout']:3d}  survived {c['Survived']:4d}  no-coverage {c['NoCoverage']:4d}  ignored {c['Ignored']:4d}  {name}"

for path, c in rows:
    if any(c.values()):
        print(line(path, c))
print(line("TOTAL", total))
PY
