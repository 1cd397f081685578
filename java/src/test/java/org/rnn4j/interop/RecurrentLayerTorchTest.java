package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.io.HostArray;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * A PyTorch {@code state_dict} copied name by name into {@link Recurrent}'s parameters computes PyTorch's
 * function: outputs and h_n equal {@link TorchReference}, and every parameter's gradient of
 * L = sum(Y · DY) equals the reference's finite difference — no conversion by the caller. Cases with
 * lengths run batch-first, the others time-major.
 */
class RecurrentLayerTorchTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 500;
        for (TorchCell cell : TorchCell.values()) {
            for (int proj : cell == TorchCell.LSTM ? new int[] {0, 2} : new int[] {0}) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean bidirectional : new boolean[] {false, true}) {
                        for (boolean lengths : new boolean[] {false, true}) {
                            Backend backend = seed % 2 == 0 ? Backend.JVM : Backend.NATIVE;
                            b.add(Arguments.of(TorchCase.random(cell, layers, bidirectional, proj, lengths, seed++),
                                    backend));
                        }
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void parametersArePyTorchs(TorchCase c, Backend backend) {
        Map<String, HostArray> stateDict = c.stateDict();
        RnnConfig config = TorchRnnLayout.inferConfig(c.cell, stateDict);
        boolean batchFirst = c.lengths != null;
        SequenceLayout layout = batchFirst ? SequenceLayout.NTC : SequenceLayout.TNC;
        int width = config.outputWidth();
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, backend, 1)) {
            stateDict.forEach((name, a) -> rnn.parameter(name).value().copyFrom(a.floats()));
            RnnState initial = new RnnState(
                    Tensor.of(TorchCase.toFloat(c.h0), RnnState.hiddenShape(config, c.batch).dims()),
                    c.c0 == null ? null
                            : Tensor.of(TorchCase.toFloat(c.c0), RnnState.cellShape(config, c.batch).dims()));
            RecurrentOptions options = RecurrentOptions.training().initial(initial).layout(layout);
            if (c.lengths != null) {
                options = options.lengths(c.lengths);
            }
            float[] x = TorchCase.toFloat(c.x);                                                     // [T, N, I]
            Tensor input = Tensor.of(layout.fromTnc(x, c.steps, c.batch, c.inputSize),
                    layout.shape(c.steps, c.batch, c.inputSize));
            Recurrent.Pass pass = rnn.forward(input, options);
            float[] y = layout.toTnc(pass.output().toFloatArray(), c.steps, c.batch, width);       // [T, N, O]

            TorchReference.Result expected = c.forward();
            Close.arrays("output", expected.output(),
                    TorchCase.toDouble(Arrays.copyOf(y, c.outputSteps() * c.batch * width)));
            Close.arrays("h_n", expected.hn(), TorchCase.toDouble(pass.finalState().h().toFloatArray()));

            float[] dy = TorchCase.toFloat(Arrays.copyOf(c.dy, c.steps * c.batch * width));         // [T, N, O]
            rnn.backward(pass, Tensor.of(layout.fromTnc(dy, c.steps, c.batch, width),
                    layout.shape(c.steps, c.batch, width)));
            assertEquals(c.params.size(), rnn.parameters().size(), "one parameter per state_dict tensor");
            for (String name : c.params.keySet()) {
                Parameter p = rnn.parameter(name);
                float[] g = p.gradient().toFloatArray();
                for (int index : new int[] {0, g.length / 3, g.length / 2, g.length - 1}) {
                    Close.gradient("d" + name + "[" + index + "]", c.finiteDifference(name, index), g[index]);
                }
            }
        }
    }
}
