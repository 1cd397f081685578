package org.rnn4j.spark;

import java.io.Serializable;
import java.util.List;

import org.rnn4j.backend.Backend;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.train.Clipping;

/**
 * What one round of {@code syncEvery(k)} asks each partition to do (serialised into its tasks): from the
 * round's parameters and optimizer state, the local updates of {@code windows}, update j with dropout seed
 * {@code seeds[j]} (each partition mixes in its index) and learning rate {@code rates[j]} (the driver's
 * schedule), clipped by {@code clipping}.
 *
 * @param trainerId      which trainer's executor-side models to use
 * @param rddId          the RDD the partitions belong to
 * @param windows        the batches or windows of the round's updates, in order
 * @param seeds          per update, the dropout seed
 * @param rates          per update, the scheduled learning rate
 * @param optimizer      the driver's optimizer config
 * @param clipping       the driver's clipping
 * @param optimizerSteps the driver's optimizer update count at the round's start (Adam's bias correction)
 * @param backend        the backend the driver's model runs on
 */
record RoundJob(String trainerId, int rddId, List<RoundWindow> windows, long[] seeds, double[] rates, OptimizerConfig optimizer,
                Clipping clipping, long optimizerSteps, Backend backend) implements Serializable {

    RoundJob {
        windows = List.copyOf(windows);
        if (seeds.length != windows.size() || rates.length != windows.size()) {
            throw new IllegalArgumentException("expected a seed and a rate per window (" + windows.size() + "), got "
                    + seeds.length + " and " + rates.length);
        }
    }

    int updates() {
        return windows.size();
    }
}
