package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyCorruptionTest {
    private static final TestFiles.Reader READ = Npy::read;

    @TempDir
    Path dir;

    private byte[] valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        Path p = dir.resolve("valid.npy");
        Npy.write(p, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        valid = Files.readAllBytes(p);
    }

    private void corrupt(byte[] content, String fragment) throws IOException {
        TestFiles.assertCorrupt(dir, READ, content, fragment);
    }

    private void corruptDict(String dict, int dataBytes, String fragment) throws IOException {
        corrupt(TestFiles.npy(dict, 128, new byte[dataBytes]), fragment);
    }

    private static String dict(String descr, String fortran, String shape) {
        return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    @Test
    void everyTruncationIsCorrupt() throws IOException {
        for (int len = 0; len < valid.length; len++) {
            TestFiles.assertCorrupt(dir, READ, Arrays.copyOf(valid, len), "");
        }
    }

    @Test
    void trailingBytesAreCorrupt() throws IOException {
        corrupt(Arrays.copyOf(valid, valid.length + 1), "data: expected 24 bytes");
    }

    @Test
    void flippedBytesNeverEscapeAsOtherExceptions() throws IOException {
        for (int i = 0; i < 128; i++) {
            for (int mask : new int[] {0x01, 0x20, 0x80, 0xff}) {
                byte[] b = valid.clone();
                b[i] ^= (byte) mask;
                TestFiles.assertReadsOrCorrupt(dir, READ, b);
            }
        }
        Random random = new Random(42);
        for (int k = 0; k < 300; k++) {
            byte[] b = valid.clone();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                b[random.nextInt(128)] = (byte) random.nextInt(256);
            }
            TestFiles.assertReadsOrCorrupt(dir, READ, b);
        }
    }

    @Test
    void badMagicAndVersion() throws IOException {
        byte[] b = valid.clone();
        b[0] = (byte) 0x92;
        corrupt(b, "magic: expected 93 4E 55 4D 50 59 (\\x93NUMPY), got 92 4E 55 4D 50 59");
        b = valid.clone();
        b[3] = 'n';
        corrupt(b, "magic");
        for (int[] version : new int[][] {{0, 0}, {4, 0}, {1, 1}, {255, 0}}) {
            b = valid.clone();
            b[6] = (byte) version[0];
            b[7] = (byte) version[1];
            corrupt(b, "format version: expected 1.0, 2.0 or 3.0, got " + version[0] + "." + version[1]);
        }
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] b = valid.clone();
        b[8] = (byte) 0xff;
        b[9] = (byte) 0xff;
        corrupt(b, "header length: expected at most 142");
        byte[] v2 = new TestFiles.Bytes().raw(0x93).ascii("NUMPY").raw(2, 0).u32(0xffffffffL).ascii("{}").toArray();
        corrupt(v2, "got 4294967295");
    }

    @Test
    void unsupportedDescrs() throws IOException {
        corruptDict(dict("'>f4'", "False", "(3,)"), 12, "descr: expected a little-endian one of '<f4', '<f8', "
                + "'<i4', '<i8', got '>f4' (big-endian)");
        for (String descr : new String[] {"'<f2'", "'|u1'", "'<c8'", "'=f4'", "'f4'", "''", "'<f4 '"}) {
            corruptDict(dict(descr, "False", "(3,)"), 12, "descr: expected one of '<f4', '<f8', '<i4', '<i8', got "
                    + descr);
        }
        corruptDict(dict("[('a', '<f4')]", "False", "(3,)"), 12, "the descr string in quotes");
        corruptDict(dict("3", "False", "(3,)"), 12, "header");
    }

    @Test
    void fortranOrder() throws IOException {
        corruptDict(dict("'<f4'", "True", "(2, 3)"), 24,
                "fortran_order: expected False (Fortran-ordered arrays of rank >= 2 are not supported), got True");
        for (String value : new String[] {"0", "false", "'False'", "None", "Tru"}) {
            corruptDict(dict("'<f4'", value, "(2, 3)"), 24, "True or False");
        }
    }

    @Test
    void shapeSyntax() throws IOException {
        for (String shape : new String[] {"(3)", "[3]", "3", "(3,,)", "(,)", "(3 4)", "(3.0,)", "(3, 'a')",
                "(0x3,)", "(3_0,)", "(03,)", "(-3,)", "(3, -1)", "(", "(3,", "(99999999999999999999,)",
                "(9223372036854775808,)"}) {
            corruptDict(dict("'<f4'", "False", shape), 12, "");
        }
        corruptDict(dict("'<f4'", "False", "(-3,)"), 12, "shape: expected non-negative dimensions, got -3");
        corruptDict(dict("'<f4'", "False", "(9223372036854775808,)"), 12,
                "shape: expected dimensions of at most 9223372036854775807");
    }

    @Test
    void shapeAndDataSizeMustAgree() throws IOException {
        corruptDict(dict("'<f4'", "False", "(2, 3)"), 20, "data: expected 24 bytes (shape [2, 3] of F32), got 20");
        corruptDict(dict("'<f4'", "False", "(4611686018427387904, 4)"), 12, "product fits in 64 bits");
        corruptDict(dict("'<f4'", "False", "(3037000500, 3037000500)"), 12, "product fits in 64 bits");
        corruptDict(dict("'<f8'", "False", "(65536, 65536)"), 8, "at most 2147483639 elements");
        corruptDict(dict("'<i8'", "False", "(1024, 1024, 1024)"), 8, "data: expected 8589934592 bytes");
        corruptDict(dict("'<f4'", "False", "()"), 8, "data: expected 4 bytes");
    }

    @Test
    void dictionaryStructure() throws IOException {
        String ok = "'descr': '<f4', 'fortran_order': False, 'shape': (3,)";
        String[] dicts = {"", "{}", "[" + ok + "]", "{" + ok, ok + "}", "{" + ok + ", 'extra': 1}",
            "{'descr': '<f4', 'shape': (3,)}", "{'descr': '<f4', 'fortran_order': False}",
            "{" + ok + ", 'shape': (3,)}", "{" + ok + "} x", "{" + ok + ",,}", "{'descr' '<f4'}",
            "{'descr': '<f\\x34', 'fortran_order': False, 'shape': (3,)}", "{'descr: '<f4'}"};
        for (String d : dicts) {
            corruptDict(d, 12, "header");
        }
        corruptDict("{" + ok + ", 'extra': 1}", 12, "expected only the keys 'descr', 'fortran_order' and 'shape', "
                + "got the key 'extra'");
        corruptDict("{'descr': '<f4', 'fortran_order': False}", 12, "got no 'shape'");
        corruptDict("{" + ok + ", 'shape': (3,)}", 12, "got a second 'shape'");
        corruptDict("{'descr': '<f4\n', 'fortran_order': False, 'shape': (3,)}", 12,
                "header: expected a plain string without escapes or control characters, got '\\x0a', 'fortran_ord");
    }

    @Test
    void nonAsciiHeader() throws IOException {
        byte[] b = valid.clone();
        b[20] = (byte) 0xc3;
        corrupt(b, "header: expected ASCII text, got the byte C3 at header byte 10");
    }

    @Test
    void messageNamesFileFieldExpectedAndActual() throws IOException {
        CorruptFileException e = TestFiles.assertCorrupt(dir, READ,
                TestFiles.npy(dict("'<f2'", "False", "(3,)"), 128, new byte[6]), "descr");
        assertEquals("descr", e.field());
        assertEquals("one of '<f4', '<f8', '<i4', '<i8'", e.expected());
        assertEquals("'<f2'", e.actual());
        assertEquals(dir.resolve("corrupt.bin"), e.file());
    }
}
