#!/usr/bin/env bash
# Cross-builds the linux-arm64 native jar on this x86-64 Debian machine and tests it under qemu:
# the C++ tests (CTest, through qemu-aarch64) and the Java suite of the rnn4j module (Surefire on an
# arm64 JRE from Debian's archive, run by qemu-aarch64). Exits non-zero on any failure; the last line
# is Surefire's summary. Extra arguments go to both Maven runs (e.g. -o, -q).
#   scripts/test-arm64.sh [maven arguments]
# Installs with apt what it lacks (g++-aarch64-linux-gnu, libc6-arm64-cross, qemu-user, ...). The arm64
# JRE sysroot lives in $RNN4J_ARM64_CACHE (default ~/.cache/rnn4j-arm64), outside the repository.
# Installs org.rnn4j:rnn4j-native (and its linux-arm64 jar) into the local Maven repository.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
[ "$(uname -m)" = x86_64 ] || { echo "test-arm64.sh: runs on an x86-64 Linux machine (on arm64, run mvn -B verify)" >&2; exit 2; }

# qemu's default CPU ("max") has SVE, and oneDNN's SVE paths run about ten times slower under qemu.
export QEMU_CPU=neoverse-n1

# 1. Tools.
missing=()
command -v aarch64-linux-gnu-g++ >/dev/null || missing+=(g++-aarch64-linux-gnu)
[ -f /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=(libc6-arm64-cross)
command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v cmake >/dev/null || missing+=(cmake)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# 2. An arm64 JRE: Debian's openjdk-17-jre-headless and the libraries it loads, unpacked into a sysroot
#    with apt's own state directories (the machine's architectures stay as they are).
cache=${RNN4J_ARM64_CACHE:-$HOME/.cache/rnn4j-arm64}
sysroot=$cache/sysroot
jre=$sysroot/usr/lib/jvm/java-17-openjdk-arm64
if [ ! -x "$jre/bin/java" ]; then
  echo "== arm64 JRE into $sysroot"
  apt_dir=$cache/apt
  mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc/sources.list.d" \
           "$apt_dir/etc/preferences.d" "$cache/debs"
  : > "$apt_dir/state/status"
  cat > "$apt_dir/etc/sources.list.d/debian.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Architectures: arm64
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Architectures: arm64
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt_arm64=(apt-get -q -o APT::Architecture=arm64 -o APT::Architectures=arm64
             -o Dir::State="$apt_dir/state" -o Dir::State::status="$apt_dir/state/status"
             -o Dir::Cache="$apt_dir/cache" -o Dir::Etc="$apt_dir/etc" -o Dir::Etc::sourcelist=/dev/null
             -o Dir::Etc::sourceparts="$apt_dir/etc/sources.list.d"
             -o Dir::Etc::trusted=/etc/apt/trusted.gpg -o Dir::Etc::trustedparts=/etc/apt/trusted.gpg.d)
  "${apt_arm64[@]}" update
  # The JRE, the C and C++ runtimes, and what java.desktop loads headless (fonts for the chart tests).
  (cd "$cache/debs" && "${apt_arm64[@]}" download openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g \
      libfreetype6 libfontconfig1 fontconfig-config fonts-dejavu-core libpng16-16 libbrotli1 libexpat1 \
      libharfbuzz0b libglib2.0-0 libgraphite2-3 libpcre2-8-0 libuuid1 liblcms2-2 libjpeg62-turbo libffi8 \
      libmount1 libselinux1 libblkid1)
  for deb in "$cache"/debs/*.deb; do dpkg -x "$deb" "$sysroot"; done
fi
mkdir -p "$cache/bin"
java_arm64=$cache/bin/java
cat > "$java_arm64" <<EOF
#!/bin/sh
exec qemu-aarch64 -cpu neoverse-n1 -L "$sysroot" "$jre/bin/java" "\$@"
EOF
chmod +x "$java_arm64"
echo "== $("$java_arm64" -XshowSettings:properties -version 2>&1 | grep -E 'os.arch = ' | sed 's/^ *//') ($("$java_arm64" -version 2>&1 | head -n 1))"

# 3. The linux-arm64 jar: CMake with cmake/linux-arm64-on-x86_64.cmake, CTest under qemu, JavaCPP's JNI
#    library with aarch64-linux-gnu-g++ (the presets pom's cross-linux-arm64 profile).
echo "== build rnn4j-native linux-arm64 and run the C++ tests under qemu"
mvn -B -Djavacpp.platform=linux-arm64 -pl presets -am install "$@"
native_jar=presets/target/rnn4j-native-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)-linux-arm64.jar
unzip -l "$native_jar"

# 4. The Java suite on the arm64 JRE: Surefire forks its JVM through qemu (-Djvm).
echo "== the Java suite under qemu-aarch64"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
mvn -B -Djavacpp.platform=linux-arm64 -Djvm="$java_arm64" -pl java test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -n 1)
echo "== linux-arm64 (qemu, $QEMU_CPU): maven exit $status"
echo "${summary:-no Surefire summary found}"
exit "$status"
