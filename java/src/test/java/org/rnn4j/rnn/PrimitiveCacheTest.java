package org.rnn4j.rnn;

import org.rnn4j.NativeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.onednn.PrimitiveCache;
import org.rnn4j.tensor.TensorScope;

/** The primitive cache stays within its bound whatever the shapes, and so does the memory. */
class PrimitiveCacheTest {
    /**
     * RSS growth allowed after the warm-up, with 32 shapes in the engine's cache and 64 entries in
     * oneDNN's: both caches full hold well under 64 MB (~200 KB per primitive); the rest is the JVM's
     * heap settling. Unbounded, the same run grew by ~170 MB.
     */
    private static final long RSS_GROWTH_BOUND = 64L << 20;

    @Test
    void servingRandomShapesKeepsTheCacheAndTheMemoryBounded() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 4, 8).build();
        ShapeServing serving = new ShapeServing();
        int onednnCapacity = NativeLibrary.onednnPrimitiveCacheCapacity();
        try (NativeRnn rnn = new NativeRnn(config); TensorScope model = TensorScope.open()) {
            NativeLibrary.setOnednnPrimitiveCacheCapacity(64);
            rnn.setPrimitiveCacheCapacity(32);
            RnnWeights weights = RnnWeights.uniform(config, 1);
            long bytes = NativeBytes.held();
            serving.serve(rnn, weights, 2000, 300, 7);
            assertTrue(serving.maxCachedShapes <= 32, "cached shapes never exceed 32, got " + serving.maxCachedShapes);
            assertTrue(rnn.primitiveCacheEvictions() > 0, "2000 random shapes evict");
            // At most the same: tensors other tests leaked on purpose may be freed by the garbage collector meanwhile.
            long after = NativeBytes.held();
            assertTrue(after <= bytes, "native tensor bytes after 2000 calls: " + after + ", before: " + bytes);
            long growth = serving.maxRss - serving.rssAfterWarmUp;
            assertTrue(serving.rssAfterWarmUp == 0 || growth < RSS_GROWTH_BOUND,
                    "RSS grew by " + (growth >> 20) + " MB after the warm-up (bound " + (RSS_GROWTH_BOUND >> 20) + " MB)");
        } finally {
            NativeLibrary.setOnednnPrimitiveCacheCapacity(onednnCapacity);
        }
    }

    @Test
    void capacityComesFromTheSystemPropertyAndIsChecked() {
        RnnConfig config = RnnConfig.builder(CellKind.GRU, 2, 3).build();
        String before = System.getProperty(PrimitiveCache.PROPERTY);
        try {
            System.clearProperty(PrimitiveCache.PROPERTY);
            try (NativeRnn rnn = new NativeRnn(config)) {
                assertEquals(PrimitiveCache.DEFAULT_CAPACITY, rnn.primitiveCacheCapacity(), "default");
            }
            System.setProperty(PrimitiveCache.PROPERTY, "5");
            try (NativeRnn rnn = new NativeRnn(config)) {
                assertEquals(5, rnn.primitiveCacheCapacity(), "from the property");
                IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                        () -> rnn.setPrimitiveCacheCapacity(0));
                assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
            }
            System.setProperty(PrimitiveCache.PROPERTY, "many");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new NativeRnn(config));
            assertTrue(bad.getMessage().contains(PrimitiveCache.PROPERTY) && bad.getMessage().contains("'many'"),
                    bad.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(PrimitiveCache.PROPERTY);
            } else {
                System.setProperty(PrimitiveCache.PROPERTY, before);
            }
        }
    }

    @Test
    void closeReleasesTheCacheAndLaterCallsAreRefused() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 4, 8).build();
        NativeRnn rnn = new NativeRnn(config);
        try (TensorScope scope = TensorScope.open()) {
            new ShapeServing().serve(rnn, RnnWeights.uniform(config, 2), 20, 1, 3);
            assertTrue(rnn.cachedShapes() > 0, "shapes cached");
        }
        rnn.close();
        rnn.close();
        assertThrows(IllegalStateException.class, rnn::cachedShapes);
        assertThrows(IllegalStateException.class, rnn::primitiveCacheEvictions);
    }
}
