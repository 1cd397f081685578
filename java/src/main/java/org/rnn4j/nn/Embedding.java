package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * Lookup table: token ids → rows of {@code <name>.weight} [V, E], initialised standard normal as
 * PyTorch's {@code nn.Embedding}.
 */
public final class Embedding implements Layer {
    private final String name;
    private final int vocabularySize;
    private final int width;
    private final Kernels kernels;
    private final TensorArena arena;
    private final Parameter weight;

    /** What {@link #backward} needs: the ids, and the output [idsShape..., E]. */
    public record Pass(long[] ids, Tensor output) {
    }

    public Embedding(String name, int vocabularySize, int width, Kernels kernels, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        if (vocabularySize <= 0 || width <= 0) {
            throw new IllegalArgumentException("vocabulary size and width must be > 0, got " + vocabularySize + ", "
                    + width);
        }
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

    /** Adds each row of dOutput [..., E] to the weight gradient at its id. */
    public void backward(Pass pass, Tensor outputGradient) {
        kernels.embeddingBackward(pass.ids(), outputGradient, weight.gradient());
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
