package dev.sparknet.cli;

import dev.sparknet.config.Settings;

import java.util.List;

/** One job of the command line: its name, what it does, its flags, and how to run it from settings. */
abstract class Command {
    private final String name;
    private final String summary;
    private final String epilog;
    private final List<Flag> flags;

    /** @param epilog longer help shown under the flags: what the job writes and an example */
    Command(String name, String summary, String epilog, List<Flag> flags) {
        this.name = name;
        this.summary = summary;
        this.epilog = epilog;
        this.flags = List.copyOf(flags);
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
