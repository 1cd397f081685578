package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 against the FIPS 180-2 test vectors, piecewise and over a file larger than one read block. */
class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    @TempDir
    Path dir;

    @Test
    void knownDigests() {
        assertEquals(EMPTY, new Sha256().hex());
        assertEquals(ABC, new Sha256().update("abc".getBytes(StandardCharsets.US_ASCII)).hex());
        assertEquals(ABC, new Sha256().update((byte) 'a').update("xbcx".getBytes(StandardCharsets.US_ASCII), 1, 2)
                .hex());
    }

    @Test
    void fileOfAMillionAs() throws IOException {
        Path file = dir.resolve("a.bin");
        Files.write(file, "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII));
        assertEquals(MILLION_A, Sha256.ofFile(file));
    }
}
