package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.rnn4j.train.TimeSliced;

/**
 * An RDD and how its partitions make batches (driver side; never serialised itself).
 *
 * @param <E> the RDD's elements
 * @param <B> the model's batches
 */
record ShardSource<E, B>(JavaRDD<E> rdd, ShardedData<E, B> sharding) {

    ShardSource {
        Objects.requireNonNull(rdd, "rdd");
        Objects.requireNonNull(sharding, "sharding");
        if (sharding.batchesPerEpoch() <= 0) {
            throw new IllegalArgumentException("batches per epoch must be > 0, got " + sharding.batchesPerEpoch());
        }
    }

    int partitions() {
        return rdd.getNumPartitions();
    }

    /** Where each partition's rows of batch (epoch, batch) lie in the global batch: one small job. */
    ShardLayout layout(int epoch, int batch) {
        List<int[]> perPartition = rdd.mapPartitionsWithIndex(lengths(sharding, epoch, batch), true).collect();
        return ShardLayout.of(perPartition);
    }

    /** Per partition one array: its share's steps, then its sequences' lengths (an empty array: no share). */
    private static <E, B> Function2<Integer, Iterator<E>, Iterator<int[]>> lengths(ShardedData<E, B> sharding,
                                                                                 int epoch, int batch) {
        return (partition, elements) -> {
            B share = sharding.share(drain(elements), partition, epoch, batch);
            if (share == null) {
                return List.of(new int[0]).iterator();
            }
            if (!(share instanceof TimeSliced<?> sliced)) {
                throw new IllegalArgumentException("truncated BPTT needs batches that cut themselves in time "
                        + "(TimeSliced), got " + share.getClass().getName());
            }
            int[] lengths = sliced.lengths();
            int[] stepsThenLengths = new int[lengths.length + 1];
            stepsThenLengths[0] = sliced.steps();
            System.arraycopy(lengths, 0, stepsThenLengths, 1, lengths.length);
            return List.of(stepsThenLengths).iterator();
        };
    }

    static <E> List<E> drain(Iterator<E> elements) {
        List<E> list = new ArrayList<>();
        elements.forEachRemaining(list::add);
        return list;
    }
}
