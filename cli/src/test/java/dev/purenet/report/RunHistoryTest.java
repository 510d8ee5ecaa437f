package dev.purenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

    @Test
    void bestIsTheEarliestHighestEvaluationAccuracyAndLastIsTheLatestMeasured() {
        Option<Double> none = Option.none();
        RunHistory history = new RunHistory("test", List.of(EpochPoint.evaluationAccuracy(0, 0.1),
                EpochPoint.evaluationAccuracy(1, 0.9), EpochPoint.evaluationAccuracy(2, 0.9),
                EpochPoint.evaluationAccuracy(3, 0.8), new EpochPoint(4, Option.some(0.1), none, none, none)));
        assertEquals(1, history.best().get().epoch());
        assertEquals(3, history.lastEvaluated().get().epoch());
        RunHistory empty = new RunHistory("test", List.of());
        assertEquals(Option.none(), empty.best());
        assertEquals(Option.none(), empty.lastEvaluated());
    }

    @Test
    void rejectsWhatCannotBeDrawn() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RunHistory("test",
                List.of(EpochPoint.evaluationAccuracy(2, 0.5), EpochPoint.evaluationAccuracy(2, 0.6))));
        assertEquals("expected epochs in increasing order, got epoch 2 after epoch 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EpochPoint.evaluationAccuracy(1, 95.2));
        assertEquals("epoch 1: expected evaluation accuracy as a fraction in [0, 1], got 95.2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpochPoint.evaluationAccuracy(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> EpochPoint.evaluationAccuracy(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RunHistory(" ", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RunHistory("training", List.of()));
    }

    @Test
    void percentagesAndEscapingDoNotDependOnTheLocale() {
        assertEquals("95.23%", Percent.of(0.95234));
        assertEquals("100.00%", Percent.of(1.0));
        assertEquals("0.05%", Percent.of(0.0005));
        assertEquals("7.10%", Percent.of(0.071));
        assertEquals("a&amp;b &lt;i&gt; &quot;q&quot; &#39;s&#39;", IndexPage.escape("a&b <i> \"q\" 's'"));
    }
}
