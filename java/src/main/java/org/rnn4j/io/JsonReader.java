package org.rnn4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for the JSON subset safetensors headers use: objects, arrays, strings and
 * integers. Values become {@code Map<String, Object>} (insertion-ordered), {@code List<Object>},
 * {@code String} and {@code Long}. Everything else ({@code true}, {@code false}, {@code null},
 * fractions, exponents, integers outside the {@code long} range, duplicate keys, nesting deeper than
 * {@link #MAX_DEPTH}, trailing content other than whitespace) is rejected.
 */
final class JsonReader {
    /** Deepest allowed nesting of objects and arrays. */
    static final int MAX_DEPTH = 64;

    /** A syntax or range error, with the character offset where it was found. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message, int offset) {
            super(message + " at character " + offset);
        }
    }

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses {@code text}, which must hold exactly one value, optionally surrounded by whitespace. */
    static Object parse(String text) throws JsonException {
        JsonReader r = new JsonReader(text);
        r.skipWhitespace();
        Object value = r.value(0);
        r.skipWhitespace();
        if (r.pos != text.length()) {
            throw r.error("unexpected " + r.describe(r.pos) + " after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws JsonException {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON, expected a value");
        }
        char c = text.charAt(pos);
        if (c == '{' || c == '[') {
            if (depth >= MAX_DEPTH) {
                throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
            }
            return c == '{' ? object(depth + 1) : array(depth + 1);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        throw error("unsupported JSON value starting with " + describe(pos));
    }

    private Map<String, Object> object(int depth) throws JsonException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (peek() != '"') {
                throw error("expected '\"' starting an object key, found " + describe(pos));
            }
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth);
            if (map.putIfAbsent(key, v) != null) {
                pos = keyStart;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in object, found " + describe(pos));
            }
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) throws JsonException {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in array, found " + describe(pos));
            }
            skipWhitespace();
        }
    }

    private String string() throws JsonException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character " + describe(pos) + " in string");
            }
            if (c == '\\') {
                escape(sb);
            } else if (Character.isSurrogate(c)) {
                rawSurrogatePair(sb, c);
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private void rawSurrogatePair(StringBuilder sb, char high) throws JsonException {
        char low = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        if (!Character.isHighSurrogate(high) || !Character.isLowSurrogate(low)) {
            throw error("unpaired surrogate character in string");
        }
        sb.append(high).append(low);
        pos += 2;
    }

    private void escape(StringBuilder sb) throws JsonException {
        pos++;
        if (pos >= text.length()) {
            throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> unicodeEscape(sb);
            default -> {
                pos--;
                throw error("invalid escape character " + describe(pos));
            }
        }
    }

    private void unicodeEscape(StringBuilder sb) throws JsonException {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (!text.startsWith("\\u", pos)) {
                throw error("unpaired surrogate escape");
            }
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw error("unpaired surrogate escape");
            }
            sb.append(c).append(low);
        } else if (Character.isLowSurrogate(c)) {
            throw error("unpaired surrogate escape");
        } else {
            sb.append(c);
        }
    }

    private char hex4() throws JsonException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0) {
                throw error("invalid hex digit " + describe(pos) + " in \\u escape");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    private Long integer() throws JsonException {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0) {
            throw error("expected a digit, found " + describe(pos));
        }
        if (digits > 1 && text.charAt(digitsStart) == '0') {
            throw error("number with a leading zero");
        }
        char next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            throw error("non-integer number");
        }
        long value = 0;
        for (int i = digitsStart; i < pos; i++) {
            int d = text.charAt(i) - '0';
            if (value < (Long.MIN_VALUE + d) / 10) {
                throw error("integer " + text.substring(start, Math.min(pos, start + 40))
                        + " outside the 64-bit range");
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw error("integer " + text.substring(start, pos) + " outside the 64-bit range");
            }
            value = -value;
        }
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) throws JsonException {
        if (peek() != c || pos >= text.length()) {
            throw error("expected '" + c + "', found " + describe(pos));
        }
        pos++;
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "end of JSON";
        }
        char c = text.charAt(at);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private JsonException error(String message) {
        return new JsonException(message, pos);
    }
}
