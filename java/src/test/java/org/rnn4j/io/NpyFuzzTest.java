package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link Npy#read} on any bytes: an array whose size matches its shape, or a {@link CorruptFileException};
 * never another exception, an allocation beyond the file's size or a hang. Kept inputs (valid files and
 * every past finding) are in {@code NpyFuzzTestInputs/}; {@code -Pfuzz} fuzzes for 10 minutes.
 */
class NpyFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveAnArrayOrACorruptFileException(byte[] input) throws IOException {
        try {
            HostArray array = Npy.read(FuzzFiles.write("input.npy", input));
            long elements = 1;
            for (long d : array.shape()) {
                elements *= d;
            }
            assertEquals(elements, array.size(), "elements of " + java.util.Arrays.toString(array.shape()));
        } catch (CorruptFileException expected) {
            // the reader said what is wrong
        }
    }
}
