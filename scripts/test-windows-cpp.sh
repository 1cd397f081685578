#!/usr/bin/env bash
# Smoke check of the C++ layer on windows-x86_64, here on Linux: librnn4j and its C++ tests built with
# Debian's MinGW-w64 against the org.bytedeco:dnnl windows-x86_64 jar (dnnl.dll, lib/dnnl.lib), linked
# to the OpenMP runtime dnnl.dll uses (vcomp140.dll from the org.bytedeco:javacpp windows-x86_64 jar),
# and run by CTest under wine. oneDNN's dnnl.hpp is header-only over its C API, so only C symbols cross
# the MSVC DLL boundary. Not a release build (that is MSVC on Windows: scripts/build.ps1).
#   scripts/test-windows-cpp.sh [maven arguments for fetching the jars, e.g. -o]
# Installs with apt what it lacks (g++-mingw-w64-x86-64-posix, wine64). Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
missing=()
command -v x86_64-w64-mingw32-g++-posix >/dev/null || missing+=(g++-mingw-w64-x86-64-posix)
[ -x /usr/lib/wine/wine64 ] || missing+=(wine64)
command -v cmake >/dev/null || missing+=(cmake)
command -v mvn >/dev/null || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build=$root/build/windows-x86_64
deps=$build/deps
rm -rf "$build"
mkdir -p "$deps"
javacpp_version=$(sed -n 's:.*<javacpp.version>\(.*\)</javacpp.version>.*:\1:p' "$root/pom.xml")
dnnl_version=$(sed -n 's:.*<dnnl.version>\(.*\)</dnnl.version>.*:\1:p' "$root/pom.xml" | sed "s/\${javacpp.version}/$javacpp_version/")
echo "== the windows-x86_64 jars of org.bytedeco:dnnl:$dnnl_version and org.bytedeco:javacpp:$javacpp_version"
for artifact in "org.bytedeco:dnnl:$dnnl_version:jar:windows-x86_64" "org.bytedeco:javacpp:$javacpp_version:jar:windows-x86_64"; do
  mvn -B -q "$@" dependency:unpack -Dartifact="$artifact" -DoutputDirectory="$deps" -Dmdep.overWriteReleases=true
done
dnnl_dir=$deps/org/bytedeco/dnnl/windows-x86_64
runtime_dir=$deps/org/bytedeco/javacpp/windows-x86_64

echo "== MinGW build"
cmake -S "$root" -B "$build/cmake" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/windows-x86_64-mingw.cmake" \
  -DRNN4J_DNNL_DIR="$dnnl_dir" -DRNN4J_OMP_LIBRARY="$runtime_dir/vcomp140.dll"
cmake --build "$build/cmake" --parallel 2
# librnn4j takes oneDNN from dnnl.dll and omp_* from the OpenMP runtime dnnl.dll uses.
imports=$(x86_64-w64-mingw32-objdump -p "$build/cmake/cpp/librnn4j.dll")
for dll in dnnl.dll VCOMP140.DLL; do
  grep -q "DLL Name: $dll" <<< "$imports" || { echo "test-windows-cpp.sh: librnn4j.dll does not import $dll" >&2; exit 1; }
done
echo "librnn4j.dll imports: $(grep 'DLL Name' <<< "$imports" | sed 's/.*DLL Name: //' | paste -sd ' ' -)"

echo "== CTest under wine"
export WINEPREFIX=$build/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# DLLs: the MSVC runtime dnnl.dll needs (from the javacpp jar) and MinGW's C++ runtime and winpthread
# (linked shared: a static libgcc would be re-exported by librnn4j.dll's export-all .def).
windows_path=
for dir in "$runtime_dir" "$(dirname "$(x86_64-w64-mingw32-g++-posix -print-file-name=libstdc++-6.dll)")" \
           /usr/x86_64-w64-mingw32/lib; do
  windows_path="$windows_path${windows_path:+;}$(/usr/lib/wine/wine64 winepath -w "$dir" 2>/dev/null)"
done
export WINEPATH=$windows_path
echo "WINEPATH=$WINEPATH"
(cd "$build/cmake" && ctest --output-on-failure)
echo "== windows-x86_64 C++ smoke (MinGW + wine): passed"
