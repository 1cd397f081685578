package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.Precision;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * Fully connected layer y [..., O] = x [..., K] · weightᵀ + bias [O]. Parameters {@code <name>.weight} [O, K]
 * and {@code <name>.bias} [O], as PyTorch's {@code nn.Linear} stores them, initialised uniform in ±1/sqrt(K) as it
 * does.
 */
public final class Linear implements Block<Linear.Pass> {
    private final String name;
    private final int inFeatures;
    private final int outFeatures;
    private final LinearOp op;
    private final Parameter weight;
    private final Parameter bias;
    private final TensorArena arena;

    /** What {@link #backward} needs: the input, and the output. */
    public record Pass(Tensor input, Tensor output) implements Block.Pass {
    }

    /** An f32 layer. */
    public Linear(String name, int inFeatures, int outFeatures, Kernels kernels, long seed) {
        this(name, inFeatures, outFeatures, kernels, seed, Precision.F32);
    }

    /** A layer computing in {@code precision} (parameters and gradients stay f32; see {@link Precision}). */
    public Linear(String name, int inFeatures, int outFeatures, Kernels kernels, long seed, Precision precision) {
        this.name = Objects.requireNonNull(name, "name");
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("features must be > 0, got in " + inFeatures + ", out " + outFeatures);
        }
        Checks.arrayLength("outFeatures × inFeatures of linear " + name, outFeatures, inFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.op = Objects.requireNonNull(kernels, "kernels").linear(inFeatures, outFeatures, precision);
        this.arena = new TensorArena();
        SplittableRandom random = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(inFeatures);
        this.weight = new Parameter(name + ".weight", Initializers.uniform(arena, Shape.of(outFeatures, inFeatures),
                bound, random), arena.zeros(outFeatures, inFeatures));
        this.bias = new Parameter(name + ".bias", Initializers.uniform(arena, Shape.of(outFeatures), bound, random),
                arena.zeros(outFeatures));
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    /** x [..., K] → y [..., O]. */
    public Pass forward(Tensor x) {
        return new Pass(x, op.forward(x, weight.value(), bias.value()));
    }

    /** As {@link #forward(Tensor)}; the context is not needed. */
    @Override
    public Pass forward(Tensor x, SequenceContext context) {
        return forward(x);
    }

    /** dy [..., O] → dx [..., K]; adds to the weight and bias gradients. */
    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        return op.backward(pass.input(), weight.value(), outputGradient, weight.gradient(), bias.gradient());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public void close() {
        op.close();
        arena.close();
    }
}
