package org.rnn4j.backend.onednn;


import org.bytedeco.javacpp.Loader;
import org.rnn4j.Version;
import org.rnn4j.internal.global.rnn4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads librnn4j (and oneDNN from the org.bytedeco:dnnl jar) once per JVM and turns native
 * exceptions into Java ones. All native calls of rnn4j go through {@link #call}.
 */
public final class NativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);
    private static final String INVALID_ARGUMENT = "invalid argument: ";

    private static final class Holder {
        static final String MISSING_JAR = NativePlatform.missingJarMessage(NativePlatform.detected(), Version.current());
        static final Throwable FAILURE = MISSING_JAR != null ? new UnsatisfiedLinkError(MISSING_JAR) : load();
    }

    private NativeLibrary() {
    }

    private static Throwable load() {
        try {
            long start = System.nanoTime();
            Loader.load(rnn4j.class);
            LOG.debug("loaded librnn4j with oneDNN {} in {} ms", rnn4j.onednn_version().getString(),
                    (System.nanoTime() - start) / 1_000_000);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** True when the native library for this platform is on the classpath and loads. */
    public static boolean isAvailable() {
        return Holder.FAILURE == null;
    }

    /**
     * Why the native library cannot be used, or null when it can: the missing jar and the artifact to add
     * ({@link NativePlatform#missingJarMessage}), else the load failure.
     */
    public static String unavailableReason() {
        if (Holder.MISSING_JAR != null) {
            return Holder.MISSING_JAR;
        }
        Throwable t = Holder.FAILURE;
        return t == null ? null : t.getClass().getSimpleName() + ": " + t.getMessage() + " (platform "
                + NativePlatform.detected() + ")";
    }

    /** Loads the library or throws {@link NativeException} saying why it cannot. */
    public static void ensureLoaded() {
        if (Holder.FAILURE != null) {
            throw new NativeException("the rnn4j native library cannot be loaded: " + unavailableReason(), Holder.FAILURE);
        }
    }

    /** oneDNN's version, e.g. "3.8.1". */
    public static String onednnVersion() {
        ensureLoaded();
        return rnn4j.onednn_version().getString();
    }

    /**
     * The most threads {@link #setThreads} accepts: far above any core count rnn4j runs on, far below
     * what makes OpenMP fail to create its team (a million threads crashed libgomp).
     */
    public static final int MAX_THREADS = 1024;

    /**
     * Sets the number of threads native kernels use, at most {@link #MAX_THREADS} (n <= 0: the default, one
     * per core while the machine is otherwise idle, and fewer while other processes want the cores: on
     * Linux each execution reads the number of runnable tasks, at most every 50 ms, and leaves the cores
     * they take, so a busy machine does not stall every time step's barrier; n > 0 fixes the count). Idle threads follow OpenMP's wait policy: libgomp's default (spin a while, then sleep)
     * unless the environment variable {@code OMP_WAIT_POLICY} ({@code ACTIVE} or {@code PASSIVE}) is set
     * when the process starts; the default measured best both on a quiet machine and beside a busy process
     * (README, "Threads and memory").
     *
     * @throws IllegalArgumentException when n > {@link #MAX_THREADS}
     */
    public static void setThreads(int n) {
        if (n > MAX_THREADS) {
            throw new IllegalArgumentException("thread count must be <= " + MAX_THREADS
                    + " (or <= 0 for one per core), got " + n);
        }
        ensureLoaded();
        call(() -> rnn4j.set_num_threads(n));
    }

    /**
     * Sets the entries of oneDNN's process-wide primitive cache, which every kernel's own cache
     * ({@link PrimitiveCache}) draws on: oneDNN's default is 1024 (or the environment variable
     * {@code ONEDNN_PRIMITIVE_CACHE_CAPACITY}); 0 disables it. Serving many shapes, this and the kernels'
     * capacities bound the memory primitives take.
     */
    public static void setOnednnPrimitiveCacheCapacity(int entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("oneDNN primitive cache capacity must be >= 0, got " + entries);
        }
        ensureLoaded();
        call(() -> rnn4j.set_onednn_primitive_cache_capacity(entries));
    }

    public static int onednnPrimitiveCacheCapacity() {
        ensureLoaded();
        return (int) callLong(rnn4j::onednn_primitive_cache_capacity);
    }

    public static int threads() {
        ensureLoaded();
        return rnn4j.num_threads();
    }

    /**
     * Nanoseconds spent so far inside oneDNN primitives (recurrent, matmul, reorders) by every native
     * kernel of this process, summed over calling threads: read it before and after a step to know how much
     * of the step ran inside oneDNN.
     */
    public static long primitiveNanoseconds() {
        ensureLoaded();
        return rnn4j.primitive_nanoseconds();
    }

    /** Runs a native call, mapping its exceptions: caller mistakes to IllegalArgumentException, the rest to NativeException. */
    public static void call(Runnable nativeCall) {
        try {
            nativeCall.run();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Like {@link #call(Runnable)} for calls that return a long. */
    public static long callLong(java.util.function.LongSupplier nativeCall) {
        try {
            return nativeCall.getAsLong();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Like {@link #call(Runnable)} for calls that return a double. */
    public static double callDouble(java.util.function.DoubleSupplier nativeCall) {
        try {
            return nativeCall.getAsDouble();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof NativeException) {
            return e;
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith(INVALID_ARGUMENT)) {
            return new IllegalArgumentException(message.substring(INVALID_ARGUMENT.length()), e);
        }
        return new NativeException(message, e);
    }
}
