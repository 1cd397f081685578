package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsCorruptionTest {
    private static final TestFiles.Reader READ = SafeTensors::read;

    @TempDir
    Path dir;

    private byte[] valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        Path p = dir.resolve("valid.safetensors");
        SafeTensors.write(p, Map.of("a", HostArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
                "b", HostArray.ofLongs(new long[] {7, 8}, 2)), Map.of("k", "v"));
        valid = Files.readAllBytes(p);
    }

    private void corrupt(byte[] content, String fragment) throws IOException {
        TestFiles.assertCorrupt(dir, READ, content, fragment);
    }

    /** A file with this header (padded) and {@code dataBytes} zero bytes of data. */
    private void corruptHeader(String header, int dataBytes, String fragment) throws IOException {
        corrupt(TestFiles.safetensors(header, new byte[dataBytes]), fragment);
    }

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":" + offsets + "}";
    }

    @Test
    void everyTruncationIsCorrupt() throws IOException {
        for (int len = 0; len < valid.length; len++) {
            TestFiles.assertCorrupt(dir, READ, Arrays.copyOf(valid, len), "");
        }
    }

    @Test
    void trailingBytesAreCorrupt() throws IOException {
        corrupt(Arrays.copyOf(valid, valid.length + 1),
                "data area: expected 40 bytes (the end of the last tensor), got 41");
    }

    @Test
    void flippedBytesNeverEscapeAsOtherExceptions() throws IOException {
        for (int i = 0; i < valid.length; i++) {
            for (int mask : new int[] {0x01, 0x08, 0x20, 0x80, 0xff}) {
                byte[] b = valid.clone();
                b[i] ^= (byte) mask;
                TestFiles.assertReadsOrCorrupt(dir, READ, b);
            }
        }
        Random random = new Random(7);
        for (int k = 0; k < 300; k++) {
            byte[] b = valid.clone();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                b[random.nextInt(valid.length - 40)] = (byte) random.nextInt(256);
            }
            TestFiles.assertReadsOrCorrupt(dir, READ, b);
        }
    }

    @Test
    void hugeHeaderLengths() throws IOException {
        for (long n : new long[] {Long.MAX_VALUE, 1L << 40, -1L, Long.MIN_VALUE, 100_000_001L}) {
            byte[] b = valid.clone();
            System.arraycopy(new TestFiles.Bytes().i64(n).toArray(), 0, b, 0, 8);
            corrupt(b, "header length: expected at most 100000000, got " + Long.toUnsignedString(n));
        }
        byte[] b = valid.clone();
        System.arraycopy(new TestFiles.Bytes().i64(valid.length - 7).toArray(), 0, b, 0, 8);
        corrupt(b, "header length: expected at most " + (valid.length - 8) + " (the file size - 8), got "
                + (valid.length - 7));
        corrupt(new byte[] {1, 0, 0}, "header length: expected an 8-byte prefix, got a file of 3 bytes");
        corrupt(new TestFiles.Bytes().i64(0).toArray(),
                "header: expected well-formed JSON, got a syntax error: unexpected end of JSON");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        corruptHeader("{" + entry("w", "F32", "[2]", "[0,80]") + "}", 8, "tensor 'w' data_offsets: expected "
                + "[begin, end] with 0 <= begin <= end <= 8 (the data area size), got [0, 80]");
        corruptHeader("{" + entry("w", "F32", "[2]", "[-8,0]") + "}", 8, "got [-8, 0]");
        corruptHeader("{" + entry("w", "F32", "[0]", "[8,0]") + "}", 8, "got [8, 0]");
        corruptHeader("{" + entry("w", "F32", "[2]", "[9223372036854775800,9223372036854775807]") + "}", 8,
                "data_offsets");
        corruptHeader("{" + entry("w", "F32", "[2]", "[0,18446744073709551615]") + "}", 8, "outside the 64-bit range");
        corruptHeader("{" + entry("w", "F32", "[2]", "[0]") + "}", 8, "expected an array of 2 integers, got an "
                + "array of 1 values");
        corruptHeader("{" + entry("w", "F32", "[2]", "[0,8,16]") + "}", 8, "array of 3 values");
        corruptHeader("{" + entry("w", "F32", "[2]", "[0,\"8\"]") + "}", 8, "got the string \"8\" at index 1");
    }

    @Test
    void overlapsGapsAndMissingData() throws IOException {
        corruptHeader("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[4,12]") + "}", 12,
                "tensor 'b' data_offsets: expected to begin at 8 (tensors must tile the data area without gaps or "
                        + "overlaps), got 4 (an overlap)");
        corruptHeader("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[12,20]") + "}", 20,
                "got 12 (a gap)");
        corruptHeader("{" + entry("a", "F32", "[2]", "[4,12]") + "}", 12, "tensor 'a' data_offsets: expected to "
                + "begin at 0");
        corruptHeader("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[0,8]") + "}", 8,
                "(an overlap)");
        corruptHeader("{" + entry("a", "F32", "[2]", "[0,8]") + "}", 12, "data area: expected 8 bytes");
        corruptHeader("{}", 4, "data area: expected 0 bytes");
    }

    @Test
    void shapeMismatchesNegativeAndOverflowingDims() throws IOException {
        corruptHeader("{" + entry("w", "F32", "[2,3]", "[0,20]") + "}", 20, "tensor 'w' data_offsets: expected a range "
                + "of 24 bytes (6 elements of F32, shape [2, 3]), got [0, 20], a range of 20 bytes");
        corruptHeader("{" + entry("w", "F64", "[]", "[0,4]") + "}", 4, "a range of 8 bytes");
        corruptHeader("{" + entry("w", "F32", "[2,-3]", "[0,0]") + "}", 0, "tensor 'w' shape: expected non-negative "
                + "dimensions whose product fits in 64 bits, got [2, -3]");
        corruptHeader("{" + entry("w", "F32", "[4294967296,4294967296]", "[0,0]") + "}", 0, "product fits in 64 bits");
        corruptHeader("{" + entry("w", "F32", "[0,9223372036854775807,2]", "[0,0]") + "}", 0, "product fits");
        corruptHeader("{" + entry("w", "I64", "[65536,65536]", "[0,8]") + "}", 8, "tensor 'w' shape: expected at most "
                + "2147483639 elements (a Java array), got 4294967296 elements");
        corruptHeader("{" + entry("w", "F32", "[1024,1024,1024]", "[0,8]") + "}", 8, "a range of 4294967296 bytes");
        corruptHeader("{" + entry("w", "F32", "[1.5]", "[0,4]") + "}", 4, "non-integer number");
        corruptHeader("{" + entry("w", "F32", "2", "[0,8]") + "}", 8, "tensor 'w' shape: expected an array of "
                + "integers, got the integer 2");
    }

    @Test
    void deeplyNestedJson() throws IOException {
        corruptHeader("[".repeat(100_000), 0, "nested deeper than 64 levels");
        corruptHeader("{\"w\":" + "[".repeat(100_000), 0, "nested deeper");
        corruptHeader("{\"__metadata__\":{\"a\":" + "{\"a\":".repeat(100_000), 0, "nested deeper");
    }

    @Test
    void nonUtf8Header() throws IOException {
        byte[] b = valid.clone();
        b[10] = (byte) 0xff;
        corrupt(b, "header: expected UTF-8 text, got an invalid UTF-8 sequence at header byte 2");
        byte[] overlong = new TestFiles.Bytes().i64(8).ascii("{\"").raw(0xc0, 0x80).ascii("\":1}").toArray();
        corrupt(overlong, "UTF-8");
        byte[] surrogate = new TestFiles.Bytes().i64(8).ascii("{\"").raw(0xed, 0xa0, 0x80).ascii("\":}").toArray();
        corrupt(surrogate, "UTF-8");
        byte[] cut = new TestFiles.Bytes().i64(8).ascii("{}     ").raw(0xe2).toArray();
        corrupt(cut, "UTF-8");
    }

    @Test
    void duplicateNames() throws IOException {
        String a = entry("a", "F32", "[1]", "[0,4]");
        corruptHeader("{" + a + "," + entry("a", "F32", "[1]", "[4,8]") + "}", 8, "duplicate key \"a\"");
        corruptHeader("{\"__metadata__\":{},\"__metadata__\":{}}", 0, "duplicate key \"__metadata__\"");
        corruptHeader("{" + a + ",\"\\u0061\":{}}", 4, "duplicate key \"a\"");
    }

    @Test
    void unsupportedAndMalformedDtypes() throws IOException {
        corruptHeader("{" + entry("w", "BF16", "[2]", "[0,4]") + "}", 4, "tensor 'w' dtype: expected one of F32, F64, "
                + "I32, I64, got unsupported dtype \"BF16\"");
        corruptHeader("{" + entry("w", "f32", "[1]", "[0,4]") + "}", 4, "unsupported dtype \"f32\"");
        corruptHeader("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "tensor 'w' dtype: expected a "
                + "string, got the integer 4");
    }

    @Test
    void missingWrongAndExtraFields() throws IOException {
        corruptHeader("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                "tensor 'w' dtype: expected a string, got nothing (the key is missing)");
        corruptHeader("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "tensor 'w' shape: expected an array");
        corruptHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "tensor 'w' data_offsets");
        corruptHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":[]}}", 4,
                "tensor 'w': expected only the keys dtype, shape and data_offsets, got unknown key \"x\"");
        corruptHeader("{\"w\":[]}", 0, "tensor 'w': expected an object, got an array");
        corruptHeader("[]", 0, "header: expected a JSON object, got an array");
        corruptHeader("{\"w\":null}", 0, "unsupported JSON value");
        corruptHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[true],\"data_offsets\":[0,4]}}", 4, "unsupported JSON");
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        corruptHeader("{\"__metadata__\":{\"k\":1}}", 0, "__metadata__.k: expected a string, got the integer 1");
        corruptHeader("{\"__metadata__\":{\"k\":[\"v\"]}}", 0, "__metadata__.k: expected a string, got an array");
        corruptHeader("{\"__metadata__\":[]}", 0, "__metadata__: expected an object of string values, got an array");
        corruptHeader("{\"__metadata__\":\"v\"}", 0, "got the string \"v\"");
    }

    @Test
    void longNamesAreAbbreviatedInMessages() throws IOException {
        String name = "n".repeat(10_000);
        CorruptFileException e = TestFiles.assertCorrupt(dir, READ,
                TestFiles.safetensors("{" + entry(name, "BF16", "[1]", "[0,2]") + "}", new byte[2]), "BF16");
        assertEquals("tensor '" + "n".repeat(77) + "...' dtype", e.field());
    }

    @Test
    void acceptsWhitespaceAnywhereJsonAllows() throws IOException {
        String header = " {\n\t\"w\" : { \"dtype\" : \"F32\" , \"shape\" : [ 1 ] ,"
                + " \"data_offsets\" : [ 0 , 4 ] } }\r\n";
        SafeTensorsFile f = SafeTensors.read(TestFiles.write(dir, "ws.safetensors",
                TestFiles.safetensors(header, new TestFiles.Bytes().f32(1.5f).toArray())));
        assertEquals(HostArray.ofFloats(new float[] {1.5f}, 1), f.get("w"));
    }
}
