package dev.sparknet.cli;

import dev.sparknet.config.Settings;

import java.util.List;

/** One job of the command line: its name, what it does, its flags, and how to run it from settings. */
public interface Command {
    String name();

    String summary();

    /** Longer help shown under the flags: what the job writes and an example. */
    String epilog();

    List<Flag> flags();

    /** Runs the job; returns the process exit code. */
    int run(Settings settings);
}
