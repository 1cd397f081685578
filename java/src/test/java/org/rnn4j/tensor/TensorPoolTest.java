package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rnn4j.backend.TensorMemory;

/** The pool of released tensors' memory: reuse by exact size, the bound, trim, and what is never pooled. */
class TensorPoolTest {
    private static final int BIG = 256 * 1024; // floats: 1 MiB, pooled
    private long savedBound;

    @BeforeEach
    void emptyPool() {
        savedBound = TensorPool.maxIdleBytes();
        TensorPool.setMaxIdleBytes(TensorPool.defaultMaxIdleBytes());
        TensorPool.trim();
    }

    @AfterEach
    void restore() {
        TensorPool.setMaxIdleBytes(savedBound);
        TensorPool.trim();
    }

    private static long address(Tensor t) {
        return TensorMemory.read(t).address();
    }

    @Test
    void aReleasedBlockIsReusedForTheNextTensorOfTheSameSize() {
        long first;
        try (Tensor t = Tensor.uninitialized(Shape.of(BIG))) {
            first = address(t);
        }
        assertEquals(4L * BIG, TensorPool.idleBytes());
        try (Tensor again = Tensor.uninitialized(Shape.of(16, BIG / 16))) {
            assertEquals(first, address(again), "same element count, same block");
            assertEquals(0, TensorPool.idleBytes());
        }
    }

    @Test
    void aBlockUpToAQuarterLargerServesAndTheSmallestFittingIsTaken() {
        Tensor a = Tensor.uninitialized(Shape.of(BIG));
        Tensor b = Tensor.uninitialized(Shape.of(BIG + BIG / 8));
        long bAddress = address(b);
        a.close();
        b.close();
        try (Tensor smaller = Tensor.uninitialized(Shape.of(BIG + 100))) { // a is too small, b fits
            assertEquals(bAddress, address(smaller));
            assertEquals(BIG + 100, smaller.size());
            smaller.set(BIG + 99, 1f);
            assertEquals(1f, smaller.get(BIG + 99));
        }
        assertEquals(4L * (BIG + BIG + BIG / 8), TensorPool.idleBytes(), "back in the pool with its whole size");
        try (Tensor tooSmall = Tensor.uninitialized(Shape.of(BIG / 2))) { // every idle block is > 25 % larger
            assertEquals(4L * (BIG + BIG + BIG / 8), TensorPool.idleBytes());
        }
    }

    @Test
    void theDefaultBoundIsAQuarterOfPhysicalMemoryWithinLimits() {
        long d = TensorPool.defaultMaxIdleBytes();
        assertTrue(d >= TensorPool.MIN_DEFAULT_MAX_IDLE_BYTES && d <= TensorPool.MAX_DEFAULT_MAX_IDLE_BYTES, "" + d);
    }

    @Test
    void reusedMemoryIsZeroWhenZerosAreAsked() {
        try (Tensor t = Tensor.uninitialized(Shape.of(BIG))) {
            t.set(0, 3f).set(BIG - 1, 3f).set(BIG / 2, 3f);
        }
        try (Tensor z = Tensor.zeros(BIG)) {
            assertEquals(0f, z.get(0));
            assertEquals(0f, z.get(BIG - 1));
            assertEquals(0f, z.get(BIG / 2));
        }
    }

    @Test
    void otherSizesAndSmallBlocksAreNotServedFromThePool() {
        long first;
        try (Tensor t = Tensor.uninitialized(Shape.of(BIG))) {
            first = address(t);
        }
        try (Tensor other = Tensor.uninitialized(Shape.of(BIG + 1))) {
            assertNotEquals(first, address(other));
            assertEquals(4L * BIG, TensorPool.idleBytes(), "the idle block stays for its own size");
        }
        TensorPool.trim();
        try (Tensor small = Tensor.uninitialized(Shape.of(1000))) {
            assertEquals(4000, small.size() * 4);
        }
        assertEquals(0, TensorPool.idleBytes(), "blocks under MIN_POOLED_BYTES go back to the C heap");
    }

    @Test
    void theBoundEvictsTheOldestAndTrimFreesEverything() {
        long before = Pointer.totalBytes();
        TensorPool.setMaxIdleBytes(3L * 4 * BIG);
        Tensor a = Tensor.uninitialized(Shape.of(BIG));
        Tensor b = Tensor.uninitialized(Shape.of(BIG + 16));
        Tensor c = Tensor.uninitialized(Shape.of(BIG + 32));
        a.close();
        b.close();
        c.close(); // 3 blocks > the bound: a, the oldest, is freed
        assertEquals(4L * (2 * BIG + 48), TensorPool.idleBytes(), "b and c stay idle");
        try (Tensor again = Tensor.uninitialized(Shape.of(BIG))) {
            assertEquals(4L * (BIG + 32), TensorPool.idleBytes(), "a is gone: b, the smallest block that fits, serves");
        }
        TensorPool.trim();
        assertEquals(0, TensorPool.idleBytes());
        assertEquals(before, Pointer.totalBytes(), "every byte back to the C allocator after trim");
    }

    @Test
    void aZeroBoundTurnsPoolingOff() {
        TensorPool.setMaxIdleBytes(0);
        try (Tensor t = Tensor.uninitialized(Shape.of(BIG))) {
            t.set(0, 1f);
        }
        assertEquals(0, TensorPool.idleBytes());
        assertThrows(IllegalArgumentException.class, () -> TensorPool.setMaxIdleBytes(-1));
    }

    @Test
    void scopesAndArenasReleaseIntoThePool() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor.zeros(BIG);
        }
        assertEquals(4L * BIG, TensorPool.idleBytes());
        TensorArena arena = new TensorArena();
        arena.zeros(Shape.of(BIG)); // takes the idle block
        assertEquals(0, TensorPool.idleBytes());
        arena.close();
        assertEquals(4L * BIG, TensorPool.idleBytes());
    }
}
