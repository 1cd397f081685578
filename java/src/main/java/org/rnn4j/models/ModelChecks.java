package org.rnn4j.models;

import java.util.Objects;

import org.rnn4j.nn.RecurrentSpec;

/** The decoder models' own config check (the general ones are {@link org.rnn4j.Checks}). */
final class ModelChecks {
    private ModelChecks() {
    }

    /** A token decoder: left to right, bos and eos distinct ids of the vocabulary. */
    static void decoder(RecurrentSpec recurrent, int vocabularySize, int bos, int eos) {
        Objects.requireNonNull(recurrent, "recurrent");
        if (recurrent.direction().count() != 1) {
            throw new IllegalArgumentException("a decoder reads left to right, got " + recurrent.direction());
        }
        if (bos < 0 || bos >= vocabularySize || eos < 0 || eos >= vocabularySize || bos == eos) {
            throw new IllegalArgumentException("bos and eos must be distinct ids in [0, " + vocabularySize + "), got "
                    + bos + " and " + eos);
        }
    }
}
