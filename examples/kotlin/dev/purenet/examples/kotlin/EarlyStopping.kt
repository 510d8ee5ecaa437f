package dev.purenet.examples.kotlin

import dev.purenet.Activation.softmax
import dev.purenet.Activation.tanh
import dev.purenet.Cost
import dev.purenet.Init
import dev.purenet.Network
import dev.purenet.Seed.seed
import dev.purenet.data.Synthetic
import dev.purenet.train.Epoch
import dev.purenet.train.Epochs
import dev.purenet.train.Sgd
import dev.purenet.train.UpdateRule

/**
 * Early stopping in Kotlin: train on `Synthetic.rings` (three classes of 2-D points), judge each
 * epoch on a validation set, stop once the validation accuracy has not improved for `--patience`
 * epochs, and keep the best epoch. The endless epoch stream is bounded first
 * (`Sgd.epochs(net, data, seed, most)`), early stopping stays in Vavr (`transform`), and only then
 * does the pipeline become a Kotlin `Sequence`, so every Kotlin operation after it is safe.
 *
 * ```
 * --epochs N      the most epochs to train (default 60)
 * --patience N    epochs without a better validation accuracy that end the run (default 5)
 * --size N        training points (default 1000)
 * ```
 */
fun main(args: Array<String>) {
    earlyStopping(*args)
}

/** Every epoch trained (each evaluated on the validation set) and the best of them. */
data class EarlyStoppingResult(val epochs: List<Epoch>, val best: Epoch, val most: Int)

fun earlyStopping(vararg args: String): EarlyStoppingResult {
    val flags = Flags(args, setOf("--epochs", "--patience", "--size"))
    val most = flags.int("--epochs", 60)
    val patience = flags.int("--patience", 5)
    val training = Synthetic.rings(flags.int("--size", 1000), seed(1))
    val validation = Synthetic.rings(300, seed(2))

    val net = Network.input(2).dense(16, tanh()).dense(3, softmax()).initialize(Init.xavier(), seed(3))
    val epochs = Sgd.eta(0.02).miniBatch(10).cost(Cost.logLikelihood()).rule(UpdateRule.adam())
        .epochs(net, training, seed(3), most)            // bounded: epochs 1..most, still lazy
        .map { it.evaluate(validation) }                 // Vavr's map: lazy
        .transform(Epochs.noImprovementIn(patience))     // early stopping, on the Vavr stream
        .asSequence()                                    // from here on, plain Kotlin
        .onEach { println("epoch %2d  validation %s".format(it.index(), it.evaluation())) }
        .toList()
    val best = epochs.maxBy { it.accuracy() }
    println("Stopped after ${epochs.size} of $most epochs; best: epoch ${best.index()}, ${best.evaluation()}")
    return EarlyStoppingResult(epochs, best, most)
}
