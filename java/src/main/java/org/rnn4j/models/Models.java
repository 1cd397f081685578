package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnEngines;

/**
 * Loads any saved model: reads the kind from {@code config.json} and makes the model of that kind
 * from the saved config through a small registry (kind name, model class, config record, factory),
 * then restores its weights. The registry is also where each ready model's kind name is written once.
 */
public final class Models {

    /** One kind of model: its name in {@code config.json}, its class, its config record and its factory. */
    private record Kind<C extends Record, M extends Model<?>>(String name, Class<M> type, Class<C> config,
                                                               BiFunction<C, Backend, M> create) {
        M make(Record saved, Backend backend) {
            return create.apply(config.cast(saved), backend);
        }
    }

    private static final List<Kind<?, ?>> KINDS = List.of(
            new Kind<>("LanguageModel", LanguageModel.class, LanguageModel.LanguageModelConfig.class,
                    LanguageModel::create),
            new Kind<>("SequenceClassifier", SequenceClassifier.class,
                    SequenceClassifier.SequenceClassifierConfig.class, SequenceClassifier::create),
            new Kind<>("SequenceRegressor", SequenceRegressor.class, SequenceRegressor.SequenceRegressorConfig.class,
                    SequenceRegressor::create),
            new Kind<>("SequenceTagger", SequenceTagger.class, SequenceTagger.SequenceTaggerConfig.class,
                    SequenceTagger::create),
            new Kind<>("SequenceTranscriber", SequenceTranscriber.class,
                    SequenceTranscriber.SequenceTranscriberConfig.class, SequenceTranscriber::create),
            new Kind<>("OneToMany", OneToMany.class, OneToMany.OneToManyConfig.class, OneToMany::create),
            new Kind<>("Seq2Seq", Seq2Seq.class, Seq2Seq.Seq2SeqConfig.class, Seq2Seq::create));

    private Models() {
    }

    /** Loads the model saved in {@code directory}, of whatever kind, on the default backend. */
    public static Model<?> load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads the model saved in {@code directory} on {@code backend}, after checking the format, the
     * config, the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static Model<?> load(Path directory, Backend backend) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(backend, "backend");
        String kind = ModelFile.kind(directory, names());
        return load(directory, backend, find(kind));
    }

    /** Loads a model of class {@code type} saved in {@code directory}; the file must hold that kind. */
    static <M extends Model<?>> M load(Path directory, Backend backend, Class<M> type) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(backend, "backend");
        for (Kind<?, ?> k : KINDS) {
            if (k.type() == type) {
                ModelFile.kind(directory, List.of(k.name()));
                return type.cast(load(directory, backend, k));
            }
        }
        throw new IllegalArgumentException("type must be a registered model class, got " + type.getName());
    }

    private static Model<?> load(Path directory, Backend backend, Kind<?, ?> kind) throws IOException {
        Model<?> model = kind.make(ModelFile.config(directory, kind.config()), backend);
        try {
            ModelFile.restore(model, directory);
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The kind name of {@code model}'s class. */
    static String kindOf(Model<?> model) {
        for (Kind<?, ?> k : KINDS) {
            if (k.type() == model.getClass()) {
                return k.name();
            }
        }
        throw new IllegalArgumentException("model must be of a registered kind or name its own, got "
                + model.getClass().getName());
    }

    private static Kind<?, ?> find(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names() {
        return KINDS.stream().map(Kind::name).toList();
    }
}
