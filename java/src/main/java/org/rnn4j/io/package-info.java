/**
 * Strict, hostile-input-safe readers and writers for numpy {@code .npy} files ({@link
 * org.rnn4j.io.Npy}) and {@code .safetensors} files ({@link org.rnn4j.io.SafeTensors}).
 *
 * <p>Arrays live in host memory as immutable {@link org.rnn4j.io.HostArray}s of a {@link
 * org.rnn4j.tensor.DType}. Every malformed, truncated or unsupported input is reported as a {@link
 * org.rnn4j.io.CorruptFileException} naming the file, the field, the expected and the actual value;
 * headers are fully validated against the file size before any tensor memory is allocated. Writers
 * replace their target atomically and durably ({@link org.rnn4j.io.AtomicFiles}: one file mode for every
 * file, {@code 0666} less the umask); {@link org.rnn4j.io.ChecksummedJson} is a JSON file carrying its own
 * SHA-256; {@link org.rnn4j.io.NonFinite} finds NaN and infinities. JSON goes through Jackson.
 */
package org.rnn4j.io;
