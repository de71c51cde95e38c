#!/usr/bin/env bash
# Fuzzes the library's file readers with SharpFuzz under afl-fuzz, one harness after the other (never two
# afl-fuzz processes at once on this 2-core machine).
#
#   bench/fuzz/run.sh SECONDS [HARNESS...]      harnesses: csv idx model (default: all three)
#
# Builds DropoutLab.Fuzz (Release) into bench/fuzz/out/bin, instruments DropoutLab.dll there with the sharpfuzz
# tool (local tool manifest bench/fuzz/dotnet-tools.json), runs each harness for SECONDS on a copy of its seed
# corpus bench/fuzz/corpus/<harness>, and prints afl's executions and crashes per harness. Findings stay in
# bench/fuzz/out/findings/<harness> (crashes/, hangs/, queue/, fuzzer_stats); replay one input with
#   dotnet bench/fuzz/out/bin/DropoutLab.Fuzz.dll <harness> <file>
# Needs afl-fuzz (Debian: apt-get install -y afl++). The fuzz project is not part of DropoutLab.slnx, so the
# solution's build and CI need neither afl nor sharpfuzz.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:?usage: run.sh SECONDS [csv|idx|model ...]}"
shift
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(csv idx model)
command -v afl-fuzz > /dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$here/out"
bin="$out/bin"
# A fresh output folder each time: sharpfuzz must see the freshly built, not yet instrumented DropoutLab.dll.
rm -rf "$bin"
dotnet build "$here/DropoutLab.Fuzz/DropoutLab.Fuzz.csproj" -c Release -o "$bin" --nologo -v q
(cd "$here" && dotnet tool restore > /dev/null && dotnet tool run sharpfuzz "$bin/DropoutLab.dll")

# In a container: no CPU-frequency governor, no core dumps piped elsewhere, cores shared with others.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1
export AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=60000
# SharpFuzz's Fuzzer.Run is persistent: one .NET process serves every execution, so the per-input timeout
# only has to cover a slow input, while the fork server's start (runtime + JIT) gets a minute above.
timeout_ms="${AFL_TIMEOUT_MS:-5000}"

summary=()
for h in "${harnesses[@]}"; do
  findings="$out/findings/$h"
  rm -rf "$findings"; mkdir -p "$out/findings"
  echo "== $h: afl-fuzz for ${seconds}s"
  afl-fuzz -i "$here/corpus/$h" -o "$findings" -t "$timeout_ms" -m none -V "$seconds" \
    -- "$(command -v dotnet)" "$bin/DropoutLab.Fuzz.dll" "$h" > "$out/$h.log" 2>&1 || { tail -n 30 "$out/$h.log"; exit 1; }
  stats="$findings/default/fuzzer_stats"
  get() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' | wc -l)
  line="$h: run_time $(get run_time)s, execs_done $(get execs_done), execs_per_sec $(get execs_per_sec), corpus_count $(get corpus_count), edges_found $(get edges_found), stability $(get stability), saved_crashes $crashes, saved_hangs $hangs"
  echo "$line"
  summary+=("$line")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
