package org.vaadin.addons.leafletflow;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A feature's properties as two arrays, in the order given, unmodifiable. Every map keeps the features its browser
 * holds, so a hash map per feature would be paid per feature per open map; here the property names are one array
 * shared by every feature with the same names (a layer's features all have them), and each feature adds only its
 * values.
 */
final class Properties extends AbstractMap<String, Object> {

    static final Properties NONE = new Properties(new String[0], new Object[0]);
    /** The name arrays in use; a layer's features share one. Few exist (they come from code), but stay bounded. */
    private static final Map<List<String>, String[]> NAMES = new ConcurrentHashMap<>();
    private static final int MAX_NAME_SETS = 4096;

    private final String[] names;
    private final Object[] values;
    private int hash;

    private Properties(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    static Properties of(Map<String, ?> properties) {
        if (properties == null || properties.isEmpty()) return NONE;
        if (properties instanceof Properties p) return p;
        String[] names = new String[properties.size()];
        Object[] values = new Object[names.length];
        int i = 0;
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (e.getKey() == null) throw new IllegalArgumentException("a property needs a name");
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new Properties(shared(names), values);
    }

    private static String[] shared(String[] names) {
        List<String> key = List.of(names);
        String[] held = NAMES.get(key);
        if (held != null) return held;
        if (NAMES.size() >= MAX_NAME_SETS) return names;
        held = NAMES.putIfAbsent(key, names);
        return held == null ? names : held;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(key)) return i;
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= names.length) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    /** Cached: features are compared and shared by it on every load. */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < names.length; i++) h += names[i].hashCode() ^ java.util.Objects.hashCode(values[i]);
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (o instanceof Properties p && p.names == names) return Arrays.equals(values, p.values);
        return super.equals(o);
    }
}
