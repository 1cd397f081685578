package org.rnn4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The batches of each epoch. The order must be a function of the epoch alone, so that resuming from a
 * checkpoint sees the same batches as the run it continues.
 */
public interface Dataset<B> {

    /** The batches of epoch {@code epoch} (from 0). */
    Iterable<B> epoch(int epoch);

    /** Batches per epoch, or -1 when unknown. */
    default int size() {
        return -1;
    }

    /** The same batches, in the same order, every epoch. */
    static <B> Dataset<B> of(List<B> batches) {
        List<B> copy = List.copyOf(batches);
        return new Dataset<>() {
            @Override
            public Iterable<B> epoch(int epoch) {
                return copy;
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
                List<B> order = new ArrayList<>(copy);
                Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
                return order;
            }

            @Override
            public int size() {
                return copy.size();
            }
        };
    }
}
