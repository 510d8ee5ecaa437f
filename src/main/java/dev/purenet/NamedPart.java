package dev.purenet;

/** The built-in parts' common ground: the name is the whole description. */
abstract class NamedPart {
    private final String name;

    NamedPart(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }
}
