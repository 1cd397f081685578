package org.rnn4j.models;

/** Argument checks of the model configs. */
final class ModelChecks {
    private ModelChecks() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
