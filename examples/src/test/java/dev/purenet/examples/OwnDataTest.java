package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.io.Snapshots;
import org.junit.jupiter.api.Test;

class OwnDataTest {

    @Test
    void classifiesAndFitsTheUsersOwnArraysAndReadsThemBackFromStrings() {
        OwnData.Result result = OwnData.run("--points", "300", "--epochs", "150");

        assertTrue(result.accuracy().accuracy() > 0.85, "held-out accuracy inside/outside a circle: " + result.accuracy());
        assertTrue(result.meanSquaredError() < 0.01, "sin(x) fitted to a held-out MSE below 0.01: " + result.meanSquaredError());
        assertTrue(result.reloadedAgree(), "the networks read back from JSON predict what the originals did");
        assertTrue(result.regressionJson().contains("\"identity\""), "the regression output layer is identity");
        assertEquals(result.regressionJson(), Snapshots.toJson(Snapshots.fromJson(result.regressionJson())),
                "a string round trip is exact");
    }
}
