package org.rnn4j.tensor;

import org.rnn4j.NativeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An arena's tensors are never adopted by a scope, survive the scopes they were made in, and are
 * released (native bytes back to where they were) when the arena closes.
 */
class TensorArenaTest {

    @Test
    void arenaTensorsSurviveTheScopeTheyWereMadeIn() {
        try (TensorArena arena = new TensorArena()) {
            Tensor zeros;
            Tensor copy;
            Tensor adopted;
            Tensor temporary;
            try (TensorScope scope = TensorScope.open()) {
                zeros = arena.zeros(2, 3);
                copy = arena.copyOf(Tensor.of(new float[] {1, 2}, 2));
                temporary = Tensor.of(new float[] {5, 6, 7}, 3);
                adopted = arena.adopt(Tensor.of(new float[] {3, 4}, 2));
                assertEquals(2, scope.size(), "only the temporaries (copyOf's source and one more) belong to the scope");
            }
            assertTrue(temporary.isClosed());
            assertFalse(zeros.isClosed() || copy.isClosed() || adopted.isClosed());
            assertArrayEquals(new float[6], zeros.toFloatArray());
            assertArrayEquals(new float[] {1, 2}, copy.toFloatArray());
            assertArrayEquals(new float[] {3, 4}, adopted.toFloatArray());
            assertEquals(3, arena.size());
        }
    }

    @Test
    void aNestedScopeNeverTakesAnArenaTensor() {
        try (TensorArena arena = new TensorArena(); TensorScope outer = TensorScope.open()) {
            Tensor owned = arena.of(new float[] {1, 2, 3}, 3);
            try (TensorScope inner = TensorScope.open()) {
                assertThrows(IllegalArgumentException.class, () -> inner.detach(owned));
                assertEquals(0, inner.size());
            }
            assertEquals(0, outer.size());
            assertEquals(2f, owned.get(1));
        }
    }

    @Test
    void closingReleasesEveryNativeByte() {
        long before = NativeBytes.held();
        TensorArena arena = new TensorArena();
        Tensor big = arena.zeros(256, 1024);
        arena.uninitialized(Shape.of(1000));
        try (TensorScope scope = TensorScope.open()) {
            arena.adopt(Tensor.zeros(500));
        }
        assertTrue(NativeBytes.held() >= before + 4L * (256 * 1024 + 1000 + 500), "the arena holds its tensors");
        arena.close();
        NativeBytes.assertNoMoreThan(before, "native bytes after the arena closed");
        assertTrue(big.isClosed());
        assertThrows(IllegalStateException.class, () -> big.get(0));
        arena.close();
        assertThrows(IllegalStateException.class, () -> arena.zeros(1));
    }

    @Test
    void closingOneTensorRemovesItFromTheArena() {
        try (TensorArena arena = new TensorArena()) {
            Tensor a = arena.zeros(2);
            Tensor b = arena.zeros(3);
            a.close();
            assertEquals(1, arena.size());
            arena.release(b);
            assertEquals(0, arena.size());
            assertTrue(b.isClosed());
        }
    }

    @Test
    void adoptingMovesATensorBetweenArenas() {
        try (TensorArena first = new TensorArena(); TensorArena second = new TensorArena()) {
            Tensor moved = first.zeros(4);
            assertSame(moved, second.adopt(moved));
            assertEquals(0, first.size());
            first.close();
            assertFalse(moved.isClosed(), "the new owner keeps it");
            second.close();
            assertTrue(moved.isClosed());
        }
    }

    @Test
    void aClosedTensorCannotBeAdopted() {
        try (TensorArena arena = new TensorArena()) {
            Tensor closed = Tensor.zeros(2, 2);
            closed.close();
            String message = assertThrows(IllegalArgumentException.class, () -> arena.adopt(closed)).getMessage();
            assertTrue(message.contains("[2, 2]") && message.contains("closed"), message);
        }
    }
}
