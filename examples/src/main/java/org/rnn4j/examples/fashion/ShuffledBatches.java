package org.rnn4j.examples.fashion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;

import org.rnn4j.train.Dataset;

/**
 * Batches of {@code batchSize} example indices in [0, size), in a new order each epoch drawn from
 * (seed, epoch) — so a resumed run sees the same batches — each made into a batch only when the
 * iteration reaches it (60 000 images as float batches would take ~190 MB; as bytes they take 47 MB).
 * The last incomplete batch of an epoch is dropped.
 */
final class ShuffledBatches<B> implements Dataset<B> {
    private final int size;
    private final int batchSize;
    private final long seed;
    private final Function<int[], B> collate;

    ShuffledBatches(int size, int batchSize, long seed, Function<int[], B> collate) {
        if (batchSize <= 0 || batchSize > size) {
            throw new IllegalArgumentException("batch size must be in [1, " + size + "], got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.collate = collate;
    }

    @Override
    public Iterable<B> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    @Override
    public Iterable<B> epoch(int epoch, int fromBatch) {
        if (fromBatch < 0 || fromBatch > size()) {
            throw new IllegalArgumentException("fromBatch must be in [0, " + size() + "], got " + fromBatch);
        }
        int[] order = permutation(new Random(seed * 1_000_003L + epoch));
        return () -> new Iterator<>() {
            private int next = fromBatch;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + size() + " batches");
                }
                int[] indices = java.util.Arrays.copyOfRange(order, next * batchSize, (next + 1) * batchSize);
                next++;
                return collate.apply(indices);
            }
        };
    }

    @Override
    public int size() {
        return size / batchSize;
    }

    /** Fisher–Yates over 0..size-1. */
    private int[] permutation(Random random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Consecutive batches of at most {@code batchSize} indices covering [0, size) in order (for evaluation). */
    static List<int[]> inOrder(int size, int batchSize) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < size; from += batchSize) {
            int to = Math.min(size, from + batchSize);
            int[] indices = new int[to - from];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = from + i;
            }
            out.add(indices);
        }
        return out;
    }
}
