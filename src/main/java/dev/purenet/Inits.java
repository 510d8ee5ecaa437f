package dev.purenet;

/** The registry of initialisers, built once with the built-ins in it. */
final class Inits {
    private Inits() {}

    static final Registry<Init> REGISTRY = new Registry<>("initialiser", "Init", Init::spec);

    static {
        for (Init init : new Init[] {Init.gaussian(), Init.scaled(), Init.xavier(), Init.he(), Init.network3()}) {
            REGISTRY.register(init);
        }
    }
}
