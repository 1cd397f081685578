package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativePlatformTest {

    @Test
    void theBuildPlatformsJarIsOnTheTestClasspath() {
        String platform = NativePlatform.detected();
        assertTrue(NativePlatform.isSupported(platform), platform);
        assertTrue(NativePlatform.hasNativeJar(platform), platform);
        assertNull(NativePlatform.missingJarMessage(platform, "1.2.3"));
        assertTrue(NativeLibrary.isAvailable(), NativeLibrary.unavailableReason());
        assertNull(NativeLibrary.unavailableReason());
    }

    @Test
    void aSupportedPlatformWithoutItsJarNamesTheArtifactsToAdd() {
        String other = NativePlatform.detected().equals("windows-x86_64") ? "linux-arm64" : "windows-x86_64";
        assertFalse(NativePlatform.hasNativeJar(other));
        assertEquals("the rnn4j native library for platform " + other + " is not on the classpath: add "
                + "org.rnn4j:rnn4j-platform:1.2.3 (or org.rnn4j:rnn4j-native:1.2.3:" + other
                + " with org.bytedeco:dnnl-platform); the pure-JVM backend runs meanwhile",
                NativePlatform.missingJarMessage(other, "1.2.3"));
    }

    @Test
    void appleSiliconHasNoNativeLibraryAndRunsTheJvmBackend() {
        assertFalse(NativePlatform.isSupported("macosx-arm64"));
        assertEquals("no rnn4j native library exists for platform macosx-arm64 (oneDNN publishes jars for "
                + "linux-x86_64, linux-arm64, macosx-x86_64, windows-x86_64 only): the pure-JVM backend runs",
                NativePlatform.missingJarMessage("macosx-arm64", "1.2.3"));
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertTrue(org.rnn4j.Version.current().matches("\\d+\\.\\d+\\.\\d+.*"), org.rnn4j.Version.current());
    }
}
