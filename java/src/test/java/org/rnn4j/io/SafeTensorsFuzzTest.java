package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link SafeTensors#read} on any bytes: tensors whose sizes match their shapes, or a
 * {@link CorruptFileException}; never another exception, an allocation beyond the file's size or a hang. Kept
 * inputs are in {@code SafeTensorsFuzzTestInputs/}; {@code -Pfuzz} fuzzes for 10 minutes.
 */
class SafeTensorsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveTensorsOrACorruptFileException(byte[] input) throws IOException {
        try {
            SafeTensorsFile file = SafeTensors.read(FuzzFiles.write("input.safetensors", input));
            for (HostArray a : file.asMap().values()) {
                long elements = 1;
                for (long d : a.shape()) {
                    elements *= d;
                }
                assertEquals(elements, a.size(), "elements of " + java.util.Arrays.toString(a.shape()));
            }
        } catch (CorruptFileException expected) {
            // the reader said what is wrong
        }
    }
}
