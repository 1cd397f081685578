#!/usr/bin/env bash
# The benchmark (BENCHMARKS.md): every row timed in one run — rnn4j's native path through the Java API, the
# same step in raw oneDNN from C++, rnn4j's pure-JVM backend, plain scalar Java, and oneDNN's sgemm on the
# step's GEMMs (the limit) — plus the char-LM training update; writes BENCHMARKS.md-style tables, a PNG chart
# and the rows as JSON under --out (default bench/target/). Builds first if needed.
#   scripts/bench.sh [--quick] [--json FILE] [--out DIR] [--rows FILTER] [--busy] [--split] [--threads P] [--help]
# --quick: short fixed budgets (~15 minutes on 2 quiet cores); --rows 'lstm training': only matching rows;
# --busy: only a training step at LSTM 25,16,256 quiet and beside one busy process (last line busy/quiet: R.RRx).
# --split: only a real model's training update (embedding, RNN, linear, cross-entropy, Adam) split into time
# inside oneDNN primitives and outside them, at 25,16,256 and 100,32,128 (--json FILE: the rows).
# OMP_WAIT_POLICY: libgomp's own default unless set (as in scripts/rnn4j; PASSIVE or ACTIVE to compare); JAVA_HOME selects the JDK.
set -euo pipefail
here="$(pwd)"
cd "$(dirname "$0")/.."
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --json|--out)
      [ $# -ge 2 ] || { echo "bench.sh: $1 needs a value (see --help)" >&2; exit 2; }
      case "$2" in /*) path="$2" ;; *) path="$here/$2" ;; esac
      args+=("$1" "$path"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
jar=bench/target/rnn4j-benchmarks.jar
raw=presets/target/cmake/cpp/rnn4j_bench
if [ ! -f "$jar" ] || [ ! -x "$raw" ]; then
  echo "bench.sh: building first (scripts/build.sh -q)" >&2
  scripts/build.sh -q >&2
fi
if [ "${OMP_WAIT_POLICY:-}" = default ]; then
  unset OMP_WAIT_POLICY          # libgomp's own default: spin a while, then sleep (also when unset)
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" org.rnn4j.bench.run.BenchCommand \
  --raw-bench "$raw" ${args[@]+"${args[@]}"}
