package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.backend.Backend;

/**
 * A PyTorch state_dict imported into rnn4j computes PyTorch's function: outputs, h_n and c_n equal
 * {@link TorchReference} (PyTorch's documented equations), and the exported gradients of
 * L = sum(Y · DY) equal central finite differences of the reference — for LSTM (with and without
 * projection), GRU, RNN tanh/relu, 1–2 layers, uni/bidirectional, fixed and variable lengths, on the
 * native and the JVM backend.
 */
class TorchEquivalenceTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 100;
        for (TorchCell cell : TorchCell.values()) {
            for (int proj : cell == TorchCell.LSTM ? new int[] {0, 2} : new int[] {0}) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean bidirectional : new boolean[] {false, true}) {
                        for (boolean lengths : new boolean[] {false, true}) {
                            TorchCase c = TorchCase.random(cell, layers, bidirectional, proj, lengths, seed++);
                            for (Backend backend : Backend.values()) {
                                b.add(Arguments.of(c, backend));
                            }
                        }
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void forwardAndGradientsArePyTorchs(TorchCase c, Backend backend) {
        TorchReference.Result expected = c.forward();
        Rnn4jRun.Outputs actual = Rnn4jRun.run(c, backend);
        assertEquals(c.outputSteps(), expected.outputSteps(), "output steps = max(lengths)");
        Close.arrays("output", expected.output(), actual.output());
        Close.arrays("h_n", expected.hn(), actual.hn());
        if (c.cell == TorchCell.LSTM) {
            Close.arrays("c_n", expected.cn(), actual.cn());
        } else {
            assertNull(actual.cn(), "c_n");
        }
        assertEquals(expectedGradientNames(c), actual.grads().keySet().toString(), "gradient names");
        for (Map.Entry<String, double[]> e : actual.grads().entrySet()) {
            double[] g = e.getValue();
            assertEquals(c.tensor(e.getKey()).length, g.length, e.getKey() + " gradient size");
            for (int index : new int[] {0, g.length / 3, g.length / 2, g.length - 1}) {
                Close.gradient("d" + e.getKey() + "[" + index + "]", c.finiteDifference(e.getKey(), index), g[index]);
            }
        }
    }

    private static String expectedGradientNames(TorchCase c) {
        StringBuilder sb = new StringBuilder("[input, h0");
        if (c.cell == TorchCell.LSTM) {
            sb.append(", c0");
        }
        for (String name : c.params.keySet()) {
            sb.append(", ").append(name);
        }
        return sb.append(']').toString();
    }
}
