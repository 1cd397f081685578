package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Views ({@code reshape}, {@code steps}) share their tensor's memory, version and lifetime; closing a
 * view closes nothing; {@code sequences} is a copy; out-of-range requests name the range.
 */
class TensorViewTest {
    /** Why three tests are disabled, until Tensor is fixed (reported to the lead; issue 7, item 8). */
    static final String VIEW_OFFSET_BUG = "Tensor.fillZero, copyFrom(Tensor) and sequences pass element positions to "
            + "Pointer.memset/memcpy, which read a pointer's position as bytes: on a view with an offset they touch "
            + "the wrong elements";

    /** [T = 3, N = 2, F = 2] holding 0, 1, …, 11. */
    private static Tensor counting() {
        float[] values = new float[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return Tensor.of(values, 3, 2, 2);
    }

    @Test
    void reshapeSharesMemoryBothWays() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();
            Tensor flat = base.reshape(12);
            Tensor rows = base.reshape(6, 2);
            assertEquals(Shape.of(6, 2), rows.shape());
            flat.set(5, -5);
            assertEquals(-5f, base.get(5));
            assertEquals(-5f, rows.toFloatArray2()[2][1]);
            base.set(0, 42);
            assertEquals(42f, flat.get(0));
            assertThrows(IllegalArgumentException.class, () -> base.reshape(5, 2));
        }
    }

    @Test
    void stepsIsAWindowOfTheFirstDimension() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();                                     // [3, 2, 2]
            Tensor middle = base.steps(1, 3);                             // [2, 2, 2], elements 4..11
            assertEquals(Shape.of(2, 2, 2), middle.shape());
            assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, middle.toFloatArray());
            middle.copyFrom(new float[] {-1, -2, -3, -4, -5, -6, -7, -8});
            assertArrayEquals(new float[] {0, 1, 2, 3, -1, -2, -3, -4, -5, -6, -7, -8}, base.toFloatArray());
            Tensor last = middle.steps(1, 2);                             // a view of a view: step 2 of base
            for (long i = 0; i < last.size(); i++) {
                last.set(i, 0);
            }
            assertArrayEquals(new float[] {0, 1, 2, 3, -1, -2, -3, -4, 0, 0, 0, 0}, base.toFloatArray());
            assertEquals(0, base.steps(2, 2).size());
        }
    }

    @Test
    @Disabled(VIEW_OFFSET_BUG)
    void fillZeroOnAStepsViewZeroesOnlyThoseSteps() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();                                     // [3, 2, 2]
            base.steps(2, 3).fillZero();
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0}, base.toFloatArray());
        }
    }

    @Test
    @Disabled(VIEW_OFFSET_BUG)
    void copyFromTensorReadsAndWritesTheViewsElements() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();                                     // [3, 2, 2]
            Tensor target = Tensor.zeros(3, 2, 2);
            target.steps(1, 2).copyFrom(base.steps(2, 3));
            assertArrayEquals(new float[] {0, 0, 0, 0, 8, 9, 10, 11, 0, 0, 0, 0}, target.toFloatArray());
        }
    }

    @Test
    void viewsShareTheVersion() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();
            Tensor view = base.reshape(4, 3).steps(1, 2);
            assertEquals(base.version(), view.version());
            view.set(0, 7);
            assertEquals(base.version(), view.version());
            long afterView = base.version();
            base.set(11, 3);
            assertTrue(view.version() > afterView, "a write into the base renews the view's version");
            assertEquals(base.version(), view.version());
        }
    }

    @Test
    void closingAViewClosesNothing() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();
            Tensor view = base.steps(0, 1);
            int owned = scope.size();
            view.close();
            view.close();
            assertFalse(base.isClosed());
            assertFalse(view.isClosed());
            assertEquals(owned, scope.size(), "the base is still the scope's");
            assertEquals(3f, base.get(3));
            assertEquals(3f, view.get(3));
        }
    }

    @Test
    void closingTheBaseClosesItsViews() {
        Tensor base = counting();
        Tensor view = base.reshape(12);
        Tensor window = base.steps(1, 2);
        base.close();
        assertTrue(view.isClosed());
        assertTrue(window.isClosed());
        assertThrows(IllegalStateException.class, () -> view.get(0));
        assertThrows(IllegalStateException.class, () -> window.set(0, 1));
        assertThrows(IllegalStateException.class, () -> base.reshape(12));
    }

    @Test
    void sequencesIsACopyOfTheSecondDimension() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();                                     // [3, 2, 2]
            Tensor second = base.sequences(1, 2);                         // [3, 1, 2]
            assertEquals(Shape.of(3, 1, 2), second.shape());
            long version = base.version();
            second.fillZero();
            assertEquals(2f, base.get(2), "a copy: writing it leaves the source alone");
            assertEquals(version, base.version());
            assertEquals(Shape.of(3, 0, 2), base.sequences(2, 2).shape());
            assertFalse(second.isClosed());
        }
    }

    @Test
    @Disabled(VIEW_OFFSET_BUG)
    void sequencesHoldsTheChosenSequencesOfEveryStep() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();                                     // [3, 2, 2]
            assertArrayEquals(new float[] {2, 3, 6, 7, 10, 11}, base.sequences(1, 2).toFloatArray());
            assertArrayEquals(new float[] {0, 1, 4, 5, 8, 9}, base.sequences(0, 1).toFloatArray());
        }
    }

    @Test
    void outOfRangeRequestsNameTheRange() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor base = counting();                                     // [3, 2, 2]
            String past = assertThrows(IllegalArgumentException.class, () -> base.steps(2, 5)).getMessage();
            assertTrue(past.contains("[2, 5)") && past.contains("[0, 3]") && past.contains("[3, 2, 2]"), past);
            String negative = assertThrows(IllegalArgumentException.class, () -> base.steps(-1, 1)).getMessage();
            assertTrue(negative.contains("[-1, 1)"), negative);
            String reversed = assertThrows(IllegalArgumentException.class, () -> base.steps(2, 1)).getMessage();
            assertTrue(reversed.contains("[2, 1)"), reversed);
            String sequences = assertThrows(IllegalArgumentException.class, () -> base.sequences(1, 3)).getMessage();
            assertTrue(sequences.contains("[1, 3)") && sequences.contains("[0, 2]") && sequences.contains("second"),
                    sequences);
            Tensor vector = Tensor.zeros(4);
            assertThrows(IllegalStateException.class, () -> vector.sequences(0, 1));
            assertThrows(IllegalStateException.class, () -> Tensor.zeros().steps(0, 0));
        }
    }
}
