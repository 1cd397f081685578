package org.rnn4j.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.rnn4j.CellKind;
import org.rnn4j.backend.Backend;

/**
 * Issue 10 item 3, measurement only: the native training step (forward + backward through the Java API) at
 * LSTM 25,16,256 timed quiet, then beside one competing busy process (a shell loop this check starts and
 * stops itself). The last line printed is {@code busy/quiet: R.RRx}.
 */
final class BusyCheck {
    static final BenchRow ROW = new BenchRow(CellKind.LSTM, BenchRow.Mode.TRAINING, BenchRow.Lengths.FIXED, 1, 1,
            25, 16, 256, 256, 0);
    private static final Timing.Budget BUDGET = new Timing.Budget(5, 20, 200, 3.0);

    private BusyCheck() {
    }

    static double run(PrintStream out) {
        double quiet = ApiStep.time(ROW, Backend.NATIVE, ROW.steps(), BUDGET).medianMs();
        out.printf(Locale.ROOT, "quiet: %.2f ms per training step (%s, median)%n", quiet, ROW.name());
        Process busy = startBusyLoop();
        double loaded;
        try {
            loaded = ApiStep.time(ROW, Backend.NATIVE, ROW.steps(), BUDGET).medianMs();
        } finally {
            busy.destroyForcibly();
            try {
                busy.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out.printf(Locale.ROOT, "busy: %.2f ms per training step beside one busy process (pid %d, stopped)%n", loaded,
                busy.pid());
        double ratio = loaded / quiet;
        out.printf(Locale.ROOT, "busy/quiet: %.2fx%n", ratio);
        return ratio;
    }

    private static Process startBusyLoop() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            Thread.sleep(200); // let it take its core
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the competing busy process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
