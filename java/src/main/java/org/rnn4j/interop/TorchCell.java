package org.rnn4j.interop;

import java.util.Locale;

import org.rnn4j.CellKind;

/**
 * The PyTorch recurrent modules rnn4j can import and export, with the gate-order and bias mappings
 * between PyTorch's layout and rnn4j's (oneDNN's).
 *
 * <p>Gate blocks (the rows of {@code weight_ih}/{@code weight_hh}, in blocks of H):
 * <pre>
 *   module     PyTorch rows       rnn4j cell   rnn4j gates (ldigo "g")   rnn4j bias (ldgo "g")
 *   nn.LSTM    i, f, g, o         LSTM         i, f, c̃(=g), o            i, f, c̃, o   = b_ih + b_hh
 *   nn.GRU     r, z, n            LBR_GRU      u(=z), r, o(=n)           u = b_iz + b_hz, r = b_ir + b_hr,
 *                                                                        o = b_in, u′ = b_hn
 *   nn.RNN     (one block)        RNN_TANH / RNN_RELU                     b_ih + b_hh
 * </pre>
 * PyTorch's GRU is linear-before-reset ({@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}),
 * which is oneDNN's {@link CellKind#LBR_GRU}, not the classic {@link CellKind#GRU}. The table itself is
 * defined once, for every rnn4j cell, in {@link RecurrentLayout}.
 */
public enum TorchCell {
    /** {@code nn.LSTM}. */
    LSTM("lstm", "nn.LSTM", CellKind.LSTM),
    /** {@code nn.GRU} (linear-before-reset). */
    GRU("gru", "nn.GRU", CellKind.LBR_GRU),
    /** {@code nn.RNN(nonlinearity='tanh')}. */
    RNN_TANH("rnn_tanh", "nn.RNN(nonlinearity='tanh')", CellKind.RNN_TANH),
    /** {@code nn.RNN(nonlinearity='relu')}. */
    RNN_RELU("rnn_relu", "nn.RNN(nonlinearity='relu')", CellKind.RNN_RELU);

    private final String cliName;
    private final String module;
    private final CellKind cell;

    TorchCell(String cliName, String module, CellKind cell) {
        this.cliName = cliName;
        this.module = module;
        this.cell = cell;
    }

    /** The command-line name: {@code lstm}, {@code gru}, {@code rnn_tanh} or {@code rnn_relu}. */
    public String cliName() {
        return cliName;
    }

    /** The PyTorch module, e.g. {@code nn.GRU}. */
    public String module() {
        return module;
    }

    /** The rnn4j cell that computes exactly this module's equations. */
    public CellKind cell() {
        return cell;
    }

    /** Number of gate blocks G in {@code weight_ih}/{@code weight_hh}/{@code bias_*}: 4, 3 or 1. */
    public int gates() {
        return cell.gates();
    }

    /** Parses a command-line name ({@link #cliName()}, any case). */
    public static TorchCell parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (TorchCell c : values()) {
            if (c.cliName.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("cell must be one of lstm, gru, rnn_tanh, rnn_relu, got '" + name + "'");
    }

    /** The PyTorch module computing rnn4j's {@code cell}; PyTorch has none for GRU and RNN_SIGMOID. */
    public static TorchCell of(CellKind cell) {
        for (TorchCell c : values()) {
            if (c.cell == cell) {
                return c;
            }
        }
        throw new IllegalArgumentException("cell must be one PyTorch has (LSTM, LBR_GRU, RNN_TANH, RNN_RELU), got "
                + cell);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
