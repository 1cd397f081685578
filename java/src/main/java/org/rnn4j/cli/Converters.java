package org.rnn4j.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.rnn4j.interop.TorchCell;
import org.rnn4j.backend.Backend;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters and the value lists shown in the help. */
final class Converters {
    private Converters() {
    }

    /** {@code lstm}, {@code gru}, {@code rnn_tanh}, {@code rnn_relu} (any case). */
    static final class Cell implements ITypeConverter<TorchCell> {
        @Override
        public TorchCell convert(String value) {
            try {
                return TorchCell.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected one of lstm, gru, rnn_tanh, rnn_relu, got '" + value + "'");
            }
        }
    }

    /** The cell names, for {@code ${COMPLETION-CANDIDATES}}. */
    static final class CellNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (TorchCell c : TorchCell.values()) {
                names.add(c.cliName());
            }
            return names.iterator();
        }
    }

    /** {@code native} or {@code jvm} (any case). */
    static final class BackendName implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            for (Backend b : Backend.values()) {
                if (b.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return b;
                }
            }
            throw new TypeConversionException("expected native or jvm, got '" + value + "'");
        }
    }
}
