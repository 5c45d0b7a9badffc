package dev.sparknet.training;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleProgressTest {
    @Test
    void liveLineIsRewrittenEachRoundAndClosedEachEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = ConsoleProgress.live(2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.onRound(1, 10, 40, 1280, 2.0, 0.9);
        progress.onRound(1, 40, 40, 5120, 8.0, 0.3);
        progress.onRound(2, 20, 40, 2560, 3.0, 0.2);
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = out.split("\n", -1);
        assertEquals(2, lines.length, "one closed line for epoch 1, then the live line of epoch 2: " + out);
        assertTrue(lines[0].startsWith("\repoch 1/2  batches 10/40  640 examples/s  loss 0.9000  14s left"), lines[0]);
        assertTrue(lines[0].contains("\repoch 1/2  batches 40/40  640 examples/s  loss 0.3000  8s left"), lines[0]);
        // Epoch 2 halfway after 3 s: 3 s left of it (its own pace); no epochs after it.
        // (Epoch 1 at 10/40 after 2 s: 6 s left of it, plus 8 s for epoch 2 at that pace = 14 s.)
        assertEquals("\repoch 2/2  batches 20/40  853 examples/s  loss 0.2000  3s left", lines[1]);
    }

    @Test
    void perEpochLinesAreStructured() {
        List<String> lines = new ArrayList<>();
        ConsoleProgress progress = ConsoleProgress.perEpoch(3, lines::add);
        assertFalse(progress.isLive());
        progress.onRound(1, 10, 40, 1280, 2.0, 0.9);
        progress.onRound(1, 40, 40, 5120, 10.0, 0.3);
        progress.onRound(2, 40, 40, 5120, 12.0, 0.2);
        assertEquals(List.of(
                "progress epoch=1 epochs=3 batches=40/40 examples=5120 seconds=10.0 examples_per_second=512 loss=0.3000 eta_seconds=20",
                "progress epoch=2 epochs=3 batches=40/40 examples=5120 seconds=12.0 examples_per_second=427 loss=0.2000 eta_seconds=10"),
                lines);
    }

    @Test
    void clustersAndPipesGetLogLines() {
        assertFalse(ConsoleProgress.forDriver("spark://host:7077", 2).isLive());
        assertFalse(ConsoleProgress.forDriver("yarn", 2).isLive());
        // Tests run without a console (surefire pipes stdout), so even local mode logs.
        assertFalse(ConsoleProgress.forDriver("local[2]", 2).isLive());
        assertEquals("1m05s", ConsoleProgress.duration(65));
        assertEquals("2h00m", ConsoleProgress.duration(7200));
    }
}
