#!/usr/bin/env bash
# Compiles every ```java block of README.md against the built jars and runs those whose first line
# is `// runnable`; prints one line per block and exits 1 on any failure (with javac's or the
# program's output), 2 on bad usage.
#   scripts/check-readme.sh [--readme FILE] [--classpath FILE] [--timeout SECONDS] [--keep]
#     --readme FILE      the Markdown file to check (default: README.md of this repository)
#     --classpath FILE   the dependency jars, separated by ':' as maven-dependency-plugin's
#                        build-classpath writes them (default: resolved with mvn from the java module)
#     --timeout SECONDS  limit for each runnable block (default 300)
#     --keep             keep the generated sources and classes (their folder is printed)
# A block is either a whole class (it declares a top-level class, record, interface or enum and
# brings its own imports) or a method body, wrapped in a class whose main method throws Exception,
# with wildcard imports of java.util, java.nio.file, java.time and every org.rnn4j package a user writes code
# against (all of the jar's but internal, reference, reference.ops, backend.jvm and cli); a
# body's own import lines are kept. It compiles against java/target/rnn4j-<version>.jar (build it
# first: mvn -B -pl java,examples -am -DskipTests package), and runs with --enable-native-access=ALL-UNNAMED
# in a folder of its own. JAVA_HOME selects the JDK.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage_error() {
  echo "check-readme.sh: $1 (see --help)" >&2
  exit 2
}

readme="$root/README.md"
classpath_file=""
timeout_seconds=300
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help)
      sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    --readme|--classpath|--timeout)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --readme) readme="$2" ;;
        --classpath) classpath_file="$2" ;;
        --timeout) timeout_seconds="$2" ;;
      esac
      shift 2 ;;
    --keep)
      keep=true
      shift ;;
    *)
      usage_error "unknown argument '$1'" ;;
  esac
done
[ -f "$readme" ] || usage_error "--readme must be an existing file, got '$readme'"
[ -z "$classpath_file" ] || [ -f "$classpath_file" ] || usage_error "--classpath must be an existing file, got '$classpath_file'"
[[ "$timeout_seconds" =~ ^[1-9][0-9]*$ ]] || usage_error "--timeout must be a whole number of seconds > 0, got '$timeout_seconds'"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac_bin="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
jar_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
command -v "$javac_bin" >/dev/null || { echo "check-readme.sh: no javac at '$javac_bin' (set JAVA_HOME to a JDK)" >&2; exit 1; }

# The rnn4j jar of this checkout: the API the README documents.
api_jar=""
for jar in "$root"/java/target/rnn4j-*.jar; do
  case "$(basename "$jar")" in
    rnn4j-*-cli.jar|rnn4j-*-sources.jar|rnn4j-*-javadoc.jar|rnn4j-*-tests.jar) ;;
    *) [ -f "$jar" ] && api_jar="$jar" ;;
  esac
done
if [ -z "$api_jar" ]; then
  echo "check-readme.sh: no java/target/rnn4j-<version>.jar: build it first (mvn -B -pl java,examples -am -DskipTests package)" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/rnn4j-readme.XXXXXX")"
if [ "$keep" = true ]; then
  echo "generated files in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# The dependency jars (native jars, slf4j, jackson, …), without any other copy of the rnn4j jar.
if [ -z "$classpath_file" ]; then
  classpath_file="$work/classpath.txt"
  mvn_args=(-B -q -f "$root/pom.xml" -pl java org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath
            -Dmdep.includeScope=runtime "-Dmdep.outputFile=$classpath_file")
  if ! mvn -o "${mvn_args[@]}" >"$work/mvn.log" 2>&1 && ! mvn "${mvn_args[@]}" >>"$work/mvn.log" 2>&1; then
    echo "check-readme.sh: cannot resolve the java module's dependencies with mvn:" >&2
    cat "$work/mvn.log" >&2
    exit 1
  fi
fi
classpath="$api_jar"
IFS=':' read -r -a entries <<<"$(tr -d '\n' <"$classpath_file")"
for entry in "${entries[@]}"; do
  case "$(basename "$entry")" in
    rnn4j-[0-9]*.jar|classes) ;;
    *) [ -n "$entry" ] && classpath="$classpath:$entry" ;;
  esac
done

# Wildcard imports: java.util, java.nio.file, java.time and the user-facing packages of the rnn4j jar.
imports="import java.util.*; import java.nio.file.*; import java.time.*;"
while read -r package; do
  case "$package" in
    org.rnn4j.internal|org.rnn4j.reference|org.rnn4j.reference.*|org.rnn4j.backend.jvm|org.rnn4j.cli) ;;
    *) imports="$imports import $package.*;" ;;
  esac
