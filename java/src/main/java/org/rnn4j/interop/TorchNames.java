package org.rnn4j.interop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyTorch's recurrent parameter names: {@code <kind>_l<layer>} plus {@code _reverse} for the reverse
 * direction of a bidirectional module, e.g. {@code weight_hh_l1_reverse}; rnn4j adds
 * {@code weight_peephole_l<layer>} (see {@link RecurrentLayout}).
 */
final class TorchNames {
    /** The parameter kinds of a layer and direction, in {@code state_dict} order. */
    enum Kind {
        WEIGHT_IH("weight_ih"),
        WEIGHT_HH("weight_hh"),
        BIAS_IH("bias_ih"),
        BIAS_HH("bias_hh"),
        WEIGHT_HR("weight_hr"),
        /** rnn4j's own: the LSTM peephole weights (PyTorch has none). */
        WEIGHT_PEEPHOLE("weight_peephole");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A parsed name. */
    record Parsed(Kind kind, int layer, int direction) {
    }

    private static final Pattern NAME =
            Pattern.compile("(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr|weight_peephole)_l(0|[1-9][0-9]{0,5})(_reverse)?");

    private TorchNames() {
    }

    /** E.g. {@code name(WEIGHT_IH, 1, 1)} = {@code weight_ih_l1_reverse}; direction 0 = forward, 1 = reverse. */
    static String name(Kind kind, int layer, int direction) {
        return kind.prefix + "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    /** The parts of a PyTorch recurrent parameter name, or null if {@code name} is not one. */
    static Parsed parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.prefix.equals(m.group(1))) {
                kind = k;
            }
        }
        return new Parsed(kind, Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : 1);
    }
}
