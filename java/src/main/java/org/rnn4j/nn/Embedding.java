package org.rnn4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.Checks;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * Lookup table: token ids → rows of {@code <name>.weight} [V, E], initialised standard normal as
 * PyTorch's {@code nn.Embedding}. As a {@link Block} it reads the ids from a tensor of whole numbers
 * ([T, N], or [T, N, 1] as {@link org.rnn4j.data.SequenceBatch#ofTokens} makes).
 */
public final class Embedding implements Block<Embedding.Pass> {
    private final String name;
    private final int vocabularySize;
    private final int width;
    private final Kernels kernels;
    private final TensorArena arena;
    private final Parameter weight;

    /** What {@link #backward} needs: the ids, and the output [idsShape..., E]. */
    public record Pass(long[] ids, Tensor output) implements Block.Pass {
    }

    public Embedding(String name, int vocabularySize, int width, Kernels kernels, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        if (vocabularySize <= 0 || width <= 0) {
            throw new IllegalArgumentException("vocabulary size and width must be > 0, got " + vocabularySize + ", "
                    + width);
        }
        Checks.arrayLength("vocabularySize × width of embedding " + name, vocabularySize, width);
        this.vocabularySize = vocabularySize;
        this.width = width;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.arena = new TensorArena();
        this.weight = new Parameter(name + ".weight",
                Initializers.normal(arena, Shape.of(vocabularySize, width), new SplittableRandom(seed)),
                arena.zeros(vocabularySize, width));
    }

    /** V. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** E. */
    public int width() {
        return width;
    }

    /** ids (e.g. [T, N] as {@code idsShape}) → [idsShape..., E]; each id in [0, V). */
    public Pass forward(long[] ids, long... idsShape) {
        return new Pass(ids.clone(), kernels.embedding(weight.value(), ids, idsShape));
    }

    /**
     * ids [T, N] or [T, N, 1] (any other shape S → [S..., E]) of whole numbers in [0, V) → [T, N, E].
     * The context is not needed.
     */
    @Override
    public Pass forward(Tensor ids, SequenceContext context) {
        long[] dims = ids.shape().dims();
        if (dims.length == 3 && dims[2] == 1) {
            dims = Arrays.copyOf(dims, dims.length - 1);
        }
        float[] values = ids.toFloatArray();
        long[] whole = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || values[i] < 0 || values[i] >= vocabularySize) {
                throw new IllegalArgumentException("ids[" + i + "] of " + name + " must be a whole number in [0, V = "
                        + vocabularySize + "), got " + values[i]);
            }
            whole[i] = (long) values[i];
        }
        return forward(whole, dims);
    }

    /** Adds each row of dOutput [..., E] to the weight gradient at its id; returns null (ids have no gradient). */
    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        kernels.embeddingBackward(pass.ids(), outputGradient, weight.gradient());
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public void close() {
        arena.close();
    }
}
