#!/usr/bin/env bash
# Builds every artifact of a release into target/release/ on an x86-64 Linux machine:
#   rnn4j, rnn4j-native, rnn4j-native linux-x86_64 (built and tested here), rnn4j-native linux-arm64
#   (cross-built and tested under qemu by scripts/test-arm64.sh), the macosx-x86_64 and windows-x86_64
#   native jars built on native runners (the CI workflow's jobs; pass the folder holding them), then
#   rnn4j-platform over all four, each with its sources and javadoc jars.
#   scripts/build-all.sh --native-jars DIR [maven arguments]
# DIR must hold rnn4j-native-<version>-macosx-x86_64.jar and rnn4j-native-<version>-windows-x86_64.jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
native_jars=
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --native-jars) [ $# -ge 2 ] || { echo "build-all.sh: --native-jars needs a folder" >&2; exit 2; }; native_jars=$2; shift 2 ;;
    *) break ;;
  esac
done
[ -n "$native_jars" ] || { echo "build-all.sh: --native-jars DIR is required (the macOS and Windows jars from CI)" >&2; exit 2; }
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
for platform in macosx-x86_64 windows-x86_64; do
  jar=$native_jars/rnn4j-native-$version-$platform.jar
  [ -f "$jar" ] || { echo "build-all.sh: missing $jar" >&2; exit 2; }
done

echo "== linux-x86_64: every module, every test, sources and javadoc"
mvn -B -Prelease -Djavacpp.platform=linux-x86_64 install "$@"
echo "== linux-arm64: cross-built, C++ and Java tests under qemu"
scripts/test-arm64.sh "$@"
echo "== macosx-x86_64 and windows-x86_64 native jars from $native_jars"
for platform in macosx-x86_64 windows-x86_64; do
  mvn -B -q install:install-file -Dfile="$native_jars/rnn4j-native-$version-$platform.jar" -DgroupId=org.rnn4j \
    -DartifactId=rnn4j-native -Dversion="$version" -Dclassifier="$platform" -Dpackaging=jar -DgeneratePom=false "$@"
done
echo "== rnn4j-platform over all four platforms"
mvn -B -Prelease,platform -pl platform install "$@"

release=target/release
rm -rf "$release"
mkdir -p "$release"
cp java/target/rnn4j-"$version".jar java/target/rnn4j-"$version"-{sources,javadoc}.jar \
   presets/target/rnn4j-native-"$version".jar presets/target/rnn4j-native-"$version"-{sources,javadoc}.jar \
   presets/target/rnn4j-native-"$version"-linux-x86_64.jar presets/target/rnn4j-native-"$version"-linux-arm64.jar \
   "$native_jars"/rnn4j-native-"$version"-{macosx-x86_64,windows-x86_64}.jar \
   platform/target/rnn4j-platform-"$version"{,-sources,-javadoc}.jar "$release"/
cp pom.xml "$release/rnn4j-parent-$version.pom"
cp java/pom.xml "$release/rnn4j-$version.pom"
cp presets/pom.xml "$release/rnn4j-native-$version.pom"
cp platform/pom.xml "$release/rnn4j-platform-$version.pom"
ls -l "$release"
