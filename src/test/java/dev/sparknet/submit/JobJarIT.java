package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the built job jar bundles, against its SBOM (target/sparknet.cdx.json): every library in the jar is a
 * component of the SBOM or one that a component repackages (listed below, and in the README), every component is
 * in the jar, and what the cluster provides or no job loads stays out.
 */
class JobJarIT {
    static final Path TARGET = Path.of(System.getProperty("sparknet.home", ".")).resolve("target");

    /** Libraries ND4J ships repackaged (org.nd4j.shade.*) inside its own artifacts; the SBOM names only those. */
    static final Map<String, Set<String>> REPACKAGED = Map.of(
            "org.nd4j:jackson", Set.of("com.fasterxml.jackson.core:jackson-core",
                    "com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core:jackson-annotations",
                    "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml",
                    "com.fasterxml.jackson.dataformat:jackson-dataformat-xml",
                    "com.fasterxml.jackson.datatype:jackson-datatype-joda", "org.yaml:snakeyaml",
                    "org.codehaus.woodstox:stax2-api", "com.fasterxml.woodstox:woodstox-core"),
            "org.nd4j:guava", Set.of("com.google.guava:guava", "com.google.guava:failureaccess",
                    "com.google.guava:listenablefuture", "com.google.code.findbugs:jsr305",
                    "com.google.errorprone:error_prone_annotations", "com.google.j2objc:j2objc-annotations"),
            "org.nd4j:protobuf", Set.of("com.google.protobuf:protobuf-java", "com.google.protobuf:protobuf-java-util",
                    "com.google.guava:guava", "com.google.guava:failureaccess", "com.google.guava:listenablefuture"));

    /** Provided by Spark on every cluster, or never loaded by any job (see pom.xml). Not all of org/apache/spark/:
     *  dl4j-spark puts a helper of its own there. */
    static final List<String> MUST_STAY_OUT = List.of(
            "org/apache/spark/SparkContext", "org/apache/spark/rdd/", "scala/", "org/apache/hadoop/", "org/slf4j/", "com/fasterxml/jackson/",
            "org/apache/commons/io/", "org/apache/commons/lang3/", "org/apache/commons/math3/",
            "it/unimi/dsi/fastutil/", "oshi/", "com/sun/jna/", "freemarker/", "org/apache/commons/net/",
            "org/deeplearning4j/datasets/fetchers/", "org/datavec/api/", "org/deeplearning4j/ui/",
            "org/bytedeco/openblas/linux-x86_64/libjniopenblas_full.so");

    static JarFile jar;
    static Set<String> sbom;

    @BeforeAll
    static void open() throws IOException {
        Path jarFile = TARGET.resolve("sparknet.jar");
        Path sbomFile = TARGET.resolve("sparknet.cdx.json");
        jar = new JarFile(jarFile.toFile());
        // The SBOM is written after the jar, in the same package phase; offline (-o) the plugin skips itself.
        if (!Files.exists(sbomFile) || Files.getLastModifiedTime(sbomFile).compareTo(Files.getLastModifiedTime(jarFile)) < 0) {
            return;
        }
        JsonNode bom = new ObjectMapper().readTree(sbomFile.toFile());
        assertEquals("CycloneDX", bom.get("bomFormat").asText());
        sbom = new TreeSet<>();
        for (JsonNode c : bom.get("components")) {
            sbom.add(c.get("group").asText() + ":" + c.get("name").asText());
        }
        assertTrue(sbom.size() > 10, "the SBOM lists too few components: " + sbom);
    }

    static void assumeFreshSbom() {
        Assumptions.assumeTrue(sbom != null, "target/sparknet.cdx.json is missing or older than the jar: "
                + "built offline (-o)? cyclonedx-maven-plugin skips itself offline; SBOM checks skipped");
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    /** group:artifact of every pom.properties under META-INF/maven/ in the jar. */
    static Set<String> bundled() {
        return jar.stream().map(ZipEntry::getName)
                .filter(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties"))
                .map(n -> n.substring("META-INF/maven/".length(), n.length() - "/pom.properties".length()).replace('/', ':'))
                .filter(ga -> !ga.equals("dev.sparknet:sparknet"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyLibraryInTheJarIsInTheSbomOrRepackagedByAComponent() {
        assumeFreshSbom();
        Set<String> repackaged = REPACKAGED.entrySet().stream().filter(e -> sbom.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
        Set<String> unlisted = new TreeSet<>(bundled());
        unlisted.removeAll(sbom);
        unlisted.removeAll(repackaged);
        assertEquals(Set.of(), unlisted, "the job jar bundles libraries its SBOM does not name");
    }

    @Test
    void everySbomComponentIsInTheJar() {
        assumeFreshSbom();
        Set<String> missing = new TreeSet<>(sbom);
        missing.removeAll(bundled());
        assertEquals(Set.of(), missing, "the SBOM names libraries the job jar does not bundle");
    }

    @Test
    void whatTheClusterProvidesOrNoJobLoadsStaysOut() {
        List<String> found = jar.stream().map(ZipEntry::getName)
                .filter(n -> MUST_STAY_OUT.stream().anyMatch(n::startsWith)).limit(10).toList();
        assertEquals(List.of(), found);
    }

    @Test
    void serviceFilesAreMergedAndSignaturesDropped() throws IOException {
        ZipEntry backend = jar.getEntry("META-INF/services/org.nd4j.linalg.factory.Nd4jBackend");
        assertNotNull(backend, "ND4J finds its backend through ServiceLoader");
        try (InputStream in = jar.getInputStream(backend)) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("CpuBackend"));
        }
        List<String> signatures = jar.stream().map(ZipEntry::getName)
                .filter(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")).toList();
        assertEquals(List.of(), signatures, "signature files of single jars make the merged jar unloadable");
    }

    @Test
    void staysSmall() throws IOException {
        assertTrue(Files.size(TARGET.resolve("sparknet.jar")) < 140_000_000L,
                "the job jar grew past 140 MB (131 MB in December): check what a new dependency brings");
    }
}
