package org.rnn4j.train;

import java.nio.file.Path;
import java.util.Map;

import org.rnn4j.io.CorruptFileException;

/**
 * Where training is: what a checkpoint saves besides tensors. The position (epoch, batch, chunk)
 * names the next thing to do.
 */
final class Progress {
    /** Updates made. */
    long step;
    /** The current epoch, from 0. */
    int epoch;
    /** Batches of the current epoch already done. */
    int batch;
    /** First step of the next truncated-BPTT chunk of the current batch (0 = the batch has not started). */
    int chunk;
    /** The best validation loss so far (+∞ before the first). */
    double bestValidation = Double.POSITIVE_INFINITY;
    /** Validations in a row without improvement. */
    int badValidations;
    /** Early stopping ended training. */
    boolean stopped;

    void nextBatch() {
        batch++;
        chunk = 0;
    }

    void nextEpoch() {
        epoch++;
        batch = 0;
        chunk = 0;
    }

    void copyFrom(Progress other) {
        step = other.step;
        epoch = other.epoch;
        batch = other.batch;
        chunk = other.chunk;
        bestValidation = other.bestValidation;
        badValidations = other.badValidations;
        stopped = other.stopped;
    }

    /** Adds every field to a checkpoint's metadata. */
    void write(Map<String, String> meta) {
        meta.put("step", Long.toString(step));
        meta.put("epoch", Integer.toString(epoch));
        meta.put("batch", Integer.toString(batch));
        meta.put("chunk", Integer.toString(chunk));
        meta.put("best_validation", Double.toString(bestValidation));
        meta.put("bad_validations", Integer.toString(badValidations));
        meta.put("stopped", Boolean.toString(stopped));
    }

    /** Sets every field from a checkpoint's metadata (already checked to hold every key). */
    void read(Path file, Map<String, String> meta) throws CorruptFileException {
        step = number(file, meta, "step");
        epoch = intNumber(file, meta, "epoch");
        batch = intNumber(file, meta, "batch");
        chunk = intNumber(file, meta, "chunk");
        badValidations = intNumber(file, meta, "bad_validations");
        try {
            bestValidation = Double.parseDouble(meta.get("best_validation"));
        } catch (NumberFormatException e) {
            throw new CorruptFileException(file, "metadata 'best_validation'", "a number", meta.get("best_validation"));
        }
        stopped = Boolean.parseBoolean(meta.get("stopped"));
    }

    /** The integer {@code meta[key]}, a count: >= 0. */
    static long number(Path file, Map<String, String> meta, String key) throws CorruptFileException {
        long value;
        try {
            value = Long.parseLong(meta.get(key));
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw new CorruptFileException(file, "metadata '" + key + "'", "an integer >= 0", String.valueOf(meta.get(key)));
        }
        return value;
    }

    /** {@link #number} of at most {@code Integer.MAX_VALUE}. */
    private static int intNumber(Path file, Map<String, String> meta, String key) throws CorruptFileException {
        long value = number(file, meta, key);
        if (value > Integer.MAX_VALUE) {
            throw new CorruptFileException(file, "metadata '" + key + "'", "an integer in [0, " + Integer.MAX_VALUE + "]",
                    meta.get(key));
        }
        return (int) value;
    }
}
