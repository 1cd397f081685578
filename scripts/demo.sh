#!/usr/bin/env bash
# The end-to-end demo: builds rnn4j (C++ with CMake, JNI glue with JavaCPP, jars with Maven), then
# trains a small LSTM on oneDNN's fused kernels and prints the loss falling.
#   scripts/demo.sh [--skip-build] [iterations]
# JAVA_HOME selects the JDK (17 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [ "${1:-}" = "--skip-build" ]; then
  shift
else
  scripts/build.sh -q
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="examples/target/rnn4j-examples-0.1.0-SNAPSHOT.jar:$(cat examples/target/runtime-classpath.txt)"
exec "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$cp" org.rnn4j.examples.EchoDemo "$@"
