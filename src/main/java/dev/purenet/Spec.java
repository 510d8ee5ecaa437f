package dev.purenet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A part's name and parameters, as snapshots and experiment records write it: {@code sigmoid},
 * {@code momentum(mu=0.9)}, {@code adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8)}. A {@link Registry}
 * turns a spec back into the part, so that a network or an experiment that uses a registered
 * part (built-in or the user's own) can be read back and replayed.
 *
 * @param name       the registered name
 * @param parameters the part's numeric parameters, in a fixed order; unmodifiable
 */
public record Spec(String name, Map<String, Double> parameters) {

    /** Checks the name and freezes the parameters, keeping their order. */
    public Spec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(c -> c == '(' || c == ')' || c == ',' || c == '=')) {
            throw new IllegalArgumentException("a part's name must be a non-blank word without ( ) , =, got '" + name + "'");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * A part without parameters.
     *
     * @param name the registered name
     * @return the spec
     */
    public static Spec of(String name) {
        return new Spec(name, Map.of());
    }

    /**
     * A part with parameters given as name, value pairs: {@code Spec.of("momentum", "mu", 0.9)}.
     *
     * @param name           the registered name
     * @param namesAndValues alternating parameter names (String) and values (Number)
     * @return the spec
     * @throws IllegalArgumentException if the pairs are not names and numbers
     */
    public static Spec of(String name, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs, got " + namesAndValues.length + " items");
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String key) || !(namesAndValues[i + 1] instanceof Number value)) {
                throw new IllegalArgumentException("parameter " + (i / 2 + 1) + " of " + name + " is not a name and a number");
            }
            parameters.put(key, value.doubleValue());
        }
        return new Spec(name, parameters);
    }

    /**
     * Parses the form {@link #toString()} writes: {@code name} or {@code name(key=value, ...)}.
     *
     * @param text for example {@code momentum(mu=0.9)}
     * @return the spec
     * @throws IllegalArgumentException naming what is malformed
     */
    public static Spec parse(String text) {
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0) {
            return of(t);
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException("expected name(key=value, ...), got '" + text + "'");
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        String inside = t.substring(open + 1, t.length() - 1).strip();
        if (!inside.isEmpty()) {
            for (String pair : inside.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected key=value in '" + text + "', got '" + pair.strip() + "'");
                }
                String key = pair.substring(0, eq).strip();
                try {
                    parameters.put(key, Double.parseDouble(pair.substring(eq + 1).strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("parameter " + key + " in '" + text + "' is not a number: '"
                            + pair.substring(eq + 1).strip() + "'");
                }
            }
        }
        return new Spec(t.substring(0, open).strip(), parameters);
    }

    /**
     * A parameter's value.
     *
     * @param key the parameter's name
     * @return its value
     * @throws IllegalArgumentException if the spec has no such parameter
     */
    public double get(String key) {
        Double value = parameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException(name + " needs the parameter " + key + ", got " + this);
        }
        return value;
    }

    /**
     * A parameter's value, or a default when the spec does not give it.
     *
     * @param key      the parameter's name
     * @param fallback the value when it is absent
     * @return its value or {@code fallback}
     */
    public double get(String key, double fallback) {
        return parameters.getOrDefault(key, fallback);
    }

    /** {@code name} or {@code name(key=value, ...)}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        if (parameters.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        parameters.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(k).append('=').append(v));
        return sb.append(')').toString();
    }
}
