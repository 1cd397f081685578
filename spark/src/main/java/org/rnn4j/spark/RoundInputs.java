package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What every task of one round reads (one broadcast per round): the parameters and optimizer state at the
 * round's start and, inside a truncated-BPTT batch, the state carried into its first window with the layout
 * that says which rows are whose.
 *
 * @param parameters     the driver's parameters
 * @param optimizerState the driver's optimizer state, by {@code <parameter>.<state>} name
 * @param initial        the carried state [L, D, N, W] of the first window's global batch, or null (zeros)
 * @param layout         the rows of each partition in that batch, or null when no state is carried
 */
record RoundInputs(FlatTensors parameters, FlatTensors optimizerState, StateRows initial, ShardLayout layout)
        implements Serializable {
}
