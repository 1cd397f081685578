package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.rnn4j.data.BucketedBatches;

/** Datasets started at batch k give the epoch's batches from k on, building none of those before k. */
class DatasetTest {
    private static final List<Integer> BATCHES = IntStream.range(0, 7).boxed().toList();

    @Test
    void aListStartsAtBatchK() {
        Dataset<Integer> data = Dataset.of(BATCHES);
        assertEquals(List.of(3, 4, 5, 6), list(data.epoch(2, 3)));
        assertEquals(BATCHES, list(data.epoch(0, 0)));
        assertEquals(List.of(), list(data.epoch(0, 7)));
        assertThrows(IllegalArgumentException.class, () -> data.epoch(0, 8));
        assertThrows(IllegalArgumentException.class, () -> data.epoch(0, -1));
    }

    @Test
    void aShuffledListStartsAtBatchKOfTheSameOrder() {
        Dataset<Integer> data = Dataset.shuffled(BATCHES, 5);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> all = list(data.epoch(epoch));
            assertEquals(all.subList(4, 7), list(data.epoch(epoch, 4)));
        }
        assertEquals(list(data.epoch(1)), list(data.epoch(1)), "a function of the epoch");
    }

    @Test
    void bucketedBatchesAreCollatedOnlyFromBatchK() {
        List<int[]> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(new int[1 + i % 6]);
        }
        AtomicInteger collated = new AtomicInteger();
        BucketedBatches<int[]> buckets = new BucketedBatches<>(examples, 3, 2, a -> a.length, 11);
        Dataset<List<int[]>> data = Dataset.bucketed(buckets, group -> {
            collated.incrementAndGet();
            return group;
        });
        assertEquals(7, data.size());
        List<List<int[]>> all = list(data.epoch(2));
        assertEquals(buckets.epoch(2).batches(), all);
        assertEquals(7, collated.getAndSet(0));
        List<List<int[]>> tail = list(data.epoch(2, 5));
        assertEquals(all.subList(5, 7), tail);
        assertEquals(2, collated.get(), "the 5 batches before batch 5 were not collated");
        assertThrows(IllegalArgumentException.class, () -> data.epoch(0, 8));
    }

    @Test
    void aDatasetOfYourOwnSkipsByDefault() {
        Dataset<Integer> own = epoch -> BATCHES;
        assertEquals(List.of(5, 6), list(own.epoch(0, 5)));
        assertEquals(List.of(), list(own.epoch(0, 9)), "size unknown: past the end is empty");
    }

    private static <T> List<T> list(Iterable<T> batches) {
        List<T> out = new ArrayList<>();
        batches.forEach(out::add);
        return out;
    }
}
