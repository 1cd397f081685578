package org.rnn4j.bench.run;

import java.util.Locale;

import org.rnn4j.CellKind;
import org.rnn4j.backend.Backend;
import org.rnn4j.backend.jvm.FastRnn;

/**
 * A training step (forward + backward through the Java API) on one backend in a loop, for a profiler to
 * look at (BENCHMARKS.md: where the JVM backend's time goes).
 *   java -XX:StartFlightRecording=filename=jvm.jfr -cp bench/target/rnn4j-benchmarks.jar \
 *        org.rnn4j.bench.run.JvmStepLoop [seconds [T N H [jvm|native]]]
 * Prints the median step time and GF/s.
 */
public final class JvmStepLoop {
    private JvmStepLoop() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int t = args.length > 3 ? Integer.parseInt(args[1]) : 50;
        int n = args.length > 3 ? Integer.parseInt(args[2]) : 64;
        int h = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        Backend backend = args.length > 4 && args[4].equals("native") ? Backend.NATIVE : Backend.JVM;
        BenchRow row = new BenchRow(CellKind.LSTM, BenchRow.Mode.TRAINING, BenchRow.Lengths.FIXED, 1, 1, t, n, h, h, 0);
        Timing timing = ApiStep.time(row, backend, t, new Timing.Budget(1, 3, 10_000, seconds));
        System.out.printf(Locale.ROOT, "%s on %s (%d JVM-backend threads): %.1f ms median of %d, %.1f GF/s%n",
                row.name(), backend, FastRnn.threads(), timing.medianMs(), timing.runs(),
                RowRun.gflops(row.flops(t), timing.medianMs()));
    }
}
