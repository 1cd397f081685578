package org.rnn4j.examples.dates;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The human date formats the {@code dates} example translates to ISO 8601 ({@code 1997-03-03}), each
 * with a name (for {@code --unseen-format}) and a renderer. Dates lie in 1950–2049, so a two-digit year
 * is unambiguous: 50–99 are 19xx, 00–49 are 20xx. Slashes are month first (US), dots day first.
 */
public final class DateFormats {
    /** The first and last date generated. */
    public static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2049, 12, 31);

    /** The format held out of training by default: day first with the full month name. */
    public static final String DEFAULT_UNSEEN = "day-month";

    /** A named way of writing a date. */
    public record Format(String name, Function<LocalDate, String> render) {
        public String apply(LocalDate date) {
            return render.apply(date);
        }
    }

    /** Every format, in a fixed order; the example for 1997-03-03 (a Monday) is in each comment. */
    public static final List<Format> ALL = List.of(
            new Format("ordinal-of", d -> ordinal(d.getDayOfMonth()) + " of " + month(d) + " " + d.getYear()), // 3rd of March 1997
            new Format("us-short", pattern("MM/dd/yy")),                  // 03/03/97
            new Format("us-long", pattern("MMMM d, yyyy")),               // March 3, 1997
            new Format("weekday-us-long", pattern("EEEE, MMMM d, yyyy")), // Monday, March 3, 1997
            new Format("day-mon", pattern("d MMM yyyy")),                 // 3 Mar 1997
            new Format("iso-unpadded", d -> d.getYear() + "-" + d.getMonthValue() + "-" + d.getDayOfMonth()), // 1997-3-3
            new Format("eu-dots", pattern("dd.MM.yyyy")),                 // 03.03.1997
            new Format("compact", pattern("yyyyMMdd")),                   // 19970303
            new Format("rfc-1123", pattern("EEE, d MMM yyyy")),           // Mon, 3 Mar 1997
            new Format("upper-dd-mon", d -> pattern("dd-MMM-yyyy").apply(d).toUpperCase(Locale.ROOT)), // 03-MAR-1997
            new Format("us-numeric", pattern("M/d/yyyy")),                // 3/3/1997
            new Format("us-ordinal", d -> month(d) + " " + ordinal(d.getDayOfMonth()) + ", " + d.getYear()), // March 3rd, 1997
            new Format("day-month", pattern("d MMMM yyyy")));             // 3 March 1997

    private DateFormats() {
    }

    /** The format called {@code name}. */
    public static Format named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--unseen-format must be one of " + names() + ", got '" + name + "'"));
    }

    /** The formats' names, comma-separated. */
    public static String names() {
        return ALL.stream().map(Format::name).collect(Collectors.joining(", "));
    }

    /** The target: ISO 8601, e.g. 1997-03-03. */
    public static String iso(LocalDate date) {
        return date.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    private static Function<LocalDate, String> pattern(String pattern) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        return formatter::format;
    }

    private static String month(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st, 22nd, 23rd, ..., 31st. */
    static String ordinal(int day) {
        String suffix = day / 10 == 1 ? "th" : switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return day + suffix;
    }
}
