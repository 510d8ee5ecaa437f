package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.examples.kotlin.CsvFileKt;
import dev.purenet.examples.kotlin.CsvFileResult;
import dev.purenet.examples.kotlin.EarlyStoppingKt;
import dev.purenet.examples.kotlin.EarlyStoppingResult;
import dev.purenet.examples.kotlin.EtaSweepKt;
import dev.purenet.examples.kotlin.OwnDataKt;
import dev.purenet.examples.kotlin.OwnDataResult;
import dev.purenet.examples.kotlin.QuickstartKt;
import dev.purenet.examples.kotlin.QuickstartResult;
import dev.purenet.examples.kotlin.SweepRow;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Kotlin examples (examples/kotlin) through their entry functions. */
class KotlinExamplesTest {

    @Test
    void quickstartTrainsAndSaves(@TempDir Path dir) {
        Path out = dir.resolve("net.json");
        QuickstartResult result = QuickstartKt.quickstart("--data", ExampleData.MNIST, "--epochs", "1",
                "--train-size", "10000", "--out", out.toString());

        assertEquals(1, result.getEpochs().size());
        Epoch last = result.getEpochs().get(0);
        assertEquals(1, last.index());
        assertTrue(last.accuracy() > 0.6, "far above chance: " + last.evaluation());
        assertEquals(last.network(), Snapshots.read(out));
        assertEquals(last.evaluation(), result.getReloaded());
    }

    @Test
    void etaSweepTrainsOneRunPerEta() {
        List<SweepRow> rows = EtaSweepKt.etaSweep("--data", ExampleData.MNIST, "--epochs", "2", "--train-size", "3000",
                "--etas", "0.1,0.5,3.0");

        assertEquals(List.of(0.1, 0.5, 3.0), rows.stream().map(SweepRow::getEta).toList());
        for (SweepRow row : rows) {
            assertEquals(List.of(1, 2), row.getEpochs().stream().map(Epoch::index).toList());
        }
        // With the quadratic cost and N(0, 1) weights, η = 0.1 learns far more slowly than η = 3.0 (chapter 1).
        assertTrue(rows.get(2).getBest().accuracy() > rows.get(0).getBest().accuracy() + 0.1,
                rows.get(0).getBest().evaluation() + " at 0.1 vs " + rows.get(2).getBest().evaluation() + " at 3.0");
    }

    @Test
    void ownDataClassifiesAndFitsPlainArrays() {
        OwnDataResult result = OwnDataKt.ownData("--points", "300", "--epochs", "150");

        assertTrue(result.getAccuracy().accuracy() > 0.85, "held-out accuracy inside/outside a circle: " + result.getAccuracy());
        assertTrue(result.getMeanSquaredError() < 0.01, "sin(x) fitted to a held-out MSE below 0.01: " + result.getMeanSquaredError());
        assertTrue(result.getReloadedAgree(), "the networks read back from JSON predict what the originals did");
        assertTrue(result.getRegressionJson().contains("\"identity\""));
    }

    @Test
    void earlyStoppingEndsTheBoundedRunAndKeepsTheBest() {
        EarlyStoppingResult result = EarlyStoppingKt.earlyStopping("--epochs", "200", "--patience", "3", "--size", "600");

        List<Epoch> epochs = result.getEpochs();
        assertTrue(epochs.size() < 200, "stopped early: " + epochs.size() + " epochs");
        assertEquals(1, epochs.get(0).index());
        for (int k = 0; k < epochs.size(); k++) {
            assertEquals(k + 1, epochs.get(k).index());
        }
        assertTrue(epochs.stream().allMatch(e -> e.accuracy() <= result.getBest().accuracy()));
        assertTrue(result.getBest().accuracy() > 0.7, "far above chance (1/3): " + result.getBest().evaluation());
        int bestAt = result.getBest().index();
        assertTrue(epochs.size() - bestAt <= 3, "no more than the patience after the best epoch");
    }

    @Test
    void aCsvFileOfClassNamesTrainsWithEarlyStopping(@TempDir Path dir) throws java.io.IOException {
        // Three classes of points around three centres, four numeric columns and a name column.
        StringBuilder csv = new StringBuilder("a,b,c,d,kind\n");
        java.util.Random random = new java.util.Random(3);
        String[] kinds = {"north", "south", "east"};
        for (int i = 0; i < 240; i++) {
            int k = i % 3;
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%s%n", 10 + 3 * k + random.nextGaussian(),
                    5 - 2 * k + random.nextGaussian(), 100 * random.nextGaussian(), k + 0.5 * random.nextGaussian(), kinds[k]));
        }
        Path file = java.nio.file.Files.writeString(dir.resolve("points.csv"), csv);
        CsvFileResult result = CsvFileKt.csvFile("--csv", file.toString(), "--label", "kind", "--epochs", "60", "--patience", "5");

        assertEquals(List.of("east", "north", "south"), result.getClasses());
        assertTrue(result.getEpochs().size() <= 60);
        assertTrue(result.getBest().accuracy() > 0.9, "held-out accuracy " + result.getBest().evaluation());
    }
}
