package org.rnn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The content of a safetensors file: its tensors, in the order of their data in the file, and its
 * {@code __metadata__} string map (empty if the file has none). Immutable.
 */
public final class SafeTensorsFile {
    private final List<NamedTensor> tensors;
    private final Map<String, HostArray> byName;
    private final Map<String, String> metadata;

    SafeTensorsFile(List<NamedTensor> tensors, Map<String, String> metadata) {
        this.tensors = List.copyOf(tensors);
        Map<String, HostArray> map = new LinkedHashMap<>();
        for (NamedTensor t : tensors) {
            map.put(t.name(), t.array());
        }
        this.byName = Collections.unmodifiableMap(map);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensors in file (data offset) order. */
    public List<NamedTensor> tensors() {
        return tensors;
    }

    /** The tensors by name, iterating in file order; unmodifiable. */
    public Map<String, HostArray> asMap() {
        return byName;
    }

    /** The {@code __metadata__} entries in file order; unmodifiable, empty if absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether the file has a tensor called {@code name}. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The tensor called {@code name}, if present. */
    public Optional<HostArray> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws NoSuchElementException naming the available tensors if there is none
     */
    public HostArray get(String name) {
        HostArray a = byName.get(name);
        if (a == null) {
            throw new NoSuchElementException("no tensor '" + name + "'; the file has " + byName.keySet());
        }
        return a;
    }

    /** One line per tensor ({@link NamedTensor#toString()}), then the metadata. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SafeTensorsFile[").append(tensors.size()).append(" tensors");
        for (NamedTensor t : tensors) {
            sb.append("\n  ").append(t);
        }
        if (!metadata.isEmpty()) {
            sb.append("\n  metadata ").append(metadata);
        }
        return sb.append(']').toString();
    }
}
