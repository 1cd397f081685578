/**
 * Layers with named parameters, each with its forward and backward side by side — not an autograd
 * framework. A layer's {@code forward} returns a {@code Pass} record holding what its {@code backward}
 * needs; {@code backward} takes that pass and the gradient of the output, adds the parameter gradients
 * to each {@link org.rnn4j.nn.Parameter#gradient()} and returns the gradient of the input:
 * {@link org.rnn4j.nn.Embedding}, {@link org.rnn4j.nn.Recurrent} (specs such as
 * {@code Recurrent.lstm(512).layers(2).dropout(0.2)}), {@link org.rnn4j.nn.Linear},
 * {@link org.rnn4j.nn.Dropout}, {@link org.rnn4j.nn.FinalState}, {@link org.rnn4j.nn.MeanPooling},
 * and the losses {@link org.rnn4j.nn.CrossEntropy} and {@link org.rnn4j.nn.MeanSquaredError}.
 *
 * <p>Composition: every layer but the losses is a {@link org.rnn4j.nn.Block} — forward from one tensor
 * under a {@link org.rnn4j.nn.SequenceContext} (lengths, training or inference, initial states),
 * backward to the input gradient — with {@link org.rnn4j.nn.RecurrentBlock} adapting
 * {@link org.rnn4j.nn.Recurrent}. A {@link org.rnn4j.nn.Sequential} chains blocks and their backwards,
 * and streams them step by step ({@link org.rnn4j.nn.BlockStream}).
 *
 * <p>Backends: the recurrent layer runs an {@link org.rnn4j.rnn.RnnEngine} of the chosen
 * {@link org.rnn4j.backend.Backend}; every other op runs on {@link org.rnn4j.nn.Kernels} of the same
 * backend — librnn4j's ops for {@code NATIVE}, the f32 kernels of {@code org.rnn4j.backend.jvm} for
 * {@code JVM}. The default backend is
 * {@link org.rnn4j.rnn.RnnEngines#defaultBackend()} ({@code -Drnn4j.backend=jvm|native}).
 */
package org.rnn4j.nn;
