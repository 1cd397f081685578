package org.rnn4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** rnn4j's own version, as the build wrote it into {@code org/rnn4j/version.properties}. */
public final class Version {
    private static final String CURRENT = read();

    private Version() {
    }

    /** This library's version (e.g. {@code 0.1.0-SNAPSHOT}), or {@code "unknown"} outside a built jar. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/org/rnn4j/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
