package dev.purenet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.purenet.Network;
import dev.purenet.Seed;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review L5: a second report into a directory that failed half-way (a full disk in the review)
 * replaced curves.png but kept the old index.html and pictures, mixing two runs. Here the
 * failure is made certain by a directory standing where weights.png goes.
 */
class ReportFailureTest {
    @TempDir
    Path dir;

    @Test
    void aSecondReportThatFailsHalfWayLeavesTheFirstWhole() throws IOException {
        Report.write(dir, ReportTest.input(ReportTest.fullHistory()));
        byte[] curves = Files.readAllBytes(dir.resolve("curves.png"));
        byte[] index = Files.readAllBytes(dir.resolve("index.html"));
        Files.delete(dir.resolve("weights.png"));
        Files.createDirectory(dir.resolve("weights.png"));

        RunHistory other = new RunHistory("test", List.of(new EpochPoint(1, Option.some(0.5), Option.none(),
                Option.none(), Option.some(0.125))));
        Network network = Network.of(784, 7, 10).sigmoid().scaled(Seed.seed(2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Report.write(dir, ReportInput.of(other, Map.of(), network, ReportTest.images(), "test")));
        assertEquals("cannot write " + dir.resolve("weights.png") + ": it is a directory, expected a file", e.getMessage());
        assertArrayEquals(curves, Files.readAllBytes(dir.resolve("curves.png")));
        assertArrayEquals(index, Files.readAllBytes(dir.resolve("index.html")));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("confusion.csv", "confusion.png", "curves.png", "curves.svg", "index.html", "misclassified.png",
                    "weights.png"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
