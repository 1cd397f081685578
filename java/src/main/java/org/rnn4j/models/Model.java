package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.train.Trainable;

/**
 * A model: what the {@link org.rnn4j.train.Trainer} trains ({@link Trainable}: named parameters,
 * backend, seeding of its dropout, a training forward with its backward, an inference loss), plus
 * what a model file records — its kind, its immutable config and the seed of its initial parameters
 * — and its recurrent blocks, whose weights a model file stores under PyTorch's names. A model owns
 * every tensor it keeps (parameters, states) whatever scope is open when it is made or loaded, and
 * releases them in {@link #close()}; its public inference methods release their temporaries
 * themselves.
 *
 * <p>The interface lives in {@code org.rnn4j.models}, beside {@link ModelFile} and {@link Models},
 * and extends {@code train.Trainable}, so that {@code train} never depends on {@code models}.
 *
 * @param <B> the training batches
 */
public interface Model<B> extends Trainable<B>, AutoCloseable {

    /** The kind recorded in {@code config.json}, e.g. {@code LanguageModel} (see {@link Models}). */
    default String kind() {
        return Models.kindOf(this);
    }

    /** The immutable config the model was made from (saved as {@code config.json}'s {@code config}). */
    Record config();

    /** The seed the initial parameters were drawn from (recorded in the provenance). */
    long parameterSeed();

    /** The recurrent blocks, whose weights are saved under PyTorch's names where PyTorch has the module. */
    List<RecurrentBlock> recurrentBlocks();

    /**
     * Saves this model to {@code directory}: {@code model.safetensors} and {@code config.json} with its
     * kind, config, tensor shapes, the SHA-256 of the weights, the provenance and its own checksum;
     * {@link Models#load} reads it back. Both files replace the model saved there before together, or
     * (interrupted) the previous model stays loadable; other files in the directory are left alone.
     *
     * @throws IllegalStateException if a parameter holds NaN or an infinity (nothing is written)
     */
    default void save(Path directory) throws IOException {
        ModelFile.save(this, directory);
    }

    /** Releases every tensor of the model. */
    @Override
    void close();
}
