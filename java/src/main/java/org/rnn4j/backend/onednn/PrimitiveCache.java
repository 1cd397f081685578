package org.rnn4j.backend.onednn;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound of every native kernel's primitive cache, and the DEBUG log of its evictions. Each
 * kernel (a recurrent engine, a linear layer) caches oneDNN primitives per shape in a least recently
 * used cache of at most {@link #capacity()} shapes; a call whose shape was evicted rebuilds its
 * primitives (oneDNN's own process-wide cache, {@code ONEDNN_PRIMITIVE_CACHE_CAPACITY}, makes that cheap).
 *
 * <p>The bound is the system property {@value #PROPERTY} (shapes per kernel, default
 * {@value #DEFAULT_CAPACITY}), read when a kernel is made; a kernel's own setter changes it later.
 */
public final class PrimitiveCache {
    /** The system property holding the capacity of newly made kernels' caches. */
    public static final String PROPERTY = "rnn4j.primitiveCacheCapacity";
    /** Shapes per kernel when the property is not set (= rnn4j.h's DEFAULT_PRIMITIVE_CACHE_CAPACITY). */
    public static final int DEFAULT_CAPACITY = 64;

    private static final Logger LOG = LoggerFactory.getLogger(PrimitiveCache.class);

    private final String owner;
    private final LongSupplier evictions;
    private final AtomicLong logged = new AtomicLong();

    /** Watches the evictions of one kernel, named {@code owner} in the log. */
    public PrimitiveCache(String owner, LongSupplier evictions) {
        this.owner = owner;
        this.evictions = evictions;
    }

    /**
     * The capacity {@value #PROPERTY} asks for, else {@value #DEFAULT_CAPACITY}.
     *
     * @throws IllegalArgumentException when the property is not an integer >= 1
     */
    public static int capacity() {
        String text = System.getProperty(PROPERTY);
        if (text == null) {
            return DEFAULT_CAPACITY;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be an integer >= 1, got '"
                    + text + "'", e);
        }
        return checkCapacity(PROPERTY, value);
    }

    /** {@code value} when it is >= 1. */
    public static int checkCapacity(String name, long value) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be in [1, " + Integer.MAX_VALUE + "], got " + value);
        }
        return (int) value;
    }

    /** After a call: logs at DEBUG how many entries the call evicted, if any (cheap when DEBUG is off). */
    public void afterCall() {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        long now = evictions.getAsLong();
        long before = logged.getAndSet(now);
        if (now > before) {
            LOG.debug("{}: evicted {} primitive cache entr{} ({} in all)", owner, now - before,
                    now - before == 1 ? "y" : "ies", now);
        }
    }
}
