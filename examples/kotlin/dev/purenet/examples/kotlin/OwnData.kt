package dev.purenet.examples.kotlin

import dev.purenet.Activation.identity
import dev.purenet.Activation.softmax
import dev.purenet.Activation.tanh
import dev.purenet.Cost
import dev.purenet.Init
import dev.purenet.Network
import dev.purenet.Seed.seed
import dev.purenet.data.Dataset
import dev.purenet.io.Snapshots
import dev.purenet.math.Matrix
import dev.purenet.train.Evaluation
import dev.purenet.train.Monitor
import dev.purenet.train.Sgd
import dev.purenet.train.UpdateRule
import kotlin.math.PI
import kotlin.math.hypot
import kotlin.math.sin
import kotlin.random.Random

/**
 * Your own data in Kotlin, from plain arrays with one example per row: a classifier (inside or
 * outside a circle) and a regression (y = sin x), trained with the bounded `Sgd.train(...)`,
 * which returns a `java.util.List` of the trained epochs (a Kotlin `List`), so nothing here
 * touches the endless epoch stream. Both networks round-trip through JSON strings.
 *
 * ```
 * --points N    training examples per task (default 400)
 * --epochs N    regression epochs; the classifier trains a third as many (default 300)
 * ```
 */
fun main(args: Array<String>) {
    ownData(*args)
}

/** What [ownData] produced: held-out accuracy and mean squared error, and whether the JSON copies agree. */
data class OwnDataResult(val accuracy: Evaluation, val meanSquaredError: Double, val regressionJson: String, val reloadedAgree: Boolean)

fun ownData(vararg args: String): OwnDataResult {
    val flags = Flags(args, setOf("--points", "--epochs"))
    val points = flags.int("--points", 400)
    val epochs = flags.int("--epochs", 300)

    // 1. Classification from rows: Array<DoubleArray> and IntArray labels.
    val circle = circle(points, 1)
    val heldOut = circle(points / 4, 2)
    val classifier = Network.input(2).dense(16, tanh()).dense(2, softmax()).initialize(Init.xavier(), seed(1))
    val trained = Sgd.eta(0.01).miniBatch(16).cost(Cost.logLikelihood()).rule(UpdateRule.adam())
        .train(classifier, circle, seed(1), maxOf(1, epochs / 3)) { it.evaluate(heldOut) }
        .last()
    println("Classification: $circle; held-out accuracy after ${trained.index()} epochs: ${trained.evaluation()}")

    // 2. Regression from rows: Array<DoubleArray> and DoubleArray targets.
    val sine = sine(points, 0.0)
    val between = sine(points / 4, 0.5)
    val start = Network.input(1).dense(20, tanh()).dense(1, identity()).initialize(Init.xavier(), seed(2))
    val costs = Monitor.costs(sine, between, Cost.quadratic())
    val fitted = Sgd.eta(0.01).cost(Cost.quadratic()).rule(UpdateRule.adam())
        .train(start, sine, seed(2), epochs, costs)
        .onEach { e -> // a Kotlin List: eager and finite
            if (e.index() % 50 == 0) {
                val training = e.metrics().trainingCost().orElse(Double.NaN)
                val validation = e.metrics().evaluationCost().orElse(Double.NaN)
                println("  epoch %3d  training cost %.6f  validation cost %.6f".format(e.index(), training, validation))
            }
        }
        .last()
    val mse = Monitor.meanSquaredError(fitted.network(), between)
    println("Regression: $sine; held-out mean squared error %.2e".format(mse))

    // 3. JSON strings and back; the copies predict the same numbers.
    val regressionJson = Snapshots.toJson(fitted.network())
    val circleBack = Snapshots.fromJson(Snapshots.toJson(trained.network()))
    val sineBack = Snapshots.fromJson(regressionJson)
    val probe = Matrix.of(arrayOf(doubleArrayOf(0.0, 0.9), doubleArrayOf(0.1, -0.8)))  // two points, one per column
    val xs = Matrix.of(arrayOf(doubleArrayOf(-2.0, 0.5, 1.5)))                          // three x values
    val agree = circleBack.classify(probe).contentEquals(trained.network().classify(probe)) &&
        sineBack.feedforward(xs) == fitted.network().feedforward(xs)
    return OwnDataResult(trained.evaluation(), mse, regressionJson, agree)
}

private fun circle(n: Int, seed: Int): Dataset {
    val random = Random(seed)
    val points = Array(n) { doubleArrayOf(2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1) }
    val labels = IntArray(n) { i -> if (hypot(points[i][0], points[i][1]) < 0.6) 1 else 0 }
    return Dataset.ofRows(points, labels, 2)
}

private fun sine(n: Int, shift: Double): Dataset {
    val x = Array(n) { i -> doubleArrayOf(-PI + 2 * PI * (i + shift) / n) }
    return Dataset.regressionOfRows(x, DoubleArray(n) { i -> sin(x[i][0]) })
}
