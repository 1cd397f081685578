package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.interop.Close;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCase;
import org.rnn4j.interop.TorchCell;

/**
 * scripts/rnn4j as a real process on the packaged cli jar: --help, a native forward whose output is
 * PyTorch's (nothing on stderr, so no fallback to the JVM backend), and a one-line failure.
 */
class CliJarIT {
    @TempDir
    Path dir;

    /** Exit code, stdout, stderr. */
    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void launcherRunsTheCliJar() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(Paths.get(System.getProperty("rnn4j.it.cliJar"))), "the cli jar was packaged");
        Run help = launch(List.of("forward", "--help"));
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: rnn4j forward"), help.out());

        TorchCase c = TorchCase.random(TorchCell.LSTM, 2, true, 2, true, 61);
        CaseFiles f = new CaseFiles(dir, c, SequenceLayout.NTC);
        List<String> args = f.backwardArgs();
        args.addAll(List.of("--backend", "native"));
        Run forward = launch(args);
        assertEquals(0, forward.exitCode(), forward.err());
        assertEquals("", forward.err(), "stderr");
        Close.arrays("output", c.forward().output(), f.outputTnc());
        assertEquals(c.params.size() + 3, f.grads().size(), "gradients");

        Run bad = launch(f.forwardArgs("--input", dir.resolve("missing.npy").toString()));
        assertEquals(2, bad.exitCode(), bad.err());
        assertEquals("rnn4j forward: --input " + dir.resolve("missing.npy") + ": no such file\n", bad.err());
    }

    private Run launch(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("rnn4j.it.launcher")));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
