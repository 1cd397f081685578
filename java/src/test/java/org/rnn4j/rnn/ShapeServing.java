package org.rnn4j.rnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * One long-lived engine serving inference of random shapes, as a server would: T uniform in [1, 200],
 * N uniform in [1, 16], every other call with random lengths (the variable-length path). Records the
 * largest primitive-cache size seen and the process's resident set size (every 100 calls): after the
 * warm-up, at half way, and the largest after each.
 */
final class ShapeServing {
    static final int MAX_STEPS = 200;
    static final int MAX_BATCH = 16;

    long maxCachedShapes;
    long rssAfterWarmUp;
    long maxRss;
    long rssAtHalf;
    long maxRssSecondHalf;

    /** Runs {@code calls} inference forwards on rnn; the RSS baseline is taken after {@code warmUp} calls. */
    void serve(NativeRnn rnn, RnnWeights weights, int calls, int warmUp, long seed) {
        Random random = new Random(seed);
        int input = rnn.config().inputSize();
        for (int call = 0; call < calls; call++) {
            int steps = 1 + random.nextInt(MAX_STEPS);
            int batch = 1 + random.nextInt(MAX_BATCH);
            int[] lengths = null;
            if (call % 2 == 1) {
                lengths = new int[batch];
                for (int n = 0; n < batch; n++) {
                    lengths[n] = 1 + random.nextInt(steps);
                }
            }
            try (TensorScope scope = TensorScope.open()) {
                Tensor x = Tensor.zeros(steps, batch, input);  // [T, N, I]
                rnn.forward(Propagation.INFERENCE, weights, x, lengths, null);
            }
            maxCachedShapes = Math.max(maxCachedShapes, rnn.cachedShapes());
            if (call + 1 == warmUp) {
                rssAfterWarmUp = rss();
            }
            if (call + 1 == calls / 2) {
                rssAtHalf = rss();
            }
            if (call + 1 >= warmUp && (call % 100 == 99 || call + 1 == calls)) {
                long now = rss();
                maxRss = Math.max(maxRss, now);
                if (call + 1 > calls / 2) {
                    maxRssSecondHalf = Math.max(maxRssSecondHalf, now);
                }
            }
        }
    }

    /** The process's resident set size in bytes (Linux: /proc/self/status), or 0 where it cannot be read. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
