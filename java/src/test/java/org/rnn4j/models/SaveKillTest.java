package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.TensorScope;

/**
 * A child JVM ({@link SaveKillChild}) saves a model over and over into one directory and is killed with
 * SIGKILL at a random moment; then the directory must load (both checksums verified) and hold the last
 * generation the child reported complete, or the one after it (killed after the commit, before the
 * report). Each new child saves over what the killed one left, so saves after every kind of interruption
 * are exercised too. {@code rnn4j.test.saveKills} kills (default 5; the {@code kill-saves} profile runs 40).
 */
class SaveKillTest {
    private static final int KILLS = Integer.getInteger("rnn4j.test.saveKills", 5);

    @TempDir
    Path dir;

    @Test
    void theLastCompleteModelSurvivesEveryKill() throws Exception {
        Path model = dir.resolve("model");
        Random random = new Random(12);
        long next = 1;
        Map<String, Integer> states = new TreeMap<>();
        for (int kill = 0; kill < KILLS; kill++) {
            long reported = killDuringSaves(model, next, random.nextInt(120));
            states.merge(state(model), 1, Integer::sum);
            long loaded = generationOf(model);
            assertTrue(loaded == reported || loaded == reported + 1,
                    "kill " + kill + ": loaded generation " + loaded + ", last reported " + reported);
            next = loaded + 1;
        }
        System.out.println("SaveKillTest: " + KILLS + " kills left the directory " + states);
        try (TensorScope scope = TensorScope.open(); SequenceRegressor m = SaveKillChild.model()) {
            m.save(model);
        }
        try (Stream<Path> files = Files.list(model)) {
            assertEquals(List.of("config.json", "model.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the next save leaves no temporary behind");
        }
    }

    /** Runs a child from generation {@code first}, kills it {@code delayMillis} after its first save; its last report. */
    private static long killDuringSaves(Path model, long first, int delayMillis) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SaveKillChild.class.getName(), model.toString(),
                Long.toString(first)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong reported = new AtomicLong(-1);
        CountDownLatch saved = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    reported.set(Long.parseLong(line.substring("saved ".length())));
                    saved.countDown();
                }
            } catch (IOException e) {
                // the child died: its output ends here
            }
        });
        reader.start();
        try {
            assertTrue(saved.await(60, TimeUnit.SECONDS), "the child saved once");
            Thread.sleep(delayMillis);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        return reported.get();
    }

    /** What a kill left: a model.safetensors.next, temporaries only, or nothing but the two files. */
    private static String state(Path model) throws IOException {
        try (Stream<Path> files = Files.list(model)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            return names.contains(ModelFileCommit.NEXT) ? "with model.safetensors.next"
                    : names.size() > 2 ? "with temporaries only" : "clean";
        }
    }

    /** Loads the model and returns its generation (every weight equals it). */
    private static long generationOf(Path model) throws IOException {
        try (TensorScope scope = TensorScope.open(); Model<?> m = Models.load(model, Backend.JVM)) {
            float g = m.parameters().get(0).value().toFloatArray()[0];
            for (Parameter p : m.parameters()) {
                for (float v : p.value().toFloatArray()) {
                    assertEquals(g, v, p.name() + " holds one generation");
                }
            }
            return (long) g;
        }
    }
}
