package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.internal.global.rnn4j;

/** Thread counts and the oneDNN cache capacity are checked before they reach OpenMP or oneDNN. */
class NativeLibraryTest {

    @Test
    void threadCountsBeyondTheBoundAreRefused() {
        int before = NativeLibrary.threads();
        assertEquals(rnn4j.ThreadLimit.MAX_THREADS.value, NativeLibrary.MAX_THREADS, "Java and C++ agree");
        for (int n : new int[] {1_000_000, NativeLibrary.MAX_THREADS + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeLibrary.setThreads(n));
            assertTrue(e.getMessage().contains("<= 1024") && e.getMessage().contains("got " + n), e.getMessage());
            assertEquals(before, NativeLibrary.threads(), "a refused count changes nothing");
        }
        IllegalArgumentException cpp = assertThrows(IllegalArgumentException.class,
                () -> NativeLibrary.call(() -> rnn4j.set_num_threads(1_000_000)));
        assertTrue(cpp.getMessage().contains("got 1000000"), "librnn4j checks it too: " + cpp.getMessage());
        try {
            NativeLibrary.setThreads(3);
            assertEquals(3, NativeLibrary.threads());
        } finally {
            NativeLibrary.setThreads(0);
        }
    }

    @Test
    void onednnCacheCapacityIsCheckedAndSettable() {
        int before = NativeLibrary.onednnPrimitiveCacheCapacity();
        try {
            NativeLibrary.setOnednnPrimitiveCacheCapacity(7);
            assertEquals(7, NativeLibrary.onednnPrimitiveCacheCapacity());
            assertThrows(IllegalArgumentException.class, () -> NativeLibrary.setOnednnPrimitiveCacheCapacity(-1));
        } finally {
            NativeLibrary.setOnednnPrimitiveCacheCapacity(before);
        }
    }
}
