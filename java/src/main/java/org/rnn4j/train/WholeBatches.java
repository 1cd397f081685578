package org.rnn4j.train;

import java.nio.file.Path;

import org.rnn4j.tensor.TensorScope;

/** Full backpropagation through time: each batch is one update. */
final class WholeBatches<B> implements Chunking<B> {
    private final Update<B> update;

    WholeBatches(Update<B> update) {
        this.update = update;
    }

    @Override
    public StepReport next(B batch, Progress progress) {
        StepReport report;
        try (TensorScope scope = TensorScope.open()) {
            report = update.run(() -> update.model().forwardOutputsOnly(batch), progress).report();
        }
        progress.nextBatch();
        return report;
    }

    @Override
    public Carry carried(Progress progress) {
        return null;
    }

    @Override
    public Carry emptyCarry(Path file, long[] savedShape) {
        throw new IllegalArgumentException(file + " was saved inside a truncated-BPTT batch; this trainer runs full "
                + "BPTT");
    }

    @Override
    public void resumeWith(Carry restored) {
        if (restored != null) {
            throw new IllegalArgumentException("full BPTT carries no state between updates, got a carried state");
        }
    }

    @Override
    public void close() {
    }
}
