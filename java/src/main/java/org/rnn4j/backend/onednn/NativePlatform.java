package org.rnn4j.backend.onednn;

import java.util.List;

import org.bytedeco.javacpp.Loader;

/**
 * The platforms rnn4j ships a native jar for (those {@code org.bytedeco:dnnl} has), and whether this
 * JVM's platform jar is on the classpath. Decides the one message a user reads when the native backend
 * cannot run: which platform was detected and which artifact to add.
 */
public final class NativePlatform {
    /** JavaCPP platform names with an {@code org.rnn4j:rnn4j-native} classifier jar. */
    public static final List<String> SUPPORTED = List.of("linux-x86_64", "linux-arm64", "macosx-x86_64", "windows-x86_64");

    private NativePlatform() {
    }

    /** This JVM's platform in JavaCPP's naming, e.g. "linux-x86_64" or "macosx-arm64". */
    public static String detected() {
        return Loader.getPlatform();
    }

    /** True when a native jar exists for {@code platform}. */
    public static boolean isSupported(String platform) {
        return SUPPORTED.contains(platform);
    }

    /** True when the rnn4j-native jar of {@code platform} is on the classpath (its JNI library is a resource). */
    public static boolean hasNativeJar(String platform) {
        String resource = "org/rnn4j/internal/" + platform + "/" + jniLibraryName(platform);
        return NativePlatform.class.getClassLoader().getResource(resource) != null;
    }

    /**
     * Why the native backend cannot run on {@code platform} for want of a jar, or null when the jar is
     * there (then a load failure has another cause, reported by {@link NativeLibrary#unavailableReason}).
     */
    public static String missingJarMessage(String platform, String version) {
        if (!isSupported(platform)) {
            return "no rnn4j native library exists for platform " + platform + " (oneDNN publishes jars for "
                    + String.join(", ", SUPPORTED) + " only): the pure-JVM backend runs";
        }
        if (hasNativeJar(platform)) {
            return null;
        }
        return "the rnn4j native library for platform " + platform + " is not on the classpath: add "
                + "org.rnn4j:rnn4j-platform:" + version + " (or org.rnn4j:rnn4j-native:" + version + ":" + platform
                + " with org.bytedeco:dnnl-platform); the pure-JVM backend runs meanwhile";
    }

    private static String jniLibraryName(String platform) {
        if (platform.startsWith("windows")) {
            return "jnirnn4j.dll";
        }
        return platform.startsWith("macosx") ? "libjnirnn4j.dylib" : "libjnirnn4j.so";
    }
}
