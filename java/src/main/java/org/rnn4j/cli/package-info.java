/**
 * The {@code rnn4j} command line ({@link org.rnn4j.cli.Rnn4jCli}): {@code rnn4j forward} runs a
 * PyTorch recurrent module from its {@code state_dict} on {@code .npy} files, forward and backward.
 * Needs picocli (an optional dependency) and an SLF4J binding; the {@code cli} jar has both.
 */
package org.rnn4j.cli;
