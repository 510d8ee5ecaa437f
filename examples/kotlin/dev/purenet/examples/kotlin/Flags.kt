package dev.purenet.examples.kotlin

import java.nio.file.Path

/**
 * The examples' command line: `--name value` pairs, each name one the example knows. Every
 * value has a default, so an example runs with no arguments at all.
 */
class Flags(args: Array<out String>, known: Set<String>) {
    private val values: Map<String, String> = args.toList().chunked(2).associate { pair ->
        val name = pair.first()
        require(name in known) { "unknown option '$name'; expected one of $known" }
        require(pair.size == 2) { "option $name needs a value" }
        name to pair.last()
    }

    fun int(name: String, default: Int): Int =
        values[name]?.let { it.toIntOrNull() ?: throw IllegalArgumentException("option $name expects a whole number, got '$it'") }
            ?: default

    fun path(name: String, default: String): Path = Path.of(values[name] ?: default)

    /** The value as given, or null when the option is absent. */
    fun textOrNull(name: String): String? = values[name]

    /** A comma-separated list of numbers, e.g. `--etas 0.1,0.5,3.0`. */
    fun doubles(name: String, default: List<Double>): List<Double> =
        values[name]?.split(",")?.map { part ->
            part.trim().toDoubleOrNull() ?: throw IllegalArgumentException("option $name expects numbers like 0.1,0.5, got '$part'")
        } ?: default
}
