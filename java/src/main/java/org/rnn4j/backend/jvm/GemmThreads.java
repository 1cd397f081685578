package org.rnn4j.backend.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The JVM backend's threads: one fixed pool of daemon threads shared by every {@link Gemm} call, sized by
 * the system property {@value #PROPERTY} (default: the available processors; 1 = run on the calling thread
 * only). A large enough product is split by columns of C into one slice per thread; the caller computes
 * the first slice itself. Each element of C is computed by one thread in the same order as single-threaded,
 * so results do not depend on the thread count.
 */
final class GemmThreads {
    static final String PROPERTY = "rnn4j.jvm.threads";
    /**
     * Below this many multiply-adds (~0.1 ms on one core) handing a slice to another thread and waiting for
     * it costs more than it saves; e.g. the per-step products of a one-sequence batch stay on the caller.
     */
    static final long MIN_WORK = 1L << 21;
    /** Slices are whole multiples of this many columns (the vector loops' unit). */
    static final int COLUMN_UNIT = 16;

    private static final int THREADS = threadCount();
    private static final ExecutorService POOL = THREADS > 1 ? Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "rnn4j-jvm-gemm");
        t.setDaemon(true);
        return t;
    }) : null;

    private GemmThreads() {
    }

    /** How many threads the JVM backend's GEMMs use. */
    static int threads() {
        return THREADS;
    }

    /** The column range [from, to) of C computed by one thread. */
    interface Slice {
        void run(int from, int to);
    }

    /** Runs {@code slice} over [from, to), split across the threads when {@code work} multiply-adds make it pay. */
    static void split(long work, int from, int to, Slice slice) {
        int slices = (int) Math.min(THREADS, (to - from) / COLUMN_UNIT);
        if (POOL == null || work < MIN_WORK || slices < 2) {
            slice.run(from, to);
            return;
        }
        int[] bounds = bounds(from, to, slices);
        List<Future<?>> others = new ArrayList<>(slices - 1);
        for (int s = 1; s < slices; s++) {
            int a = bounds[s];
            int b = bounds[s + 1];
            others.add(POOL.submit(() -> slice.run(a, b)));
        }
        slice.run(bounds[0], bounds[1]);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a GEMM slice", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** Slice s of [from, to) is [bounds[s], bounds[s + 1]): near-equal whole units of columns, the last cut at to. */
    static int[] bounds(int from, int to, int slices) {
        int units = (to - from + COLUMN_UNIT - 1) / COLUMN_UNIT;
        int[] bounds = new int[slices + 1];
        for (int s = 0; s <= slices; s++) {
            bounds[s] = Math.min(to, from + (int) ((long) units * s / slices) * COLUMN_UNIT);
        }
        return bounds;
    }

    private static int threadCount() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new IllegalArgumentException(PROPERTY + " must be >= 1, got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be an integer >= 1, got '" + value + "'", e);
        }
    }
}
