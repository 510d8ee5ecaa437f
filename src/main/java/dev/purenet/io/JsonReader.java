package dev.purenet.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purenet.Precision;
import dev.purenet.math.Matrix;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Typed access to a JSON tree whose every error names the file and the JSON path. */
final class JsonReader {
    private final String source;

    JsonReader(String source) {
        this.source = source;
    }

    /**
     * The JSON tree in {@code file}; a missing file, a syntax error (with line and column), content
     * after the first JSON value, or a document past the parser's limits is a {@link SnapshotException}.
     * The file is parsed as it is read, so a stream of garbage ({@code /dev/zero}) fails at its first
     * byte instead of being read whole.
     */
    static JsonNode parse(ObjectMapper mapper, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(mapper, in, file.toString(), "the file is empty");
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * The JSON tree in {@code in}, with the checks of {@link #parse(ObjectMapper, Path)}; every error
     * names {@code source}. Reads to the end of the stream (content after the JSON value is an
     * error) and leaves it open: the caller owns it.
     */
    static JsonNode parse(ObjectMapper mapper, InputStream in, String source) {
        try {
            return parse(mapper, new FilterInputStream(in) {
                @Override
                public void close() {
                    // The caller's stream: Jackson closes its source when done, the caller closes this one.
                }
            }, source, "the input is empty");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** JSON text given as a string: parsed as its UTF-8 bytes, so that it meets exactly the checks a file meets. */
    static JsonNode parse(ObjectMapper mapper, String json, String source) {
        return parse(mapper, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source);
    }

    private static JsonNode parse(ObjectMapper mapper, InputStream in, String source, String empty) throws IOException {
        JsonNode root;
        try {
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(in);
        } catch (StreamConstraintsException e) {
            // Has no location (Jackson 2.20): the limits are not syntax errors.
            throw new SnapshotException(source + ": not read: " + plain(e.getOriginalMessage()) + "; purenet reads JSON nested at most "
                    + StreamReadConstraints.DEFAULT_MAX_DEPTH + " deep, numbers of at most " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN
                    + " characters and strings of at most " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SnapshotException(source + ": not valid JSON: " + plain(e.getOriginalMessage())
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (CharConversionException e) {
            // Bytes that are not text in the encoding Jackson detected (e.g. a truncated UTF-32 character): bad content, not an I/O failure.
            throw new SnapshotException(source + ": not valid JSON: the bytes are not UTF-8, UTF-16 or UTF-32 text: " + plain(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new SnapshotException(source + ": " + empty + "; expected a JSON object");
        }
        return root;
    }

    /** Jackson's message without its advice on parser features and source locations, which mean nothing to a user. */
    static String plain(String message) {
        if (message.startsWith("Non-standard token 'NaN'") || message.startsWith("Non-standard token 'Infinity'")
                || message.startsWith("Non-standard token '-Infinity'")) {
            return message.substring("Non-standard token ".length(), message.indexOf("':") + 1)
                    + " is not a number in JSON, and every parameter must be a finite number";
        }
        String plain = message;
        for (String noise : new String[] {": enable `", " (start marker at [Source", "\n at [Source", ", from `StreamReadConstraints",
                " (maximum allowed", "; use `"}) {
            int at = plain.indexOf(noise);
            if (at >= 0) {
                plain = plain.substring(0, at);
            }
        }
        return plain.strip();
    }

    SnapshotException error(String path, String problem) {
        return new SnapshotException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "expected an object, got " + describe(node));
        }
    }

    private JsonNode field(JsonNode parent, String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        JsonNode node = parent.get(name);
        if (node == null || node.isMissingNode()) {
            throw error(path, "missing field");
        }
        return node;
    }

    /** The field named by the last segment of {@code path}, or null when it is absent or JSON null. */
    static JsonNode optional(JsonNode parent, String path) {
        JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
        return node == null || node.isNull() ? null : node;
    }

    JsonNode object(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        requireObject(node, path);
        return node;
    }

    /** A finite number. */
    double number(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw error(path, "expected a finite number, got " + describe(node));
        }
        return node.doubleValue();
    }

    long longInteger(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(path, "expected a 64-bit integer, got " + describe(node));
        }
        return node.longValue();
    }

    String text(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (!node.isTextual()) {
            throw error(path, "expected a string, got " + describe(node));
        }
        return node.textValue();
    }

    /** The optional "precision" field: float64 when absent (files written before float32 existed). */
    Precision precision(JsonNode parent, String path) {
        if (optional(parent, path) == null) {
            return Precision.FLOAT64;
        }
        try {
            return Precision.of(text(parent, path));
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    int integer(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (!node.isInt()) {
            throw error(path, "expected an integer, got " + describe(node));
        }
        return node.intValue();
    }

    JsonNode array(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (!node.isArray()) {
            throw error(path, "expected an array, got " + describe(node));
        }
        return node;
    }

    /** A non-empty array of finite numbers. */
    double[] numberField(JsonNode parent, String path) {
        return numbers(array(parent, path), path);
    }

    double[] numbers(JsonNode array, String path) {
        if (array.isEmpty()) {
            throw error(path, "expected at least one number, got []");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) {
                throw error(path + "[" + i + "]", "expected a number, got " + describe(v)
                        + (v.isTextual() ? " (NaN and Infinity are not allowed in a snapshot)" : ""));
            }
            out[i] = v.doubleValue();
            if (!Double.isFinite(out[i])) {
                throw error(path + "[" + i + "]", "expected a finite number, got " + out[i]);
            }
        }
        return out;
    }

    /** An array of integers. */
    int[] integers(JsonNode parent, String path) {
        JsonNode array = array(parent, path);
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isInt()) {
                throw error(path + "[" + i + "]", "expected an integer, got " + describe(array.get(i)));
            }
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    /** A matrix written as a non-empty list of rows of equal length. */
    Matrix rows(JsonNode parent, String path) {
        return matrix(array(parent, path), path);
    }

    /** {@code array} (any node, checked) as a matrix written as a non-empty list of rows of equal length. */
    Matrix matrix(JsonNode array, String path) {
        if (!array.isArray()) {
            throw error(path, "expected a list of rows, got " + describe(array));
        }
        if (array.isEmpty()) {
            throw error(path, "expected at least one row, got []");
        }
        double[][] rows = new double[array.size()][];
        for (int i = 0; i < rows.length; i++) {
            String rowPath = path + "[" + i + "]";
            if (!array.get(i).isArray()) {
                throw error(rowPath, "expected a row (an array of numbers), got " + describe(array.get(i)));
            }
            rows[i] = numbers(array.get(i), rowPath);
            if (rows[i].length != rows[0].length) {
                throw error(rowPath, "ragged rows: expected " + rows[0].length + " numbers like row 0, got " + rows[i].length);
            }
        }
        return Matrix.of(rows);
    }

    /**
     * {@code array} (any node, checked) as a column vector written the way numpy's
     * {@code tolist()} writes an n x 1 array: a non-empty list of one-element rows {@code [[b1], [b2], ...]}.
     */
    Matrix column(JsonNode array, String path) {
        if (!array.isArray()) {
            throw error(path, "expected a list of one-element rows, got " + describe(array));
        }
        if (array.isEmpty()) {
            throw error(path, "expected at least one row, got []");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            String rowPath = path + "[" + i + "]";
            JsonNode row = array.get(i);
            if (!row.isArray() || row.size() != 1) {
                throw error(rowPath, "expected a one-element row [b], got " + describe(row));
            }
            values[i] = numbers(row, rowPath)[0];
        }
        return Matrix.column(values);
    }

    static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
