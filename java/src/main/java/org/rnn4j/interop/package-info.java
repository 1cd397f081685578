/**
 * Interoperability with PyTorch: {@link org.rnn4j.interop.TorchRnnLayout} converts
 * {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN} {@code state_dict}s, weight gradients and states
 * between PyTorch's layouts and rnn4j's (oneDNN's); {@link org.rnn4j.interop.TorchCell} names the
 * modules and their gate orders; {@link org.rnn4j.interop.SequenceLayout} handles
 * {@code batch_first}.
 */
package org.rnn4j.interop;
