package dev.sparknet.export;

import dev.sparknet.artifacts.MetricsFile;

/** The provenance entry of a stock-DL4J export: the export itself and the source model's own provenance. */
public record StockExportProvenance(ExportInfo export, MetricsFile source) {
}
