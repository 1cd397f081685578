package org.rnn4j.infer;

import java.util.Objects;

import org.rnn4j.nn.BlockStream;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Step-by-step inference of a whole model over N independent streams (a chat, a sensor each): every
 * step feeds one input per stream through every block — embedding, recurrent layers with their kept
 * state, pooling, head — and returns the model's output for each stream. {@link StatefulRnn} is the
 * same for a bare recurrent layer. Each step releases its temporaries; the kept states belong to the
 * stream: close it when done.
 */
public final class ModelStream implements AutoCloseable {
    private final BlockStream stream;
    private final int streams;
    private boolean closed;

    /** A stream over {@code streams} streams of a network's {@code stream} (see {@code Model.stream} of each model). */
    public ModelStream(BlockStream stream, int streams) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (streams <= 0) {
            throw new IllegalArgumentException("streams must be > 0, got " + streams);
        }
        this.streams = streams;
    }

    /** N. */
    public int streams() {
        return streams;
    }

    /** Feeds one token per stream, ids [N]; returns the outputs [N][O] (e.g. next-token logits). */
    public float[][] step(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.length != streams) {
            throw new IllegalArgumentException("ids must have one token per stream, N = " + streams + ", got "
                    + ids.length);
        }
        float[] values = new float[streams];
        for (int n = 0; n < streams; n++) {
            if (ids[n] < 0) {
                throw new IllegalArgumentException("ids[" + n + "] must be >= 0, got " + ids[n]);
            }
            values[n] = ids[n];
        }
        return run(values, 1L, streams);
    }

    /** Feeds one step of features per stream, inputs [N][F]; returns the outputs [N][O]. */
    public float[][] step(float[][] inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length != streams) {
            throw new IllegalArgumentException("inputs must have one row per stream, N = " + streams + ", got "
                    + inputs.length);
        }
        int width = inputs[0].length;
        float[] values = new float[streams * width];
        for (int n = 0; n < streams; n++) {
            if (inputs[n].length != width) {
                throw new IllegalArgumentException("inputs[" + n + "] must have " + width + " values like inputs[0], got "
                        + inputs[n].length);
            }
            System.arraycopy(inputs[n], 0, values, n * width, width);
        }
        return run(values, 1L, streams, width);
    }

    private float[][] run(float[] values, long... shape) {
        if (closed) {
            throw new IllegalStateException("this stream is closed");
        }
        try (TensorScope scope = TensorScope.open()) {
            float[] y = stream.step(Tensor.of(values, shape)).toFloatArray();      // [1, N, O] or [N, O]
            int width = y.length / streams;
            float[][] out = new float[streams][width];
            for (int n = 0; n < streams; n++) {
                System.arraycopy(y, n * width, out[n], 0, width);
            }
            return out;
        }
    }

    /** Resets stream {@code n} to its start, leaving the others as they are. */
    public void reset(int n) {
        Objects.checkIndex(n, streams);
        stream.reset(n);
    }

    /** Resets every stream. */
    public void reset() {
        for (int n = 0; n < streams; n++) {
            stream.reset(n);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            stream.close();
        }
    }
}
