package dev.purenet.examples.kotlin

import dev.purenet.Cost
import dev.purenet.Network
import dev.purenet.Seed.seed
import dev.purenet.data.MnistFetch
import dev.purenet.train.Epoch
import dev.purenet.train.Sgd

/**
 * A sweep over the learning rate η, as in chapter 3's discussion of choosing hyper-parameters:
 * the same network, data and seed trained with each η, judged on the validation set, and a
 * small table of the results.
 *
 * ```
 * --data DIR        MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N        epochs per run (default 10)
 * --train-size N    train on the first N of the 50,000 training images (default all)
 * --etas X,Y,...    the learning rates to try (default 0.1,0.5,3.0)
 * ```
 */
fun main(args: Array<String>) {
    etaSweep(*args)
}

/** One η's run: every epoch (evaluated on the validation set) and the best of them. */
data class SweepRow(val eta: Double, val epochs: List<Epoch>) {
    val best: Epoch = epochs.maxBy { it.accuracy() }
}

fun etaSweep(vararg args: String): List<SweepRow> {
    val flags = Flags(args, setOf("--data", "--epochs", "--train-size", "--etas"))
    val mnist = MnistFetch.loadOrFetch(flags.path("--data", "data/mnist")) { System.err.println(it) }
    val training = mnist.training().take(flags.int("--train-size", 50_000))
    val epochCount = flags.int("--epochs", 10)
    val etas = flags.doubles("--etas", listOf(0.1, 0.5, 3.0))
    require(etas.isNotEmpty() && epochCount >= 1) { "need at least one eta and one epoch" }
    println("784-30-10, quadratic cost, ${training.size()} training images, $epochCount epoch${if (epochCount == 1) "" else "s"} per eta")

    val net = Network.of(784, 30, 10).sigmoid().gaussian(seed(42))
    val rows = etas.map { eta ->
        val epochs = Sgd.eta(eta).miniBatch(10).cost(Cost.quadratic())
            .epochs(net, training, seed(42))
            .drop(1).take(epochCount)
            .map { it.evaluate(mnist.validation()) }
            .asSequence()
            .toList()
        SweepRow(eta, epochs).also { println("eta $eta done: best ${it.best.evaluation()} at epoch ${it.best.index()}") }
    }

    println()
    println("eta".padStart(6) + "  " + "best validation accuracy".padEnd(26) + "epoch  " + "last epoch")
    rows.forEach { row ->
        println(row.eta.toString().padStart(6) + "  " + row.best.evaluation().toString().padEnd(26) +
            row.best.index().toString().padEnd(7) + row.epochs.last().evaluation())
    }
    val winner = rows.maxBy { it.best.accuracy() }
    println("Best: eta ${winner.eta}")
    return rows
}
