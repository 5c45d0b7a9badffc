package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spark's REST API on a driver's UI port (127.0.0.1): what the driver itself says its executors are doing. Tests
 * that kill an executor ask it which one is running a task, rather than guessing from elapsed time.
 */
record DriverRestApi(int uiPort) {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static DriverRestApi onFreePort() throws IOException {
        return new DriverRestApi(StandaloneCluster.freePort());
    }

    /** The spark-defaults.conf line that puts the driver's UI, and so this API, on {@link #uiPort}. */
    String sparkConf() {
        return "spark.ui.port " + uiPort;
    }

    private JsonNode get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + uiPort + "/api/v1/applications" + path);
        // Spark's REST API takes seconds to answer its first request
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), uri + ": " + r.body());
        return StandaloneCluster.JSON.readTree(r.body());
    }

    /** The driver's view of the executors of {@code appId}. */
    JsonNode executors(String appId) throws Exception {
        return get("/" + appId + "/executors");
    }

    /** The id of the driver's application, once its UI answers. */
    String applicationId(long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            try {
                JsonNode apps = get("");
                if (apps.size() > 0) {
                    return apps.get(0).get("id").asText();
                }
            } catch (IOException notYetListening) {
                // the driver has not opened its UI yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the driver's UI on port " + uiPort + " did not answer before the deadline");
    }

    /** Asks the driver until an executor is running a task; returns its id. */
    String executorRunningATask(String appId, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            for (JsonNode e : executors(appId)) {
                if (!"driver".equals(e.get("id").asText()) && e.get("activeTasks").asInt() > 0) {
                    return e.get("id").asText();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no executor ran a task before the deadline");
    }
}
