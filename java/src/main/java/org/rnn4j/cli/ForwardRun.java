package org.rnn4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.rnn4j.RnnConfig;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.interop.TorchRnnLayout;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.NonFinite;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnBackward;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link ForwardRequest}: checks every output path ({@link CliPaths}), reads and checks
 * every input file, reports (or with --strict refuses) NaN and infinite inputs and weights, runs the
 * module forward (and backward of L = sum(Y · DY)), then writes the outputs all or none
 * ({@link OutputFiles}). Shapes: T steps, N sequences, I input, H hidden, S state (P or H), L layers,
 * D directions, O = D*S.
 */
final class ForwardRun {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardRun.class);

    private final ForwardRequest r;
    private final SequenceLayout layout;
    private final Consumer<String> warning;
    private final List<String> nonFinite = new ArrayList<>();

    private ForwardRun(ForwardRequest request, Consumer<String> warning) {
        this.r = request;
        this.layout = request.layout();
        this.warning = warning;
    }

    /** Runs {@code request}; {@code warning} prints one line on stderr. */
    static void run(ForwardRequest request, Consumer<String> warning) {
        new ForwardRun(request, warning).run();
    }

    private void run() {
        checkCellStateOptions(r.cell());
        CliPaths.checkOutputs(r.inputs(), r.outputs());
        Map<String, HostArray> stateDict = CliFiles.readSafeTensors("--weights", r.weights());
        stateDict.forEach((name, a) -> checkFinite("--weights " + r.weights() + " tensor '" + name + "'", a));
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights weights = importWeights(stateDict);
            RnnConfig c = weights.config();
            HostArray inputArray = CliFiles.readFloats("--input", r.input());
            checkFinite("--input " + r.input(), inputArray);
            long[] in = inputArray.shape();
            if (in.length != 3 || in[2] != c.inputSize() || in[0] < 1 || in[1] < 1 || in[0] > Integer.MAX_VALUE
                    || in[1] > Integer.MAX_VALUE) {
                throw new BadInputException("--input " + r.input() + ": expected shape " + symbolic("T", "N",
                        Integer.toString(c.inputSize())) + " with T, N >= 1 and I = " + c.inputSize()
                        + " from --weights, got " + Arrays.toString(in));
            }
            int steps = (int) in[layout.timeAxis()], batch = (int) in[layout.batchAxis()];
            int inputSize = c.inputSize(), width = c.outputWidth();
            int[] lengths = r.lengths() == null ? null : CliFiles.readLengths("--lengths", r.lengths(), batch, steps);
            int outSteps = lengths == null ? steps : Arrays.stream(lengths).max().orElse(steps);
            Tensor x = Tensor.of(layout.toTnc(inputArray.floats(), steps, batch, inputSize), steps, batch, inputSize);
            RnnState initial = initialState(c, batch);
            Tensor dy = null;
            if (r.wantsGradients()) {
                float[] dyData = CliFiles.readFloats("--grad-output", r.gradOutput(),
                        layout.shape(outSteps, batch, width), "the output's shape " + symbolic("T_out", "N", "O"));
                checkFinite("--grad-output " + r.gradOutput(), HostArray.ofFloats(dyData, outSteps * batch * width));
                float[] padded = Arrays.copyOf(layout.toTnc(dyData, outSteps, batch, width), steps * batch * width);
                dy = Tensor.of(padded, steps, batch, width); // [T, N, O], zeros past T_out
            }
            refuseNonFiniteIfStrict();
            LOG.debug("forward {} over [T={}, N={}], lengths {}", c, steps, batch, lengths != null);
            try (RnnEngine engine = r.backend() == null ? RnnEngines.create(c) : RnnEngines.create(c, r.backend());
                 OutputFiles out = new OutputFiles()) {
                Propagation prop = dy == null ? Propagation.INFERENCE : Propagation.TRAINING;
                RnnForward fwd = engine.forward(prop, weights, x, lengths, initial);
                Map<String, HostArray> gradients = dy == null ? null : backward(engine, fwd, dy, c, steps, batch);
                float[] y = Arrays.copyOf(fwd.output().toFloatArray(), outSteps * batch * width); // [T_out, N, O]
                out.npy("--output", r.output(), layout.fromTnc(y, outSteps, batch, width),
                        layout.shape(outSteps, batch, width));
                if (r.hn() != null) {
                    out.npy("--hn", r.hn(), fwd.finalState().h().toFloatArray(), TorchRnnLayout.hiddenStateShape(c, batch));
                }
                if (r.cn() != null) {
                    out.npy("--cn", r.cn(), fwd.finalState().c().toFloatArray(), TorchRnnLayout.cellStateShape(c, batch));
                }
                if (gradients != null) {
                    out.safeTensors("--grads", r.grads(), gradients);
                }
                out.commit();
            }
        }
        warnOfNonFinite();
    }

    private void checkFinite(String what, HostArray a) {
        NonFinite.in(a).ifPresent(bad -> nonFinite.add(what + ": " + bad));
    }

    /** With --strict, NaN or infinities in an input or weight are the error, before anything is computed. */
    private void refuseNonFiniteIfStrict() {
        if (!nonFinite.isEmpty() && r.nonFinite() == ForwardRequest.NonFiniteInputs.REFUSE) {
            throw new BadInputException(nonFiniteLine() + " (refused: --strict)");
        }
    }

    /** Without --strict, one warning line after a successful run (so a failure still prints one line only). */
    private void warnOfNonFinite() {
        if (!nonFinite.isEmpty()) {
            warning.accept(nonFiniteLine());
        }
    }

    /** Names every input and weight holding NaN or infinities. */
    private String nonFiniteLine() {
        return "NaN or infinite values in " + String.join("; ", nonFinite);
    }

    private RnnWeights importWeights(Map<String, HostArray> stateDict) {
        try {
            return TorchRnnLayout.importStateDict(r.cell(), stateDict);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--weights " + r.weights() + ": " + e.getMessage());
        }
    }

    /** h0/c0 from their files ([L*D, N, S], [L*D, N, H]), zeros for one not given; null when neither is. */
    private RnnState initialState(RnnConfig c, int batch) {
        if (r.h0() == null && r.c0() == null) {
            return null;
        }
        RnnState zeros = RnnState.zeros(c, batch);
        Tensor h = r.h0() == null ? zeros.h() : Tensor.of(readState("--h0", r.h0(),
                TorchRnnLayout.hiddenStateShape(c, batch), "[L*D, N, S]"), RnnState.hiddenShape(c, batch).dims());
        Tensor cell = r.c0() == null ? zeros.c() : Tensor.of(readState("--c0", r.c0(),
                TorchRnnLayout.cellStateShape(c, batch), "[L*D, N, H]"), RnnState.cellShape(c, batch).dims());
        return new RnnState(h, cell);
    }

    private float[] readState(String option, Path file, long[] shape, String symbolic) {
        float[] values = CliFiles.readFloats(option, file, shape, symbolic);
        checkFinite(option + " " + file, HostArray.ofFloats(values, values.length));
        return values;
    }

    /** Gradients of L = sum(Y · DY) under PyTorch's names: input, h0, c0 (LSTM), then the parameters. */
    private Map<String, HostArray> backward(RnnEngine engine, RnnForward fwd, Tensor dy, RnnConfig c, int steps,
                                            int batch) {
        RnnWeights weightGradients = RnnWeights.zeros(c);
        RnnBackward back = engine.backward(fwd, dy, null, weightGradients, GradientMode.OVERWRITE);
        int inputSize = c.inputSize();
        Map<String, HostArray> g = new LinkedHashMap<>();
        g.put("input", HostArray.ofFloats(layout.fromTnc(back.inputGradient().toFloatArray(), steps, batch, inputSize),
                layout.shape(steps, batch, inputSize)));
        g.put("h0", HostArray.ofFloats(back.initialStateGradient().h().toFloatArray(),
                TorchRnnLayout.hiddenStateShape(c, batch)));
        if (c.cell().isLstm()) {
            g.put("c0", HostArray.ofFloats(back.initialStateGradient().c().toFloatArray(),
                    TorchRnnLayout.cellStateShape(c, batch)));
        }
        g.putAll(TorchRnnLayout.exportGradients(weightGradients));
        return g;
    }

    private void checkCellStateOptions(TorchCell cell) {
        if (cell == TorchCell.LSTM) {
            return;
        }
        if (r.c0() != null) {
            throw new BadInputException("--c0: only an LSTM has a cell state, got --cell " + cell.cliName());
        }
        if (r.cn() != null) {
            throw new BadInputException("--cn: only an LSTM has a cell state, got --cell " + cell.cliName());
        }
    }

    /** E.g. "[T, N, I]", or "[N, T, I]" with --batch-first. */
    private String symbolic(String time, String batch, String channels) {
        return layout == SequenceLayout.TNC ? "[" + time + ", " + batch + ", " + channels + "]"
                : "[" + batch + ", " + time + ", " + channels + "] (--batch-first)";
    }
}
