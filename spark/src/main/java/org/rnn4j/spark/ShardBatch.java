package org.rnn4j.spark;

import java.util.Objects;

import org.rnn4j.train.TimeSliced;

/**
 * The driver's handle on one global batch whose rows stay in the RDD's partitions: batch {@code batch} of
 * epoch {@code epoch} of a {@link ShardedData}, or its time window [from, to) when truncated BPTT cuts it.
 * Its steps and lengths (which truncated BPTT asks for) come from one small Spark job, run the first
 * time they are asked for and shared by every slice.
 */
public final class ShardBatch implements TimeSliced<ShardBatch> {
    private final ShardSource<?, ?> source;
    private final int epoch;
    private final int batch;
    private final int from;   // -1: the whole batch
    private final int to;
    private final LayoutHolder layout;

    /** The layout, fetched once. */
    private static final class LayoutHolder {
        private ShardLayout layout;
    }

    ShardBatch(ShardSource<?, ?> source, int epoch, int batch) {
        this(source, epoch, batch, -1, -1, new LayoutHolder());
    }

    private ShardBatch(ShardSource<?, ?> source, int epoch, int batch, int from, int to, LayoutHolder layout) {
        this.source = Objects.requireNonNull(source, "source");
        this.epoch = epoch;
        this.batch = batch;
        this.from = from;
        this.to = to;
        this.layout = layout;
    }

    ShardSource<?, ?> source() {
        return source;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }

    /** First step of the window, or -1 for the whole batch. */
    int from() {
        return from;
    }

    /** End of the window (exclusive), or -1 for the whole batch. */
    int to() {
        return to;
    }

    ShardLayout layout() {
        synchronized (layout) {
            if (layout.layout == null) {
                layout.layout = source.layout(epoch, batch);
            }
            return layout.layout;
        }
    }

    @Override
    public int steps() {
        return from < 0 ? layout().steps() : to - from;
    }

    @Override
    public int[] lengths() {
        int[] all = layout().lengths().clone();
        if (from >= 0) {
            for (int n = 0; n < all.length; n++) {
                all[n] = Math.min(Math.max(all[n] - from, 0), to - from);
            }
        }
        return all;
    }

    @Override
    public ShardBatch slice(int sliceFrom, int sliceTo) {
        int steps = steps();
        if (sliceFrom < 0 || sliceTo <= sliceFrom || sliceTo > steps) {
            throw new IllegalArgumentException("slice must be 0 <= from < to <= " + steps + ", got [" + sliceFrom
                    + ", " + sliceTo + ")");
        }
        int base = Math.max(from, 0);
        return new ShardBatch(source, epoch, batch, base + sliceFrom, base + sliceTo, layout);
    }

    @Override
    public String toString() {
        return "ShardBatch[epoch " + epoch + ", batch " + batch + (from < 0 ? "" : ", steps [" + from + ", " + to + ")")
                + "]";
    }
}
