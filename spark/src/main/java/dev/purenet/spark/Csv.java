package dev.purenet.spark;

import dev.purenet.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Small CSV files written atomically; numbers in Java's locale-independent form, empty for null or NaN. */
final class Csv {
    private Csv() {}

    static void write(Path file, List<String> header, List<List<Object>> rows) {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                text.append(i == 0 ? "" : ",").append(cell(row.get(i)));
            }
            text.append('\n');
        }
        AtomicFiles.write(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String cell(Object value) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            return "";
        }
        String s = value.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
