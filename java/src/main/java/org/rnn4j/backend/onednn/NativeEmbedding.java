package org.rnn4j.backend.onednn;

import java.util.Arrays;

import org.bytedeco.javacpp.LongPointer;
import org.rnn4j.Checks;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * Embedding lookup on librnn4j: rows of a table [V, E] gathered by int64 ids, and their gradient
 * scattered back. Ids outside [0, V) are rejected by the native code, naming the index and value.
 */
public final class NativeEmbedding {
    /** Padding id meaning "none": every row of the output gradient reaches the table gradient. */
    public static final long NO_PADDING = -1;

    private NativeEmbedding() {
    }

    /**
     * The rows of {@code table} [V, E] picked by {@code ids}, as a tensor [idsShape..., E] allocated
     * in the current scope; {@code idsShape} (e.g. T, N) defaults to [ids.length] and must hold
     * ids.length elements.
     */
    public static Tensor forward(Tensor table, long[] ids, long... idsShape) {
        long embeddingSize = checkTable(table, "table");
        checkIds(ids);
        Shape leading = idsShape.length == 0 ? Shape.of(ids.length) : Shape.of(idsShape);
        if (leading.size() != ids.length) {
            throw new IllegalArgumentException("idsShape must hold ids.length = " + ids.length + " elements, got "
                    + leading + " with " + leading.size());
        }
        long[] outDims = Arrays.copyOf(leading.dims(), leading.rank() + 1);
        outDims[leading.rank()] = embeddingSize;
        Tensor out = Tensor.zeros(Shape.of(outDims));
        long vocabSize = table.shape().dim(0);
        NativeLibrary.ensureLoaded();
        try (LongPointer idsPointer = new LongPointer(ids)) {
            NativeLibrary.call(() -> rnn4j.embedding_forward(vocabSize, embeddingSize, ids.length, TensorMemory.read(table),
                    idsPointer, TensorMemory.write(out)));
        }
        return out;
    }

    /**
     * Writes (or, per {@code mode}, adds) {@code outputGradient} [..., E] (one row per id) into the
     * rows of {@code tableGradient} [V, E] picked by {@code ids}.
     */
    public static void backward(long[] ids, Tensor outputGradient, Tensor tableGradient, GradientMode mode) {
        backward(ids, outputGradient, tableGradient, mode, NO_PADDING);
    }

    /** Like {@link #backward(long[], Tensor, Tensor, GradientMode)}; rows whose id is {@code paddingId} add nothing. */
    public static void backward(long[] ids, Tensor outputGradient, Tensor tableGradient, GradientMode mode,
                                long paddingId) {
        rnn4j.GradientMode nativeMode = NativeEnums.gradientMode(mode);
        long embeddingSize = checkTable(tableGradient, "tableGradient");
        checkIds(ids);
        long rows = OpShapes.rows(outputGradient, "outputGradient", "E", embeddingSize);
        if (rows != ids.length) {
            throw new IllegalArgumentException("outputGradient must have ids.length = " + ids.length
                    + " rows of E = " + embeddingSize + ", got " + outputGradient.shape());
        }
        long vocabSize = tableGradient.shape().dim(0);
        NativeLibrary.ensureLoaded();
        try (LongPointer idsPointer = new LongPointer(ids)) {
            NativeLibrary.call(() -> rnn4j.embedding_backward(nativeMode, vocabSize, embeddingSize, ids.length,
                    idsPointer, TensorMemory.read(outputGradient), paddingId, TensorMemory.write(tableGradient)));
        }
    }

    /** Checks a [V, E] table; returns E. */
    private static long checkTable(Tensor table, String name) {
        Checks.notNull(name, table);
        if (table.shape().rank() != 2 || table.size() == 0) {
            throw new IllegalArgumentException(name + " must have shape [V, E] with V, E >= 1, got " + table.shape());
        }
        return table.shape().dim(1);
    }

    private static void checkIds(long[] ids) {
        if (Checks.notNull("ids", ids).length == 0) {
            throw new IllegalArgumentException("ids must not be empty");
        }
    }
}
