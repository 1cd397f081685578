package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .npy} header dictionary: parsing of the Python literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} and formatting it exactly as
 * numpy's {@code np.save} does.
 *
 * @param dtype        the element type
 * @param fortranOrder whether the data is stored column-major
 * @param shape        the dimensions
 */
record NpyHeader(DType dtype, boolean fortranOrder, long[] shape) {
    /** numpy's {@code GROWTH_AXIS_MAX_DIGITS}: room left to rewrite the first dimension in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final String SUPPORTED = "one of '<f4', '<f8', '<i4', '<i8'";

    /**
     * The header text numpy writes for a C-ordered array, before alignment padding and the final
     * newline.
     */
    static String format(DType dtype, long[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.npyDescr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        sb.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            sb.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        return sb.toString();
    }

    /** Parses and checks a header dictionary; {@code text} must be ASCII. */
    static NpyHeader parse(String text, Path file) throws CorruptFileException {
        return new Parser(text, file).header();
    }

    /** Recursive-descent parser for the restricted Python literal. */
    private static final class Parser {
        private final String text;
        private final Path file;
        private int pos;

        Parser(String text, Path file) {
            this.text = text;
            this.file = file;
        }

        NpyHeader header() throws CorruptFileException {
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            skipWhitespace();
            expect('{');
            while (true) {
                skipWhitespace();
                if (peek() == '}') {
                    break;
                }
                String key = string("a dictionary key");
                skipWhitespace();
                expect(':');
                skipWhitespace();
                boolean duplicate;
                switch (key) {
                    case "descr" -> {
                        duplicate = descr != null;
                        descr = string("the descr string");
                    }
                    case "fortran_order" -> {
                        duplicate = fortran != null;
                        fortran = bool();
                    }
                    case "shape" -> {
                        duplicate = shape != null;
                        shape = tuple();
                    }
                    default -> throw fail("header", "only the keys 'descr', 'fortran_order' and 'shape'",
                            "the key '" + SafeTensorsHeader.abbreviate(key) + "'");
                }
                if (duplicate) {
                    throw fail("header", "each key once", "a second '" + key + "'");
                }
                skipWhitespace();
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
            expect('}');
            skipWhitespace();
            if (pos != text.length()) {
                throw syntax("the end of the header after '}'");
            }
            if (descr == null || fortran == null || shape == null) {
                throw fail("header", "the keys 'descr', 'fortran_order' and 'shape'",
                        "no '" + (descr == null ? "descr" : fortran == null ? "fortran_order" : "shape") + "'");
            }
            return new NpyHeader(dtype(descr), fortran, shape);
        }

        private DType dtype(String descr) throws CorruptFileException {
            String shown = "'" + SafeTensorsHeader.abbreviate(descr) + "'";
            if (descr.startsWith(">")) {
                throw fail("descr", "a little-endian " + SUPPORTED, shown + " (big-endian)");
            }
            return DType.fromNpyDescr(descr).orElseThrow(() -> fail("descr", SUPPORTED, shown));
        }

        private String string(String what) throws CorruptFileException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw syntax(what + " in quotes");
            }
            int start = ++pos;
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos);
                if (c == '\\' || c < 0x20) {
                    throw syntax("a plain string without escapes or control characters");
                }
                pos++;
            }
            if (pos >= text.length()) {
                throw syntax("a closing " + quote);
            }
            return text.substring(start, pos++);
        }

        private boolean bool() throws CorruptFileException {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw syntax("True or False for fortran_order");
        }

        private long[] tuple() throws CorruptFileException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean trailingComma = false;
            while (true) {
                skipWhitespace();
                if (peek() == ')') {
                    break;
                }
                dims.add(dimension());
                skipWhitespace();
                trailingComma = peek() == ',';
                if (!trailingComma) {
                    break;
                }
                pos++;
            }
            expect(')');
            if (dims.size() == 1 && !trailingComma) {
                throw fail("shape", "a tuple such as (5,)", "a parenthesized integer without a comma");
            }
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i);
            }
            return out;
        }

        private long dimension() throws CorruptFileException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits) {
                throw syntax("an integer dimension");
            }
            String literal = text.substring(start, pos);
            if (pos - digits > 1 && text.charAt(digits) == '0') {
                throw fail("shape", "decimal integers without leading zeros", literal);
            }
            if (start != digits) {
                throw fail("shape", "non-negative dimensions", SafeTensorsHeader.abbreviate(literal));
            }
            if (pos - digits > 19 || (pos - digits == 19 && literal.compareTo(Long.toString(Long.MAX_VALUE)) > 0)) {
                throw fail("shape", "dimensions of at most " + Long.MAX_VALUE, SafeTensorsHeader.abbreviate(literal));
            }
            return Long.parseLong(literal);
        }

        private void skipWhitespace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                    || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) throws CorruptFileException {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw syntax("'" + c + "'");
            }
            pos++;
        }

        private CorruptFileException syntax(String expected) {
            String found = pos >= text.length() ? "the end of the header"
                    : "'" + printable(text.substring(pos, Math.min(text.length(), pos + 20)))
                            + "' at header character " + pos;
            return fail("header", expected, found);
        }

        private static String printable(String s) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                if (c >= 0x20 && c < 0x7f) {
                    sb.append(c);
                } else {
                    sb.append(String.format("\\x%02x", (int) c));
                }
            }
            return sb.toString();
        }

        private CorruptFileException fail(String field, String expected, String actual) {
            return new CorruptFileException(file, field, expected, actual);
        }
    }
}
