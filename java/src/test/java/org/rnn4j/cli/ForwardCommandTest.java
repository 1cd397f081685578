package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.interop.Close;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCase;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.interop.TorchReference;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;

/**
 * {@code rnn4j forward} in-process on generated files: outputs, h_n and c_n equal the independent
 * PyTorch-equation reference, with and without --batch-first and --lengths; gradients equal finite
 * differences of L = sum(Y · DY); the native and JVM backends agree.
 */
class ForwardCommandTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(TorchCase.random(TorchCell.LSTM, 1, false, 0, false, 11), SequenceLayout.TNC),
                Arguments.of(TorchCase.random(TorchCell.LSTM, 2, true, 2, true, 12), SequenceLayout.NTC),
                Arguments.of(TorchCase.random(TorchCell.GRU, 2, true, 0, false, 13), SequenceLayout.TNC),
                Arguments.of(TorchCase.random(TorchCell.GRU, 1, false, 0, true, 14), SequenceLayout.NTC),
                Arguments.of(TorchCase.random(TorchCell.RNN_TANH, 2, false, 0, true, 15), SequenceLayout.TNC),
                Arguments.of(TorchCase.random(TorchCell.RNN_RELU, 1, true, 0, false, 16), SequenceLayout.NTC));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void outputsAndStatesArePyTorchs(TorchCase c, SequenceLayout layout) throws IOException {
        CaseFiles f = new CaseFiles(dir, c, layout);
        CliRun.run(f.forwardArgs()).assertOk();
        TorchReference.Result expected = c.forward();
        Close.arrays("output", expected.output(), f.outputTnc());
        HostArray hn = Npy.read(f.hn);
        assertArrayEquals(new long[] {c.layers * c.directions(), c.batch, c.stateSize()}, hn.shape(), "h_n shape");
        Close.arrays("h_n", expected.hn(), TorchCase.toDouble(hn.floats()));
        if (c.cell == TorchCell.LSTM) {
            HostArray cn = Npy.read(f.cn);
            assertArrayEquals(new long[] {c.layers * c.directions(), c.batch, c.hiddenSize}, cn.shape(), "c_n shape");
            Close.arrays("c_n", expected.cn(), TorchCase.toDouble(cn.floats()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsAreFiniteDifferencesOfTheLoss(TorchCase c, SequenceLayout layout) throws IOException {
        CaseFiles f = new CaseFiles(dir, c, layout);
        CliRun.run(f.backwardArgs()).assertOk();
        Map<String, HostArray> grads = f.grads();
        List<String> names = new ArrayList<>(List.of("input", "h0"));
        if (c.cell == TorchCell.LSTM) {
            names.add("c0");
        }
        names.addAll(c.params.keySet());
        assertEquals(names.stream().sorted().toList(), grads.keySet().stream().sorted().toList(), "gradient names");
        for (String name : names) {
            HostArray g = grads.get(name);
            float[] values = g.floats();
            if (name.equals("input")) {
                assertArrayEquals(layout.shape(c.steps, c.batch, c.inputSize), g.shape(), "input gradient shape");
                values = layout.toTnc(values, c.steps, c.batch, c.inputSize);
            } else if (!name.equals("h0") && !name.equals("c0")) {
                assertArrayEquals(c.shapes.get(name), g.shape(), name + " gradient shape");
            }
            for (int index : new int[] {0, values.length / 2, values.length - 1}) {
                Close.gradient("d" + name + "[" + index + "]", c.finiteDifference(name, index), values[index]);
            }
        }
    }

    @Test
    void lengthsCutTheOutputToTheLongestSequenceAndZeroThePadding() throws IOException {
        TorchCase c = TorchCase.random(TorchCell.GRU, 1, true, 0, true, 21);
        CaseFiles f = new CaseFiles(dir, c, SequenceLayout.TNC);
        Npy.write(f.lengths, c.lengths, c.batch); // int32 is accepted too
        CliRun.run(f.forwardArgs()).assertOk();
        double[] y = f.outputTnc(); // [T - 1, N, O]: max(lengths) = T - 1
        for (int n = 0; n < c.batch; n++) {
            for (int t = c.lengths[n]; t < c.outputSteps(); t++) {
                for (int j = 0; j < c.outputWidth(); j++) {
                    assertEquals(0.0, y[(t * c.batch + n) * c.outputWidth() + j], "padding of sequence " + n);
                }
            }
        }
        Close.arrays("output", c.forward().output(), y);
    }

    @Test
    void nativeAndJvmBackendsAgree() throws IOException {
        TorchCase c = TorchCase.random(TorchCell.LSTM, 2, true, 2, true, 31);
        Map<String, double[]> results = new HashMap<>();
        for (String backend : new String[] {"native", "jvm"}) {
            Path sub = dir.resolve(backend);
            Files.createDirectories(sub);
            CaseFiles f = new CaseFiles(sub, c, SequenceLayout.TNC);
            List<String> args = f.backwardArgs();
            args.addAll(List.of("--backend", backend));
            CliRun.run(args).assertOk();
            results.put(backend + " output", f.outputTnc());
            results.put(backend + " h_n", TorchCase.toDouble(Npy.read(f.hn).floats()));
            results.put(backend + " c_n", TorchCase.toDouble(Npy.read(f.cn).floats()));
            for (Map.Entry<String, HostArray> e : f.grads().entrySet()) {
                results.put(backend + " d" + e.getKey(), TorchCase.toDouble(e.getValue().floats()));
            }
        }
        assertEquals(2 * (3 + 3 + c.params.size()), results.size());
        for (String key : results.keySet()) {
            if (key.startsWith("jvm ")) {
                String what = key.substring(4);
                Close.arrays(what + ": native vs jvm", results.get(key), results.get("native " + what));
            }
        }
    }

    @Test
    void weightsRoundTripThroughSafetensors() throws IOException {
        TorchCase c = TorchCase.random(TorchCell.LSTM, 2, true, 2, false, 41);
        CaseFiles f = new CaseFiles(dir, c, SequenceLayout.TNC);
        CliRun.run(f.backwardArgs()).assertOk();
        Map<String, HostArray> weights = SafeTensors.read(f.weights).asMap();
        assertEquals(c.stateDict(), weights, "weights read back");
        Map<String, HostArray> grads = f.grads();
        for (Map.Entry<String, HostArray> w : weights.entrySet()) {
            assertArrayEquals(w.getValue().shape(), grads.get(w.getKey()).shape(), w.getKey());
        }
        assertEquals(weights.size() + 3, grads.size(), "every parameter plus input, h0, c0");
    }

    @Test
    void statesDefaultToZeros() throws IOException {
        TorchCase c = TorchCase.random(TorchCell.RNN_TANH, 1, false, 0, false, 51);
        CaseFiles f = new CaseFiles(dir, c, SequenceLayout.TNC);
        CliRun.run("forward", "--cell", "rnn_tanh", "--weights", f.weights.toString(), "--input", f.input.toString(),
                "--output", f.output.toString()).assertOk();
        Close.arrays("output", c.reference().forward(c.x, c.steps, c.batch, null, null, null).output(),
                f.outputTnc());
    }
}
