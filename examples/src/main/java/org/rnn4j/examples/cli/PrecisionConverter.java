package org.rnn4j.examples.cli;

import java.util.Locale;

import org.rnn4j.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --precision f32|bf16} (any case). */
public final class PrecisionConverter implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "f32" -> Precision.F32;
            case "bf16" -> Precision.BF16;
            default -> throw new TypeConversionException("expected f32 or bf16, got '" + value + "'");
        };
    }

    /** The option's spelling of a precision: "f32" or "bf16". */
    public static String name(Precision precision) {
        return precision == Precision.F32 ? "f32" : "bf16";
    }
}
