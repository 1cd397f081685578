package org.rnn4j.examples.text;

import java.util.Arrays;
import java.util.Objects;

/** The characters of a text, each with an id: ids in code-point order, so the same text gives the same ids. */
public final class CharVocabulary {
    private final int[] codePoints;  // id → code point, ascending

    private CharVocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** Every distinct code point of {@code texts}. */
    public static CharVocabulary of(String... texts) {
        return new CharVocabulary(Arrays.stream(texts).flatMapToInt(String::codePoints).distinct().sorted().toArray());
    }

    /** From saved code points (ascending, distinct). */
    public static CharVocabulary ofCodePoints(int[] codePoints) {
        int[] copy = codePoints.clone();
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] <= copy[i - 1]) {
                throw new IllegalArgumentException("code points must be ascending and distinct, got "
                        + copy[i - 1] + " before " + copy[i]);
            }
        }
        return new CharVocabulary(copy);
    }

    /** V. */
    public int size() {
        return codePoints.length;
    }

    /** The code points in id order. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** The ids of {@code text}; every character must be in the vocabulary. */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return text.codePoints().map(cp -> {
            int id = Arrays.binarySearch(codePoints, cp);
            if (id < 0) {
                throw new IllegalArgumentException("character '" + new String(Character.toChars(cp))
                        + "' (U+" + Integer.toHexString(cp).toUpperCase() + ") is not in the vocabulary of "
                        + codePoints.length + " characters");
            }
            return id;
        }).toArray();
    }

    /** The text of {@code ids}. */
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            Objects.checkIndex(id, codePoints.length);
            out.appendCodePoint(codePoints[id]);
        }
        return out.toString();
    }
}