done < <("$jar_bin" tf "$api_jar" | grep '^org/rnn4j/.*\.class$' | sed 's|/[^/]*$||; s|/|.|g' | sort -u)

# Split the README into blocks: $work/blockN/Block.md holds block N; lines.txt its first code line.
awk -v work="$work" '
  /^[ \t]*```java[ \t]*$/ && !inside { inside = 1; n++; system("mkdir -p " work "/block" n);
                                       print NR + 1 > (work "/block" n "/line.txt"); next }
  /^[ \t]*```[ \t]*$/ && inside      { inside = 0; next }
  inside                             { print > (work "/block" n "/Block.md") }
' "$readme"

failures=0
count=0
for dir in $(ls -d "$work"/block* 2>/dev/null | sort -V); do
  count=$((count + 1))
  first_line="$(cat "$dir/line.txt")"
  touch "$dir/Block.md"
  label="block $count ($(basename "$readme"):$first_line)"
  mkdir -p "$dir/src" "$dir/classes" "$dir/run"
  if grep -Eq '^(public |final |abstract |sealed |non-sealed )*(class|record|interface|enum) [A-Za-z_][A-Za-z0-9_]*' "$dir/Block.md"; then
    # A whole class: compiled as written; main class = the first top-level type, in its package.
    type="$(grep -Eo '^(public |final |abstract |sealed |non-sealed )*(class|record|interface|enum) [A-Za-z_][A-Za-z0-9_]*' "$dir/Block.md" \
            | head -1 | awk '{ print $NF }')"
    package="$(grep -Eo '^package [A-Za-z0-9_.]+' "$dir/Block.md" | head -1 | awk '{ print $2 }' || true)"
    main="${package:+$package.}$type"
    cp "$dir/Block.md" "$dir/src/$type.java"
    source="$dir/src/$type.java"
    offset=$((first_line - 1))
  else
    # A method body: line 1 holds the imports and the class header, so body line k is file line k + 1.
    main="ReadmeBlock$count"
    source="$dir/src/$main.java"
    own_imports="$(grep -E '^[ \t]*import [A-Za-z0-9_.*]+;[ \t]*$' "$dir/Block.md" | tr '\n' ' ' || true)"
    {
      echo "$imports $own_imports public class $main { public static void main(String[] args) throws Exception {"
      sed -E 's/^[ \t]*import [A-Za-z0-9_.*]+;[ \t]*$//' "$dir/Block.md"
      echo "} }"
    } >"$source"
    offset=$((first_line - 2))
  fi
  if ! "$javac_bin" -nowarn -encoding UTF-8 -d "$dir/classes" -cp "$classpath" "$source" >"$dir/javac.log" 2>&1; then
    echo "$label: failed (javac)"
    # javac's positions, as README lines.
    awk -v offset="$offset" -v readme="$(basename "$readme")" '
      match($0, /^[^:]*\.java:[0-9]+:/) { n = split(substr($0, 1, RLENGTH - 1), a, ":");
                                           $0 = readme ":" (a[n] + offset) ":" substr($0, RLENGTH + 1) }
      { print "    " $0 }' "$dir/javac.log"
    failures=$((failures + 1))
    continue
  fi
  if [ "$(head -1 "$dir/Block.md" | tr -d ' \t\r')" != "//runnable" ]; then
    echo "$label: compiled"
    continue
  fi
  status=0
  (cd "$dir/run" && timeout "$timeout_seconds" "$java_bin" --enable-native-access=ALL-UNNAMED \
      -cp "$dir/classes:$classpath" "$main") >"$dir/run.log" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    echo "$label: ran"
    sed 's/^/    /' "$dir/run.log"
  else
    [ "$status" -eq 124 ] && reason="timed out after ${timeout_seconds}s" || reason="exit code $status"
    echo "$label: failed ($reason)"
    sed 's/^/    /' "$dir/run.log"
    failures=$((failures + 1))
  fi
done

if [ "$count" -eq 0 ]; then
  echo "check-readme.sh: $readme has no \`\`\`java block" >&2
  exit 1
fi
if [ "$failures" -gt 0 ]; then
  echo "$failures of $count java blocks of $(basename "$readme") failed"
  exit 1
fi
echo "all $count java blocks of $(basename "$readme") compiled; runnable ones ran"
