package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;

/**
 * config.json is covered by its checksum: every byte of it changed twice — its low bit flipped, and in
 * turn its case bit, its top bit, all its bits or a space swapped with a tab — makes loading fail with a
 * {@link CorruptFileException}; none loads with a changed configuration.
 */
class ConfigByteFlipTest {
    private static final int[] MASKS = {0x20, 0x80, 0xFF};

    @TempDir
    Path dir;

    @Test
    void everyChangedByteIsRefused() throws IOException {
        try (TensorScope scope = TensorScope.open();
             SequenceRegressor model = SequenceRegressor.builder(2, 1).recurrent(Recurrent.lstm(3).dropout(0.0))
                     .seed(7).backend(Backend.JVM).build()) {
            model.save(dir);
        }
        Path config = dir.resolve("config.json");
        byte[] good = Files.readAllBytes(config);
        int variants = 0;
        for (int i = 0; i < good.length; i++) {
            int other = i % (MASKS.length + 1);
            for (int k : new int[] {-1, other}) {
                byte[] changed = good.clone();
                changed[i] = k < 0 ? (byte) (good[i] ^ 0x01) : k < MASKS.length ? (byte) (good[i] ^ MASKS[k])
                        : (byte) (good[i] == ' ' ? '\t' : ' ');
                Files.write(config, changed);
                int at = i;
                assertThrows(CorruptFileException.class, () -> Models.load(dir, Backend.JVM).close(),
                        () -> "byte " + at + " ('" + (char) good[at] + "') changed to " + (changed[at] & 0xFF));
                variants++;
            }
        }
        assertEquals(2 * good.length, variants);
        Files.write(config, good);
        Models.load(dir, Backend.JVM).close();
    }
}
