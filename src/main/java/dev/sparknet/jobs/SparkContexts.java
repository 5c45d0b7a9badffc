package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts Spark the way every job needs it: Kryo with ND4J's serializers, local mode when nothing else is said. */
public final class SparkContexts {
    private SparkContexts() {
    }

    public static JavaSparkContext start(String appName, String master) {
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                // spark-submit sets spark.master; a plain `java` run (tests, IDE) gets local mode on all cores.
                .setIfMissing("spark.master", "local[*]")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
                // The job reports its own progress; Spark's stage bar would fight with it on the console.
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        }
        checkReachable(conf.get("spark.master"));
        return new JavaSparkContext(conf);
    }

    /**
     * Spark retries an unreachable standalone master for a minute and then fails with a stack trace;
     * a wrong address deserves one line and exit code 2 at once.
     */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new BadInputException("--master " + master + ": expected spark://HOST:PORT");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), 3000);
                return;
            } catch (NumberFormatException e) {
                throw new BadInputException("--master " + master + ": '" + hostPort.substring(colon + 1) + "' is not a port");
            } catch (IOException e) {
                problems.add(hostPort + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        throw new BadInputException("--master " + master + ": no Spark master answers at " + String.join(", ", problems));
    }

    /**
     * The Hadoop configuration Spark will use, built before Spark starts so that input can be checked
     * first: the defaults (core-site.xml etc. on the classpath) plus any {@code spark.hadoop.*} setting.
     */
    public static Configuration hadoopConfigurationBeforeSpark() {
        Configuration conf = new Configuration();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), e.getValue().toString());
            }
        }
        return conf;
    }
}
