package org.rnn4j.train;

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
}
