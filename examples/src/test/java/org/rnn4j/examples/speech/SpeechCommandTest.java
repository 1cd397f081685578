package org.rnn4j.examples.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.examples.cli.Rnn4jExamples;

/**
 * {@code rnn4j speech} and {@code rnn4j transcribe}: smoke runs that must learn, a WAV that espeak-ng made outside
 * the program transcribed in one go and streamed, and bad arguments. Needs espeak-ng; the generated audio is
 * cached under target/speech-cache.
 */
class SpeechCommandTest {
    private static final Path CACHE = Path.of("target", "speech-cache");

    /**
     * 300 updates (batch 16, Adam 0.005) of a small bidirectional LSTM (2 layers × 64 per direction) on 360 training
     * utterances, about 20 s of training on a quiet machine. Bounds: an untrained model's CTC loss is about 3 per
     * target digit and it stays near 2.7 while the model only emits blanks (digit error rate 1, sequence accuracy
     * 0); this run reached a training loss of 0.06, and on the 50 held-out-voice utterances a digit error rate of
     * 0.105 and a sequence accuracy of 0.72 (greedy).
     */
    @Test
    void smokeRunLearnsSpokenDigits(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        String out = runCapturingStdout(0, "speech", "--steps", "300", "--hidden", "64", "--batch", "16",
                "--lr", "0.005", "--train", "400",
                "--test", "50", "--cache", CACHE.toString(), "--out", dir.resolve("out").toString(),
                "--report", report.toString());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("speech", json.get("task").asText());
        JsonNode m = json.get("metrics");
        List<String> metrics = new ArrayList<>();
        m.fieldNames().forEachRemaining(metrics::add);
        assertTrue(metrics.containsAll(List.of("test_digit_error_rate", "test_sequence_accuracy",
                "test_digit_error_rate_beam", "test_sequence_accuracy_beam", "test_ctc_loss")), metrics.toString());
        assertTrue(m.get("final_training_loss").asDouble() < 0.5, "final_training_loss " + m.get("final_training_loss"));
        assertTrue(m.get("test_sequence_accuracy").asDouble() >= 0.4,
                "test_sequence_accuracy " + m.get("test_sequence_accuracy"));
        assertTrue(m.get("test_digit_error_rate").asDouble() < 0.3,
                "test_digit_error_rate " + m.get("test_digit_error_rate"));
        assertTrue(Files.size(dir.resolve("out/alignment.png")) > 1000);
        assertTrue(Files.isRegularFile(dir.resolve("out/model/features.json")));
        assertTrue(out.contains("held-out voices"), out);
    }

    /**
     * A left-to-right model (a short run: what matters is that both ways agree) transcribes a WAV that espeak-ng
     * made here at its own rate (22 050 Hz): one line of digits, the same when streamed.
     */
    @Test
    void transcribesAWavInOneGoAndStreamed(@TempDir Path dir) throws Exception {
        runCapturingStdout(0, "speech", "--steps", "40", "--hidden", "32", "--direction", "left", "--train", "400",
                "--test", "50", "--cache", CACHE.toString(), "--out", dir.resolve("out").toString());
        Path wav = dir.resolve("digits.wav");
        Espeak.speak("3 1 4 1 5", "en-us", "m8", 160, 50, wav);
        String model = dir.resolve("out/model").toString();
        String whole = runCapturingStdout(0, "transcribe", "--model", model, wav.toString()).trim();
        String streamed = runCapturingStdout(0, "transcribe", "--model", model, "--stream", wav.toString()).trim();
        assertTrue(whole.matches("[0-9]*"), "one line of digits: '" + whole + "'");
        assertEquals(whole, streamed, "streaming step by step hears what the whole-file pass hears");
        assertEquals(2, Rnn4jExamples.run("transcribe", "--model", model, "--beam", "0", wav.toString()));
    }

    @Test
    void badArgumentsExitTwo(@TempDir Path dir) {
        assertEquals(2, Rnn4jExamples.run("speech", "--cell", "rnn"));
        assertEquals(2, Rnn4jExamples.run("speech", "--direction", "up"));
        assertEquals(2, Rnn4jExamples.run("speech", "--stack", "0"));
        assertEquals(2, Rnn4jExamples.run("speech", "--steps", "0"));
        assertEquals(2, Rnn4jExamples.run("transcribe", "--model", dir.toString(), dir.resolve("none.wav").toString()));
        assertEquals(2, Rnn4jExamples.run("transcribe", dir.resolve("none.wav").toString()));
    }

    private static String runCapturingStdout(int expectedExit, String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Rnn4jExamples.run(args);
        } finally {
            System.setOut(saved);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(expectedExit, exit, out);
        return out;
    }
}
