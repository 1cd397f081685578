package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCase;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;

/**
 * {@code rnn4j forward} never loses data: an output path that is an input or another output, or that
 * cannot be written, is refused (exit 2, one line naming the option) before anything is computed or
 * written, and leaves every file as it was; NaN or infinite inputs and weights are named in one
 * warning line (exit 0), or refused with --strict (exit 2, nothing written).
 */
class ForwardOutputsTest {
    @TempDir
    Path dir;
    private CaseFiles f;

    @BeforeEach
    void files() throws IOException {
        f = new CaseFiles(dir, TorchCase.random(TorchCell.LSTM, 1, false, 0, true, 1), SequenceLayout.TNC);
    }

    @Test
    void anOutputThatIsAnInputIsRefused() throws IOException {
        Map<String, byte[]> before = contents();
        List<String> args = f.backwardArgs();
        Map<String, Path> inputs = Map.of("--weights", f.weights, "--input", f.input, "--lengths", f.lengths,
                "--h0", f.h0, "--c0", f.c0, "--grad-output", f.dy);
        for (String output : List.of("--output", "--hn", "--cn", "--grads")) {
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                CliRun.run(with(args, output, in.getValue().toString())).assertBadInput(output + " " + in.getValue()
                        + ": is the " + in.getKey() + " file: an output must not overwrite an input");
            }
        }
        Path otherSpelling = dir.resolve(".").resolve("x.npy");
        CliRun.run(with(args, "--output", otherSpelling.toString())).assertBadInput("is the --input file");
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), f.input);
        CliRun.run(with(args, "--hn", link.toString())).assertBadInput("--hn " + link + ": is the --input file");
        Files.delete(link);
        assertEquals(before, contents(), "every file as it was");
    }

    @Test
    void anOutputThatIsAnotherOutputIsRefused() throws IOException {
        Map<String, byte[]> before = contents();
        List<String> args = f.backwardArgs();
        CliRun.run(with(args, "--hn", f.output.toString())).assertBadInput("--hn " + f.output
                + ": is also the --output file: every output needs a file of its own");
        CliRun.run(with(args, "--grads", f.cn.toString())).assertBadInput("--grads " + f.cn + ": is also the --cn file");
        assertEquals(before, contents(), "nothing written");
    }

    @Test
    void oneBadOutputAmongSeveralLeavesNothingBehind() throws IOException {
        Files.writeString(f.output, "an earlier output: kept");
        Map<String, byte[]> before = contents();
        List<String> args = f.backwardArgs();
        Path missing = dir.resolve("no/such/dir/cn.npy");
        CliRun.run(with(args, "--cn", missing.toString())).assertBadInput("--cn " + missing
                + ": cannot write: no such directory " + dir.resolve("no/such/dir"));
        Path directory = Files.createDirectory(dir.resolve("grads-dir"));
        CliRun.run(with(args, "--grads", directory.toString())).assertBadInput("--grads " + directory
                + ": cannot write: is a directory");
        Files.delete(directory);
        assertEquals(before, contents(), "nothing written, the earlier output kept");

        CliRun.run(args).assertOk();
        assertEquals(List.of("c0.npy", "cn.npy", "dy.npy", "grads.safetensors", "h0.npy", "hn.npy", "lengths.npy",
                "weights.safetensors", "x.npy", "y.npy"), List.copyOf(contents().keySet()), "no temporary left");
    }

    @Test
    void nonFiniteInputsAndWeightsAreNamedInOneWarningLine() throws IOException {
        float[] x = Npy.read(f.input).floats().clone();
        x[4] = Float.NaN;
        Npy.write(f.input, HostArray.ofFloats(x, Npy.read(f.input).shape()));
        CliRun.Result r = CliRun.run(f.forwardArgs());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("rnn4j forward: warning: NaN or infinite values in --input " + f.input
                + ": 1 non-finite value (NaN at flat index 4)\n", r.err());
        assertTrue(Files.exists(f.output));

        Map<String, HostArray> w = new LinkedHashMap<>(SafeTensors.read(f.weights).asMap());
        float[] bias = w.get("bias_hh_l0").floats().clone();
        bias[0] = Float.POSITIVE_INFINITY;
        bias[2] = Float.NEGATIVE_INFINITY;
        w.put("bias_hh_l0", HostArray.ofFloats(bias, w.get("bias_hh_l0").shape()));
        SafeTensors.write(f.weights, w);
        r = CliRun.run(f.forwardArgs());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("rnn4j forward: warning: NaN or infinite values in --weights " + f.weights + " tensor 'bias_hh_l0':"
                + " 2 non-finite values (the first, Infinity, at flat index 0); --input " + f.input
                + ": 1 non-finite value (NaN at flat index 4)\n", r.err());
    }

    @Test
    void strictRefusesNonFiniteValuesAndWritesNothing() throws IOException {
        float[] h = Npy.read(f.h0).floats().clone();
        h[1] = Float.NEGATIVE_INFINITY;
        Npy.write(f.h0, HostArray.ofFloats(h, Npy.read(f.h0).shape()));
        Map<String, byte[]> before = contents();
        List<String> args = new ArrayList<>(f.backwardArgs());
        args.add("--strict");
        CliRun.run(args).assertBadInput("rnn4j forward: NaN or infinite values in --h0 " + f.h0
                + ": 1 non-finite value (-Infinity at flat index 1) (refused: --strict)");
        assertEquals(before, contents(), "nothing written");

        Npy.write(f.h0, HostArray.ofFloats(new float[h.length], Npy.read(f.h0).shape()));
        CliRun.run(args).assertOk();
    }

    /** {@code args} with {@code option}'s value replaced. */
    private static List<String> with(List<String> args, String option, String value) {
        List<String> a = new ArrayList<>(args);
        a.set(a.indexOf(option) + 1, value);
        return a;
    }

    /** Every file in the directory (by name, sorted) with its bytes. */
    private Map<String, byte[]> contents() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                out.put(p.getFileName().toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return new ContentMap(out);
    }

    /** A map whose equality compares the byte arrays' contents. */
    private static final class ContentMap extends LinkedHashMap<String, byte[]> {
        private static final long serialVersionUID = 1L;

        ContentMap(Map<String, byte[]> m) {
            super(m);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Map<?, ?> other) || !other.keySet().equals(keySet())) {
                return false;
            }
            return entrySet().stream().allMatch(e -> other.get(e.getKey()) instanceof byte[] b
                    && java.util.Arrays.equals(b, e.getValue()));
        }

        @Override
        public int hashCode() {
            return keySet().hashCode();
        }
    }
}
