package org.rnn4j.io;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON object file that carries its own SHA-256: the last member {@code "checksum"} holds the digest
 * of the file's bytes with the checksum's 64 hex digits read as {@code 0}s. So every changed byte of
 * the file is detected, the checksum's own included; a file without the member, with it twice, or with
 * anything but 64 lowercase hex digits there is refused. Used for a model's {@code config.json}.
 */
public final class ChecksummedJson {
    /** The member holding the checksum. */
    public static final String CHECKSUM = "checksum";
    /** Largest file read (a model's config.json is a few KB). */
    static final long MAX_BYTES = 16L << 20;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String ZEROS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ChecksummedJson() {
    }

    /** {@code root} (without a {@code checksum} member) as indented JSON with its checksum last. */
    public static byte[] toBytes(ObjectNode root) throws IOException {
        if (root.has(CHECKSUM)) {
            throw new IllegalArgumentException("the object already has a member '" + CHECKSUM + "'");
        }
        ObjectNode copy = root.deepCopy();
        copy.put(CHECKSUM, ZEROS);
        byte[] bytes = JSON.writeValueAsBytes(copy);
        int at = lastIndexOf(bytes, ("\"" + ZEROS + "\"").getBytes(StandardCharsets.US_ASCII)) + 1;
        byte[] digest = new Sha256().update(bytes).hex().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digest, 0, bytes, at, digest.length);
        return bytes;
    }

    /**
     * Reads {@code file}, verifies its checksum and returns its object without the {@code checksum}
     * member.
     *
     * @throws CorruptFileException if the file is not one JSON object, has no valid checksum or its
     *                              checksum does not match
     */
    public static ObjectNode read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new CorruptFileException(file, "size", "at most " + MAX_BYTES + " bytes", size + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        JsonNode tree;
        int at;
        try {
            tree = JSON.readTree(bytes);
            at = checksumOffset(file, bytes);
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(file, "content", "JSON", String.valueOf(e.getOriginalMessage()));
        } catch (CharConversionException e) {                    // bytes Jackson took for UTF-32 but are not
            throw new CorruptFileException(file, "content", "JSON text", String.valueOf(e.getMessage()));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new CorruptFileException(file, "content", "a JSON object", tree == null ? "nothing" : tree.getNodeType().toString());
        }
        String stored = root.path(CHECKSUM).asText("");
        if (at < 0 || !HEX.matcher(stored).matches() || at + 64 > bytes.length
                || !stored.equals(new String(bytes, at, 64, StandardCharsets.US_ASCII))) {
            throw new CorruptFileException(file, CHECKSUM, "a member \"" + CHECKSUM + "\" of 64 lowercase hex digits",
                    at < 0 ? "none" : root.get(CHECKSUM).toString());
        }
        byte[] zeroed = bytes.clone();
        Arrays.fill(zeroed, at, at + 64, (byte) '0');
        String actual = new Sha256().update(zeroed).hex();
        if (!actual.equals(stored)) {
            throw new CorruptFileException(file, CHECKSUM, "SHA-256 " + actual + " of the content", stored);
        }
        root.remove(CHECKSUM);
        return root;
    }

    /** The byte offset of the checksum's first hex digit (after the quote), or -1 if it has none at the top level. */
    private static int checksumOffset(Path file, byte[] bytes) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            int at = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (CHECKSUM.equals(name) && value == JsonToken.VALUE_STRING) {
                    at = Math.toIntExact(p.currentTokenLocation().getByteOffset()) + 1;
                }
                p.skipChildren();
            }
            return at;
        }
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        for (int i = bytes.length - part.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("the checksum placeholder was not written");
    }
}
