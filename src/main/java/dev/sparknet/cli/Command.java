package dev.sparknet.cli;

import dev.sparknet.config.Settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One job of the command line: its name, what it does, its flags, and how to run it from settings. */
abstract class Command {
    private final String name;
    private final String summary;
    private final String epilog;
    private final List<Flag> flags;

    /**
     * @param epilog longer help shown under the flags: what the job writes and an example
     * @param groups the job's own flags and the shared groups it takes, in the order --help lists them
     */
    @SafeVarargs
    Command(String name, String summary, String epilog, List<Flag>... groups) {
        this.name = name;
        this.summary = summary;
        this.epilog = epilog;
        this.flags = concat(name, groups);
    }

    /** Fails on a name taken twice: the command line parser would silently keep only the last of them. */
    @SafeVarargs
    private static List<Flag> concat(String job, List<Flag>... groups) {
        List<Flag> flags = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (List<Flag> group : groups) {
            for (Flag flag : group) {
                if (!names.add(flag.name())) {
                    throw new IllegalArgumentException(job + " lists --" + flag.name() + " twice");
                }
                flags.add(flag);
            }
        }
        return List.copyOf(flags);
    }

    final String name() {
        return name;
    }

    final String summary() {
        return summary;
    }

    final String epilog() {
        return epilog;
    }

    final List<Flag> flags() {
        return flags;
    }

    /** Runs the job; returns the process exit code. */
    abstract int run(Settings settings);
}
