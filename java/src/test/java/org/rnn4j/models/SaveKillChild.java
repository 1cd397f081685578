package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;

/**
 * The child JVM of {@link SaveKillTest}: saves generation after generation of one model into a
 * directory until it is killed. Generation {@code g} has every weight equal to {@code g}; after each
 * complete save it prints {@code saved <g>} on stdout.
 *
 * <p>Arguments: the model directory, the first generation.
 */
public final class SaveKillChild {
    /** The model saved: about 1 MB of weights, on the JVM backend (no native library to load). */
    static SequenceRegressor model() {
        return SequenceRegressor.builder(8, 1).recurrent(Recurrent.lstm(128).layers(2)).seed(1)
                .backend(Backend.JVM).build();
    }

    private SaveKillChild() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = model()) {
            for (long g = Long.parseLong(args[1]); ; g++) {
                for (Parameter p : model.parameters()) {
                    float[] values = new float[Math.toIntExact(p.value().size())];
                    Arrays.fill(values, g);
                    p.value().copyFrom(values);
                }
                model.save(directory);
                System.out.println("saved " + g);
                System.out.flush();
            }
        }
    }
}
