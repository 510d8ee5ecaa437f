package dev.purenet.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Locale-independent number formatting for console output, and plain messages. */
final class Text {
    private Text() {}

    /** {@code 1.2} for 1.2345 with one decimal; never uses the platform locale. */
    static String decimals(double value, int places) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }

    /** Jackson's message without its advice on parser features and source locations, which mean nothing to a user. */
    static String plainJsonMessage(String message) {
        String plain = message == null ? "" : message;
        for (String noise : new String[] {": enable `", " (start marker at [Source", "\n at [Source"}) {
            int at = plain.indexOf(noise);
            if (at >= 0) {
                plain = plain.substring(0, at);
            }
        }
        return plain.strip();
    }
}
