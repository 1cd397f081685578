package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Which windows the next updates of the driver's trainer will ask for, so that a round can run them ahead:
 * from the window asked for now, the next chunk of truncated BPTT ({@code forwardLength} steps, the last one
 * cut at the batch's end) until the batch ends, then the next batch (and epoch) — the order of the trainer's
 * loop — stopping at the epoch limit.
 *
 * @param forwardLength truncated BPTT's k1, or 0 for full BPTT (each batch one update)
 * @param epochs        the epoch limit of the fit (no window of epoch >= epochs)
 */
record RoundPlan(int forwardLength, int epochs) {

    /** Up to {@code updates} windows from {@code first} (fewer when the epoch limit comes first). */
    List<RoundWindow> windows(ShardSource<?, ?> source, RoundWindow first, int updates) {
        if (first.windowed() != (forwardLength > 0)) {
            throw new IllegalStateException("the trainer asked for " + first + ", but the round plan assumes "
                    + (forwardLength > 0 ? "truncated BPTT of " + forwardLength + " steps" : "whole batches"));
        }
        List<RoundWindow> out = new ArrayList<>(updates);
        RoundWindow w = first;
        while (w != null && out.size() < updates) {
            out.add(w);
            w = next(source, w);
        }
        return out;
    }

    private RoundWindow next(ShardSource<?, ?> source, RoundWindow w) {
        if (w.windowed()) {
            int steps = source.layout(w.epoch(), w.batch()).steps();
            if (w.to() < steps) {
                return new RoundWindow(w.epoch(), w.batch(), w.to(), Math.min(w.to() + forwardLength, steps));
            }
        }
        int epoch = w.epoch();
        int batch = w.batch() + 1;
        if (batch >= source.sharding().batchesPerEpoch()) {
            epoch++;
            batch = 0;
        }
        if (epoch >= epochs) {
            return null;
        }
        if (!w.windowed()) {
            return new RoundWindow(epoch, batch, -1, -1);
        }
        return new RoundWindow(epoch, batch, 0, Math.min(forwardLength, source.layout(epoch, batch).steps()));
    }
}
