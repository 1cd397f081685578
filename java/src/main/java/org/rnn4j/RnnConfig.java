package org.rnn4j;

import java.util.Objects;

/**
 * Immutable description of a (possibly stacked, possibly bidirectional) recurrent network.
 *
 * <p>Shapes, in oneDNN's vocabulary, for layer {@code l} (D = {@link Direction#count()},
 * G = {@link CellKind#gates()}, Gb = {@link CellKind#biasGates()}, S = {@link #stateSize()}):
 * <pre>
 *   input          [T, N, I]                 (tnc)
 *   weightsLayer_l [D, inputSize(l), G, H]   (ldigo, one layer)
 *   weightsIter_l  [D, S, G, H]              (ldigo)
 *   bias_l         [D, Gb, H]                (ldgo)
 *   peephole_l     [D, 3, H]                 (ldgo, LSTM with peephole only)
 *   projection_l   [D, H, P]                 (ldio, LSTM with projection only)
 *   h0, hn         [L, D, N, S]              (ldnc)
 *   c0, cn         [L, D, N, H]              (ldnc, LSTM only)
 *   output         [T, N, outputWidth()]     (tnc)
 * </pre>
 */
public final class RnnConfig {
    private final CellKind cell;
    private final Direction direction;
    private final int layers;
    private final int inputSize;
    private final int hiddenSize;
    private final int projectionSize;
    private final boolean peephole;
    private final double dropout;
    private final Precision precision;

    private RnnConfig(Builder b) {
        this.cell = b.cell;
        this.direction = b.direction;
        this.layers = b.layers;
        this.inputSize = b.inputSize;
        this.hiddenSize = b.hiddenSize;
        this.projectionSize = b.projectionSize;
        this.peephole = b.peephole;
        this.dropout = b.dropout;
        this.precision = b.precision;
    }

    public static Builder builder(CellKind cell, int inputSize, int hiddenSize) {
        return new Builder(cell, inputSize, hiddenSize);
    }

    public CellKind cell() {
        return cell;
    }

    public Direction direction() {
        return direction;
    }

    public int layers() {
        return layers;
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** LSTM projection size P, or 0 when the LSTM has no projection. */
    public int projectionSize() {
        return projectionSize;
    }

    public boolean hasProjection() {
        return projectionSize > 0;
    }

    public boolean hasPeephole() {
        return peephole;
    }

    /**
     * Probability with which each output of a layer is zeroed before the next layer reads it, in
     * training forwards of stacks only (PyTorch's {@code dropout}); kept values are scaled by 1 / (1 - p).
     */
    public double dropout() {
        return dropout;
    }

    /** The native kernel's arithmetic precision ({@link Precision#F32} unless asked); see {@link Precision}. */
    public Precision precision() {
        return precision;
    }

    public int directions() {
        return direction.count();
    }

    /** Width S of the recurrent hidden state h: P with projection, else H. */
    public int stateSize() {
        return hasProjection() ? projectionSize : hiddenSize;
    }

    /** Width of the output of every layer (and of the network): S, or 2·S for bidirectional concat. */
    public int outputWidth() {
        return direction.outputWidth(stateSize());
    }

    /** Width of the input of layer {@code l}: I for the first, {@link #outputWidth()} after. */
    public int layerInputSize(int layer) {
        checkLayer(layer);
        return layer == 0 ? inputSize : outputWidth();
    }

    public long weightsLayerSize(int layer) {
        return (long) directions() * layerInputSize(layer) * cell.gates() * hiddenSize;
    }

    public long weightsIterSize() {
        return (long) directions() * stateSize() * cell.gates() * hiddenSize;
    }

    public long biasSize() {
        return (long) directions() * cell.biasGates() * hiddenSize;
    }

    public long peepholeSize() {
        return peephole ? (long) directions() * 3 * hiddenSize : 0;
    }

    public long projectionWeightsSize() {
        return hasProjection() ? (long) directions() * hiddenSize * projectionSize : 0;
    }

    /** Size of h0/hn: [L, D, N, S]. */
    public long hiddenStateSize(int batch) {
        return (long) layers * directions() * batch * stateSize();
    }

    /** Size of c0/cn: [L, D, N, H] (LSTM only; 0 otherwise). */
    public long cellStateSize(int batch) {
        return cell.isLstm() ? (long) layers * directions() * batch * hiddenSize : 0;
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer must be in [0, " + layers + "), got " + layer);
        }
    }

