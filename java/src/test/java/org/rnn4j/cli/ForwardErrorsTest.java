package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCase;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;

/** Every bad file, shape, value or usage: exit code 2 and one line on stderr naming the problem. */
class ForwardErrorsTest {
    @TempDir
    Path dir;
    private CaseFiles lstm;
    private CaseFiles gru;

    @BeforeEach
    void files() throws IOException {
        lstm = new CaseFiles(Files.createDirectories(dir.resolve("lstm")),
                TorchCase.random(TorchCell.LSTM, 1, false, 0, true, 1), SequenceLayout.TNC);
        gru = new CaseFiles(Files.createDirectories(dir.resolve("gru")),
                TorchCase.random(TorchCell.GRU, 1, false, 0, false, 2), SequenceLayout.TNC);
    }

    @Test
    void missingFiles() {
        run(lstm.backwardArgs(), "--weights", dir.resolve("nope.safetensors"))
                .assertBadInput("--weights " + dir.resolve("nope.safetensors") + ": no such file");
        run(lstm.forwardArgs(), "--input", dir.resolve("nope.npy")).assertBadInput("--input " + dir.resolve("nope.npy")
                + ": no such file");
        run(lstm.forwardArgs(), "--lengths", dir.resolve("l.npy")).assertBadInput("--lengths");
        run(lstm.forwardArgs(), "--output", dir.resolve("no/such/dir/y.npy")).assertBadInput("cannot write");
    }

