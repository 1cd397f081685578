package org.rnn4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * Mean over each sequence's real steps: y [T, N, O] with the context's lengths → [N, O]. No
 * parameters. Its {@link #stream stream} keeps the running mean of each stream's steps.
 */
public final class MeanPooling implements Block<MeanPooling.Pass> {

    /** What {@link #backward} needs: the steps T and the lengths. */
    public record Pass(int steps, int[] lengths, Tensor output) implements Block.Pass {
    }

    /** y [T, N, O] → [N, O] over the context's lengths. */
    @Override
    public Pass forward(Tensor y, SequenceContext context) {
        return forward(y, context.lengths());
    }

    /** y [T, N, O] → [N, O]; lengths in [1, T] (null = all T). */
    public Pass forward(Tensor y, int[] lengths) {
        int steps = (int) y.shape().dim(0), batch = (int) y.shape().dim(1), width = (int) y.shape().dim(2);
        int[] len = SequenceContext.inference(lengths).lengthsOf(batch, steps);
        float[] values = y.toFloatArray();
        float[] out = new float[batch * width];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < len[n]; t++) {
                for (int j = 0; j < width; j++) {
                    out[n * width + j] += values[(t * batch + n) * width + j];
                }
            }
            for (int j = 0; j < width; j++) {
                out[n * width + j] /= len[n];
            }
        }
        return new Pass(steps, len, Tensor.of(out, batch, width));
    }

    /** d[N, O] → dy [T, N, O]: dPooled / length at each real step, 0 on padding. */
    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        int batch = pass.lengths().length, width = (int) outputGradient.shape().dim(1);
        float[] dOut = outputGradient.toFloatArray();
        float[] dy = new float[pass.steps() * batch * width];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < pass.lengths()[n]; t++) {
                for (int j = 0; j < width; j++) {
                    dy[(t * batch + n) * width + j] = dOut[n * width + j] / pass.lengths()[n];
                }
            }
        }
        return Tensor.of(dy, pass.steps(), batch, width);
    }

    /** Steps [1, N, O] → the mean [N, O] of each stream's steps so far. */
    @Override
    public BlockStream stream(int streams) {
        return new RunningMean(streams);
    }

    @Override
    public String name() {
        return "mean_pooling";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
    }

    /** The running sums (on the heap) and step counts of N streams. */
    private static final class RunningMean implements BlockStream {
        private final int[] counts;
        private double[] sums;

        RunningMean(int streams) {
            if (streams <= 0) {
                throw new IllegalArgumentException("streams must be > 0, got " + streams);
            }
            this.counts = new int[streams];
        }

        @Override
        public Tensor step(Tensor x) {
            Objects.requireNonNull(x, "x");
            int n = counts.length;
            int width = (int) (x.size() / n);
            x.shape().check("x", Shape.of(1, n, width));
            if (sums == null) {
                sums = new double[n * width];
            }
            float[] values = x.toFloatArray();                    // [1, N, O]
            float[] out = new float[n * width];                   // [N, O]
            for (int i = 0; i < n; i++) {
                counts[i]++;
                for (int j = 0; j < width; j++) {
                    sums[i * width + j] += values[i * width + j];
                    out[i * width + j] = (float) (sums[i * width + j] / counts[i]);
                }
            }
            return Tensor.of(out, n, width);
        }

        @Override
        public void reset(int stream) {
            Objects.checkIndex(stream, counts.length);
            counts[stream] = 0;
            if (sums != null) {
                int width = sums.length / counts.length;
                Arrays.fill(sums, stream * width, (stream + 1) * width, 0);
            }
        }

        @Override
        public void close() {
        }
    }
}
