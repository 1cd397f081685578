package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What every task of one step reads (one broadcast per step): the parameters, and for a truncated-BPTT
 * chunk the recurrent state carried into it with the layout that says which rows are whose.
 *
 * @param parameters the model's parameters now
 * @param initial    the carried state [L, D, N, W] of the whole global batch, or null (zeros)
 * @param layout     the rows of each partition, or null when no state is carried
 */
record StepInputs(FlatTensors parameters, StateRows initial, ShardLayout layout) implements Serializable {
}
