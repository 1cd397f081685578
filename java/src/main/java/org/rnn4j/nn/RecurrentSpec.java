package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.Precision;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnEngines;

/**
 * What a {@link Recurrent} layer is, without its input size: made by {@link Recurrent#lstm},
 * {@link Recurrent#gru}, {@link Recurrent#rnn} or {@link Recurrent#of}, refined with the methods below
 * (each returns a new spec), turned into a layer by {@link #create(int)} or into an {@link RnnConfig}
 * by the model that knows the input size. Immutable; checked when made.
 *
 * <pre>{@code
 * Recurrent lstm = Recurrent.lstm(512).layers(2).bidirectional().dropout(0.2).create(128);
 * Recurrent small = Recurrent.lstm(64).projection(16).peephole().create(8, Backend.JVM, 42);
 * }</pre>
 *
 * @param cell           the cell
 * @param hiddenSize     H, > 0
 * @param layers         stacked layers, > 0
 * @param direction      reading direction(s)
 * @param dropout        dropout between stacked layers, in [0, 1) (PyTorch's {@code dropout})
 * @param projectionSize LSTM projection size P in (0, H), or 0 for none (PyTorch's {@code proj_size})
 * @param hasPeephole    LSTM peephole connections (oneDNN's; PyTorch has none)
 * @param precision      the native kernels' precision ({@link Precision}); null = {@link Precision#F32} (so model
 *                       files written before it existed load as f32)
 */
public record RecurrentSpec(CellKind cell, int hiddenSize, int layers, Direction direction, double dropout,
                            int projectionSize, boolean hasPeephole, Precision precision) {

    public RecurrentSpec {
        precision = precision == null ? Precision.F32 : precision;
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
        if (projectionSize != 0 && cell != CellKind.LSTM) {
            throw new IllegalArgumentException("projection is only defined for LSTM, got cell " + cell);
        }
        if (projectionSize < 0 || projectionSize >= hiddenSize && projectionSize != 0) {
            throw new IllegalArgumentException("projection size must be in (0, hidden size " + hiddenSize
                    + ") or 0 for none, got " + projectionSize);
        }
        if (hasPeephole && cell != CellKind.LSTM) {
            throw new IllegalArgumentException("peephole is only defined for LSTM, got cell " + cell);
        }
        if (projectionSize > 0 && precision.wantsBf16()) {
            throw new IllegalArgumentException("precision " + precision + " does not support LSTM with projection "
                    + "(projection " + projectionSize + "; oneDNN has no bf16 projection LSTM): use Precision.F32");
        }
    }

    /** An f32 spec (see the record's components). */
    public RecurrentSpec(CellKind cell, int hiddenSize, int layers, Direction direction, double dropout,
                         int projectionSize, boolean hasPeephole) {
        this(cell, hiddenSize, layers, direction, dropout, projectionSize, hasPeephole, Precision.F32);
    }

    /** This spec with {@code newLayers} stacked layers. */
    public RecurrentSpec layers(int newLayers) {
        return new RecurrentSpec(cell, hiddenSize, newLayers, direction, dropout, projectionSize, hasPeephole, precision);
    }

    /** This spec with dropout {@code newDropout} between stacked layers. */
    public RecurrentSpec dropout(double newDropout) {
        return new RecurrentSpec(cell, hiddenSize, layers, direction, newDropout, projectionSize, hasPeephole, precision);
    }

    /** This spec reading in {@code newDirection}. */
    public RecurrentSpec direction(Direction newDirection) {
        return new RecurrentSpec(cell, hiddenSize, layers, newDirection, dropout, projectionSize, hasPeephole,
                precision);
    }

    /** Both directions, outputs concatenated (PyTorch's {@code bidirectional=True}). */
    public RecurrentSpec bidirectional() {
        return direction(Direction.BIDIRECTIONAL_CONCAT);
    }

    /** An LSTM whose state h is projected to P &lt; H values (PyTorch's {@code proj_size}). */
    public RecurrentSpec projection(int newProjectionSize) {
        return new RecurrentSpec(cell, hiddenSize, layers, direction, dropout, newProjectionSize, hasPeephole,
                precision);
    }

    /** An LSTM with peephole connections from the cell state to the i, f and o gates. */
    public RecurrentSpec peephole() {
        return new RecurrentSpec(cell, hiddenSize, layers, direction, dropout, projectionSize, true, precision);
    }

    /** This spec with the native kernels computing in {@code newPrecision} (see {@link Precision}). */
    public RecurrentSpec precision(Precision newPrecision) {
        return new RecurrentSpec(cell, hiddenSize, layers, direction, dropout, projectionSize, hasPeephole,
                Objects.requireNonNull(newPrecision, "precision"));
    }

    /** The full config for inputs of width {@code inputSize}. */
    public RnnConfig toConfig(int inputSize) {
        return RnnConfig.builder(cell, inputSize, hiddenSize).layers(layers).direction(direction).dropout(dropout)
                .projection(projectionSize).peephole(hasPeephole).precision(precision).build();
    }

    /** Width of the layer output: S (P with a projection, else H), or 2·S for concatenated directions. */
    public int outputWidth() {
        return direction.outputWidth(projectionSize > 0 ? projectionSize : hiddenSize);
    }

    /**
     * A layer named {@code rnn} for inputs of width {@code inputSize}, on the default backend
     * ({@link RnnEngines#defaultBackend()}), parameters from seed 0; close it when done.
     */
    public Recurrent create(int inputSize) {
        return create(inputSize, RnnEngines.defaultBackend(), 0);
    }

    /** A layer named {@code rnn} for inputs of width {@code inputSize} on {@code backend}, parameters from seed. */
    public Recurrent create(int inputSize, Backend backend, long seed) {
        return new Recurrent("rnn", toConfig(inputSize), backend, seed);
    }
}
