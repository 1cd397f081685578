package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checksummed JSON file reads back as written; a missing, doubled, malformed or wrong checksum is refused. */
class ChecksummedJsonTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsWithTheChecksumLast() throws IOException {
        ObjectNode root = json.createObjectNode().put("a", 1).put("text", "0".repeat(64));
        root.putObject("nested").put("checksum", "not the file's");
        Path file = dir.resolve("c.json");
        Files.write(file, ChecksummedJson.toBytes(root));
        String text = Files.readString(file);
        assertTrue(text.matches("(?s).*\"checksum\" : \"[0-9a-f]{64}\"\\s*}\\s*"), text);
        assertEquals(root, ChecksummedJson.read(file));
        assertThrows(IllegalArgumentException.class, () -> ChecksummedJson.toBytes(json.createObjectNode()
                .put("checksum", "x")));
    }

    @Test
    void refusesAFileWithoutAValidChecksum() throws IOException {
        Path file = dir.resolve("c.json");
        String good = new String(ChecksummedJson.toBytes(json.createObjectNode().put("a", 1)), StandardCharsets.UTF_8);
        String digest = good.replaceAll("(?s).*\"checksum\" : \"([0-9a-f]{64})\".*", "$1");

        assertRefused(file, "{\"a\" : 1}", "checksum: expected a member \"checksum\" of 64 lowercase hex digits, got none");
        assertRefused(file, good.replace(digest, digest.toUpperCase()), "checksum: expected a member");
        assertRefused(file, good.replace("\"checksum\"", "\"checksum\" : 1, \"checksum\""), "content: expected JSON");
        assertRefused(file, good.replace("\"a\" : 1", "\"a\" : 2"), "checksum: expected SHA-256 ");
        assertRefused(file, good + "{}", "content: expected JSON");
        assertRefused(file, "[1, 2]", "content: expected a JSON object");
        assertRefused(file, "", "content: expected a JSON object");
        assertRefused(file, "{\"a\" : ", "content: expected JSON");
    }

    private static void assertRefused(Path file, String content, String message) throws IOException {
        Files.writeString(file, content);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> ChecksummedJson.read(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
