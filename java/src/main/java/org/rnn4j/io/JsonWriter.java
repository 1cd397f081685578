package org.rnn4j.io;

/**
 * Compact JSON output in the style of Rust's {@code serde_json} (which writes the reference
 * safetensors headers): no whitespace, non-ASCII characters written as-is, {@code "}, {@code \}
 * and control characters escaped, with the short forms {@code \b \f \n \r \t} and lowercase
 * <code>&#92;u00xx</code> otherwise.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();

    /** Appends a JSON string literal for {@code s}. */
    JsonWriter string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate in string: " + s);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return this;
    }

    /** Appends a decimal integer. */
    JsonWriter number(long v) {
        out.append(v);
        return this;
    }

    /** Appends {@code [a,b,...]}. */
    JsonWriter numbers(long[] values) {
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values[i]);
        }
        out.append(']');
        return this;
    }

    /** Appends a structural character such as {@code {}, {@code :} or {@code ,}. */
    JsonWriter punct(char c) {
        out.append(c);
        return this;
    }

    /** The JSON text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
