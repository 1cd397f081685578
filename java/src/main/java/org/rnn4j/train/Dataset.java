package org.rnn4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

import org.rnn4j.data.BucketedBatches;

/**
 * The batches of each epoch. The order must be a function of the epoch alone, so that resuming from a
 * checkpoint sees the same batches as the run it continues; a resume inside an epoch starts it at its
 * next batch with {@link #epoch(int, int)}.
 */
public interface Dataset<B> {

    /** The batches of epoch {@code epoch} (from 0). */
    Iterable<B> epoch(int epoch);

    /**
     * The batches of epoch {@code epoch} from batch {@code fromBatch} on (0 = all of them). The default
     * reads and drops the earlier ones; the datasets made here start at {@code fromBatch} without
     * building the batches before it, and a dataset of your own should too when building is costly.
     *
     * @param fromBatch in [0, {@link #size()}] when the size is known, >= 0 otherwise
     */
    default Iterable<B> epoch(int epoch, int fromBatch) {
        checkFrom(fromBatch, size());
        if (fromBatch == 0) {
            return epoch(epoch);
        }
        return () -> {
            Iterator<B> all = epoch(epoch).iterator();
            for (int i = 0; i < fromBatch && all.hasNext(); i++) {
                all.next();
            }
            return all;
        };
    }

    /** Batches per epoch, or -1 when unknown. */
    default int size() {
        return -1;
    }

    /** The same batches, in the same order, every epoch. */
    static <B> Dataset<B> of(List<B> batches) {
        List<B> copy = List.copyOf(Objects.requireNonNull(batches, "batches"));
        return new Dataset<>() {
            @Override
            public Iterable<B> epoch(int epoch) {
                return copy;
            }

            @Override
            public Iterable<B> epoch(int epoch, int fromBatch) {
                checkFrom(fromBatch, copy.size());
                return copy.subList(fromBatch, copy.size());
            }

            @Override
            public int size() {
                return copy.size();
            }
        };
    }

    /** The batches in a new order each epoch, drawn from (seed, epoch). */
    static <B> Dataset<B> shuffled(List<B> batches, long seed) {
        List<B> copy = List.copyOf(Objects.requireNonNull(batches, "batches"));
        return new Dataset<>() {
            @Override
            public Iterable<B> epoch(int epoch) {
                return epoch(epoch, 0);
            }

            @Override
            public Iterable<B> epoch(int epoch, int fromBatch) {
                checkFrom(fromBatch, copy.size());
                List<B> order = new ArrayList<>(copy);
                Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
                return order.subList(fromBatch, order.size());
            }

            @Override
            public int size() {
                return copy.size();
            }
        };
    }

    /**
     * The batches of {@code buckets} (length-bucketed groups of examples, reshuffled each epoch), each
     * group made into a batch by {@code collate} only when the iteration reaches it: an epoch started at
     * batch k collates none of the k groups before it.
     */
    static <E, B> Dataset<B> bucketed(BucketedBatches<E> buckets, Function<List<E>, B> collate) {
        Objects.requireNonNull(buckets, "buckets");
        Objects.requireNonNull(collate, "collate");
        return new Dataset<>() {
            @Override
            public Iterable<B> epoch(int epoch) {
                return epoch(epoch, 0);
            }

            @Override
            public Iterable<B> epoch(int epoch, int fromBatch) {
                checkFrom(fromBatch, buckets.size());
                List<List<E>> groups = buckets.epoch(epoch).batches();
                return () -> new Iterator<>() {
                    private int next = fromBatch;

                    @Override
                    public boolean hasNext() {
                        return next < groups.size();
                    }

                    @Override
                    public B next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException("epoch " + epoch + " has " + groups.size() + " batches");
                        }
                        return collate.apply(groups.get(next++));
                    }
                };
            }

            @Override
            public int size() {
                return buckets.size();
            }
        };
    }

    /** The argument check of {@link #epoch(int, int)}; {@code size} -1 = unknown. */
    private static void checkFrom(int fromBatch, int size) {
        if (fromBatch < 0 || (size >= 0 && fromBatch > size)) {
            throw new IllegalArgumentException("fromBatch must be in [0, " + (size >= 0 ? size : "∞") + "], got "
                    + fromBatch);
        }
    }
}
