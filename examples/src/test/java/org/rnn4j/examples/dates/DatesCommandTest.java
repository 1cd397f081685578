package org.rnn4j.examples.dates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.examples.cli.Rnn4jExamples;

/** {@code rnn4j dates}: the formats, a smoke run that must learn, and bad arguments. */
class DatesCommandTest {

    @Test
    void formatsWriteTheDocumentedExamples() {
        LocalDate date = LocalDate.of(1997, 3, 3);
        List<String> written = DateFormats.ALL.stream().map(f -> f.apply(date)).toList();
        assertEquals(List.of("3rd of March 1997", "03/03/97", "March 3, 1997", "Monday, March 3, 1997", "3 Mar 1997",
                "1997-3-3", "03.03.1997", "19970303", "Mon, 3 Mar 1997", "03-MAR-1997", "3/3/1997", "March 3rd, 1997",
                "3 March 1997"), written);
        assertEquals("1997-03-03", DateFormats.iso(date));
        assertEquals("05/11/03", DateFormats.named("us-short").apply(LocalDate.of(2003, 5, 11)));
        assertEquals(List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"),
                List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31).stream().map(DateFormats::ordinal).toList());
    }

    /** Every character of every format, for every date of the range, has a source id. */
    @Test
    void sourceVocabularyCoversEveryDate() {
        var vocabulary = DatesCommand.sourceVocabulary();
        for (LocalDate d = DateFormats.FIRST; !d.isAfter(DateFormats.LAST); d = d.plusDays(97)) {
            for (DateFormats.Format f : DateFormats.ALL) {
                vocabulary.encode(f.apply(d));
            }
        }
    }

    /**
     * 400 updates of a small model (LSTM-64, batch 32, Adam 0.008) on each backend, a few seconds each. Bounds: chance
     * exact match is ~1/36,500; always writing each position's commonest character gets a character
     * accuracy of about 0.46 ('-' twice, '1'/'2' and '9'/'0' half the time, month tens '0' 3/4 of the
     * time, ...). This run reaches 0.22 exact match on both held-out sets (greedy), character accuracy 0.81 and 0.86,
     * validation loss 0.30 nats per character.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jvm", "native"})
    void smokeRunLearnsToTranslate(String backend, @TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        String out = runCapturingStdout(0, "dates", "--backend", backend, "--steps", "400", "--hidden", "64",
                "--batch", "32", "--lr", "0.008", "--test", "100", "--show", "2", "--out", dir.resolve("out").toString(),
                "--report", report.toString());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(List.of("task", "backend", "seconds", "steps", "metrics")), keys.toString());
        assertEquals("dates", json.get("task").asText());
        assertEquals(backend, json.get("backend").asText());
        assertEquals(400, json.get("steps").asLong());
        JsonNode m = json.get("metrics");
        List<String> metrics = new ArrayList<>();
        m.fieldNames().forEachRemaining(metrics::add);
        assertTrue(metrics.containsAll(Set.of("exact_match", "unseen_format_exact_match", "beam_exact_match")),
                metrics.toString());
        assertTrue(m.get("exact_match").asDouble() >= 0.08, "exact_match " + m.get("exact_match"));
        assertTrue(m.get("unseen_format_exact_match").asDouble() >= 0.08,
                "unseen_format_exact_match " + m.get("unseen_format_exact_match"));
        assertTrue(m.get("char_accuracy").asDouble() >= 0.72, "char_accuracy " + m.get("char_accuracy"));
        assertTrue(m.get("unseen_format_char_accuracy").asDouble() >= 0.72,
                "unseen_format_char_accuracy " + m.get("unseen_format_char_accuracy"));
        assertTrue(m.get("val_loss").asDouble() < 0.4, "val_loss " + m.get("val_loss"));
        assertTrue(Files.isRegularFile(dir.resolve("out/model/model.safetensors")));
        assertTrue(Files.isRegularFile(dir.resolve("out/model/source-characters.txt")));
        assertTrue(Files.size(dir.resolve("out/dates-training.png")) > 1000);
        assertTrue(out.contains("translations"), out);
    }

    @Test
    void badArgumentsExitTwo() {
        assertEquals(2, Rnn4jExamples.run("dates", "--unseen-format", "julian"));
        assertEquals(2, Rnn4jExamples.run("dates", "--beam", "0"));
        assertEquals(2, Rnn4jExamples.run("dates", "--steps", "0"));
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
