package dev.purenet.report;

import dev.purenet.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Writes a run report into a directory: {@code index.html} and the files it shows,
 * {@code curves.png}, {@code curves.svg}, {@code confusion.csv}, {@code confusion.png},
 * {@code misclassified.png} and {@code weights.png} (see docs/reports.md).
 *
 * <p>The files are written as one {@link AtomicFiles.Batch}: each replaces the file of that name
 * only once all of them are complete, so a failed write leaves the previous report as it was;
 * nothing else in the directory is touched. Drawing needs no display: the JVM is put in headless mode unless
 * {@code java.awt.headless} was already set.
 */
public final class Report {
    static {
        // Must happen before AWT starts; a server or CI machine has no display to open.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** How many misclassified examples {@code misclassified.png} shows: ten rows of ten. */
    public static final int MISTAKES_SHOWN = 100;

    private Report() {}

    /**
     * Writes the report for {@code input} into {@code dir}, creating the directory if needed,
     * and returns the path of its {@code index.html}.
     *
     * @param dir   the report directory
     * @param input what the report shows
     * @return {@code dir/index.html}
     * @throws UncheckedIOException naming the directory when it cannot be created or written
     */
    public static Path write(Path dir, ReportInput input) {
        requireWritableDirectory(dir);
        List<XYChart> charts = Curves.charts(input.history());
        // One batch: every file is written in full before any replaces its old version, so a
        // failure half-way (a full disk) leaves the previous report whole instead of mixing two runs.
        AtomicFiles.Batch files = new AtomicFiles.Batch();
        if (!charts.isEmpty()) {
            files.add(dir.resolve("curves.png"), out -> Curves.writePng(charts, out));
            files.add(dir.resolve("curves.svg"), out -> Curves.writeSvg(charts, out));
        }
        files.add(dir.resolve("confusion.csv"),
                out -> out.write(ConfusionCharts.csv(input.confusion()).getBytes(StandardCharsets.UTF_8)));
        files.add(dir.resolve("confusion.png"), out -> Png.write(ConfusionCharts.heatMap(input.confusion()), out));
        boolean images = DigitImages.side(input.data().features()).isDefined();
        if (images) {
            files.add(dir.resolve("misclassified.png"), out -> Png.write(
                    DigitImages.misclassified(input.data(), input.confusion().misclassified(MISTAKES_SHOWN)), out));
            files.add(dir.resolve("weights.png"),
                    out -> Png.write(DigitImages.weights(input.firstLayerWeights()), out));
        }
        // Last, so that the page never points at a picture that has not been written yet.
        Path index = dir.resolve("index.html");
        String html = IndexPage.html(input, !charts.isEmpty(), images);
        files.add(index, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        files.commit();
        return index;
    }

    private static void requireWritableDirectory(Path dir) {
        // Find the nearest part of the path that exists: a regular file there can never hold the report.
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new UncheckedIOException("cannot write a report into " + dir + ": " + p
                            + " is a file, expected a directory", new NotDirectoryException(p.toString()));
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null
                    ? f.getFile() + ": " + f.getReason() : e.toString();
            throw new UncheckedIOException("cannot write a report into " + dir + ": " + reason, e);
        }
        if (!Files.isWritable(dir)) {
            throw new UncheckedIOException("cannot write a report into " + dir + ": the directory is not writable",
                    new AccessDeniedException(dir.toString()));
        }
    }
}
