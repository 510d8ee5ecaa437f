package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Ensemble;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvolutionalEnsembleTest {
    @TempDir
    Path dir;

    @Test
    void trainsMembersOnTheExpandedDataAndCombinesThem() {
        ConvolutionalEnsemble.Result result = ConvolutionalEnsemble.run("--data", ExampleData.MNIST,
                "--layers", "conv 4x5x5 relu, pool 2, dense 30 relu dropout 0.5, softmax 10", "--members", "3", "--epochs", "2",
                "--train-size", "600", "--validation-size", "1000", "--eta", "0.1", "--out", dir.toString());

        assertEquals(3, result.members().size());
        var test = MnistFetch.loadOrFetch(Path.of(ExampleData.MNIST), System.err::println).test();
        for (int k = 0; k < 3; k++) {
            Epoch member = result.members().get(k);
            assertTrue(member.index() >= 1 && member.index() <= 2, "a trained epoch, not the start: " + member.index());
            assertEquals(1000, member.evaluation().total(), "chosen on the validation images");
            assertTrue(member.evaluation().accuracy() > 0.6, "member " + (k + 1) + ": " + member.evaluation());
            assertEquals(member.network(), Snapshots.read(result.files().get(k)), "the file holds the chosen network");
            assertEquals(Evaluation.of(member.network(), test), result.memberTests().get(k));
        }
        assertNotEquals(result.members().get(0).network(), result.members().get(1).network(), "seeds 1 and 2 differ");
        Ensemble ensemble = Ensemble.of(result.members().map(Epoch::network));
        assertEquals(Evaluation.of(ensemble, test), result.byMean());
        assertEquals(Evaluation.byVote(ensemble, test), result.byVote());
        double bestMember = result.memberTests().map(Evaluation::accuracy).max().get();
        assertTrue(result.byMean().accuracy() > bestMember - 0.02, "the ensemble " + result.byMean()
                + " is not far below its best member " + bestMember);
    }

    @Test
    void withoutExpandingItTrainsOnThePlainImages() {
        ConvolutionalEnsemble.Result plain = ConvolutionalEnsemble.run("--data", ExampleData.MNIST,
                "--layers", "conv 2x5x5 relu, pool 2, softmax 10", "--members", "1", "--epochs", "1",
                "--train-size", "300", "--validation-size", "500", "--expand", "no", "--out", dir.toString());
        ConvolutionalEnsemble.Result expanded = ConvolutionalEnsemble.run("--data", ExampleData.MNIST,
                "--layers", "conv 2x5x5 relu, pool 2, softmax 10", "--members", "1", "--epochs", "1",
                "--train-size", "300", "--validation-size", "500", "--out", dir.toString());
        assertNotEquals(plain.members().get(0).network(), expanded.members().get(0).network(),
                "five times the images give another network");
    }
}
