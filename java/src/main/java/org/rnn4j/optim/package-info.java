/**
 * Optimizer hyper-parameters, one immutable record per optimizer ({@link org.rnn4j.optim.Sgd} with classic or
 * Nesterov momentum, {@link org.rnn4j.optim.Adam}, {@link org.rnn4j.optim.AdamW}, {@link org.rnn4j.optim.RmsProp}),
 * checked when made. The training loop ({@code org.rnn4j.train.optim.Optimizer}) and every backend's fused
 * update take the same record.
 */
package org.rnn4j.optim;
