/**
 * rnn4j's recurrent parameter layout and interoperability with PyTorch:
 * {@link org.rnn4j.interop.RecurrentLayout} is the one naming scheme of recurrent parameters (PyTorch's
 * {@code weight_ih_l0}, … extended to the cells and directions PyTorch lacks) and the one conversion to
 * and from the engines' oneDNN layouts; {@link org.rnn4j.interop.TorchRnnLayout} checks and converts
 * {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN} {@code state_dict}s, weight gradients and states;
 * {@link org.rnn4j.interop.TorchCell} names the modules; {@link org.rnn4j.interop.SequenceLayout} is
 * time-major or {@code batch_first}.
 */
package org.rnn4j.interop;
