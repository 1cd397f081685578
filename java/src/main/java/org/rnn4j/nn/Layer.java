package org.rnn4j.nn;

import java.util.List;

/**
 * A building block with named parameters. Each layer has its own {@code forward} and {@code backward}
 * side by side: forward returns a {@code Pass} holding what backward needs, backward takes that pass
 * and the gradient of the output, adds the parameter gradients to {@link Parameter#gradient()} and
 * returns the gradient of the input. Closing a layer releases its parameter tensors. Layers that
 * compose in a {@link Sequential} are {@link Block}s.
 */
public interface Layer extends AutoCloseable {

    /** Prefix of the parameter names, e.g. {@code head} in {@code head.weight}. */
    String name();

    /** The parameters, in a fixed order. */
    List<Parameter> parameters();

    @Override
    void close();
}
