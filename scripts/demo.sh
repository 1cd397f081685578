#!/usr/bin/env bash
# The main job: builds rnn4j if needed (C++ with CMake, JNI glue with JavaCPP, jars with Maven), then trains a
# character-level LSTM language model on English Europarl text for 3 minutes (rnn4j train-charlm): progress bar,
# validation bits per character, samples, the saved model and a PNG of the curves under out/train-charlm.
#   scripts/demo.sh [--skip-build] [train-charlm options, e.g. --minutes 1, --steps 100, --backend jvm]
# A bare number N is taken as --steps N. JAVA_HOME selects the JDK (17 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [ "${1:-}" = "--skip-build" ]; then
  shift
elif ! ls examples/target/rnn4j-examples-*.jar 2>/dev/null | grep -q -v -e '-sources\.jar$' -e '-javadoc\.jar$' \
     || [ ! -f examples/target/runtime-classpath.txt ]; then
  scripts/build.sh -q
fi
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  set -- --steps "$@"
fi
exec scripts/rnn4j train-charlm "$@"
