package dev.purenet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.purenet.data.DataFormatException;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file of examples: a header row, numeric feature columns and one label column, read with
 * jackson-dataformat-csv. Rows are numbered as a spreadsheet shows them: the header is row 1, the
 * first example row 2; every error names the file, the row and the column.
 *
 * <p>Class names are the label column's distinct values, sorted (numerically when every one is
 * a number, else as strings), so the class indices do not depend on the order of the rows.
 * Splits are stratified and seeded (see {@link #split}); standardisation uses the training
 * split's statistics only (see {@link Description}).
 */
final class CsvData {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();
    /** Plain decimal numbers, as a CSV file writes them; no hex, no "NaN", no "Infinity", no type suffix. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvData() {}

    /** True when {@code --data} names a CSV file rather than a directory of IDX files. */
    static boolean isCsv(Path data) {
        return data.getFileName() != null && data.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                || Files.isRegularFile(data);
    }

    /**
     * The file as read: feature names in file order, one row of features per example, the label
     * cell of each example (null when the file has no label column and none was required), and
     * each example's row number in the file.
     */
    record Table(Path file, List<String> features, @Nullable String label, double[][] rows, String @Nullable [] labels,
                 int[] fileRows) {
        int size() {
            return rows.length;
        }
    }

    /**
     * What a network trained on CSV data needs to be applied to new rows: the label column, the
     * class names in index order, the feature columns in input order, and the standardisation
     * (mean and standard deviation per feature, from the training split), if any. Written into the
     * network file as its optional {@code "data"} field (docs/json-format.md).
     */
    record Description(String label, List<String> classes, List<String> features, double @Nullable [] mean,
                       double @Nullable [] std) {
        /** {@code row} scaled by the recorded statistics (a copy), or itself when there are none. */
        double[] scale(double[] row) {
            if (mean == null || std == null) {
                return row;
            }
            double[] scaled = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                scaled[j] = (row[j] - mean[j]) / std[j];
            }
            return scaled;
        }
    }

    /** The three parts of a CSV file, as {@link Mnist} holds them for training, and what was done to them. */
    record Split(Mnist parts, Description description, String evalDefault, int validationSize, int testSize) {}

    /**
     * Reads {@code file}. With {@code requireLabel}, a missing label column is an error naming
     * the columns found; without, a file lacking it is read as features only (for predict).
     */
    static Table read(Path file, String label, boolean requireLabel) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": a directory, expected a CSV file");
        }
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                records.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new DataFormatException(file + ": not valid CSV" + (at == null ? "" : " at line " + at.getLineNr())
                    + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException j) {
                var at = j.getLocation();
                throw new DataFormatException(file + ": not valid CSV" + (at == null ? "" : " at line " + at.getLineNr())
                        + ": " + j.getOriginalMessage());
            }
            throw e;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DataFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + dev.purenet.io.AtomicFiles.reason(e), e);
        }
        if (records.isEmpty() || records.size() == 1 && isBlank(records.get(0))) {
            throw new DataFormatException(file + ": the file is empty; expected a header row naming the columns, then one row per example");
        }
        List<String> header = records.get(0);
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new DataFormatException(file + ": row 1 (the header), column " + (c + 1) + " has no name");
            }
            Integer before = seen.putIfAbsent(name, c);
            if (before != null) {
                throw new DataFormatException(file + ": row 1 (the header): column '" + name + "' appears twice, as columns "
                        + (before + 1) + " and " + (c + 1));
            }
        }
        Integer labelAt = seen.get(label);
        if (labelAt == null && requireLabel) {
            throw new DataFormatException(file + ": row 1 (the header) has no column '" + label + "' (the --label); columns found: "
                    + String.join(", ", header));
        }
        List<String> features = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (labelAt == null || c != labelAt) {
                features.add(header.get(c));
            }
        }
        if (features.isEmpty()) {
            throw new DataFormatException(file + ": row 1 (the header) has only the label column '" + label
                    + "'; expected at least one feature column");
        }
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> fileRows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            int row = r + 1;
            if (isBlank(cells)) {
                continue; // an empty line, such as a second newline at the end
            }
            if (cells.size() != header.size()) {
                throw new DataFormatException(file + ": row " + row + " has " + cells.size()
                        + (cells.size() == 1 ? " value" : " values") + " but the header has " + header.size() + " columns"
                        + (cells.size() < header.size() ? "; column '" + header.get(cells.size()) + "' has no value"
                        : "; the extra value '" + cells.get(header.size()) + "' is in column " + (header.size() + 1)));
            }
            double[] x = new double[features.size()];
            int j = 0;
            for (int c = 0; c < cells.size(); c++) {
                if (labelAt != null && c == labelAt) {
                    if (cells.get(c).isEmpty()) {
                        throw new DataFormatException(file + ": row " + row + ", column '" + label + "': the label is empty");
                    }
                    continue;
                }
                String cell = cells.get(c);
                if (!NUMBER.matcher(cell).matches()) {
                    throw new DataFormatException(file + ": row " + row + ", column '" + header.get(c) + "': "
                            + (cell.isEmpty() ? "the value is empty" : "'" + cell + "' is not a number") + "; feature columns must be numeric");
                }
                x[j] = Double.parseDouble(cell);
                if (!Double.isFinite(x[j])) {
                    throw new DataFormatException(file + ": row " + row + ", column '" + header.get(c) + "': '" + cell
                            + "' is too large for a double");
                }
                j++;
            }
            rows.add(x);
            if (labelAt != null) {
                labels.add(cells.get(labelAt));
            }
            fileRows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file + ": the file has a header (row 1) but no example rows");
        }
        return new Table(file, List.copyOf(features), labelAt == null ? null : label, rows.toArray(double[][]::new),
                labelAt == null ? null : labels.toArray(String[]::new), fileRows.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean isBlank(List<String> cells) {
        return cells.isEmpty() || cells.size() == 1 && cells.get(0).isEmpty();
    }

    /** The distinct labels, sorted numerically when all are numbers, else as strings. */
    static List<String> classes(Table table) {
        TreeSet<String> distinct = new TreeSet<>(Arrays.asList(table.labels()));
        boolean numeric = distinct.stream().allMatch(s -> NUMBER.matcher(s).matches());
        Comparator<String> order = numeric
                ? Comparator.<String, BigDecimal>comparing(BigDecimal::new).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        return distinct.stream().sorted(order).toList();
    }

    /**
     * Each example's class index under {@code classes}; a label that is not one of them is an
     * error naming its row (for a network trained on other classes).
     */
    static int[] indices(Table table, List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] y = new int[table.size()];
        for (int i = 0; i < y.length; i++) {
            Integer k = index.get(table.labels()[i]);
            if (k == null) {
                throw new DataFormatException(table.file() + ": row " + table.fileRows()[i] + ", column '" + table.label()
                        + "': '" + table.labels()[i] + "' is not one of the network's classes " + classes);
            }
            y[i] = k;
        }
        return y;
    }

    /**
     * Splits {@code table} for training. Stratified: within each class (in class order) the
     * rows are shuffled by one {@code java.util.Random(seed)}, and the first
     * {@code round(test * n)} go to the test part, the next {@code round(validation * n)} to the
     * validation part, the rest to training; each part keeps the file's row order. A fraction of
     * 0 means no such part. With {@code standardize}, every feature is scaled to
     * {@code (x - mean) / std} with the training part's mean and population standard deviation
     * (a constant feature gets std 1).
     *
     * @return the parts; a missing part is the training data, and {@code evalDefault} says which
     *         part evaluation uses when {@code --eval} is not given: test, validation or training
     */
    static Split split(Table table, double validation, double test, boolean standardize, long seed) {
        List<String> classes = classes(table);
        if (classes.size() < 2) {
            throw new DataFormatException(table.file() + ": column '" + table.label() + "' has a single class, '"
                    + classes.get(0) + "', in all " + table.size() + " rows (rows 2 to " + table.fileRows()[table.size() - 1]
                    + "); classification needs at least two");
        }
        int[] y = indices(table, classes);
        byte[] part = new byte[y.length]; // 0 training, 1 validation, 2 test
        Random random = new Random(seed);
        for (int k = 0; k < classes.size(); k++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == k) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int n = members.size();
            int nTest = (int) Math.round(test * n);
            int nValidation = (int) Math.round(validation * n);
            if (nTest + nValidation >= n) {
                throw new DataFormatException(table.file() + ": class '" + classes.get(k) + "' has " + n
                        + (n == 1 ? " row" : " rows") + ", too few to hold out " + nTest + " for --test and " + nValidation
                        + " for --validation and keep one for training");
            }
            for (int m = 0; m < nTest + nValidation; m++) {
                part[members.get(m)] = (byte) (m < nTest ? 2 : 1);
            }
        }
        double[][] training = select(table.rows(), part, 0);
        double[] mean = null;
        double[] std = null;
        if (standardize) {
            mean = new double[training[0].length];
            std = new double[mean.length];
            for (double[] row : training) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < mean.length; j++) {
                mean[j] /= training.length;
            }
            for (double[] row : training) {
                for (int j = 0; j < mean.length; j++) {
                    std[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
            }
            for (int j = 0; j < std.length; j++) {
                std[j] = Math.sqrt(std[j] / training.length);
                if (!(std[j] > 0)) {
                    std[j] = 1;
                }
            }
        }
        Description description = new Description(table.label(), classes, table.features(), mean, std);
        Dataset train = dataset(table, description, part, 0, y);
        Dataset validationPart = validation > 0 ? dataset(table, description, part, 1, y) : null;
        Dataset testPart = test > 0 ? dataset(table, description, part, 2, y) : null;
        if (validation > 0 && validationPart == null || test > 0 && testPart == null) {
            throw new DataFormatException(table.file() + ": " + (validationPart == null && validation > 0 ? "--validation " + validation
                    : "--test " + test) + " of " + table.size() + " rows holds out no row; give a larger fraction");
        }
        String evalDefault = testPart != null ? "test" : validationPart != null ? "validation" : "training";
        return new Split(new Mnist(train, validationPart != null ? validationPart : train, testPart != null ? testPart : train),
                description, evalDefault, validationPart == null ? 0 : validationPart.size(), testPart == null ? 0 : testPart.size());
    }

    private static double[][] select(double[][] rows, byte[] part, int which) {
        List<double[]> chosen = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (part[i] == which) {
                chosen.add(rows[i]);
            }
        }
        return chosen.toArray(double[][]::new);
    }

    private static @Nullable Dataset dataset(Table table, Description description, byte[] part, int which, int[] y) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (part[i] == which) {
                rows.add(description.scale(table.rows()[i]));
                labels.add(y[i]);
            }
        }
        return rows.isEmpty() ? null : Dataset.ofRows(rows.toArray(double[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), description.classes().size());
    }

    /**
     * Every example row of {@code file}, scaled as {@code description} records, with its class
     * index: for evaluate. The file's feature columns must be the recorded ones, in order.
     */
    static Dataset forNetwork(Path file, Description description) {
        Table table = read(file, description.label(), true);
        requireFeatures(table, description);
        int[] y = indices(table, description.classes());
        double[][] rows = Arrays.stream(table.rows()).map(description::scale).toArray(double[][]::new);
        return Dataset.ofRows(rows, y, description.classes().size());
    }

    /** Refuses a file whose feature columns are not the ones the network was trained on. */
    static void requireFeatures(Table table, Description description) {
        if (!table.features().equals(description.features())) {
            throw new DataFormatException(table.file() + ": the feature columns are " + table.features()
                    + " but the network was trained on " + description.features() + " (label '" + description.label()
                    + "'); give a file with the same columns in the same order");
        }
    }
}
