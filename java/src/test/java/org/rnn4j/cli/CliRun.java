package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr. */
final class CliRun {
    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Asserts success with nothing on stderr. */
        Result assertOk() {
            assertEquals(0, exitCode, () -> "exit code; stderr: " + err);
            assertEquals("", err, "stderr");
            return this;
        }

        /** Asserts exit code 2 and exactly one stderr line, without a stack trace, containing {@code fragment}. */
        Result assertBadInput(String fragment) {
            assertEquals(2, exitCode, () -> "exit code; stderr: " + err);
            assertEquals("", out, "stdout");
            assertTrue(err.endsWith("\n"), () -> "stderr ends with a newline: " + err);
            String line = err.substring(0, err.length() - 1);
            assertFalse(line.contains("\n") || line.contains("\r"), () -> "one line on stderr: " + err);
            assertTrue(line.startsWith("rnn4j"), () -> "names the command: " + line);
            assertFalse(line.contains("Exception") || line.contains("\tat "), () -> "no stack trace: " + line);
            assertTrue(line.contains(fragment), () -> "\"" + line + "\" contains \"" + fragment + "\"");
            return this;
        }
    }

    private CliRun() {
    }

    static Result run(List<String> args) {
        return run(args.toArray(new String[0]));
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Rnn4jCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
