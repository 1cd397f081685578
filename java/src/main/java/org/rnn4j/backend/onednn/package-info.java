/**
 * The rest of a training step on librnn4j (oneDNN): {@link org.rnn4j.backend.onednn.NativeLinear},
 * {@link org.rnn4j.backend.onednn.NativeEmbedding}, {@link org.rnn4j.backend.onednn.NativeLosses},
 * {@link org.rnn4j.backend.onednn.NativeDropout}, {@link org.rnn4j.backend.onednn.NativeClipping} and
 * {@link org.rnn4j.backend.onednn.NativeOptimizers}, with their immutable configs. Shapes are checked in Java
 * before native code runs; value ranges that need a pass over the data (ids, targets, mask weights)
 * are checked natively. Every caller mistake is an {@link java.lang.IllegalArgumentException}
 * naming the argument, the expected and the actual value. {@code org.rnn4j.reference.ops} holds the
 * pure-JVM reference of each op.
 */
package org.rnn4j.backend.onednn;
