package dev.purenet.examples;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.examples.kotlin.ApiSnippetsKt;
import dev.purenet.train.Epoch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md cannot drift from the code: every ```java block of the page must be a run of
 * consecutive lines of the Java sources of this project (examples/java), every ```kotlin block
 * one of the Kotlin sources (examples/kotlin); those sources compile under -Werror, so a
 * snippet that no longer compiles, or that was edited on the page only, fails the build.
 * Lines are compared with their indentation stripped (the sources nest snippets in methods);
 * blank lines are ignored. The snippets live in docs/ApiSnippets.java and kotlin/ApiSnippets.kt
 * between "begin:" and "end:" comments.
 *
 * <p>It also checks that the page shows every public entry point of the library (ENTRY_POINTS)
 * inside a compiled block, and runs the Kotlin section's safe forms to show that they end.
 */
class ApiDocsTest {
    private static final Path API = Path.of("../docs/api.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(java|kotlin)\\n(.*?)^```");

    /**
     * Every public class of the library (dev.purenet, .data, .io, .math, .train) with the calls a
     * user makes on it; each must appear in a compiled block of docs/api.md. Not listed, because
     * they are plumbing public only for other packages of the library or the CLI: Dense (built by
     * Architecture.dense), Layer.Kernel, Rng (reached through Seed.rng()), Blas, AtomicFiles,
     * NativeLibraryException, DataFormatException (a SnapshotException's sibling for IDX files),
     * Gradient.zeros/scale (used by update rules), Footprint.megabytes/heapSize (the sizes in the
     * CLI's and the sweep's messages).
     */
    static final List<String> ENTRY_POINTS = List.of(
            // dev.purenet
            "Network.of(", "Network.input(", ".dense(", ".sigmoid()", ".activations(", ".gaussian(", ".scaled(",
            ".initialize(", ".sizes()", ".parameterCount()", ".layers()", ".feedforward(", ".classify(",
            "Architecture ", "Init.he()", "Init.xavier()", "Init.gaussian()", "seed(", "new Batch(", "Layer ",
            "Activation.Elementwise.of(", "Activation.registry()", "Cost.Elementwise.of(", "Cost.crossEntropy()",
            "Cost.quadratic()", "Cost.logLikelihood()", "Spec.of(", ".names()",
            // dev.purenet.math
            "Matrix.of(", "Matrix.column(", ".transpose()", "BlasThreading.decision()", "BlasCheck.largestRelativeError()",
            // dev.purenet.data
            "Dataset.of(", "Dataset.ofRows(", "Dataset.regression(", "Dataset.regressionOfRows(", "Dataset.ofBytes(",
            "Synthetic.rings(", ".take(", "Idx.readImages(", "Idx.readLabels(", "Mnist.load(", "Mnist.tryLoad", ".expanded()", ".asImages(",
            "MnistFetch.loadOrFetch(",
            // dev.purenet.io
            "Snapshots.read(", "Snapshots.tryRead(", "Snapshots.write(", "Snapshots.toJson(", "Snapshots.fromJson(",
            "Snapshots.readEpoch(", "Snapshots.epochFromJson", "SnapshotException", "Experiments.write(",
            "Experiments.read(", "Experiments.toJson(", "Network2Format.read(", "Network2Format.write(",
            // dev.purenet.train
            "Backprop.forward(", "Backprop.backprop(", "Backprop.sgdStep(", "Backprop.backpropPerExample(",
            "Gradient ", "Sgd.eta(", ".miniBatch(", ".cost(", ".l2(", ".momentum(", ".rule(", ".schedule(",
            ".train(", ".epochs(", ".on(", "Epoch.start(", "Trainer ", "Epochs.noImprovementIn(", "Epochs.then(",
            "Schedule.stepDecay(", "Plateau.halving(", "Monitor.of(", "Monitor.all(", "Monitor.costs(",
            "Monitor.meanSquaredError(", ".withTrainingCost()", ".evaluate(", ".accuracy()", ".metrics()",
            ".trainingCost()", ".diverged()", "Evaluation.of(", "ConfusionMatrix.of(", "DivergenceException",
            "UpdateRule.learningRate()", "UpdateRule.nesterov(", "UpdateRule.adam()", "UpdateRule.rmsprop(",
            "UpdateRule.l2(", "UpdateRule.registry()", "UpdateRule.optimizer(", "Experiment.of(", ".withEarlyStopping(", ".earlyStopping()",
            "Footprint.arrayProblem(", "Footprint.bytes(",
            ".run(", ".resume(", "Ensemble.of(", "Ensembles.train(", "Evaluation.byVote(");

    record Block(String language, List<String> lines, String text) {}

    static List<Block> blocks() {
        String page = read(API);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            blocks.add(new Block(m.group(1), normalised(m.group(2)), m.group(2)));
        }
        return blocks;
    }

    @Test
    void everyBlockOfTheApiPageIsCompiledSource() {
        List<String> javaLines = normalised(sources(Path.of("java"), ".java"));
        List<String> kotlinLines = normalised(sources(Path.of("kotlin"), ".kt"));
        List<Block> blocks = blocks();
        assertTrue(blocks.size() >= 10, "docs/api.md has its snippets: " + blocks.size());
        List<String> drifted = new ArrayList<>();
        for (Block b : blocks) {
            List<String> source = b.language().equals("java") ? javaLines : kotlinLines;
            if (b.lines().isEmpty() || Collections.indexOfSubList(source, b.lines()) < 0) {
                drifted.add("```" + b.language() + " block starting '" + (b.lines().isEmpty() ? "" : b.lines().get(0))
                        + "' is not in examples/" + b.language() + "; copy it from (or to) ApiSnippets between begin:/end:");
            }
        }
        assertEquals(List.of(), drifted);
    }

    @Test
    void everyPublicEntryPointHasACompiledSnippet() {
        String compiled = blocks().stream().map(Block::text).collect(Collectors.joining("\n"));
        List<String> missing = ENTRY_POINTS.stream().filter(e -> !compiled.contains(e)).toList();
        assertEquals(List.of(), missing, "entry points without a snippet in docs/api.md");
    }

    @Test
    void theKotlinSafeFormsEnd() {
        Dataset data = Synthetic.rings(100, seed(1));
        Dataset validation = Synthetic.rings(50, seed(2));
        Network net = Network.of(2, 4, 3).scaled(seed(3));
        List<List<Epoch>> runs = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ApiSnippetsKt.boundedForms(net, data, validation));
        for (int k = 0; k < 4; k++) {
            assertEquals(List.of(1, 2, 3, 4, 5), runs.get(k).stream().map(Epoch::index).toList(), "form " + k);
        }
        assertEquals(runs.get(0).get(4).network(), runs.get(3).get(4).network(), "every form trains the same run");
        assertFalse(runs.get(4).isEmpty());
        List<Epoch> members = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ApiSnippetsKt.vavrMembersStayLazy(net, data, validation));
        assertEquals(List.of(1, 2, 3, 4, 5), members.stream().map(Epoch::index).toList());
        assertTrue(runs.get(4).size() <= 50);
    }

    private static List<String> normalised(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String sources(Path root, String suffix) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().map(ApiDocsTest::read)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
