package dev.sparknet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.util.List;

/**
 * A real HDFS for tests: hadoop-client-minicluster's NameNode and one DataNode (or several, each block on
 * every one of them), every port on 127.0.0.1, storage under {@code baseDir}. The jar shades its own
 * server-side dependencies and sits beside Spark's hadoop-client-api/runtime without conflict.
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final String root;
    private final FileSystem fileSystem;

    private MiniHdfs(MiniDFSCluster cluster) throws IOException {
        this.cluster = cluster;
        this.root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        this.fileSystem = new Path(root + "/").getFileSystem(new Configuration());
    }

    public static MiniHdfs start(java.nio.file.Path baseDir) throws IOException {
        return start(baseDir, 1);
    }

    /** {@code dataNodes} DataNodes and replication {@code dataNodes}: every block on each of them. */
    public static MiniHdfs start(java.nio.file.Path baseDir, int dataNodes) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setInt("dfs.replication", dataNodes);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(dataNodes).build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
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
        cluster.shutdown(true);
    }
}
