package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void conversionsRoundTrip() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor f = Tensor.of(new float[] {1.5f, -2, 3, 4}, 2, 2);
            assertArrayEquals(new float[] {1.5f, -2, 3, 4}, f.toFloatArray());
            assertEquals(Shape.of(2, 2), f.shape());
            Tensor i = Tensor.ofInts(new int[] {7, -3, 0}, 3);
            assertArrayEquals(new int[] {7, -3, 0}, i.toIntArray());
            assertThrows(IllegalStateException.class, f::toIntArray);
            assertThrows(IllegalArgumentException.class, () -> Tensor.ofInts(new int[] {1 << 25}, 1));
            assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], 2, 2));
            assertTrue(f.toString().startsWith("Tensor[2, 2] f32 [1.5, -2.0, 3.0, 4.0]"), f.toString());
        }
    }

    @Test
    void scopeReleasesAndUseAfterCloseThrows() {
        Tensor kept;
        Tensor dropped;
        try (TensorScope scope = TensorScope.open()) {
            dropped = Tensor.zeros(4);
            kept = scope.detach(Tensor.zeros(2));
            assertEquals(1, scope.size());
        }
        assertTrue(dropped.isClosed());
        assertThrows(IllegalStateException.class, () -> dropped.get(0));
        assertEquals(0f, kept.get(1));
        kept.close();
        kept.close();
        assertTrue(kept.isClosed());
        assertEquals("Tensor[2] (closed)", kept.toString());
    }
}
