package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/** Opening and listing files on any Hadoop FileSystem (file:, hdfs:, s3a:, ...), with errors that name the path. */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    public static FileSystem fileSystem(String path, Configuration conf) {
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new BadInputException(path + ": no file system for this path (" + e.getMessage() + ")", e);
        }
    }

    public static InputStream open(String path, Configuration conf) {
        try {
            FileSystem fs = fileSystem(path, conf);
            Path p = new Path(path);
            FileStatus status = fs.getFileStatus(p);
            if (status.isDirectory()) {
                throw new BadInputException(path + ": is a directory, expected a file");
            }
            return fs.open(p);
        } catch (FileNotFoundException e) {
            throw new BadInputException(path + ": no such file");
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new BadInputException(path + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    public static FileStatus[] listDirectory(String dir, String flag, Configuration conf) {
        try {
            FileSystem fs = fileSystem(dir, conf);
            Path p = new Path(dir);
            if (!fs.exists(p)) {
                throw new BadInputException(flag + " " + dir + ": no such directory");
            }
            if (!fs.getFileStatus(p).isDirectory()) {
                throw new BadInputException(flag + " " + dir + ": is a file, expected a directory");
            }
            return fs.listStatus(p);
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new BadInputException(flag + " " + dir + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(flag + " " + dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
