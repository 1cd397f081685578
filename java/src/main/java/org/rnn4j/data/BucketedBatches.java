package org.rnn4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;

/**
 * Batches over a dataset of sequences, grouped by similar length so little of each batch is padding:
 * each epoch the examples are shuffled with a seed, split into buckets of {@code bucketBatches} batches,
 * sorted by length inside each bucket and cut into batches, and the batches are shuffled again.
 * The same seed and epoch give the same batches.
 *
 * @param <E> an example; {@code length} tells its sequence length and {@code collate} builds a batch
 */
public final class BucketedBatches<E> implements Iterable<List<E>> {
    private final List<E> examples;
    private final int batchSize;
    private final int bucketBatches;
    private final java.util.function.ToIntFunction<E> length;
    private final long seed;
    private int epoch;

    public BucketedBatches(List<E> examples, int batchSize, int bucketBatches, java.util.function.ToIntFunction<E> length,
                           long seed) {
        this.examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (bucketBatches <= 0) {
            throw new IllegalArgumentException("bucketBatches must be > 0, got " + bucketBatches);
        }
        this.batchSize = batchSize;
        this.bucketBatches = bucketBatches;
        this.length = Objects.requireNonNull(length, "length");
        this.seed = seed;
    }

    /** Selects the epoch whose order the next iteration uses (epochs differ, each is reproducible). */
    public BucketedBatches<E> epoch(int epoch) {
        this.epoch = epoch;
        return this;
    }

    /** Number of batches per epoch (the last may be smaller). */
    public int size() {
        return (examples.size() + batchSize - 1) / batchSize;
    }

    /** The batches of the current epoch. */
    public List<List<E>> batches() {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<E> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, random);
        List<List<E>> batches = new ArrayList<>();
        int bucket = batchSize * bucketBatches;
        for (int start = 0; start < shuffled.size(); start += bucket) {
            List<E> b = new ArrayList<>(shuffled.subList(start, Math.min(shuffled.size(), start + bucket)));
            b.sort(Comparator.comparingInt(length));
            for (int i = 0; i < b.size(); i += batchSize) {
                batches.add(List.copyOf(b.subList(i, Math.min(b.size(), i + batchSize))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    @Override
    public Iterator<List<E>> iterator() {
        return batches().iterator();
    }

    /** Maps each batch with {@code collate} (e.g. to a {@link SequenceBatch}). */
    public <B> Iterable<B> map(java.util.function.Function<List<E>, B> collate) {
        return () -> {
            Iterator<List<E>> it = iterator();
            return new Iterator<B>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public B next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return collate.apply(it.next());
                }
            };
        };
    }
}
