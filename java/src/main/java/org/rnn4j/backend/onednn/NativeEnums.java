package org.rnn4j.backend.onednn;

import org.rnn4j.CellKind;
import org.rnn4j.Checks;
import org.rnn4j.Direction;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.optim.Sgd;
import org.rnn4j.rnn.FinalStates;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.Propagation;

/**
 * The one mapping of the library's Java enums to the C enums of {@code rnn4j.h} / {@code rnn4j_ops.h}: an explicit
 * switch per enum (never {@code ordinal()}), so reordering either side cannot silently change a meaning.
 */
public final class NativeEnums {
    private NativeEnums() {
    }

    /** {@code rnn4j::CellKind}. */
    public static rnn4j.CellKind cell(CellKind cell) {
        return switch (Checks.notNull("cell", cell)) {
            case RNN_TANH -> rnn4j.CellKind.CELL_RNN_TANH;
            case RNN_RELU -> rnn4j.CellKind.CELL_RNN_RELU;
            case RNN_SIGMOID -> rnn4j.CellKind.CELL_RNN_SIGMOID;
            case LSTM -> rnn4j.CellKind.CELL_LSTM;
            case GRU -> rnn4j.CellKind.CELL_GRU;
            case LBR_GRU -> rnn4j.CellKind.CELL_LBR_GRU;
        };
    }

    /** {@code rnn4j::RnnDirection}. */
    public static rnn4j.RnnDirection direction(Direction direction) {
        return switch (Checks.notNull("direction", direction)) {
            case LEFT_TO_RIGHT -> rnn4j.RnnDirection.DIRECTION_LEFT_TO_RIGHT;
            case RIGHT_TO_LEFT -> rnn4j.RnnDirection.DIRECTION_RIGHT_TO_LEFT;
            case BIDIRECTIONAL_CONCAT -> rnn4j.RnnDirection.DIRECTION_BIDIRECTIONAL_CONCAT;
            case BIDIRECTIONAL_SUM -> rnn4j.RnnDirection.DIRECTION_BIDIRECTIONAL_SUM;
        };
    }

    /** {@code rnn4j::RnnPropagation}. */
    public static rnn4j.RnnPropagation propagation(Propagation propagation) {
        return switch (Checks.notNull("propagation", propagation)) {
            case INFERENCE -> rnn4j.RnnPropagation.PROPAGATION_INFERENCE;
            case TRAINING -> rnn4j.RnnPropagation.PROPAGATION_TRAINING;
        };
    }

    /** {@code rnn4j::GradientMode}. */
    public static rnn4j.GradientMode gradientMode(GradientMode mode) {
        return switch (Checks.notNull("mode", mode)) {
            case OVERWRITE -> rnn4j.GradientMode.GRADIENTS_OVERWRITE;
            case ACCUMULATE -> rnn4j.GradientMode.GRADIENTS_ACCUMULATE;
        };
    }

    /** {@code rnn4j::FinalStates}, as the int that {@code RnnData::final_states} holds. */
    public static int finalStates(FinalStates finalStates) {
        return switch (Checks.notNull("finalStates", finalStates)) {
            case COMPUTED -> rnn4j.FinalStates.FINAL_STATES_ALL.value;
            case NONE -> rnn4j.FinalStates.FINAL_STATES_NONE.value;
        };
    }

    /** {@code rnn4j::MomentumKind}. */
    public static rnn4j.MomentumKind momentum(Sgd.Momentum kind) {
        return switch (Checks.notNull("kind", kind)) {
            case CLASSIC -> rnn4j.MomentumKind.MOMENTUM_CLASSIC;
            case NESTEROV -> rnn4j.MomentumKind.MOMENTUM_NESTEROV;
        };
    }

    /** {@code rnn4j::CtcInfinity}. */
    public static rnn4j.CtcInfinity ctcInfinity(CtcInfinity infinity) {
        return switch (Checks.notNull("infinity", infinity)) {
            case KEEP -> rnn4j.CtcInfinity.CTC_KEEP_INFINITY;
            case ZERO -> rnn4j.CtcInfinity.CTC_ZERO_INFINITY;
        };
    }
}
