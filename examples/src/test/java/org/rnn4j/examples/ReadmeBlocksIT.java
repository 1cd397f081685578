package org.rnn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's code compiles and runs: {@code scripts/check-readme.sh} compiles every {@code java}
 * block of README.md against the built jars and runs those marked {@code // runnable}. Runs after
 * {@code package}, when the rnn4j jar and the examples' runtime classpath file exist.
 */
class ReadmeBlocksIT {
    private static final long TIMEOUT_SECONDS = 900;

    private static Path root;
    private static String classpathFile;

    /** What one run of the script printed and returned. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void locate() {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "check-readme.sh is a bash script");
        root = Paths.get(System.getProperty("rnn4j.it.repositoryRoot")).toAbsolutePath().normalize();
        classpathFile = System.getProperty("rnn4j.it.classpathFile");
        assertTrue(Files.isRegularFile(root.resolve("scripts/check-readme.sh")), "script exists under " + root);
        assertTrue(Files.isRegularFile(Paths.get(classpathFile)), "runtime classpath file exists: " + classpathFile);
    }

    @Test
    void everyReadmeBlockCompilesAndTheRunnableOnesRun() throws IOException, InterruptedException {
        Run run = check("--classpath", classpathFile);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(": ran"), "at least one block is runnable and ran:\n" + run.stdout());
        assertFalse(run.stdout().contains(": failed"), run.stdout());
        assertTrue(run.stdout().contains("best validation loss "), "the training block prints its loss:\n" + run.stdout());
    }

    @Test
    void aBlockThatDoesNotCompileOrExitsNonZeroFailsTheCheck(@TempDir Path dir) throws IOException, InterruptedException {
        Path readme = dir.resolve("broken.md");
        Files.writeString(readme, String.join("\n",
                "# broken",
                "```java",
                "int count = \"three\";",
                "```",
                "```java",
                "// runnable",
                "System.exit(3);",
                "```",
                "```java",
                "Tensor t = Tensor.zeros(2, 3);",
                "```", ""));
        Run run = check("--readme", readme.toString(), "--classpath", classpathFile);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("block 1 (broken.md:3): failed (javac)"), run.stdout());
        assertTrue(run.stdout().contains("broken.md:3: error: incompatible types"), "javac's error at its README line:\n"
                + run.stdout());
        assertTrue(run.stdout().contains("block 2 (broken.md:6): failed (exit code 3)"), run.stdout());
        assertTrue(run.stdout().contains("block 3 (broken.md:10): compiled"), run.stdout());
        assertTrue(run.stdout().contains("2 of 3 java blocks of broken.md failed"), run.stdout());
    }

    @Test
    void badUsageExitsTwoWithOneLine() throws IOException, InterruptedException {
        Run run = check("--timeout", "soon");
        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertTrue(run.stderr().contains("--timeout must be a whole number of seconds > 0, got 'soon'"), run.stderr());
    }

    private static Run check(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/check-readme.sh").toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("rnn4j-readme", ".out");
        Path err = Files.createTempFile("rnn4j-readme", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("check-readme.sh did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
