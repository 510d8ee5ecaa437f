package dev.purenet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Names for one kind of part (activations, costs, initialisers, update rules): what a
 * snapshot or experiment record writes, and how it is read back. The built-ins are registered
 * from the start; a user part is registered once, for example at start-up:
 *
 * <pre>{@code
 * Activation swish = Activation.Elementwise.of("swish", z -> z / (1 + Math.exp(-z)), ...);
 * Activation.registry().register(swish);
 * }</pre>
 *
 * after which networks and experiments that use it save, load and replay like built-ins. A
 * parameterised part registers a factory that builds it from its {@link Spec}. Safe to use
 * from several threads.
 *
 * @param <T> the kind of part
 */
public final class Registry<T> {
    private final String kind;
    private final String owner;
    private final Function<T, Spec> specOf;
    private final Map<String, Function<Spec, T>> factories = new ConcurrentHashMap<>();

    /**
     * An empty registry.
     *
     * @param kind   what the parts are, for messages: {@code "activation"}
     * @param owner  the type whose {@code registry()} this is, for messages: {@code "Activation"}
     * @param specOf how a part names itself
     */
    public Registry(String kind, String owner, Function<T, Spec> specOf) {
        this.kind = kind;
        this.owner = owner;
        this.specOf = specOf;
    }

    /**
     * Registers a part without parameters under its own name. Registering the same instance
     * again does nothing.
     *
     * @param part the part; its spec must have no parameters
     * @return {@code part}
     * @throws IllegalArgumentException if its spec has parameters or the name is taken by another part
     */
    public T register(T part) {
        Spec spec = specOf.apply(part);
        if (!spec.parameters().isEmpty()) {
            throw new IllegalArgumentException(kind + " " + spec + " has parameters: register a factory for it");
        }
        Function<Spec, T> before = factories.putIfAbsent(spec.name(), s -> part);
        if (before != null && before.apply(spec) != part) {
            throw new IllegalArgumentException(kind + " '" + spec.name() + "' is already registered to another part");
        }
        return part;
    }

    /**
     * Registers a factory under {@code name}: it builds the part from a spec with that name.
     *
     * @param name    the name written in files
     * @param factory builds the part from its spec (reading the parameters it needs)
     * @throws IllegalArgumentException if {@code name} is already registered to another factory
     */
    public void register(String name, Function<Spec, T> factory) {
        Spec.of(name); // validates the name
        Function<Spec, T> before = factories.putIfAbsent(name, factory);
        if (before != null && before != factory) {
            throw new IllegalArgumentException(kind + " '" + name + "' is already registered");
        }
    }

    /**
     * The part a spec names.
     *
     * @param spec name and parameters, as read from a file
     * @return the part
     * @throws IllegalArgumentException if the name is unknown (the message lists the known
     *         names) or the factory rejects the parameters
     */
    public T resolve(Spec spec) {
        Function<Spec, T> factory = factories.get(spec.name());
        if (factory == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + spec.name() + "', known: " + names()
                    + " (register your own with " + registerHint() + ")");
        }
        return factory.apply(spec);
    }

    /**
     * The part a string names, in {@link Spec#parse} form.
     *
     * @param text for example {@code relu} or {@code momentum(mu=0.9)}
     * @return the part
     * @throws IllegalArgumentException as {@link #resolve(Spec)}
     */
    public T resolve(String text) {
        return resolve(Spec.parse(text));
    }

    /**
     * Whether {@code part} can be read back: its name is registered and resolving its spec gives
     * an equal part (the same instance for parameterless parts).
     *
     * @param part a part
     * @return true when files naming it can be read back
     */
    public boolean canReadBack(T part) {
        Spec spec = specOf.apply(part);
        Function<Spec, T> factory = factories.get(spec.name());
        if (factory == null) {
            return false;
        }
        T again = factory.apply(spec);
        return again == part || again.equals(part);
    }

    /**
     * Throws unless {@link #canReadBack} holds, so that nothing is written that cannot be read.
     *
     * @param part a part about to be written
     * @throws IllegalArgumentException naming the part and how to register it
     */
    public void requireReadable(T part) {
        if (!canReadBack(part)) {
            Spec spec = specOf.apply(part);
            throw new IllegalArgumentException(kind + " '" + spec + "' is not registered, so a file naming it could not be"
                    + " read back; register it once with " + registerHint());
        }
    }

    /**
     * The registered names, sorted.
     *
     * @return e.g. {@code [identity, relu, sigmoid, softmax, tanh]}
     */
    public List<String> names() {
        return factories.keySet().stream().sorted().toList();
    }

    private String registerHint() {
        return owner + ".registry().register(...)";
    }
}
