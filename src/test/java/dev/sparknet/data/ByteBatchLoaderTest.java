package dev.sparknet.data;

import org.junit.jupiter.api.Test;
import org.nd4j.common.loader.LocalFileSourceFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteBatchLoaderTest {
    // Two 3-pixel images: labels 2 and 0 of 3 classes; 255 must read as 1.0, not as -1/255.
    private static final ByteBatch BATCH = new ByteBatch(2, 3, 3, new byte[]{2, 0},
            new byte[]{0, (byte) 128, (byte) 255, 51, 102, 0});

    @Test
    void featuresAreScaledPixelsAndLabelsOneHot() {
        DataSet data = ByteBatchLoader.toDataSet(BATCH);

        assertEquals(Nd4j.create(new float[][]{{0f, 128 / 255f, 1f}, {0.2f, 0.4f, 0f}}), data.getFeatures());
        assertEquals(Nd4j.create(new float[][]{{0, 0, 1}, {1, 0, 0}}), data.getLabels());
        assertEquals(DataType.FLOAT, data.getFeatures().dataType());
    }

    @Test
    void loadsWhatByteBatchWrote(@TempDir File dir) throws Exception {
        File file = new File(dir, "batch-0.bin");
        try (OutputStream out = new FileOutputStream(file)) {
            BATCH.writeTo(out);
        }

        DataSet data = new ByteBatchLoader().load(new LocalFileSourceFactory().getSource(file.getPath()));

        assertEquals(ByteBatchLoader.toDataSet(BATCH).getFeatures(), data.getFeatures());
        assertEquals(ByteBatchLoader.toDataSet(BATCH).getLabels(), data.getLabels());
    }
}
