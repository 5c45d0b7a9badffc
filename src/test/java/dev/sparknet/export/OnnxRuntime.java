package dev.sparknet.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model with Microsoft's ONNX Runtime: the reader that is not ours. */
public final class OnnxRuntime implements AutoCloseable {
    private final OrtSession session;

    public OnnxRuntime(byte[] model) throws OrtException {
        this.session = OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions());
    }

    public OrtSession session() {
        return session;
    }

    /** The model's single output for {@code rows} examples of {@code features.length / rows} floats each. */
    public float[][] run(float[] features, int rows) throws OrtException {
        String input = session.getInputNames().iterator().next();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[] {rows, features.length / rows});
             OrtSession.Result result = session.run(Map.of(input, x))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