    @Test
    void corruptFiles() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.bin"), "not a numpy or safetensors file".getBytes());
        run(lstm.forwardArgs(), "--input", garbage).assertBadInput("--input " + garbage + ": magic: expected");
        run(lstm.forwardArgs(), "--weights", garbage).assertBadInput("--weights " + garbage + ": header length");
        Path truncated = dir.resolve("truncated.npy");
        byte[] x = Files.readAllBytes(lstm.input);
        Files.write(truncated, Arrays.copyOf(x, x.length - 4));
        run(lstm.forwardArgs(), "--input", truncated).assertBadInput("data: expected");
    }

    @Test
    void wrongDtypes() throws IOException {
        Path f64 = dir.resolve("x64.npy");
        Npy.write(f64, new double[5 * 3 * 3], 5, 3, 3);
        run(lstm.forwardArgs(), "--input", f64).assertBadInput("expected dtype float32 (<f4), got float64 (<f8)");
        Path floatLengths = dir.resolve("lf.npy");
        Npy.write(floatLengths, new float[] {1, 2, 3}, 3);
        run(lstm.forwardArgs(), "--lengths", floatLengths).assertBadInput(
                "expected dtype int64 (<i8) or int32 (<i4), got float32 (<f4)");
        Map<String, HostArray> w = new LinkedHashMap<>(lstm.c.stateDict());
        w.put("bias_hh_l0", HostArray.ofDoubles(new double[16], 16));
        run(lstm.forwardArgs(), "--weights", safetensors("w64.safetensors", w))
                .assertBadInput("bias_hh_l0: expected dtype F32 (float32), got F64");
    }

    @Test
    void shapeMismatches() throws IOException {
        run(lstm.forwardArgs(), "--input", npy("x4.npy", 5, 3, 4))
                .assertBadInput("--input " + dir.resolve("x4.npy") + ": expected shape [T, N, 3] with T, N >= 1 and I = 3"
                        + " from --weights, got [5, 3, 4]");
        run(lstm.forwardArgs(), "--input", npy("x2.npy", 15, 3)).assertBadInput("got [15, 3]");
        run(lstm.forwardArgs(), "--h0", npy("h.npy", 1, 3, 5)).assertBadInput("--h0 " + dir.resolve("h.npy")
                + ": expected shape [1, 3, 4] ([L*D, N, S]), got [1, 3, 5]");
        run(lstm.forwardArgs(), "--c0", npy("c.npy", 2, 3, 4)).assertBadInput("expected shape [1, 3, 4] ([L*D, N, H])");
        run(lstm.backwardArgs(), "--grad-output", npy("dy.npy", 5, 3, 4))
                .assertBadInput("--grad-output " + dir.resolve("dy.npy") + ": expected shape [4, 3, 4] (the output's"
                        + " shape [T_out, N, O]), got [5, 3, 4]");
        Map<String, HostArray> w = new LinkedHashMap<>(lstm.c.stateDict());
        w.put("weight_hh_l0", HostArray.ofFloats(new float[48], 16, 3));
        run(lstm.forwardArgs(), "--weights", safetensors("wshape.safetensors", w))
                .assertBadInput("weight_hh_l0: expected shape [16, 4] ([4*H, H]), got [16, 3]");
        w = new LinkedHashMap<>(lstm.c.stateDict());
        w.remove("bias_ih_l0");
        run(lstm.forwardArgs(), "--weights", safetensors("nobias.safetensors", w))
                .assertBadInput("bias_ih_l0: missing (bias-free modules");
        w = new LinkedHashMap<>(lstm.c.stateDict());
        w.put("extra", HostArray.ofFloats(new float[1], 1));
        run(lstm.forwardArgs(), "--weights", safetensors("extra.safetensors", w)).assertBadInput("extra: unexpected");
        CliRun.run(gru.forwardArgs("--cell", "lstm")).assertBadInput("--weights " + gru.weights
                + ": state_dict tensor weight_hh_l0: expected shape [12, 3] ([4*H, H]), got [12, 4]");
    }

    @Test
    void lengthsOutOfRange() throws IOException {
        Path zero = dir.resolve("l0.npy");
        Npy.write(zero, new long[] {3, 0, 2}, 3);
        run(lstm.forwardArgs(), "--lengths", zero).assertBadInput("lengths[1] must be in [1, T = 5], got 0");
        Path tooLong = dir.resolve("l6.npy");
        Npy.write(tooLong, new int[] {6, 1, 2}, 3);
        run(lstm.forwardArgs(), "--lengths", tooLong).assertBadInput("lengths[0] must be in [1, T = 5], got 6");
        Path count = dir.resolve("l2.npy");
        Npy.write(count, new long[] {1, 2}, 2);
        run(lstm.forwardArgs(), "--lengths", count).assertBadInput("expected shape [3] ([N]), got [2]");
    }

    @Test
    void cellStateOnlyForLstm() {
        run(gru.forwardArgs(), "--c0", lstm.c0).assertBadInput("--c0: only an LSTM has a cell state, got --cell gru");
        run(gru.forwardArgs(), "--cn", dir.resolve("cn.npy")).assertBadInput("--cn: only an LSTM has a cell state");
    }

    @Test
    void usageErrors() {
        CliRun.run(lstm.forwardArgs("--cell", "peephole")).assertBadInput(
                "Invalid value for option '--cell': expected one of lstm, gru, rnn_tanh, rnn_relu, got 'peephole'");
        List<String> noGradOutput = lstm.forwardArgs();
        noGradOutput.addAll(List.of("--grads", dir.resolve("g.safetensors").toString()));
        CliRun.run(noGradOutput).assertBadInput("--grads requires --grad-output");
        List<String> noGrads = lstm.forwardArgs();
        noGrads.addAll(List.of("--grad-output", lstm.dy.toString()));
        CliRun.run(noGrads).assertBadInput("--grad-output requires --grads");
        CliRun.run("forward", "--cell", "lstm", "--input", "x.npy", "--output", "y.npy")
                .assertBadInput("Missing required option: '--weights=W.safetensors'");
        run(lstm.forwardArgs(), "--backend", dir.resolve("gpu")).assertBadInput("expected native or jvm");
        List<String> unknown = lstm.forwardArgs();
        unknown.add("--fast");
        CliRun.run(unknown).assertBadInput("Unknown option: '--fast'");
        CliRun.run().assertBadInput("missing command");
        CliRun.run("backward").assertBadInput("Unmatched argument");
    }

    /** {@code args} with option {@code name} set to {@code value} (replaced if present, else added). */
    private static CliRun.Result run(List<String> args, String name, Object value) {
        List<String> a = new ArrayList<>(args);
        int i = a.indexOf(name);
        if (i >= 0) {
            a.set(i + 1, value.toString());
        } else {
            a.addAll(List.of(name, value.toString()));
        }
        return CliRun.run(a);
    }

    private Path npy(String name, long... shape) throws IOException {
        long size = 1;
        for (long s : shape) {
            size *= s;
        }
        Path p = dir.resolve(name);
        Npy.write(p, new float[(int) size], shape);
        return p;
    }

    private Path safetensors(String name, Map<String, HostArray> tensors) throws IOException {
        Path p = dir.resolve(name);
        SafeTensors.write(p, tensors);
        return p;
    }
}
