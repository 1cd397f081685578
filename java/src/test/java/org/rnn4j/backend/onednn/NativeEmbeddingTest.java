package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.rnn4j.backend.onednn.Rejections.assertRejected;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.reference.ops.ReferenceEmbedding;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * NativeEmbedding against the double reference {@link ReferenceEmbedding}. The forward is a copy (exact);
 * the backward adds at most M f32 values per element: tolerance 1e-6 · max(1, |expected|).
 */
class NativeEmbeddingTest {
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "V={0} E={1} M={2} padding={3}")
    @CsvSource({"1, 1, 1, -1", "10, 4, 7, -1", "5, 3, 20, 2", "3, 8, 2, 0"})
    void forwardAndBackwardMatchReference(int vocab, int width, int count, long paddingId) {
        Random random = new Random(vocab * 31L + width * 7L + count);
        float[] table = TestArrays.random(random, vocab * width, 1);   // [V, E]
        long[] ids = TestArrays.ids(random, count, vocab);             // [M], with repeats when M > V
        float[] dOut = TestArrays.random(random, count * width, 1);    // [M, E]
        float[] stale = TestArrays.random(random, vocab * width, 3);   // previous dTable contents
        double[] expectedOverwrite = new double[vocab * width];
        ReferenceEmbedding.backward(ids, TestArrays.toDouble(dOut), width, expectedOverwrite, GradientMode.OVERWRITE, paddingId);
        double[] expectedAccumulate = TestArrays.toDouble(stale);
        ReferenceEmbedding.backward(ids, TestArrays.toDouble(dOut), width, expectedAccumulate, GradientMode.ACCUMULATE,
                paddingId);

        try (TensorScope scope = TensorScope.open()) {
            Tensor out = NativeEmbedding.forward(Tensor.of(table, vocab, width), ids);
            assertArrayEquals(new long[] {count, width}, out.shape().dims());
            TestArrays.assertClose("out", ReferenceEmbedding.forward(TestArrays.toDouble(table), width, ids),
                    out.toFloatArray(), 0);
            Tensor dTable = Tensor.of(stale, vocab, width);
            NativeEmbedding.backward(ids, Tensor.of(dOut, count, width), dTable, GradientMode.OVERWRITE, paddingId);
            TestArrays.assertClose("dTable overwritten", expectedOverwrite, dTable.toFloatArray(), TOLERANCE);
            dTable.copyFrom(stale);
            NativeEmbedding.backward(ids, Tensor.of(dOut, count, width), dTable, GradientMode.ACCUMULATE, paddingId);
            TestArrays.assertClose("dTable accumulated", expectedAccumulate, dTable.toFloatArray(), TOLERANCE);
        }
    }

    @Test
    void paddingRowGetsNoGradient() {
        long[] ids = {0, 1, 0, 2};
        try (TensorScope scope = TensorScope.open()) {
            Tensor dTable = Tensor.of(new float[] {9, 9, 9}, 3, 1);
            NativeEmbedding.backward(ids, Tensor.of(new float[] {1, 2, 3, 4}, 4, 1), dTable, GradientMode.OVERWRITE, 0);
            assertArrayEquals(new float[] {0, 2, 4}, dTable.toFloatArray(), "overwrite: the padding row is zero");
            dTable.copyFrom(new float[] {9, 9, 9});
            NativeEmbedding.backward(ids, Tensor.of(new float[] {1, 2, 3, 4}, 4, 1), dTable, GradientMode.ACCUMULATE,
                    0);
            assertArrayEquals(new float[] {9, 11, 13}, dTable.toFloatArray(), "accumulate: the padding row is kept");
        }
    }

    @Test
    void idsShapeGivesTheLeadingDimensions() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor table = Tensor.of(new float[] {0, 1, 10, 11, 20, 21}, 3, 2);
            Tensor out = NativeEmbedding.forward(table, new long[] {2, 0, 1, 1, 0, 2}, 3, 2);  // [T = 3, N = 2, E]
            assertArrayEquals(new long[] {3, 2, 2}, out.shape().dims());
            assertArrayEquals(new float[] {20, 21, 0, 1, 10, 11, 10, 11, 0, 1, 20, 21}, out.toFloatArray());
        }
    }

    @Test
    void rejectsBadArguments() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor table = Tensor.zeros(10, 4);
            assertRejected("ids[1] must be in [0, V) = [0, 10), got 10",
                    () -> NativeEmbedding.forward(table, new long[] {3, 10, 2}));
            assertRejected("ids[2] must be in [0, V) = [0, 10), got -1",
                    () -> NativeEmbedding.backward(new long[] {3, 0, -1}, Tensor.zeros(3, 4), table,
                            GradientMode.ACCUMULATE));
            assertRejected("padding_id must be -1 (none) or in [0, V) = [0, 10), got 10",
                    () -> NativeEmbedding.backward(new long[] {3}, Tensor.zeros(1, 4), table,
                            GradientMode.OVERWRITE, 10));
            assertRejected("ids must not be empty", () -> NativeEmbedding.forward(table, new long[0]));
            assertRejected("ids must not be null", () -> NativeEmbedding.forward(table, null));
            assertRejected("table must have shape [V, E] with V, E >= 1, got [10]",
                    () -> NativeEmbedding.forward(Tensor.zeros(10), new long[] {1}));
            assertRejected("idsShape must hold ids.length = 3 elements, got [2, 2] with 4",
                    () -> NativeEmbedding.forward(table, new long[] {1, 2, 3}, 2, 2));
            assertRejected("outputGradient must have ids.length = 2 rows of E = 4, got [3, 4]",
                    () -> NativeEmbedding.backward(new long[] {1, 2}, Tensor.zeros(3, 4), table,
                            GradientMode.OVERWRITE));
            assertRejected("outputGradient must have shape [..., E] with E = 4, got [2, 3]",
                    () -> NativeEmbedding.backward(new long[] {1, 2}, Tensor.zeros(2, 3), table,
                            GradientMode.OVERWRITE));
        }
    }
}
