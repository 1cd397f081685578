package org.rnn4j;

/** The direction(s) in which a recurrent layer reads its sequence, as in oneDNN. */
public enum Direction {
    /** t = 0 … T-1. */
    LEFT_TO_RIGHT(1),
    /** t = T-1 … 0 (with lengths: from each sequence's own last step). */
    RIGHT_TO_LEFT(1),
    /** Both directions; the layer output is [forward, reverse] concatenated, width 2·H. */
    BIDIRECTIONAL_CONCAT(2),
    /** Both directions; the layer output is forward + reverse, width H. */
    BIDIRECTIONAL_SUM(2);

    private final int directions;

    Direction(int directions) {
        this.directions = directions;
    }

    /** Number of weight sets per layer (the "d" of {@code ldigo}, {@code ldnc}). */
    public int count() {
        return directions;
    }

    /** Width of one layer's output given the per-direction output width (H, or P with projection). */
    public int outputWidth(int perDirectionWidth) {
        return this == BIDIRECTIONAL_CONCAT ? 2 * perDirectionWidth : perDirectionWidth;
    }
}
