package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;

import org.rnn4j.backend.DropoutMask;
import org.rnn4j.backend.SplitMix64;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.Tensor;

/**
 * Inverted dropout: in training forwards each element is zeroed with probability p and the rest are
 * scaled by 1 / (1 − p); inference forwards pass x through. The k-th training forward after
 * {@link #seed(long) seed(s)} uses the mask of seed s + k·γ, so a seeded run is reproducible on
 * either backend.
 */
public final class Dropout implements Block<Dropout.Pass> {
    private final double probability;
    private final Kernels kernels;
    private long seed;
    private long count;

    /** What {@link #backward} needs: the mask (null when x passed through), and the output. */
    public record Pass(DropoutMask mask, Tensor output) implements Block.Pass {
    }

    public Dropout(double probability, Kernels kernels) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + probability);
        }
        this.probability = probability;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    public double probability() {
        return probability;
    }

    /** Restarts the mask sequence from {@code seed}. */
    @Override
    public void seed(long seed) {
        this.seed = seed;
        this.count = 0;
    }

    /** x → x with dropout in training, x itself in inference. */
    public Pass forward(Tensor x, Propagation propagation) {
        if (propagation != Propagation.TRAINING || probability == 0) {
            return new Pass(null, x);
        }
        DropoutMask mask = new DropoutMask(probability, seed + SplitMix64.GOLDEN_GAMMA * ++count);
        return new Pass(mask, kernels.dropout(x, mask));
    }

    /** As {@link #forward(Tensor, Propagation)} with the context's propagation. */
    @Override
    public Pass forward(Tensor x, SequenceContext context) {
        return forward(x, context.propagation());
    }

    /** dy → dx: the mask applied to dy (dy itself when x passed through). */
    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        return pass.mask() == null ? outputGradient : kernels.dropoutBackward(outputGradient, pass.mask());
    }

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
