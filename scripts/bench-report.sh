#!/usr/bin/env bash
# Times one training step (forward training + backward) of each recurrent cell, raw oneDNN against
# rnn4j's kernels, interleaved in one process per cell (the machine may be noisy: compare within a
# line), plus rnn4j with variable lengths uniform in [T/2, T]. Prints a Markdown table and writes the
# JSON lines to bench/target/native-report.jsonl.
#   scripts/bench-report.sh [--steps T] [--batch N] [--hidden H] [--threads P] [--iterations K] [--cells "lstm gru ..."]
# Needs a build (scripts/build.sh) first.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=50 batch=64 hidden=512 threads=2 iterations=10 cells="lstm gru lbr_gru rnn_tanh"
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --hidden) hidden=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --cells) cells=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-report.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
bin=presets/target/cmake/cpp/rnn4j_bench
[ -x "$bin" ] || { echo "bench-report.sh: $bin is missing: run scripts/build.sh first" >&2; exit 2; }
platform_dir=$(ls -d presets/target/deps/org/bytedeco/dnnl/*/ | head -n 1)
opencl_dir=$(ls -d presets/target/deps/org/bytedeco/opencl/*/ | head -n 1)
export LD_LIBRARY_PATH="$platform_dir:$opencl_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
mkdir -p bench/target
out=bench/target/native-report.jsonl
: > "$out"
for cell in $cells; do
  "$bin" --cell "$cell" --steps "$steps" --batch "$batch" --hidden "$hidden" --threads "$threads" \
         --iterations "$iterations" --variable | tee -a "$out" >/dev/null
done
python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {}
for r in rows:
    by.setdefault(r["cell"], {})[r["impl"]] = r
print("| cell | T | N | H | threads | raw oneDNN ms (GF/s) | rnn4j ms (GF/s) | rnn4j / raw | variable lengths ms (GF/s) | variable / fixed rate |")
print("|---|---|---|---|---|---|---|---|---|---|")
for cell, r in by.items():
    raw, ours, var = r["onednn_raw"], r["rnn4j"], r.get("rnn4j_variable_lengths")
    v = f'{var["median_ms"]:.1f} ({var["gflops"]:.0f})' if var else "-"
    vr = f'{var["gflops"] / ours["gflops"]:.0%}' if var else "-"
    print(f'| {cell} | {raw["T"]} | {raw["N"]} | {raw["H"]} | {raw["threads"]} | {raw["median_ms"]:.1f} ({raw["gflops"]:.0f}) '
          f'| {ours["median_ms"]:.1f} ({ours["gflops"]:.0f}) | {ours["gflops"] / raw["gflops"]:.0%} | {v} | {vr} |')
PY
