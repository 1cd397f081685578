package org.rnn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The built jars stand alone: a fresh JVM whose classpath holds only jar files (the examples jar,
 * the rnn4j jars and their Maven dependencies; no target/classes, no CMake build folder) runs a
 * native forward pass.
 */
class StandaloneJarsIT {

    @Test
    void nativeForwardRunsFromJarsOnly() throws IOException, InterruptedException {
        String classpathFile = System.getProperty("rnn4j.it.classpathFile");
        String examplesJar = System.getProperty("rnn4j.it.examplesJar");
        List<String> entries = new ArrayList<>();
        entries.add(examplesJar);
        for (String e : Files.readString(Paths.get(classpathFile)).trim().split(File.pathSeparator)) {
            entries.add(e);
        }
        for (String e : entries) {
            Path p = Paths.get(e);
            assertTrue(Files.isRegularFile(p) && e.endsWith(".jar"), "classpath entry is a jar file: " + e);
        }
        assertTrue(entries.stream().anyMatch(e -> Paths.get(e).getFileName().toString().matches("rnn4j-native-.*-[a-z]+-[a-z0-9_]+\\.jar")),
                "the rnn4j-native platform jar is on the classpath: " + entries);

        Path javaBin = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("rnn4j-smoke", ".log");
        Process process = new ProcessBuilder(javaBin.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                String.join(File.pathSeparator, entries), "org.rnn4j.examples.ForwardSmoke")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "smoke JVM finished in time");
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("rnn4j native forward OK"), log);
        assertTrue(log.contains("output [5, 3, 32]"), log);
    }
}
