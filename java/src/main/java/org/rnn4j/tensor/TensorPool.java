package org.rnn4j.tensor;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.lang.management.ManagementFactory;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The native memory of released tensors, kept for the next tensor of the same size instead of being
 * handed back to the C allocator: a training loop allocates the same outputs, workspaces and gradients
 * every step, and memory fresh from the operating system costs a page fault per 4 KiB on first touch
 * (measured: a third of the LSTM/tanh-RNN 50,64,512 training step through the Java API went to page
 * faults before this pool; with it the step runs at the C++ kernel's speed).
 *
 * <p>Only blocks of at least {@link #MIN_POOLED_BYTES} are kept (smaller ones come from the C heap
 * without page faults), served to a tensor of the same element count or up to 25 % fewer (the smallest
 * such block), and at most {@link #maxIdleBytes()} bytes idle in all (the least recently released go
 * first). The bound is the system property {@code rnn4j.tensorPool.maxIdleBytes} (bytes; 0 turns pooling
 * off) read at start-up, by default a quarter of physical memory within [512 MiB, 8 GiB],
 * or {@link #setMaxIdleBytes(long)}. {@link #trim()} frees every idle block now. Idle blocks are native
 * memory JavaCPP counts in {@code Pointer.totalBytes()}: {@link #idleBytes()} tells how much of it.
 * Thread-safe.
 */
public final class TensorPool {
    /** Blocks smaller than this (glibc's default mmap threshold, 128 KiB) are never pooled. */
    public static final long MIN_POOLED_BYTES = 128 * 1024;
    static final long MIN_DEFAULT_MAX_IDLE_BYTES = 512L * 1024 * 1024;
    static final long MAX_DEFAULT_MAX_IDLE_BYTES = 8L * 1024 * 1024 * 1024;

    private static final ArrayDeque<FloatPointer> IDLE = new ArrayDeque<>(); // oldest release first
    private static long idleBytes;
    private static long maxIdleBytes = initialMaxIdleBytes();

    private TensorPool() {
    }

    /**
     * A quarter of the machine's physical memory, within [512 MiB, 8 GiB]: a training step's outputs,
     * workspace and gradients must fit, or every step frees and faults them in again (measured: LBR-GRU
     * 629,128,128 training, ~1.4 GB a step, 1.34x the C++ kernel's time under a 512 MiB bound, 1.03x under 4 GiB).
     */
    static long defaultMaxIdleBytes() {
        long physical = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = os.getTotalMemorySize();
        }
        if (physical <= 0) {
            return MIN_DEFAULT_MAX_IDLE_BYTES;
        }
        return Math.max(MIN_DEFAULT_MAX_IDLE_BYTES, Math.min(MAX_DEFAULT_MAX_IDLE_BYTES, physical / 4));
    }

    /** Bytes of native memory held idle for reuse. */
    public static synchronized long idleBytes() {
        return idleBytes;
    }

    /** The most bytes kept idle. */
    public static synchronized long maxIdleBytes() {
        return maxIdleBytes;
    }

    /** Bounds the idle memory to {@code bytes} (>= 0; 0 = no pooling), freeing the oldest blocks beyond it. */
    public static synchronized void setMaxIdleBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxIdleBytes must be >= 0, got " + bytes);
        }
        maxIdleBytes = bytes;
        evictBeyond(bytes);
    }

    /** Frees every idle block now. */
    public static synchronized void trim() {
        evictBeyond(0);
    }

    /** Memory for {@code count} floats: an idle block of exactly that size, else freshly allocated (null pointer on failure). */
    static FloatPointer allocate(long count) {
        if (count * 4 >= MIN_POOLED_BYTES) {
            FloatPointer reused = take(count);
            if (reused != null) {
                return reused;
            }
        }
        FloatPointer fresh = new FloatPointer(count);
        if (fresh.isNull() && idleBytes() > 0) { // out of native memory: give the idle blocks back first
            trim();
            fresh = new FloatPointer(count);
        }
        return fresh;
    }

    /** Takes back a released tensor's memory: kept idle when big enough and within the bound, else freed. */
    static void release(FloatPointer memory) {
        long bytes = memory.capacity() * 4;
        if (bytes >= MIN_POOLED_BYTES) {
            synchronized (TensorPool.class) {
                if (bytes <= maxIdleBytes) {
                    IDLE.addLast(memory);
                    idleBytes += bytes;
                    evictBeyond(maxIdleBytes);
                    return;
                }
            }
        }
        memory.deallocate();
    }

    private static synchronized FloatPointer take(long count) {
        FloatPointer best = null;
        long largest = count + count / 4; // a block at most 25 % larger serves: lengths that vary a little reuse it
        for (Iterator<FloatPointer> it = IDLE.descendingIterator(); it.hasNext(); ) { // newest first: still in cache
            FloatPointer p = it.next();
            long capacity = p.capacity();
            if (capacity == count) {
                best = p;
                break;
            }
            if (capacity > count && capacity <= largest && (best == null || capacity < best.capacity())) {
                best = p;
            }
        }
        if (best == null) {
            return null;
        }
        IDLE.remove(best);
        idleBytes -= best.capacity() * 4;
        best.position(0).limit(count);
        return best;
    }

    private static void evictBeyond(long bound) {
        while (idleBytes > bound) {
            FloatPointer oldest = IDLE.removeFirst();
            idleBytes -= oldest.capacity() * 4;
            oldest.deallocate();
        }
    }

    private static long initialMaxIdleBytes() {
        String value = System.getProperty("rnn4j.tensorPool.maxIdleBytes");
        if (value == null) {
            return defaultMaxIdleBytes();
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "system property rnn4j.tensorPool.maxIdleBytes must be a number of bytes >= 0, got '" + value + "'");
    }
}
