package org.rnn4j.examples.fashion;

import java.util.Locale;

import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;

/** Argument checks shared by {@code fashion} and {@code caption}: bad values exit 2 with one line. */
final class FashionCommands {
    private FashionCommands() {
    }

    /** {@code gru} or {@code lstm} with {@code hidden} units. */
    static RecurrentSpec cell(String name, int hidden) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gru" -> Recurrent.gru(hidden);
            case "lstm" -> Recurrent.lstm(hidden);
            default -> throw new IllegalArgumentException("--cell must be gru or lstm, got '" + name + "'");
        };
    }

    /** Throws unless {@code value} is in [min, max]. */
    static void check(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
