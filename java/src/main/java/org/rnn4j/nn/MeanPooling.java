package org.rnn4j.nn;

import java.util.Arrays;

import org.rnn4j.tensor.Tensor;

/** Mean over each sequence's real steps: y [T, N, O] with lengths → [N, O]. No parameters. */
public final class MeanPooling {

    /** What {@link #backward} needs: the steps T and the lengths. */
    public record Pass(int steps, int[] lengths, Tensor output) {
    }

    /** y [T, N, O] → [N, O]; lengths in [1, T] (null = all T). */
    public Pass forward(Tensor y, int[] lengths) {
        int steps = (int) y.shape().dim(0), batch = (int) y.shape().dim(1), width = (int) y.shape().dim(2);
        int[] len = lengths == null ? full(batch, steps) : lengths.clone();
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

    private static int[] full(int batch, int steps) {
        int[] len = new int[batch];
        Arrays.fill(len, steps);
        return len;
    }
}
