@file:Suppress("UNUSED_VARIABLE", "unused")

package dev.purenet.examples.kotlin

import dev.purenet.Activation.identity
import dev.purenet.Activation.relu
import dev.purenet.Activation.sigmoid
import dev.purenet.Activation.softmax
import dev.purenet.Activation.tanh
import dev.purenet.Cost
import dev.purenet.Init
import dev.purenet.Network
import dev.purenet.Seed.seed
import dev.purenet.data.Dataset
import dev.purenet.data.Mnist
import dev.purenet.io.Snapshots
import dev.purenet.train.Epoch
import dev.purenet.train.Epochs
import dev.purenet.train.Monitor
import dev.purenet.train.Sgd
import dev.purenet.train.UpdateRule
import java.nio.file.Path
import kotlin.jvm.optionals.getOrNull
import kotlin.math.PI
import kotlin.math.sin

/*
 * The Kotlin snippets of docs/api.md, compiled with -Werror: ApiDocsTest checks that every
 * ```kotlin block of the page is a run of lines in this file. The bounded forms are also run,
 * by ApiDocsTest, to show that they terminate.
 */

fun describingANetwork() {
    // begin: describing
    val a = Network.of(784, 30, 10).sigmoid().gaussian(seed(42))
    val b = Network.input(784).dense(100, sigmoid()).dense(10, softmax()).scaled(seed(1))
    val c = Network.of(784, 100, 10).activations(relu(), softmax()).initialize(Init.he(), seed(7))
    println(b)
    val sizes: List<Int> = b.sizes()        // java.util.List<Integer>, seen as a Kotlin List<Int>
    // end: describing
}

/** Every safe form of the page's Kotlin section, run on [data]: each must return. */
fun boundedForms(net: Network, data: Dataset, validation: Dataset): List<List<Epoch>> {
    val sgd = Sgd.eta(0.5).miniBatch(10)
    // begin: bounded
    val trained: List<Epoch> = sgd.train(net, data, seed(1), 5)              // a Kotlin List, trained now
    val judged = sgd.train(net, data, seed(1), 5) { it.evaluate(validation) }
    val printed = sgd.epochs(net, data, seed(1), 5)                          // finite, lazy Vavr Stream
        .onEach { println("epoch ${it.index()}") }                           // Kotlin's onEach: safe, it is finite
        .toJavaList()                                                        // Vavr's toList() would win over Kotlin's
    val lazily = sgd.epochs(net, data, seed(1))                              // endless: bound it first...
        .asSequence()                                                        // ...or leave for a lazy Sequence
        .drop(1).take(5)
        .map { it.evaluate(validation) }
        .toList()
    // end: bounded
    // begin: early-stopping
    val stopped = sgd.epochs(net, data, seed(1), 50)                         // at most 50
        .map { it.evaluate(validation) }                                     // Vavr's map: lazy
        .transform(Epochs.noImprovementIn(3))                                // early stopping stays in Vavr...
        .asSequence()                                                        // ...then plain Kotlin
        .toList()
    val best = stopped.maxBy { it.accuracy() }                               // Kotlin's maxBy, on a Kotlin List
    // end: early-stopping
    return listOf(trained, judged, printed, lazily, stopped)
}

/** Vavr's own members win over Kotlin's extensions of the same name, and they are lazy: this ends. */
fun vavrMembersStayLazy(net: Network, data: Dataset, validation: Dataset): List<Epoch> {
    // begin: members
    val evaluated = Sgd.eta(0.5).epochs(net, data, seed(1))     // endless
        .map { it.evaluate(validation) }                        // Vavr's map, filter, take: lazy
        .filter { it.index() > 0 }
        .take(5)
        .toJavaList()
    // end: members
    return evaluated
}

/** The trap, for the record: never call this. Kotlin's eager `onEach` on the endless stream never returns. */
fun neverReturns(net: Network, data: Dataset) {
    // begin: trap
    Sgd.eta(0.5).epochs(net, data, seed(1))
        .onEach { println(it.index()) }   // Kotlin's Iterable.onEach: trains forever, remembering every epoch
        .take(3)
    // end: trap
}

fun ownData() {
    // begin: own-data
    val points = arrayOf(doubleArrayOf(0.1, 0.2), doubleArrayOf(0.9, 0.8), doubleArrayOf(0.2, 0.1), doubleArrayOf(0.8, 0.9))
    val small = Dataset.ofRows(points, intArrayOf(0, 1, 0, 1))
    val x = Array(200) { i -> doubleArrayOf(-PI + 2 * PI * i / 200) }
    val sine = Dataset.regressionOfRows(x, DoubleArray(200) { i -> sin(x[i][0]) })
    val net = Network.input(1).dense(20, tanh()).dense(1, identity()).initialize(Init.xavier(), seed(2))
    val last = Sgd.eta(0.01).cost(Cost.quadratic()).rule(UpdateRule.adam())
        .train(net, sine, seed(2), 300, Monitor.costs(sine, sine, Cost.quadratic()))
        .last()
    val cost: Double? = last.metrics().trainingCost().getOrNull()
    val mse = Monitor.meanSquaredError(last.network(), sine)
    // end: own-data
}

fun bestOnMnist(net: Network, mnist: Mnist) {
    // begin: endless
    val best = Sgd.eta(0.5).miniBatch(10).cost(Cost.crossEntropy()).l2(5.0).momentum(0.9)
        .epochs(net, mnist.training(), seed(1))
        .drop(1).take(30)
        .map { it.evaluate(mnist.validation()) }
        .transform(Epochs.noImprovementIn(10))
        .maxBy { it.accuracy() }                 // Vavr's maxBy: a Vavr Option
        .get()
    // end: endless
}

fun files(net: Network) {
    // begin: files
    val read: Network = Snapshots.read(Path.of("net.json"))
    val orNull: Network? = Snapshots.tryRead(Path.of("net.json")).orNull
    val copy = Snapshots.fromJson(Snapshots.toJson(net))
    // end: files
}
