package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/**
 * What a {@link Recurrent} layer is, without its input size: made by {@link Recurrent#lstm},
 * {@link Recurrent#gru}, {@link Recurrent#rnn} or {@link Recurrent#of}, refined with the
 * {@code with}-style methods below (each returns a new spec), turned into an {@link RnnConfig} by the
 * model that knows the input size. Immutable; checked when made.
 *
 * @param cell        the cell
 * @param hiddenSize  H, > 0
 * @param layers      stacked layers, > 0
 * @param direction   reading direction(s)
 * @param dropout     dropout between stacked layers, in [0, 1) (PyTorch's {@code dropout})
 */
public record RecurrentSpec(CellKind cell, int hiddenSize, int layers, Direction direction, double dropout) {

    public RecurrentSpec {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(direction, "direction");
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("hidden size must be > 0, got " + hiddenSize);
        }
        if (layers <= 0) {
            throw new IllegalArgumentException("layers must be > 0, got " + layers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    public RecurrentSpec layers(int newLayers) {
        return new RecurrentSpec(cell, hiddenSize, newLayers, direction, dropout);
    }

    public RecurrentSpec dropout(double newDropout) {
        return new RecurrentSpec(cell, hiddenSize, layers, direction, newDropout);
    }

    public RecurrentSpec direction(Direction newDirection) {
        return new RecurrentSpec(cell, hiddenSize, layers, newDirection, dropout);
    }

    /** Both directions, outputs concatenated (PyTorch's {@code bidirectional=True}). */
    public RecurrentSpec bidirectional() {
        return direction(Direction.BIDIRECTIONAL_CONCAT);
    }

    /** The full config for inputs of width {@code inputSize}. */
    public RnnConfig toConfig(int inputSize) {
        return RnnConfig.builder(cell, inputSize, hiddenSize).layers(layers).direction(direction).dropout(dropout)
                .build();
    }

    /** Width of the layer output: H, or 2·H for concatenated directions. */
    public int outputWidth() {
        return direction.outputWidth(hiddenSize);
    }
}
