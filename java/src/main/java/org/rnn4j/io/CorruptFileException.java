package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a {@code .npy} or {@code .safetensors} file is malformed, truncated, inconsistent or
 * uses a feature this package does not support.
 *
 * <p>The message names the file, the offending field, the expected and the actual value, e.g.
 * {@code model.safetensors: header length: expected at most 120 (the file size - 8), got 1099511627776}.
 * The parts are also available individually.
 */
public class CorruptFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file being read; not serialized. */
    private final transient Path file;
    /** The field or region that is wrong. */
    private final String field;
    /** What a valid file contains there. */
    private final String expected;
    /** What this file contains there. */
    private final String actual;

    /**
     * @param file     the file being read (may be {@code null} when unknown)
     * @param field    the field or region that is wrong, e.g. {@code "header length"}
     * @param expected what a valid file contains there
     * @param actual   what this file contains there
     */
    public CorruptFileException(Path file, String field, String expected, String actual) {
        super(file + ": " + field + ": expected " + expected + ", got " + actual);
        this.file = file;
        this.field = field;
        this.expected = expected;
        this.actual = actual;
    }

    /** The file being read, or {@code null} if unknown. */
    public Path file() {
        return file;
    }

    /** The field or region that is wrong. */
    public String field() {
        return field;
    }

    /** A description of what a valid file contains in {@link #field()}. */
    public String expected() {
        return expected;
    }

    /** A description of what the file actually contains in {@link #field()}. */
    public String actual() {
        return actual;
    }
}
