#!/usr/bin/env bash
# Builds and installs every module for this machine's platform (Linux or macOS):
# librnn4j with CMake against oneDNN from the org.bytedeco:dnnl jar, the JNI glue with JavaCPP,
# then the jars, rnn4j-platform included. Extra arguments go to Maven (e.g. -q, -DskipTests=false).
#   scripts/build.sh [maven arguments]
# Run here: linux-x86_64 (linux-arm64 from x86-64: scripts/test-arm64.sh); macOS: CI only.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
os=$(uname -s)
arch=$(uname -m)
case "$os-$arch" in
  Linux-x86_64) platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-x86_64) platform=macosx-x86_64 ;;
  *) echo "build.sh: no oneDNN jar is published for $os-$arch (supported: linux-x86_64, linux-arm64, macosx-x86_64; Windows: scripts/build.ps1)" >&2; exit 2 ;;
esac
for tool in cmake mvn; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is required" >&2; exit 2; }
done
exec mvn -B -Djavacpp.platform="$platform" -DskipTests install "$@"
