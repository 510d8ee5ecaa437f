package dev.purenet.examples.kotlin

import com.fasterxml.jackson.databind.MappingIterator
import com.fasterxml.jackson.dataformat.csv.CsvMapper
import com.fasterxml.jackson.dataformat.csv.CsvParser
import dev.purenet.Activation.relu
import dev.purenet.Activation.softmax
import dev.purenet.Cost
import dev.purenet.Init
import dev.purenet.Network
import dev.purenet.Seed.seed
import dev.purenet.data.Dataset
import dev.purenet.train.Epoch
import dev.purenet.train.Epochs
import dev.purenet.train.Sgd
import dev.purenet.train.UpdateRule
import java.nio.file.Path

/**
 * Your own CSV file in Kotlin: a header row, numeric feature columns and a label column of class
 * names, parsed with jackson-dataformat-csv (as `purenet train --data FILE.csv` does), turned into
 * a `Dataset` from rows, split, standardised with the training part's statistics, and trained
 * with early stopping on the held-out part, through the bounded epoch stream.
 *
 * ```
 * --csv FILE      the CSV file (required)
 * --label NAME    the label column (default: the last column)
 * --epochs N      at most this many epochs (default 100)
 * --patience N    stop after N epochs without a better held-out accuracy (default 10)
 * ```
 */
fun main(args: Array<String>) {
    csvFile(*args)
}

/** What [csvFile] produced: the class names in index order, the epochs trained, and the best one. */
data class CsvFileResult(val classes: List<String>, val epochs: List<Epoch>, val best: Epoch)

fun csvFile(vararg args: String): CsvFileResult {
    val flags = Flags(args, setOf("--csv", "--label", "--epochs", "--patience"))
    val file = Path.of(flags.textOrNull("--csv") ?: throw IllegalArgumentException("--csv FILE is required"))

    // Every row as a list of strings, the header first; ragged rows are the parser's error.
    val rows: List<List<String>> = CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(List::class.java)
        .readValues<List<String>>(file.toFile())
        .use { it: MappingIterator<List<String>> -> it.readAll() }
    val header = rows.first()
    val labelName = flags.textOrNull("--label") ?: header.last()
    val labelColumn = header.indexOf(labelName)
    require(labelColumn >= 0) { "$file has no column $labelName; its columns are $header" }
    val body = rows.drop(1)
    val classes = body.map { it[labelColumn] }.distinct().sorted()
    val features = body.mapIndexed { r, row ->
        row.filterIndexed { c, _ -> c != labelColumn }
            .map { cell -> cell.toDoubleOrNull() ?: error("$file row ${r + 2}: '$cell' is not a number") }
            .toDoubleArray()
    }
    val labels = body.map { classes.indexOf(it[labelColumn]) }.toIntArray()

    // A seeded shuffle, four fifths to train on, standardised with the training part's mean and spread.
    val order = features.indices.shuffled(kotlin.random.Random(1))
    val trainAt = order.take(order.size * 4 / 5)
    val heldAt = order.drop(order.size * 4 / 5)
    val columns = features.first().size
    val mean = DoubleArray(columns) { c -> trainAt.sumOf { features[it][c] } / trainAt.size }
    val spread = DoubleArray(columns) { c ->
        val variance = trainAt.sumOf { (features[it][c] - mean[c]).let { d -> d * d } } / trainAt.size
        if (variance > 0) kotlin.math.sqrt(variance) else 1.0
    }
    fun part(at: List<Int>): Dataset = Dataset.ofRows(
        at.map { i -> DoubleArray(columns) { c -> (features[i][c] - mean[c]) / spread[c] } }.toTypedArray(),
        at.map { labels[it] }.toIntArray(), classes.size)
    val training = part(trainAt)
    val heldOut = part(heldAt)

    val start = Network.input(columns).dense(16, relu()).dense(classes.size, softmax()).initialize(Init.he(), seed(1))
    val epochs: List<Epoch> = Sgd.eta(0.01).miniBatch(8).cost(Cost.logLikelihood()).rule(UpdateRule.adam())
        .epochs(start, training, seed(1), flags.int("--epochs", 100))     // finite: at most that many epochs
        .map { it.evaluate(heldOut) }
        .transform(Epochs.noImprovementIn(flags.int("--patience", 10)))   // and stop early
        .toJavaList()
    val best = epochs.maxBy { it.accuracy() }
    println("$file: ${classes.size} classes $classes, ${training.size()} training and ${heldOut.size()} held-out rows;" +
        " best held-out accuracy ${best.evaluation()} at epoch ${best.index()} of ${epochs.size}")
    return CsvFileResult(classes, epochs, best)
}
