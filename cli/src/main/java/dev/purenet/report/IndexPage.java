package dev.purenet.report;

import io.vavr.control.Option;
import java.util.Map;

/** The report's {@code index.html}: one static page, no script, nothing loaded from outside. */
final class IndexPage {
    private IndexPage() {}

    /**
     * The page for {@code input}; {@code withCurves} and {@code withImages} say whether the
     * curves and the digit and weight pictures were written.
     */
    static String html(ReportInput input, boolean withCurves, boolean withImages) {
        RunHistory history = input.history();
        String evaluation = escape(history.evaluationLabel());
        String data = escape(input.dataLabel());
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>purenet run report</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em; color: #222; }\n")
                .append("table { border-collapse: collapse; margin-bottom: 1em; }\n")
                .append("th, td { border: 1px solid #ccc; padding: 0.25em 0.75em; text-align: left; }\n")
                .append("img { max-width: 100%; border: 1px solid #ddd; }\n")
                .append("</style>\n</head>\n<body>\n<h1>purenet run report</h1>\n");

        sb.append("<h2>Key figures</h2>\n<table>\n");
        Option<EpochPoint> best = history.best();
        row(sb, "best epoch (" + evaluation + " accuracy)", best.map(p -> Integer.toString(p.epoch())));
        row(sb, "best " + evaluation + " accuracy", best.map(p -> Percent.of(p.evaluationAccuracy().get())));
        row(sb, "final " + evaluation + " accuracy", history.lastEvaluated()
                .map(p -> Percent.of(p.evaluationAccuracy().get()) + " (epoch " + p.epoch() + ")"));
        row(sb, "epochs recorded", Option.some(Integer.toString(history.points().size())));
        int correct = input.confusion().correct();
        int total = input.confusion().total();
        row(sb, data + " data, final network", Option.some(correct + " / " + total + " correct ("
                + Percent.of((double) correct / total) + ")"));
        sb.append("</table>\n");

        sb.append("<h2>Configuration</h2>\n");
        if (input.configuration().isEmpty()) {
            sb.append("<p>None recorded.</p>\n");
        } else {
            sb.append("<table>\n");
            for (Map.Entry<String, String> e : input.configuration().entrySet()) {
                sb.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(e.getValue()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }

        sb.append("<h2>Learning curves</h2>\n");
        if (withCurves) {
            sb.append("<p>Training and ").append(evaluation).append(" data after each epoch; the dashed line marks ")
                    .append("the best ").append(evaluation).append(" accuracy. <a href=\"curves.svg\">SVG</a></p>\n")
                    .append("<img src=\"curves.png\" alt=\"accuracy and cost per epoch\">\n");
        } else {
            sb.append("<p>No accuracy or cost was measured during training.</p>\n");
        }

        sb.append("<h2>Confusion matrix (").append(data).append(" data)</h2>\n")
                .append("<p>Rows are the true classes, columns the network's answers. <a href=\"confusion.csv\">CSV</a></p>\n")
                .append("<img src=\"confusion.png\" alt=\"confusion matrix\">\n");

        if (withImages) {
            sb.append("<h2>Misclassified ").append(data).append(" examples</h2>\n")
                    .append("<p>The first ones in data order, captioned true \u2192 predicted class.</p>\n")
                    .append("<img src=\"misclassified.png\" alt=\"misclassified examples\">\n")
                    .append(input.drawsFilters()
                            ? "<h2>First-layer filters</h2>\n<p>One image per feature map's filter: red weights excite it, blue ones"
                                    + " inhibit it, each filter scaled to its own largest weight.</p>\n"
                                    + "<img src=\"weights.png\" alt=\"first-layer filters per feature map\">\n"
                            : "<h2>First-layer weights</h2>\n<p>One image per hidden neuron: red pixels excite it, blue ones inhibit"
                                    + " it, each neuron scaled to its own largest weight.</p>\n"
                                    + "<img src=\"weights.png\" alt=\"first-layer weights per hidden neuron\">\n");
        } else {
            sb.append("<h2>Examples and weights</h2>\n<p>Not drawn: ").append(input.data().features())
                    .append(" inputs per example do not form a square image.</p>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Option<String> value) {
        sb.append("<tr><th>").append(name).append("</th><td>").append(escape(value.getOrElse("not measured")))
                .append("</td></tr>\n");
    }

    /** Text safe inside an element or a quoted attribute. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
