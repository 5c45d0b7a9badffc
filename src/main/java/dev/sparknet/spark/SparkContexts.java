package dev.sparknet.spark;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts Spark the way every job needs it: Kryo with ND4J's serializers, local mode when nothing else is said. */
public final class SparkContexts {
    private static final Logger log = LoggerFactory.getLogger(SparkContexts.class);

    private SparkContexts() {
    }

    /**
     * The settings every context of this job gets, the tests' included: Kryo with ND4J's and our serializers,
     * and the round-trip settings parameter averaging depends on.
     */
    public static SparkConf baseConf(String appName) {
        return new SparkConf()
                .setAppName(appName)
                // spark-submit sets spark.master; a plain `java` run (tests, IDE) gets local mode on all cores.
                .setIfMissing("spark.master", "local[*]")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", SparknetKryoRegistrator.class.getName())
                // Every averaging round broadcasts the parameters and Adam state (15 MB for 784-1568-10); floats
                // barely compress, and LZ4 on them cost ~0.1 s of each ~0.2-0.3 s round here.
                .setIfMissing("spark.broadcast.compress", "false")
                // ...and each worker returns them (15 MB): as a direct result rather than a block the driver
                // then fetches, ~35 ms less per round (event log: 86 -> 50 ms from task end to job end).
                .setIfMissing("spark.task.maxDirectResultSize", "64m")
                // The job reports its own progress; Spark's stage bar would fight with it on the console.
                .setIfMissing("spark.ui.showConsoleProgress", "false");
    }

    public static JavaSparkContext start(String appName, String master) {
        SparkConf conf = baseConf(appName);
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        }
        checkReachable(conf.get("spark.master"));
        authenticate(conf, System.getenv(AUTH_SECRET_FILE_ENV));
        JavaSparkContext sc = new JavaSparkContext(conf);
        checkRegistered(sc);
        TaskBadInput.install(sc.sc());
        log.info("security: {}", describeSecurity(sc.getConf()));
        return sc;
    }

    /**
     * Spark SQL (Parquet tables) on the job's own context: Spark allows one SparkContext per JVM, and on YARN in
     * cluster mode the application master knows only the first, so a session never starts a context of its own.
     */
    public static SparkSession session(JavaSparkContext sc) {
        return SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }

    /** What protects this application's traffic and local files, from the settings Spark started with. */
    static String describeSecurity(SparkConf conf) {
        boolean authenticating = conf.getBoolean("spark.authenticate", false);
        // Spark encrypts RPC only for authenticated connections: the session keys come from that handshake.
        boolean rpc = authenticating && conf.getBoolean("spark.network.crypto.enabled", false);
        boolean io = conf.getBoolean("spark.io.encryption.enabled", false);
        return "authentication " + (authenticating ? "on" : "off")
                + ", RPC encryption " + (rpc ? "on (" + conf.get("spark.network.crypto.cipher", "AES/CTR/NoPadding")
                + ", auth engine v" + conf.get("spark.network.crypto.authEngineVersion", "1")
                + (conf.getBoolean("spark.network.crypto.saslFallback", true) ? ", unencrypted peers accepted" : "")
                + ")" : "off")
                + ", I/O encryption " + (io ? "on" : "off");
    }

    /**
     * A standalone master that answers but refuses the application (with spark.authenticate on, a driver without
     * the cluster's secret, or with another one) leaves Spark retrying for a minute; it then stops the context,
     * and the job would fail later with "SparkContext has been shutdown". The context is built only once the
     * master accepted the application or gave up, and only an accepted one has a master-given id (app-...).
     */
    static void checkRegistered(JavaSparkContext sc) {
        String master = sc.master();
        if (!master.startsWith("spark://") || (!sc.sc().isStopped() && sc.sc().applicationId().startsWith("app-"))) {
            return;
        }
        sc.stop();
        boolean authenticating = sc.getConf().getBoolean("spark.authenticate", false);
        boolean encrypting = sc.getConf().getBoolean("spark.network.crypto.enabled", false);
        throw new BadInputException("--master " + master + ": the master did not accept the application"
                + (authenticating
                ? " (is " + AUTH_SECRET_FILE_ENV + " the secret of this cluster? " + ENCRYPT_ENV + " is "
                + (encrypting ? "1 here: was the cluster brought up with it?)" : "0 here: does the cluster encrypt?)")
                : "; if the cluster requires authentication (spark.authenticate), set " + AUTH_SECRET_FILE_ENV
                + " to a file holding its secret"));
    }

    /** The submit scripts' switch for RPC and I/O encryption (submit/common.sh); driver and cluster must agree. */
    public static final String ENCRYPT_ENV = "SPARKNET_ENCRYPT";

    /** Names a file holding a standalone cluster's shared secret (submit/cluster.sh writes one). */
    public static final String AUTH_SECRET_FILE_ENV = "SPARKNET_AUTH_SECRET_FILE";

    /**
     * A standalone master started with spark.authenticate refuses drivers without its secret. The secret is read
     * here from a file (owner-only) rather than passed as --conf, which every user of the machine could see in
     * the process table. Only for spark:// masters: YARN generates a secret per application by itself.
     */
    static void authenticate(SparkConf conf, String secretFile) {
        if (secretFile == null || secretFile.isBlank() || !conf.get("spark.master").startsWith("spark://")
                || conf.contains("spark.authenticate.secret")) {
            return;
        }
        String secret;
        try {
            secret = Files.readString(Path.of(secretFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BadInputException(AUTH_SECRET_FILE_ENV + " " + secretFile + ": cannot read the cluster's secret ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (secret.isEmpty()) {
            throw new BadInputException(AUTH_SECRET_FILE_ENV + " " + secretFile + ": empty; expected the cluster's shared secret");
        }
        conf.set("spark.authenticate", "true").set("spark.authenticate.secret", secret);
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
