package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.rnn4j.train.TimeSliced;

/**
 * An RDD and how its partitions make batches (driver side; never serialised itself), with the layouts of
 * the last few batches asked for (one small job each, shared by every handle on the batch).
 *
 * @param <E> the RDD's elements
 * @param <B> the model's batches
 */
final class ShardSource<E, B> {
    private static final int LAYOUTS_KEPT = 8;

    private final JavaRDD<E> rdd;
    private final ShardedData<E, B> sharding;
    private final Map<Long, ShardLayout> layouts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ShardLayout> eldest) {
            return size() > LAYOUTS_KEPT;
        }
    };

    ShardSource(JavaRDD<E> rdd, ShardedData<E, B> sharding) {
        this.rdd = Objects.requireNonNull(rdd, "rdd");
        this.sharding = Objects.requireNonNull(sharding, "sharding");
        if (sharding.batchesPerEpoch() <= 0) {
            throw new IllegalArgumentException("batches per epoch must be > 0, got " + sharding.batchesPerEpoch());
        }
    }

    JavaRDD<E> rdd() {
        return rdd;
    }

    ShardedData<E, B> sharding() {
        return sharding;
    }

    int partitions() {
        return rdd.getNumPartitions();
    }

    /** Where each partition's rows of batch (epoch, batch) lie in the global batch: one small job, then kept. */
    synchronized ShardLayout layout(int epoch, int batch) {
        long key = ((long) epoch << 32) | (batch & 0xffffffffL);
        ShardLayout layout = layouts.get(key);
        if (layout == null) {
            List<int[]> perPartition = rdd.mapPartitionsWithIndex(lengths(sharding, epoch, batch), true).collect();
            layout = ShardLayout.of(perPartition);
            layouts.put(key, layout);
        }
        return layout;
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
