package org.rnn4j.rnn;

import org.rnn4j.backend.Backend;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@link RnnEngine}s. The backend is chosen by argument, else by the system property
 * {@code rnn4j.backend} ({@code native} or {@code jvm}), else native. When native is chosen by
 * default and cannot load, the JVM backend is used and a WARN log says why (once); when native is asked
 * for explicitly and cannot load, creation fails.
 */
public final class RnnEngines {
    /** System property naming the default backend. */
    public static final String BACKEND_PROPERTY = "rnn4j.backend";
    private static final Logger LOG = LoggerFactory.getLogger(RnnEngines.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private RnnEngines() {
    }

    /** An engine on the default backend (see the class comment). */
    public static RnnEngine create(RnnConfig config) {
        return create(config, defaultBackend());
    }

    /**
     * The default backend: the one {@link #BACKEND_PROPERTY} names, else native when it loads, else
     * JVM (logged once per JVM at WARN with the reason). Layers, losses and optimizers use it too.
     */
    public static Backend defaultBackend() {
        String property = System.getProperty(BACKEND_PROPERTY);
        if (property != null) {
            return parse(property);
        }
        if (!NativeLibrary.isAvailable()) {
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.warn("native backend unavailable, using the pure-JVM backend: {}", NativeLibrary.unavailableReason());
            }
            return Backend.JVM;
        }
        return Backend.NATIVE;
    }

    /** An engine on {@code backend}; fails with the reason if that backend is unavailable. */
    public static RnnEngine create(RnnConfig config, Backend backend) {
        switch (backend) {
            case JVM:
                return new JvmRnn(config);
            case NATIVE:
            default:
                return new NativeRnn(config);
        }
    }

    /** Parses "native" or "jvm" (any case). */
    public static Backend parse(String name) {
        try {
            return Backend.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BACKEND_PROPERTY + " must be 'native' or 'jvm', got '" + name + "'");
        }
    }
}
