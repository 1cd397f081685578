package org.rnn4j.examples.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic spoken digit strings: 1–7 digits spoken by espeak-ng in one of eight English accents with a voice
 * variant, a speed (130–210 words per minute) and a pitch (25–75), all drawn from the seed. The training and
 * test splits use disjoint sets of variants (different "speakers"), so the test is speaker-independent. Each
 * split is generated once into a cache folder and reused: {@code <cache>/seed<seed>/<split>-<count>/} holds
 * the WAV files (espeak-ng's own rate) and {@code utterances.tsv}, written last.
 */
final class SpokenDigits {
    private static final Logger LOG = LoggerFactory.getLogger(SpokenDigits.class);
    private static final String MANIFEST = "utterances.tsv";

    /** espeak-ng's English voices: the accent part of a speaker. */
    static final List<String> ACCENTS = List.of("en-us", "en", "en-gb-scotland", "en-gb-x-rp", "en-029",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc");

    /** Which speakers a split has. */
    enum Split {
        /** 30 variants, male and female. */
        TRAIN(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f5", "Alicia", "Andrea", "Annie",
                "belinda", "linda", "steph", "adam", "Alex", "Andy", "benjamin", "caleb", "david", "edward", "john",
                "max", "michel", "paul", "robert", "quincy")),
        /** 8 other variants, none of them in training. */
        TEST(List.of("m8", "f4", "steph2", "zac", "iven2", "aunty", "Mario", "pablo"));

        final List<String> variants;

        Split(List<String> variants) {
            this.variants = variants;
        }

        String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One spoken digit string.
     *
     * @param digits  the digits said, each 0–9
     * @param wav     its audio
     */
    record Utterance(int[] digits, String accent, String variant, int speed, int pitch, Path wav) {
        String text() {
            StringBuilder out = new StringBuilder();
            for (int d : digits) {
                out.append(d);
            }
            return out.toString();
        }
    }

    private SpokenDigits() {
    }

    /** The split's {@code count} utterances, generated into {@code cache} first unless they are there. */
    static List<Utterance> prepare(Path cache, Split split, int count, long seed) throws IOException {
        Path folder = cache.resolve("seed" + seed).resolve(split.folder() + "-" + count);
        Path manifest = folder.resolve(MANIFEST);
        List<Utterance> utterances = draw(folder, split, count, seed);
        if (Files.exists(manifest) && Files.readAllLines(manifest).size() == count) {
            return utterances;
        }
        Set<String> installed = Espeak.variants();
        for (String variant : split.variants) {
            if (!installed.contains(variant)) {
                throw new IllegalArgumentException("espeak-ng has no voice variant " + variant + " (reinstall it: "
                        + Espeak.INSTALL + ")");
            }
        }
        Files.createDirectories(folder);
        System.out.printf(Locale.ROOT, "generating %d %s utterances with espeak-ng into %s%n", count, split.folder(),
                folder);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Utterance u : utterances) {
                done.add(workers.submit(() -> {
                    Espeak.speak(String.join(" ", u.text().split("")), u.accent(), u.variant(), u.speed(), u.pitch(),
                            u.wav());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating " + folder, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
        List<String> lines = utterances.stream().map(u -> String.join("\t", u.wav().getFileName().toString(),
                u.text(), u.accent() + "+" + u.variant(), Integer.toString(u.speed()), Integer.toString(u.pitch())))
                .toList();
        Path partial = folder.resolve(MANIFEST + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, manifest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LOG.info("wrote {}", manifest);
        return utterances;
    }

    /** The split's utterances as drawn from the seed (digits, speaker, speed, pitch, file name). */
    private static List<Utterance> draw(Path folder, Split split, int count, long seed) {
        Random random = new Random(seed * 1_000_003L + split.ordinal());
        List<Utterance> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] digits = new int[1 + random.nextInt(7)];
            for (int k = 0; k < digits.length; k++) {
                digits[k] = random.nextInt(10);
            }
            String accent = ACCENTS.get(random.nextInt(ACCENTS.size()));
            String variant = split.variants.get(random.nextInt(split.variants.size()));
            int speed = 130 + random.nextInt(81);
            int pitch = 25 + random.nextInt(51);
            out.add(new Utterance(digits, accent, variant, speed, pitch,
                    folder.resolve(String.format(Locale.ROOT, "%05d.wav", i))));
        }
        return out;
    }
}
