package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.rnn4j.backend.Backend;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.nn.Block;
import org.rnn4j.nn.Sequential;
import org.rnn4j.tensor.TensorScope;

/**
 * A model a user composes: any {@link Sequential} network plus an {@link Objective}; the backward is
 * the network's chained one, so training it with the {@link org.rnn4j.train.Trainer} needs no
 * hand-written math (see the example in {@link Sequential}). It owns the network. Saved like every
 * model; since only the code knows how to build the network, {@link #restore} loads saved weights into
 * a network built the same way.
 *
 * @param <B> the batches
 */
public final class ComposedModel<B> extends SequentialModel<B, ComposedModel.Layout> {
    private static final String KIND = "ComposedModel";

    /**
     * What {@code config.json} records of a composed model: each block's name and class, in order.
     *
     * @param blocks "name: Class" per block
     */
    public record Layout(List<String> blocks) {
        public Layout {
            blocks = List.copyOf(blocks);
        }

        static Layout of(Sequential network) {
            return new Layout(network.blocks().stream().map(Layout::describe).toList());
        }

        private static String describe(Block<?> block) {
            return block.name() + ": " + block.getClass().getSimpleName();
        }
    }

    private ComposedModel(Sequential network, Objective<B> objective, Backend backend) {
        super(Layout.of(network), 0, network, objective, backend);
    }

    /**
     * {@code network} trained on {@code objective}, its losses and updates on {@code backend} (that of
     * its blocks). The model owns the network from now on.
     */
    public static <B> ComposedModel<B> of(Sequential network, Objective<B> objective, Backend backend) {
        return new ComposedModel<>(Objects.requireNonNull(network, "network"),
                Objects.requireNonNull(objective, "objective"), Objects.requireNonNull(backend, "backend"));
    }

    /** {@value #KIND}. */
    @Override
    public String kind() {
        return KIND;
    }

    /** Unknown for a composed model (each block was seeded by the code that made it): 0. */
    @Override
    public long parameterSeed() {
        return 0;
    }

    /** The network's inference output for {@code batch}, flattened in its shape (e.g. [N, C] or [T, N, C]). */
    public float[] outputs(B batch) {
        Objects.requireNonNull(batch, "batch");
        try (TensorScope scope = TensorScope.open()) {
            return infer(batch).toFloatArray();
        }
    }

    /**
     * Loads the weights saved by {@link #save} of a model with the same layout into this one, after the
     * checks every model file gets (format, checksum, every tensor's name and shape).
     *
     * @throws CorruptFileException if the directory holds another kind or layout, or is damaged
     */
    public void restore(Path directory) throws IOException {
        ModelFile.kind(directory, List.of(KIND));
        Layout saved = ModelFile.config(directory, Layout.class);
        if (!saved.equals(config())) {
            throw new CorruptFileException(directory.resolve(ModelFile.CONFIG), "config", config().toString(),
                    saved.toString());
        }
        ModelFile.restore(this, directory);
    }
}
