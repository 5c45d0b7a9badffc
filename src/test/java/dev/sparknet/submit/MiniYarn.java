package dev.sparknet.submit;

import dev.sparknet.MiniHdfs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real YARN for tests: hadoop-client-minicluster's ResourceManager and NodeManagers (threads of this JVM;
 * the containers they launch are processes of their own) beside a MiniDFSCluster, all bound to 127.0.0.1.
 * {@link #confDir} is a HADOOP_CONF_DIR for clients (core-site.xml naming the HDFS, yarn-site.xml the
 * ResourceManager), as a cluster's gateway machine would have.
 */
final class MiniYarn implements AutoCloseable {
    /** Memory each NodeManager offers: a 1g-heap executor or cluster-mode driver with its overhead takes 2.5g. */
    static final int NODE_MEMORY_MB = 8192;

    final MiniHdfs hdfs;
    final MiniYARNCluster yarn;
    final java.nio.file.Path confDir;
    final YarnClient client;

    private MiniYarn(MiniHdfs hdfs, MiniYARNCluster yarn, java.nio.file.Path confDir, YarnClient client) {
        this.hdfs = hdfs;
        this.yarn = yarn;
        this.confDir = confDir;
        this.client = client;
    }

    static MiniYarn start(java.nio.file.Path dir, int nodeManagers) throws Exception {
        MiniHdfs hdfs = MiniHdfs.start(dir.resolve("hdfs"));
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", hdfs.root());
        conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        // servers listen on the loopback interface only (the addresses they advertise resolve to it too)
        conf.set(YarnConfiguration.RM_BIND_HOST, "127.0.0.1");
        conf.set(YarnConfiguration.NM_BIND_HOST, "127.0.0.1");
        conf.setBoolean(YarnConfiguration.TIMELINE_SERVICE_ENABLED, false);
        // hadoop-client-minicluster has no capacity-scheduler.xml: one queue, "default", with everything
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        conf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", NODE_MEMORY_MB);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, NODE_MEMORY_MB);
        // a full disk of a shared machine must not mark the nodes unhealthy
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // keep finished containers' directories and logs a while, for anyone reading a failure
        conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);

        MiniYARNCluster yarn = new MiniYARNCluster("sparknet-yarn", 1, nodeManagers, 1, 1);
        yarn.init(conf);
        yarn.start();
        // start() may return before the ResourceManager wrote its real port into the configuration
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ResourceManager did not publish its address");
            }
            Thread.sleep(100);
        }
        if (!yarn.waitForNodeManagersToConnect(30_000)) {
            throw new IllegalStateException("the NodeManagers did not register with the ResourceManager");
        }

        java.nio.file.Path confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfs.root());
        core.setInt("dfs.replication", 1);
        write(core, confDir.resolve("core-site.xml"));
        write(yarn.getConfig(), confDir.resolve("yarn-site.xml"));

        YarnClient client = YarnClient.createYarnClient();
        client.init(yarn.getConfig());
        client.start();
        return new MiniYarn(hdfs, yarn, confDir, client);
    }

    private static void write(Configuration conf, java.nio.file.Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }

    String resourceManager() {
        return yarn.getConfig().get(YarnConfiguration.RM_ADDRESS);
    }

    /** Copies local files into an HDFS directory; returns its hdfs:// URI. */
    String put(String hdfsDir, List<java.nio.file.Path> files) throws IOException {
        Path dir = new Path(hdfs.root() + hdfsDir);
        hdfs.fileSystem().mkdirs(dir);
        for (java.nio.file.Path f : files) {
            hdfs.fileSystem().copyFromLocalFile(new Path(f.toUri()), new Path(dir, f.getFileName().toString()));
        }
        return dir.toString();
    }

    /** Every application YARN knows of with this tag (spark.yarn.tags; YARN keeps tags in lower case). */
    List<ApplicationReport> applications(String tag) throws Exception {
        return client.getApplications(EnumSet.allOf(YarnApplicationState.class)).stream()
                .filter(a -> a.getApplicationTags().contains(tag.toLowerCase())).toList();
    }

    /** Waits until YARN's report of the one application with this tag is final (FINISHED, FAILED, KILLED). */
    ApplicationReport finalReport(String tag, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ApplicationReport> apps = applications(tag);
            if (apps.size() > 1) {
                throw new AssertionError("more than one application tagged " + tag + ": " + apps);
            }
            if (apps.size() == 1 && EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED,
                    YarnApplicationState.KILLED).contains(apps.get(0).getYarnApplicationState())) {
                return apps.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("application " + tag + " not final after " + timeout + ": " + apps);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
            yarn.stop();
        } finally {
            hdfs.close();
        }
    }
}
