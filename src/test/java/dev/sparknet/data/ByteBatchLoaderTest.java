package dev.sparknet.data;

import org.junit.jupiter.api.Test;
import org.nd4j.common.loader.LocalFileSourceFactory;
import org.nd4j.common.loader.Source;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

        for (String path : List.of(file.getPath(), file.toURI().toString())) {
            DataSet data = new ByteBatchLoader().load(new LocalFileSourceFactory().getSource(path));

            assertEquals(ByteBatchLoader.toDataSet(BATCH).getFeatures(), data.getFeatures());
            assertEquals(ByteBatchLoader.toDataSet(BATCH).getLabels(), data.getLabels());
        }
    }

    @Test
    void otherFileSystemsAreReadThroughTheSourceDl4jGives() {
        Source remote = new Source() {
            @Override
            public InputStream getInputStream() throws IOException {
                throw new IOException("opened through the source");
            }

            @Override
            public String getPath() {
                return "hdfs://127.0.0.1:1/batches/batch-0.bin";
            }
        };

        IOException e = assertThrows(IOException.class, () -> new ByteBatchLoader().load(remote));
        assertEquals("opened through the source", e.getMessage());
    }
}
