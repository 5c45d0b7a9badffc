package dev.sparknet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real HDFS for tests: hadoop-client-minicluster's NameNode and one DataNode (or several, each block on
 * every one of them), every port on 127.0.0.1, storage under {@code baseDir}. The jar shades its own
 * server-side dependencies and sits beside Spark's hadoop-client-api/runtime without conflict.
 * <p>{@link #start} starts one at once; a test class that wants one for all its tests registers
 * {@code @RegisterExtension static final MiniHdfs hdfs = MiniHdfs.perTestClass(1);}, started before its first
 * test in a temporary folder of its own and shut down (folder deleted) after its last.
 */
public final class MiniHdfs implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private final int dataNodes;
    private java.nio.file.Path ownDir;
    private MiniDFSCluster cluster;
    private String root;
    private FileSystem fileSystem;

    private MiniHdfs(int dataNodes) {
        this.dataNodes = dataNodes;
    }

    public static MiniHdfs start(java.nio.file.Path baseDir) throws IOException {
        return start(baseDir, 1);
    }

    /** {@code dataNodes} DataNodes and replication {@code dataNodes}: every block on each of them. */
    public static MiniHdfs start(java.nio.file.Path baseDir, int dataNodes) throws IOException {
        MiniHdfs hdfs = new MiniHdfs(dataNodes);
        hdfs.startIn(baseDir);
        return hdfs;
    }

    /** One for a whole test class, as a JUnit extension (see the class comment). */
    public static MiniHdfs perTestClass(int dataNodes) {
        return new MiniHdfs(dataNodes);
    }

    private void startIn(java.nio.file.Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setInt("dfs.replication", dataNodes);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(dataNodes).build();
        cluster.waitActive();
        root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        fileSystem = new Path(root + "/").getFileSystem(new Configuration());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ownDir = Files.createTempDirectory("sparknet-hdfs-");
        startIn(ownDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            close(); // MiniDFSCluster.shutdown(true) deletes its base folder itself, unless it failed first
        } finally {
            if (!Files.exists(ownDir)) {
                return;
            }
            try (Stream<java.nio.file.Path> files = Files.walk(ownDir)) {
                for (java.nio.file.Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** {@code hdfs://127.0.0.1:PORT}, without a trailing slash. */
    public String root() {
        return root;
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The data transfer address (127.0.0.1:PORT) of each running DataNode, as block locations name them. */
    public List<String> dataNodeAddresses() {
        return cluster.getDataNodes().stream().map(d -> d.getXferAddress().getAddress().getHostAddress() + ":"
                + d.getXferPort()).toList();
    }

    /**
     * Stops DataNode {@code i} as a crash would leave it to its clients: its ports close at once, while the
     * NameNode goes on listing it until heartbeats are overdue (minutes). Returns its address.
     */
    public String stopDataNode(int i) {
        String address = dataNodeAddresses().get(i);
        if (cluster.stopDataNode(i) == null) {
            throw new IllegalStateException("no DataNode " + i);
        }
        return address;
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }
}
