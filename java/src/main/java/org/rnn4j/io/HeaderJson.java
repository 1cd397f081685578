package org.rnn4j.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The JSON of safetensors headers, on Jackson's streaming parser and generator.
 *
 * <p>Reading is strict, for the subset headers use: objects, arrays, strings and integers become
 * {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code String} and {@code Long}.
 * Everything else ({@code true}, {@code false}, {@code null}, fractions, exponents, integers outside the
 * {@code long} range, duplicate keys, unpaired surrogates, nesting deeper than {@link #MAX_DEPTH}, trailing
 * content other than whitespace) is rejected. Writing is compact, in the style of Rust's {@code serde_json} (which
 * writes the reference headers): no whitespace, non-ASCII characters as-is, {@code "}, {@code \} and control
 * characters escaped with the short forms {@code \b \f \n \r \t} and lowercase <code>&#92;u00xx</code> otherwise.
 */
final class HeaderJson {
    /** Deepest allowed nesting of objects and arrays. */
    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // one level of slack: the reader's own check (with its own message) runs first
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** A syntax or range error, with the character offset where it was found. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message, long offset) {
            super(message + " at character " + offset);
        }
    }

    private final JsonParser parser;

    private HeaderJson(JsonParser parser) {
        this.parser = parser;
    }

    /** Parses {@code text}, which must hold exactly one value, optionally surrounded by whitespace. */
    static Object parse(String text) throws SyntaxException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            HeaderJson reader = new HeaderJson(parser);
            JsonToken first = reader.next("unexpected end of JSON, expected a value");
            Object value = reader.value(first, 0);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw reader.error("unexpected " + after.asString() + " after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SyntaxException(e.getOriginalMessage(), e.getLocation() == null ? -1
                    : e.getLocation().getCharOffset());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a JSON string", e);
        }
    }

    private Object value(JsonToken token, int depth) throws IOException, SyntaxException {
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                if (depth >= MAX_DEPTH) {
                    throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
                }
                return token == JsonToken.START_OBJECT ? object(depth + 1) : array(depth + 1);
            }
            case VALUE_STRING -> {
                return string(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                try {
                    return Long.parseLong(parser.getText());
                } catch (NumberFormatException e) {
                    throw error("integer outside the 64-bit range");
                }
            }
            case VALUE_NUMBER_FLOAT -> throw error("non-integer number " + parser.getText());
            default -> throw error("unsupported JSON value " + parser.getText());
        }
    }

    private Map<String, Object> object(int depth) throws IOException, SyntaxException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = next("unexpected end of JSON in an object"); t != JsonToken.END_OBJECT;
             t = next("unexpected end of JSON in an object")) {
            String key = string(parser.currentName());
            if (map.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value(next("unexpected end of JSON, expected a value"), depth));
        }
        return map;
    }

    private List<Object> array(int depth) throws IOException, SyntaxException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = next("unexpected end of JSON in an array"); t != JsonToken.END_ARRAY;
             t = next("unexpected end of JSON in an array")) {
            list.add(value(t, depth));
        }
        return list;
    }

    private JsonToken next(String atEnd) throws IOException, SyntaxException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw error(atEnd);
        }
        return t;
    }

    /** {@code s}, unless it holds an unpaired surrogate (Jackson passes them through). */
    private String string(String s) throws SyntaxException {
        String problem = unpairedSurrogate(s);
        if (problem != null) {
            throw error(problem);
        }
        return s;
    }

    private SyntaxException error(String message) {
        return new SyntaxException(message, parser.currentTokenLocation().getCharOffset());
    }

    /** A description of the first unpaired surrogate of {@code s}, or null. */
    private static String unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("unpaired surrogate \\u%04x in a string", (int) c);
            }
        }
        return null;
    }

    /** A header writer: {@link #generator()} is a compact Jackson generator; {@link #toString()} the text. */
    static final class Writer {
        private final StringWriter text = new StringWriter();
        private final JsonGenerator generator;

        Writer() {
            try {
                generator = FACTORY.createGenerator(text).setCharacterEscapes(new SerdeEscapes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes a string, rejecting unpaired surrogates (they have no UTF-8 form). */
        Writer string(String s) throws IOException {
            if (unpairedSurrogate(s) != null) {
                throw new IllegalArgumentException("unpaired surrogate in string: " + s);
            }
            generator.writeString(s);
            return this;
        }

        /** Writes an object key, rejecting unpaired surrogates. */
        Writer key(String s) throws IOException {
            if (unpairedSurrogate(s) != null) {
                throw new IllegalArgumentException("unpaired surrogate in string: " + s);
            }
            generator.writeFieldName(s);
            return this;
        }

        /** The generator, for structure and numbers. */
        JsonGenerator generator() {
            return generator;
        }

        /** The JSON written so far. */
        @Override
        public String toString() {
            try {
                generator.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString();
        }
    }

    /** serde_json's escapes: the short forms where JSON has them, lowercase u00xx escapes for other control characters. */
    private static final class SerdeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        SerdeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                escapes[c] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializedString getEscapeSequence(int c) {
            if (c >= 0x20) {
                return null;  // non-ASCII characters are written as they are
            }
            return switch (c) {
                case '\b' -> new SerializedString("\\b");
                case '\f' -> new SerializedString("\\f");
                case '\n' -> new SerializedString("\\n");
                case '\r' -> new SerializedString("\\r");
                case '\t' -> new SerializedString("\\t");
                default -> new SerializedString(String.format("\\u%04x", c));
            };
        }
    }
}
