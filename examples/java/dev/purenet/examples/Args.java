package dev.purenet.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples' command line: {@code --name value} pairs, each name one the example knows.
 * Every value has a default, so an example runs with no arguments at all.
 */
public final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /** Reads {@code args}; a name not in {@code known}, or a name without a value, is an error. */
    public static Args parse(String[] args, String... known) {
        List<String> names = List.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; expected one of " + names);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
        return new Args(values);
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public Path path(String name, String fallback) {
        return Path.of(text(name, fallback));
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " expects a whole number, got '" + value + "'", e);
        }
    }

    public double number(String name, double fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " expects a number, got '" + value + "'", e);
        }
    }
}
