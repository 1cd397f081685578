package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.DType;

/**
 * Reads the command's files ({@link OutputFiles} writes them), turning every problem into a {@link BadInputException} whose
 * one-line message names the option and the file, e.g.
 * {@code --h0 h0.npy: expected shape [2, 3, 4] ([L*D, N, S]), got [2, 3, 5]}.
 */
final class CliFiles {
    private CliFiles() {
    }

    /** The tensors of a safetensors file by name. */
    static Map<String, HostArray> readSafeTensors(String option, Path file) {
        try {
            return SafeTensors.read(file).asMap();
        } catch (IOException e) {
            throw new BadInputException(option + " " + file + ": " + reason(e, file));
        }
    }

    /** A float32 .npy array (any other dtype is rejected, as PyTorch rejects it with float32 weights). */
    static HostArray readFloats(String option, Path file) {
        HostArray a = readNpy(option, file);
        if (a.dtype() != DType.F32) {
            throw new BadInputException(option + " " + file + ": expected dtype float32 (<f4), got " + describe(a));
        }
        return a;
    }

    /** A float32 .npy array of exactly {@code shape} ({@code symbolic} names its dimensions in the message). */
    static float[] readFloats(String option, Path file, long[] shape, String symbolic) {
        HostArray a = readFloats(option, file);
        checkShape(option, file, a, shape, symbolic);
        return a.floats();
    }

    /** Lengths [N], int64 or int32, each in [1, steps]. */
    static int[] readLengths(String option, Path file, int batch, int steps) {
        HostArray a = readNpy(option, file);
        if (a.dtype() != DType.I64 && a.dtype() != DType.I32) {
            throw new BadInputException(option + " " + file + ": expected dtype int64 (<i8) or int32 (<i4), got "
                    + describe(a));
        }
        checkShape(option, file, a, new long[] {batch}, "[N]");
        long[] values = new long[batch];
        if (a.dtype() == DType.I64) {
            values = a.longs();
        } else {
            int[] ints = a.ints();
            for (int n = 0; n < batch; n++) {
                values[n] = ints[n];
            }
        }
        int[] lengths = new int[batch];
        for (int n = 0; n < batch; n++) {
            if (values[n] < 1 || values[n] > steps) {
                throw new BadInputException(option + " " + file + ": lengths[" + n + "] must be in [1, T = " + steps
                        + "], got " + values[n]);
            }
            lengths[n] = (int) values[n];
        }
        return lengths;
    }

    static void checkShape(String option, Path file, HostArray a, long[] shape, String symbolic) {
        if (!Arrays.equals(a.shape(), shape)) {
            throw new BadInputException(option + " " + file + ": expected shape " + Arrays.toString(shape) + " ("
                    + symbolic + "), got " + Arrays.toString(a.shape()));
        }
    }

    private static HostArray readNpy(String option, Path file) {
        try {
            return Npy.read(file);
        } catch (IOException e) {
            throw new BadInputException(option + " " + file + ": " + reason(e, file));
        }
    }

    /** E.g. "float64 (<f8)". */
    private static String describe(HostArray a) {
        String name = switch (a.dtype()) {
            case F32 -> "float32";
            case F64 -> "float64";
            case I32 -> "int32";
            case I64 -> "int64";
        };
        return name + " (" + a.dtype().npyDescr() + ")";
    }

    /** Why an I/O operation failed, without repeating the file. */
    static String reason(IOException e, Path file) {
        if (e instanceof CorruptFileException c) {
            return c.field() + ": expected " + c.expected() + ", got " + c.actual();
        }
        if (e instanceof NoSuchFileException f) {
            boolean other = f.getFile() != null && !f.getFile().equals(file.toString());
            return "no such file" + (other ? " (" + f.getFile() + ")" : "");
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
