package dev.purenet.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Locale-independent number formatting for console output. */
final class Text {
    private Text() {}

    /** {@code 1.2} for 1.2345 with one decimal; never uses the platform locale. */
    static String decimals(double value, int places) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
