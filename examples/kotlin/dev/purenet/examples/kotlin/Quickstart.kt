package dev.purenet.examples.kotlin

import dev.purenet.Cost
import dev.purenet.Network
import dev.purenet.Seed.seed
import dev.purenet.data.MnistFetch
import dev.purenet.io.Snapshots
import dev.purenet.train.Epoch
import dev.purenet.train.Evaluation
import dev.purenet.train.Sgd
import java.nio.file.Path

/**
 * Chapter 1 in Kotlin: a 784-30-10 sigmoid network trained with η = 3.0 and mini-batches of 10,
 * its test accuracy printed after every epoch, then saved as JSON and read back.
 *
 * ```
 * --data DIR        MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N        epochs to train (default 30)
 * --train-size N    train on the first N of the 50,000 training images (default all)
 * --out FILE        where to save the trained network (default target/examples/net.json)
 * ```
 */
fun main(args: Array<String>) {
    quickstart(*args)
}

/** What [quickstart] produced: the evaluated epochs, the saved file, and the network read back from it on the test set. */
data class QuickstartResult(val epochs: List<Epoch>, val saved: Path, val reloaded: Evaluation)

fun quickstart(vararg args: String): QuickstartResult {
    val flags = Flags(args, setOf("--data", "--epochs", "--train-size", "--out"))
    val mnist = MnistFetch.loadOrFetch(flags.path("--data", "data/mnist")) { System.err.println(it) }
    val training = mnist.training().take(flags.int("--train-size", 50_000))
    val epochCount = flags.int("--epochs", 30)
    println("Training 784-30-10 on ${training.size()} images for $epochCount epoch${if (epochCount == 1) "" else "s"}")

    val net = Network.of(784, 30, 10).sigmoid().gaussian(seed(42))
    val epochs = Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic())
        .epochs(net, training, seed(42)) // lazy: the head is the untrained network
        .drop(1).take(epochCount)
        .map { it.evaluate(mnist.test()) }
        .asSequence()
        .onEach { println("Epoch ${it.index()}: ${it.evaluation()}") } // trains as it goes
        .toList()

    val out = flags.path("--out", "target/examples/net.json")
    Snapshots.write(out, epochs.last().network())
    val reloaded = Evaluation.of(Snapshots.read(out), mnist.test())
    println("Saved $out; read back, it classifies $reloaded of the test images")
    return QuickstartResult(epochs, out, reloaded)
}
