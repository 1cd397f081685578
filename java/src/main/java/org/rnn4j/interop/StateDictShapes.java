package org.rnn4j.interop;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.interop.TorchNames.Kind;
import org.rnn4j.interop.TorchNames.Parsed;
import org.rnn4j.io.HostArray;
import org.rnn4j.tensor.DType;

/**
 * Infers an {@link RnnConfig} from the names and shapes of a PyTorch recurrent module's
 * {@code state_dict}, and checks that it holds exactly the expected tensors, each F32 and of the
 * expected shape (G gate blocks, H hidden size, I input size, P projection size, S = P or H,
 * D directions):
 * <pre>
 *   weight_ih_l0 [G*H, I]    weight_ih_l{k>0} [G*H, D*S]    weight_hh_l{k} [G*H, S]
 *   bias_ih_l{k} [G*H]       bias_hh_l{k} [G*H]             weight_hr_l{k} [P, H]  (LSTM, proj_size > 0)
 * </pre>
 */
final class StateDictShapes {
    private StateDictShapes() {
    }

    /** The config of the module {@code stateDict} belongs to; throws naming the first problem found. */
    static RnnConfig infer(TorchCell cell, Map<String, HostArray> stateDict) {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(stateDict, "stateDict");
        int layers = 0;
        boolean reverse = false;
        boolean projection = false;
        for (String name : stateDict.keySet()) {
            Parsed p = TorchNames.parse(name);
            if (p == null) {
                throw new IllegalArgumentException("state_dict tensor " + name + ": unexpected, not a parameter of "
                        + cell.module() + " (expected " + namePattern(cell) + ")");
            }
            if (p.kind() == Kind.WEIGHT_PEEPHOLE) {
                throw new IllegalArgumentException("state_dict tensor " + name + ": unexpected, " + cell.module()
                        + " has no peephole weights (only rnn4j's peephole LSTM has)");
            }
            if (p.kind() == Kind.WEIGHT_HR && cell != TorchCell.LSTM) {
                throw new IllegalArgumentException("state_dict tensor " + name + ": unexpected, only nn.LSTM with "
                        + "proj_size > 0 has weight_hr, not " + cell.module());
            }
            layers = Math.max(layers, p.layer() + 1);
            reverse |= p.direction() == 1;
            projection |= p.kind() == Kind.WEIGHT_HR;
        }
        HostArray first = present(stateDict, "weight_ih_l0");
        checkF32("weight_ih_l0", first);
        int gates = cell.gates();
        if (first.rank() != 2 || first.dim(0) == 0 || first.dim(0) % gates != 0 || first.dim(1) == 0
                || first.dim(0) / gates > Integer.MAX_VALUE || first.dim(1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state_dict tensor weight_ih_l0: expected shape [" + gates
                    + "*H, I] with H, I > 0 (" + cell.module() + " has " + gates + " gate block(s)), got "
                    + Arrays.toString(first.shape()));
        }
        int hidden = (int) (first.dim(0) / gates);
        int input = (int) first.dim(1);
        int projectionSize = 0;
        if (projection) {
            HostArray hr = present(stateDict, "weight_hr_l0");
            checkF32("weight_hr_l0", hr);
            if (hr.rank() != 2 || hr.dim(1) != hidden || hr.dim(0) < 1 || hr.dim(0) >= hidden) {
                throw new IllegalArgumentException("state_dict tensor weight_hr_l0: expected shape [P, " + hidden
                        + "] ([proj_size, H] with 0 < proj_size < H = " + hidden + "), got "
                        + Arrays.toString(hr.shape()));
            }
            projectionSize = (int) hr.dim(0);
        }
        RnnConfig config = RnnConfig.builder(cell.cell(), input, hidden).layers(layers)
                .direction(reverse ? Direction.BIDIRECTIONAL_CONCAT : Direction.LEFT_TO_RIGHT)
                .projection(projectionSize).build();
        check(cell, config, stateDict);
        return config;
    }

    /** Checks that {@code stateDict} holds exactly the tensors of {@code config}, F32, in their shapes. */
    static void check(TorchCell cell, RnnConfig config, Map<String, HostArray> stateDict) {
        Map<String, long[]> expected = expectedShapes(config);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String name = e.getKey();
            HostArray a = present(stateDict, name);
            checkF32(name, a);
            if (!Arrays.equals(a.shape(), e.getValue())) {
                throw new IllegalArgumentException("state_dict tensor " + name + ": expected shape "
                        + Arrays.toString(e.getValue()) + " (" + symbolicShape(cell, config, TorchNames.parse(name))
                        + "), got " + Arrays.toString(a.shape()));
            }
        }
        for (String name : stateDict.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException("state_dict tensor " + name + ": unexpected for " + describe(cell,
                        config) + " (expected " + expected.keySet() + ")");
            }
        }
    }

    /** Every parameter name of {@code config}'s module with its shape, in PyTorch's {@code state_dict} order. */
    static Map<String, long[]> expectedShapes(RnnConfig config) {
        return RecurrentLayout.shapes(config);
    }

    /** E.g. "nn.LSTM with 2 layers, bidirectional, input_size 3, hidden_size 4, proj_size 2". */
    static String describe(TorchCell cell, RnnConfig config) {
        return cell.module() + " with " + config.layers() + (config.layers() == 1 ? " layer, " : " layers, ")
                + (config.directions() == 2 ? "bidirectional" : "unidirectional") + ", input_size "
                + config.inputSize() + ", hidden_size " + config.hiddenSize()
                + (config.hasProjection() ? ", proj_size " + config.projectionSize() : "");
    }

    private static String symbolicShape(TorchCell cell, RnnConfig config, Parsed p) {
        String rows = cell.gates() == 1 ? "H" : cell.gates() + "*H";
        String state = config.hasProjection() ? "P" : "H";
        return switch (p.kind()) {
            case WEIGHT_IH -> "[" + rows + ", " + (p.layer() == 0 ? "I" : config.directions() == 2 ? "2*" + state
                    : state) + "]";
            case WEIGHT_HH -> "[" + rows + ", " + state + "]";
            case BIAS_IH, BIAS_HH -> "[" + rows + "]";
            case WEIGHT_HR -> "[P, H]";
            case WEIGHT_PEEPHOLE -> "[3, H]";
        };
    }

    private static HostArray present(Map<String, HostArray> stateDict, String name) {
        HostArray a = stateDict.get(name);
        if (a != null) {
            return a;
        }
        String why = name.startsWith("bias_")
                ? " (bias-free modules, bias=False, are not supported: save the module with zero biases instead)"
                : "";
        throw new IllegalArgumentException("state_dict tensor " + name + ": missing" + why + ", got tensors "
                + stateDict.keySet());
    }

    private static void checkF32(String name, HostArray a) {
        if (a.dtype() != DType.F32) {
            throw new IllegalArgumentException("state_dict tensor " + name + ": expected dtype F32 (float32), got "
                    + a.dtype() + " with shape " + Arrays.toString(a.shape()));
        }
    }

    private static String namePattern(TorchCell cell) {
        return "weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}"
                + (cell == TorchCell.LSTM ? ", weight_hr_l{k}" : "") + ", each optionally with suffix _reverse";
    }
}