    public Builder toBuilder() {
        return new Builder(cell, inputSize, hiddenSize).direction(direction).layers(layers)
                .projection(projectionSize).peephole(peephole).dropout(dropout).precision(precision);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RnnConfig)) {
            return false;
        }
        RnnConfig c = (RnnConfig) o;
        return cell == c.cell && direction == c.direction && layers == c.layers && inputSize == c.inputSize
                && hiddenSize == c.hiddenSize && projectionSize == c.projectionSize && peephole == c.peephole
                && Double.compare(dropout, c.dropout) == 0 && precision == c.precision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cell, direction, layers, inputSize, hiddenSize, projectionSize, peephole, dropout,
                precision);
    }

    @Override
    public String toString() {
        return "RnnConfig{cell=" + cell + ", direction=" + direction + ", layers=" + layers + ", input=" + inputSize
                + ", hidden=" + hiddenSize + (hasProjection() ? ", projection=" + projectionSize : "")
                + (peephole ? ", peephole" : "") + (dropout > 0 ? ", dropout=" + dropout : "")
                + (precision != Precision.F32 ? ", precision=" + precision : "") + "}";
    }

    /** Builder; {@link #build()} validates every field and every combination. */
    public static final class Builder {
        private final CellKind cell;
        private final int inputSize;
        private final int hiddenSize;
        private Direction direction = Direction.LEFT_TO_RIGHT;
        private int layers = 1;
        private int projectionSize = 0;
        private boolean peephole = false;
        private double dropout = 0;
        private Precision precision = Precision.F32;

        private Builder(CellKind cell, int inputSize, int hiddenSize) {
            this.cell = Objects.requireNonNull(cell, "cell");
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        public Builder direction(Direction direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        /** LSTM projection size (PyTorch's {@code proj_size}); 0 for none. */
        public Builder projection(int projectionSize) {
            this.projectionSize = projectionSize;
            return this;
        }

        /** LSTM peephole connections (oneDNN's {@code weights_peephole}). */
        public Builder peephole(boolean peephole) {
            this.peephole = peephole;
            return this;
        }

        /** Dropout between stacked layers, in [0, 1); see {@link RnnConfig#dropout()}. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** The native kernel's precision (default {@link Precision#F32}); see {@link Precision}. */
        public Builder precision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        public RnnConfig build() {
            checkPositive("inputSize", inputSize);
            checkPositive("hiddenSize", hiddenSize);
            checkPositive("layers", layers);
            if (projectionSize < 0) {
                throw new IllegalArgumentException("projection must be >= 0 (0 = none), got " + projectionSize);
            }
            if (projectionSize > 0 && cell != CellKind.LSTM) {
                throw new IllegalArgumentException("projection is only defined for LSTM, got cell " + cell);
            }
            if (projectionSize >= hiddenSize && projectionSize > 0) {
                throw new IllegalArgumentException("projection must be < hiddenSize " + hiddenSize + ", got "
                        + projectionSize);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            if (peephole && cell != CellKind.LSTM) {
                throw new IllegalArgumentException("peephole is only defined for LSTM, got cell " + cell);
            }
            if (projectionSize > 0 && precision.wantsBf16()) {
                throw new IllegalArgumentException("precision " + precision + " does not support LSTM with projection "
                        + "(projection " + projectionSize + "; oneDNN has no bf16 projection LSTM): use Precision.F32");
            }
            checkWeightSizes();
            return new RnnConfig(this);
        }

        /** The weights' element counts (products of the sizes) fit in a long, before anything is allocated. */
        private void checkWeightSizes() {
            long d = direction.count(), g = cell.gates(), state = projectionSize > 0 ? projectionSize : hiddenSize;
            long output = direction.outputWidth((int) state);
            Checks.product("weights_layer of layer 0 [D, I, G, H] (directions × inputSize × gates × hiddenSize)", d,
                    inputSize, g, hiddenSize);
            Checks.product("weights_layer of layers 1.. [L-1, D, O, G, H] (layers-1 × directions × output width × gates"
                    + " × hiddenSize)", layers - 1L, d, output, g, hiddenSize);
            Checks.product("weights_iter [L, D, S, G, H] (layers × directions × state width × gates × hiddenSize)",
                    layers, d, state, g, hiddenSize);
        }

        private static void checkPositive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }
}
