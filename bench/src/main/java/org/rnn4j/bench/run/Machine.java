package org.rnn4j.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.rnn4j.backend.jvm.FastRnn;
import org.rnn4j.backend.onednn.NativeLibrary;

/** Where and when a run was taken: CPU model and SIMD flags, cores, threads, JDK, oneDNN, date, git commit, load. */
final class Machine {
    /** The CPU flags that decide oneDNN's and the JVM's kernels. */
    private static final List<String> FLAGS = List.of("avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
            "avx512_bf16", "avx512_fp16", "amx_bf16", "amx_tile", "amx_int8", "avx_vnni", "asimd", "sve");

    private Machine() {
    }

    /** The run's record; {@code loadBefore} is the load average read before the first row. */
    static Map<String, Object> describe(int threads, String loadBefore, Path repo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("cpu", cpuModel());
        m.put("cpu_flags", String.join(" ", simdFlags()));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("threads", threads);
        m.put("jvm_backend_threads", FastRnn.threads());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("onednn", NativeLibrary.onednnVersion());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
        m.put("git_commit", git(repo));
        m.put("load_before", loadBefore);
        return m;
    }

    /** The 1, 5 and 15 minute load averages and the running/total tasks (/proc/loadavg), or "n/a". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    private static List<String> simdFlags() {
        List<String> present = new ArrayList<>();
        for (String line : cpuinfo()) {
            if (line.startsWith("flags") || line.startsWith("Features")) {
                List<String> all = List.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
                for (String f : FLAGS) {
                    if (all.contains(f)) {
                        present.add(f);
                    }
                }
                return present;
            }
        }
        return present;
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String git(Path repo) {
        try {
            Process p = new ProcessBuilder("git", "-C", repo.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "n/a";
        } catch (IOException e) {
            return "n/a";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "n/a";
        }
    }

    static String describeLine(Map<String, Object> m) {
        return String.format(Locale.ROOT, "%s, %s cores, %s oneDNN threads, %s JVM-backend threads; flags %s; %s; "
                + "oneDNN %s; %s; commit %s", m.get("cpu"), m.get("cores"), m.get("threads"),
                m.get("jvm_backend_threads"), m.get("cpu_flags"), m.get("jdk"), m.get("onednn"),
                m.get("date"), m.get("git_commit"));
    }
}
