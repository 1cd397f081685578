package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.TensorMemory;

/**
 * {@link Tensor#version()} strictly increases on every mutator (and on kernel writes through
 * {@link TensorMemory#write}), stays put on reads and failed writes, and is unique across tensors.
 */
class TensorVersionTest {

    @Test
    void everyMutatorRenewsTheVersion() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor t = Tensor.zeros(2, 3);
            Tensor source = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            increases(t, "copyFrom(float[])", x -> x.copyFrom(new float[6]));
            increases(t, "copyFrom(Tensor)", x -> x.copyFrom(source));
            increases(t, "set", x -> x.set(4, 1));
            increases(t, "set of the same value", x -> x.set(4, 1));
            increases(t, "fillZero", Tensor::fillZero);
            increases(t, "a reshape view's set", x -> x.reshape(6).set(0, 2));
            increases(t, "a steps view's copyFrom", x -> x.steps(1, 2).copyFrom(new float[] {7, 8, 9}));
            increases(t, "a kernel's write", TensorMemory::write);
        }
    }

    @Test
    void readsKeepTheVersion() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
            long version = t.version();
            t.get(1);
            t.toFloatArray();
            t.toFloatArray2();
            t.toString();
            t.reshape(4);
            t.steps(0, 1).toFloatArray();
            t.sequences(0, 1);
            TensorMemory.read(t);
            Tensor.zeros(2, 2).copyFrom(t);
            assertEquals(version, t.version());
        }
    }

    @Test
    void aRejectedWriteKeepsTheVersion() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor t = Tensor.zeros(3);
            long version = t.version();
            assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[2]));
            assertThrows(IllegalArgumentException.class, () -> t.copyFrom(Tensor.zeros(4)));
            assertThrows(IndexOutOfBoundsException.class, () -> t.set(3, 1));
            assertEquals(version, t.version());
        }
    }

    @Test
    void versionsAreUniqueAcrossTensors() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = Tensor.zeros(2);
            Tensor b = Tensor.zeros(2);
            assertNotEquals(a.version(), b.version());
            a.set(0, 1);
            b.set(0, 1);
            assertNotEquals(a.version(), b.version());
            assertTrue(b.version() > a.version(), "stamps come from one increasing counter");
        }
    }

    private static void increases(Tensor t, String mutator, Consumer<Tensor> write) {
        long before = t.version();
        write.accept(t);
        assertTrue(t.version() > before, mutator + " must renew the version: was " + before + ", is " + t.version());
    }
}
