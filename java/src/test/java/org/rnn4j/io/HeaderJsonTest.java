package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict reading and serde_json-style writing of safetensors header JSON (on Jackson). */
class HeaderJsonTest {
    private static Object parse(String s) throws HeaderJson.SyntaxException {
        return HeaderJson.parse(s);
    }

    private static String reject(String s) {
        return assertThrows(HeaderJson.SyntaxException.class, () -> parse(s)).getMessage();
    }

    @Test
    void parsesTheSubset() throws Exception {
        Object v = parse(" {\"a\": [1, -2, 0], \"b\" : {\"c\":\"d\"}, \"e\":[]}\t\r\n ");
        assertEquals(Map.of("a", List.of(1L, -2L, 0L), "b", Map.of("c", "d"), "e", List.of()), v);
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
    }

    @Test
    void keepsKeyOrder() throws Exception {
        Map<?, ?> m = (Map<?, ?>) parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
    }

    @Test
    void decodesEscapes() throws Exception {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\u0001", parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\u0001\""));
        assertEquals("\uD83D\uDE00", parse("\"\\ud83d\\ude00\""));
        assertEquals("\uD83D\uDE00", parse("\"\uD83D\uDE00\""));
    }

    @Test
    void rejectsEverythingElse() {
        for (String s : new String[] {"true", "false", "null", "1.5", "1e3", "1E3", "01", "-", "-x", "+1",
                "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"",
                "\"\uD83D\"", "\"\uDE00x\"", "\"a\nb\"", "\"abc", "\"abc\\", "[1,]", "[1 2]", "[", "{", "{\"a\"}",
                "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":1 \"b\":2}", "{} x", "[] []", "", "   ", "'a'",
                "\u00a0[]"}) {
            assertThrows(HeaderJson.SyntaxException.class, () -> parse(s), s);
        }
    }

    @Test
    void rejectsIntegersOutsideLong() {
        assertTrue(reject("9223372036854775808").contains("64-bit"));
        assertTrue(reject("-9223372036854775809").contains("64-bit"));
        assertTrue(reject("18446744073709551615").contains("64-bit"));
        assertTrue(reject("1" + "0".repeat(10_000)).contains("64-bit"));
    }

    @Test
    void rejectsDuplicateKeysAtAnyLevel() {
        assertTrue(reject("{\"a\":1,\"a\":1}").contains("duplicate key \"a\""));
        assertTrue(reject("{\"x\":{\"a\":1,\"b\":2,\"a\":3}}").contains("duplicate"));
        assertTrue(reject("{\"\\u0061\":1,\"a\":1}").contains("duplicate"));
    }

    @Test
    void limitsNestingDepth() throws Exception {
        String ok = "[".repeat(HeaderJson.MAX_DEPTH) + "]".repeat(HeaderJson.MAX_DEPTH);
        assertTrue(parse(ok) instanceof List);
        assertTrue(reject("[".repeat(HeaderJson.MAX_DEPTH + 1) + "]".repeat(HeaderJson.MAX_DEPTH + 1))
                .contains("nested"));
        assertTrue(reject("[".repeat(100_000)).contains("nested"));
        assertTrue(reject("{\"a\":".repeat(100_000)).contains("nested"));
    }

    @Test
    void writesCompactObjectsInOrder() throws Exception {
        HeaderJson.Writer json = new HeaderJson.Writer();
        json.generator().writeStartObject();
        json.key("b").string("x");
        json.key("a");
        json.generator().writeArray(new long[] {1, -2}, 0, 2);
        json.generator().writeEndObject();
        assertEquals("{\"b\":\"x\",\"a\":[1,-2]}", json.toString());
    }

    @Test
    void writerOutputParsesBack() throws Exception {
        String nasty = "q\"b\\s/\b\f\n\r\t\u0000\u001f\u007f\u00e9\uD83D\uDE00";
        String json = new HeaderJson.Writer().string(nasty).toString();
        assertEquals("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u00e9\uD83D\uDE00\"", json);
        assertEquals(nasty, parse(json));
        assertThrows(IllegalArgumentException.class, () -> new HeaderJson.Writer().string("a\uD83D"));
    }
}
