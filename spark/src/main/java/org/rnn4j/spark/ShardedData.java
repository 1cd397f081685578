package org.rnn4j.spark;

import java.io.Serializable;
import java.util.List;

import org.rnn4j.models.TokenBatch;

/**
 * How the partitions of an RDD become the batches of training: batch {@code b} of epoch {@code e} is,
 * by definition, the rows of every partition's {@link #share} stacked in partition order. The data stays
 * where Spark keeps it; each step every partition builds its own share, so a share must be a function of
 * (its partition's elements, partition, epoch, batch) alone — that is what lets Spark recompute a lost
 * task to the same gradient. Serialisable: it is shipped to the executors.
 *
 * @param <E> the RDD's elements (sequences, or pieces of a text)
 * @param <B> the model's batches
 */
public interface ShardedData<E, B> extends Serializable {

    /** Batches per epoch (the same in every partition). */
    int batchesPerEpoch();

    /**
     * This partition's rows of batch {@code batch} of epoch {@code epoch}, or null when the partition has
     * none (an empty partition).
     *
     * @param elements the partition's elements, in the RDD's order
     */
    B share(List<E> elements, int partition, int epoch, int batch);

    /**
     * One next-token batch per epoch of all the partition's sequences ({@link TokenBatch#nextToken}):
     * the distributed form of training a language model on {@code Dataset.of(List.of(TokenBatch.nextToken(all)))}.
     */
    static ShardedData<int[], TokenBatch> nextToken() {
        return new NextTokenShards();
    }

    /** {@link #nextToken()}. */
    final class NextTokenShards implements ShardedData<int[], TokenBatch> {
        private static final long serialVersionUID = 1L;

        private NextTokenShards() {
        }

        @Override
        public int batchesPerEpoch() {
            return 1;
        }

        @Override
        public TokenBatch share(List<int[]> elements, int partition, int epoch, int batch) {
            return elements.isEmpty() ? null : TokenBatch.nextToken(elements);
        }
    }
}
