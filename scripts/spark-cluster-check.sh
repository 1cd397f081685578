#!/usr/bin/env bash
# Runs the README's spark-submit line against a real Spark standalone cluster on this machine: a master and
# two workers (one core each) started from the Spark jars Maven resolved (examples/target/spark-classpath.txt,
# spark-core holds Master, Worker and SparkSubmit), then SparkSubmit (what the spark-submit script runs) with
# the README's arguments and a small train-charlm, then checks the report and stops the cluster.
# It starts nothing else and stops only the processes it started.
#   scripts/spark-cluster-check.sh [SYNC_EVERY]        (after mvn -B -DskipTests install; about a minute)
# Executors are separate JVMs launched by the workers, so this also checks that the native kernels load on
# them from the --jars (it fails if an executor falls back to the JVM backend). Exit 0: the report is right;
# its folder (logs, executors' work dirs, ~100 MB) is then deleted unless RNN4J_KEEP is set, and kept on failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sync_every="${1:-1}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
target="$root/examples/target"
jar="$(ls "$target"/rnn4j-examples-*.jar 2>/dev/null | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -n 1 || true)"
for f in "$jar" "$target/runtime-classpath.txt" "$target/spark-classpath.txt"; do
  if [ -z "$f" ] || [ ! -f "$f" ]; then
    echo "spark-cluster-check: needs the packaged examples (mvn -B -DskipTests install)" >&2
    exit 2
  fi
done
work="$(mktemp -d "${TMPDIR:-/tmp}/rnn4j-spark-cluster.XXXXXX")"
# Spark's side, as a Spark distribution ships it: its provided jars, and those it shares with the examples
# (Maven lists a jar once, in the runtime classpath: slf4j, Jackson, ...). rnn4j's own jars and the native
# ones reach the executors only through --jars, as on a real cluster.
spark_classpath="$(cat "$target/spark-classpath.txt")"
for j in $(tr ':' ' ' < "$target/runtime-classpath.txt"); do
  case "$(basename "$j")" in
    rnn4j-*|javacpp-*|dnnl-*|opencl-*) ;;
    *) spark_classpath="$spark_classpath:$j" ;;
  esac
done

# Spark's launcher builds an executor's classpath from SPARK_HOME/jars: a SPARK_HOME whose jars/ links Maven's jars.
mkdir -p "$work/spark-home/jars" "$work/logs" "$work/worker-1" "$work/worker-2"
tr ':' '\n' <<< "$spark_classpath" | while read -r j; do ln -sf "$j" "$work/spark-home/jars/"; done
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

# The JDK internals Spark opens on Java 17+ (as scripts/rnn4j does for --spark).
opens=()
for module in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$module=ALL-UNNAMED")
done
opens+=(-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT

port=$((20000 + RANDOM % 20000))
master="spark://127.0.0.1:$port"
"$java_bin" "${opens[@]}" -Xmx512m -cp "$spark_classpath" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$work/logs/master.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do grep -q "I have been elected leader" "$work/logs/master.log" && break; sleep 1; done
grep -q "I have been elected leader" "$work/logs/master.log" || { cat "$work/logs/master.log" >&2; exit 1; }
for w in 1 2; do
  "$java_bin" "${opens[@]}" -Xmx512m -cp "$spark_classpath" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 --work-dir "$work/worker-$w" "$master" \
    > "$work/logs/worker-$w.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 60); do [ "$(grep -c "Registering worker" "$work/logs/master.log")" -ge 2 ] && break; sleep 1; done
[ "$(grep -c "Registering worker" "$work/logs/master.log")" -ge 2 ] || { cat "$work/logs/"*.log >&2; exit 1; }
echo "spark-cluster-check: master $master with 2 workers (logs in $work/logs)"

# The README's line, run as spark-submit runs it: SparkSubmit on Spark's classpath, the app's jars by --jars.
small=(--seed 3 --steps 4 --hidden 32 --embedding 16 --batch 8 --bptt 50 --timing-steps 0 --sample-length 10)
report="$work/spark.json"
set +e
"$java_bin" "${opens[@]}" --enable-native-access=ALL-UNNAMED -cp "$spark_classpath" \
  org.apache.spark.deploy.SparkSubmit --master "$master" --class org.rnn4j.examples.cli.Rnn4jExamples \
  --conf spark.executor.memory=768m --conf spark.driver.host=127.0.0.1 \
  --jars "$(tr ':' ',' < "$target/runtime-classpath.txt")" \
  "$jar" train-charlm --spark "$master" --sync-every "$sync_every" --report "$report" "${small[@]}" \
  --out "$work/out" > "$work/logs/submit.log" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ] || [ ! -f "$report" ]; then
  tail -n 40 "$work/logs/submit.log" >&2
  echo "spark-cluster-check: spark-submit failed (exit $status); logs in $work/logs" >&2
  exit 1
fi

# The report: the cluster's master, sync_every, 4 updates, a finite training loss — with sync_every 1 the same
# final_train_loss as one machine within 1e-4 relative (the issue's contract); executors on the native kernels.
single=none
if [ "$sync_every" = 1 ]; then
  single="$work/single.json"
  "$root/scripts/rnn4j" train-charlm --report "$single" "${small[@]}" --out "$work/single" > "$work/logs/single.log" 2>&1
fi
executors="$(find "$work"/worker-* -name stderr | wc -l)"
fallbacks="$(cat "$work"/worker-*/*/*/stderr 2>/dev/null | grep -c "native backend unavailable" || true)"
"$java_bin" -cp "$(cat "$target/runtime-classpath.txt")" -Dreport="$report" -Dmaster="$master" -Dk="$sync_every" \
  -Dsingle="$single" "$root/scripts/SparkReportCheck.java"
echo "spark-cluster-check: $executors executor(s) ran, $fallbacks fell back to the JVM backend"
[ "$executors" -ge 2 ] && [ "$fallbacks" -eq 0 ]
stop
trap - EXIT
if [ -n "${RNN4J_KEEP:-}" ]; then
  echo "spark-cluster-check: OK (kept $work)"
else
  rm -rf "$work"
  echo "spark-cluster-check: OK"
fi
