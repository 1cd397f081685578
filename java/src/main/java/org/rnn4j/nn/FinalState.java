package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;

import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The top layer's final hidden state of every direction, read from the recurrent output y [T, N, D·S]
 * with the context's lengths → [N, D·S]: the forward direction's state after each sequence's last real
 * step (y[len − 1]) and the reverse direction's after step 0 (y[0]), PyTorch's {@code h_n[-2:]}. Needs
 * the directions' outputs apart, so {@link Direction#BIDIRECTIONAL_SUM} is rejected. No parameters.
 */
public final class FinalState implements Block<FinalState.Pass> {
    private final RnnConfig config;

    /** What {@link #backward} needs: T and the lengths. */
    public record Pass(int steps, int[] lengths, Tensor output) implements Block.Pass {
    }

    /** The final state of the recurrent layer of {@code config}. */
    public FinalState(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.direction() == Direction.BIDIRECTIONAL_SUM) {
            throw new IllegalArgumentException("the final state needs each direction's output, so direction must not "
                    + "be BIDIRECTIONAL_SUM, got " + config.direction());
        }
    }

    /** Output width D·S. */
    public int width() {
        return config.directions() * config.stateSize();
    }

    /** y [T, N, D·S] → [N, D·S] at each sequence's last real step (forward) and step 0 (reverse). */
    @Override
    public Pass forward(Tensor y, SequenceContext context) {
        int steps = (int) y.shape().dim(0), batch = (int) y.shape().dim(1);
        y.shape().check("y", Shape.of(steps, batch, width()));
        int[] lengths = context.lengthsOf(batch, steps);
        float[] values = y.toFloatArray();                         // [T, N, D·S]
        float[] out = new float[batch * width()];                  // [N, D·S]
        for (int n = 0; n < batch; n++) {
            for (int d = 0; d < config.directions(); d++) {
                System.arraycopy(values, at(d, n, steps, batch, lengths), out, (n * config.directions() + d)
                        * config.stateSize(), config.stateSize());
            }
        }
        return new Pass(steps, lengths, Tensor.of(out, batch, width()));
    }

    /** d[N, D·S] → dy [T, N, D·S], zero except at the steps the forward read. */
    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        int batch = pass.lengths().length, steps = pass.steps();
        outputGradient.shape().check("outputGradient", Shape.of(batch, width()));
        float[] dOut = outputGradient.toFloatArray();
        float[] dy = new float[steps * batch * width()];
        for (int n = 0; n < batch; n++) {
            for (int d = 0; d < config.directions(); d++) {
                System.arraycopy(dOut, (n * config.directions() + d) * config.stateSize(), dy,
                        at(d, n, steps, batch, pass.lengths()), config.stateSize());
            }
        }
        return Tensor.of(dy, steps, batch, width());
    }

    /** Offset in y [T, N, D·S] of direction d's final state of sequence n. */
    private int at(int d, int n, int steps, int batch, int[] lengths) {
        boolean reverse = config.direction() == Direction.RIGHT_TO_LEFT || d == 1;
        int t = reverse ? 0 : lengths[n] - 1;
        return ((t * batch + n) * config.directions() + d) * config.stateSize();
    }

    @Override
    public String name() {
        return "final_state";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
