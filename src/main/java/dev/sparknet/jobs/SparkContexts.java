package dev.sparknet.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

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
        return new JavaSparkContext(conf);
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
