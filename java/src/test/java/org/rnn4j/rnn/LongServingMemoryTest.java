package org.rnn4j.rnn;

import org.rnn4j.NativeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.PrimitiveCache;
import org.rnn4j.tensor.TensorScope;

/**
 * 1e5 inference calls of random shapes (T in [1, 200], N in [1, 16], half with lengths) on one
 * long-lived engine with the default bounds ({@value PrimitiveCache#DEFAULT_CAPACITY} shapes in the
 * engine's cache, oneDNN's default 1024 entries in its own): the cache never exceeds its bound, the
 * RSS stays within {@link #RSS_GROWTH_BOUND} of its value after the warm-up (both caches filling) and
 * is flat over the second half (within {@link #SECOND_HALF_BOUND}: nothing leaks per call). The profile
 * caps the Java heap ({@code -Xmx256m}) so that the RSS is the native memory's. Several minutes: run
 * with {@code -Plong-memory} (see the README's testing section).
 */
@EnabledIfSystemProperty(named = "rnn4j.longMemory", matches = "true")
class LongServingMemoryTest {
    private static final int CALLS = 100_000;
    private static final int WARM_UP = 5_000;
    /**
     * After the warm-up both caches are full (the heap is fixed and pre-touched by the profile): what
     * may still grow is allocator fragmentation, bounded here at 64 MB for 95 000 calls.
     */
    private static final long RSS_GROWTH_BOUND = 64L << 20;
    /** Over the second half (5e4 calls), nothing may accumulate beyond allocator noise. */
    private static final long SECOND_HALF_BOUND = 32L << 20;

    @Test
    void hundredThousandCallsOfRandomShapesStayWithinTheBound() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 4, 8).build();
        ShapeServing serving = new ShapeServing();
        long start = System.nanoTime();
        try (NativeRnn rnn = new NativeRnn(config); TensorScope model = TensorScope.open()) {
            RnnWeights weights = RnnWeights.uniform(config, 1);
            long bytes = NativeBytes.held();
            serving.serve(rnn, weights, CALLS, WARM_UP, 11);
            long growth = serving.maxRss - serving.rssAfterWarmUp;
            long secondHalf = serving.maxRssSecondHalf - serving.rssAtHalf;
            System.out.printf("%d calls in %d s: max cached shapes %d, evictions %d, RSS after %d calls %d MB,"
                            + " at %d calls %d MB, max %d MB (growth %d MB; over the second half %d MB)%n", CALLS,
                    (System.nanoTime() - start) / 1_000_000_000L, serving.maxCachedShapes,
                    rnn.primitiveCacheEvictions(), WARM_UP, serving.rssAfterWarmUp >> 20, CALLS / 2,
                    serving.rssAtHalf >> 20, serving.maxRss >> 20, growth >> 20, secondHalf >> 20);
            assertTrue(serving.maxCachedShapes <= PrimitiveCache.DEFAULT_CAPACITY, "cache bound");
            NativeBytes.assertNoMoreThan(bytes, "native tensor bytes");
            assertTrue(growth < RSS_GROWTH_BOUND, "RSS grew by " + (growth >> 20) + " MB");
            assertTrue(secondHalf < SECOND_HALF_BOUND, "RSS grew by " + (secondHalf >> 20) + " MB over the second half");
        }
    }
}
