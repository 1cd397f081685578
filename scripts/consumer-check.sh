#!/usr/bin/env bash
# The consumer check: a separate Maven project (scripts/consumer) that depends only on
# org.rnn4j:rnn4j-platform from the local Maven repository trains a tiny LSTM in a fresh JVM and must
# print its loss falling, on the native backend; then, with this platform's rnn4j-native jar taken off
# its classpath, on the JVM backend after one WARN naming the platform and the artifact to add.
# Run after installing this platform's jars and rnn4j-platform:
#   mvn -B install -DskipTests -Djavacpp.platform=linux-x86_64 && scripts/consumer-check.sh
# Options: --platform P (default: this machine's). Extra arguments go to Maven (it runs offline, -o).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
platform=
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --platform) [ $# -ge 2 ] || { echo "consumer-check.sh: --platform needs a value" >&2; exit 2; }; platform=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ -z "$platform" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 ;;
    Linux-aarch64) platform=linux-arm64 ;;
    Darwin-x86_64) platform=macosx-x86_64 ;;
    *) echo "consumer-check.sh: no native jar for $(uname -s)-$(uname -m); pass --platform" >&2; exit 2 ;;
  esac
fi
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
consumer=$root/scripts/consumer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== consumer of org.rnn4j:rnn4j-platform:$version (-Djavacpp.platform=$platform), offline"
mvn -B -o -q -f "$consumer/pom.xml" -Drnn4j.version="$version" -Djavacpp.platform="$platform" \
  "$@" \
  compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
classes=$consumer/target/classes
classpath=$(cat "$work/classpath.txt")

# Every dependency is a jar from the local repository: nothing from the rnn4j build tree.
native_jars=0
IFS=: read -r -a entries <<< "$classpath"
for entry in "${entries[@]}"; do
  case "$entry" in
    "$root"/*) echo "consumer-check.sh: build-tree path on the classpath: $entry" >&2; exit 1 ;;
    *.jar) ;;
    *) echo "consumer-check.sh: not a jar: $entry" >&2; exit 1 ;;
  esac
  case "$(basename "$entry")" in
    rnn4j-native-*-"$platform".jar) native_jars=$((native_jars + 1)); native_jar=$entry ;;
    rnn4j-native-*-*-*.jar) echo "consumer-check.sh: another platform's jar resolved: $entry" >&2; exit 1 ;;
  esac
done
[ "$native_jars" -eq 1 ] || { echo "consumer-check.sh: expected one rnn4j-native $platform jar, found $native_jars" >&2; exit 1; }
echo "classpath: ${#entries[@]} jars from the local repository, native: $(basename "$native_jar")"
# The native jar holds librnn4j and its JNI library only: oneDNN and its runtimes come from the dnnl jar.
libraries=$(jar tf "$native_jar" | grep -v '/$' | grep -v '^META-INF/' | sort | paste -sd ' ' -)
case "$platform" in
  windows-*) expected="org/rnn4j/internal/$platform/jnirnn4j.dll org/rnn4j/internal/$platform/rnn4j.dll" ;;
  macosx-*) expected="org/rnn4j/internal/$platform/libjnirnn4j.dylib org/rnn4j/internal/$platform/librnn4j.dylib" ;;
  *) expected="org/rnn4j/internal/$platform/libjnirnn4j.so org/rnn4j/internal/$platform/librnn4j.so" ;;
esac
[ "$libraries" = "$expected" ] || { echo "consumer-check.sh: $(basename "$native_jar") holds '$libraries', expected '$expected'" >&2; exit 1; }
echo "native jar: $libraries"

# A fresh JVM in an empty directory: the native backend must load from the jars alone.
echo "== native"
(cd "$work" && java -cp "$classes:$classpath" org.rnn4j.consumer.ConsumerCheck native)

# Without the native jar: the JVM backend, after exactly one WARN that names the platform and the artifact.
echo "== without rnn4j-native-$version-$platform.jar"
without=$(printf '%s\n' "${entries[@]}" | grep -v -F "$native_jar" | paste -sd: -)
(cd "$work" && java -cp "$classes:$without" org.rnn4j.consumer.ConsumerCheck jvm) 2>&1 | tee "$work/jvm.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
warnings=$(grep -c "WARN.*platform $platform is not on the classpath: add org.rnn4j:rnn4j-platform:$version" "$work/jvm.log" || true)
[ "$warnings" -eq 1 ] || { echo "consumer-check.sh: expected the missing-jar WARN once, saw it $warnings times" >&2; exit 1; }
echo "== consumer check passed ($platform)"
