package org.rnn4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The library's one checksum: SHA-256, written as lowercase hex. Model files record the digest of their weights
 * file ({@link #ofFile}); checkpoints digest their content piece by piece ({@link #update}, {@link #hex}).
 * Not thread-safe.
 */
public final class Sha256 {
    private final MessageDigest digest;

    /** A digest of nothing yet. */
    public Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The hex SHA-256 of the bytes of {@code file}, read in 64 KiB blocks. */
    public static String ofFile(Path file) throws IOException {
        Sha256 sha = new Sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.hex();
    }

    /** Adds {@code bytes}. */
    public Sha256 update(byte[] bytes) {
        digest.update(bytes);
        return this;
    }

    /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
    public Sha256 update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        return this;
    }

    /** Adds one byte. */
    public Sha256 update(byte b) {
        digest.update(b);
        return this;
    }

    /** The digest of everything added, as 64 lowercase hex digits; the digest starts over empty. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
