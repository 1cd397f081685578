package org.rnn4j.reference;

import java.util.Arrays;

/** Shapes in error messages, named and sized: "[T, N, I] = [3, 2, 4]". */
final class ShapeText {
    private ShapeText() {
    }

    /** "[names] = [sizes...]". */
    static String of(String names, int... sizes) {
        return "[" + names + "] = " + Arrays.toString(sizes);
    }
}
