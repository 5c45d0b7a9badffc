package dev.sparknet.config;

import dev.sparknet.BadInputException;

import java.util.Locale;

/** Everything one `export` run needs: the saved model, the format to write it in, where to publish. */
public record ExportJobConfig(String model, Format format, String output, boolean overwrite) {

    public enum Format {
        /** DIR/model.onnx: a standard ONNX graph any ONNX runtime runs. */
        ONNX,
        /** DIR/model.zip: a DL4J ModelSerializer zip of stock DL4J classes only. */
        DL4J
    }

    public static ExportJobConfig from(Settings s) {
        String format = s.required("format");
        Format parsed;
        try {
            parsed = Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--format " + format + ": expected onnx or dl4j");
        }
        return new ExportJobConfig(s.required("model"), parsed, s.required("output"), s.flag("overwrite"));
    }
}
