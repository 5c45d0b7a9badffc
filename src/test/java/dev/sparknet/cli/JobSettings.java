package dev.sparknet.cli;

import dev.sparknet.config.Settings;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's settings built by the command line's own code ({@link Main#options}, commons-cli's parser,
 * {@link Main#settings}): conf/sparknet.properties, then a {@code conf} file if one is named, then the flags. Tests
 * that need a job's settings come here rather than layering defaults and flags themselves, so they see what a user
 * gets, and a flag the job does not have fails the test.
 */
public final class JobSettings {
    private JobSettings() {
    }

    /**
     * {@code flagValuePairs}: ("data", "/d", "epochs", "2", ...), each flag without its {@code --}; a switch
     * (e.g. {@code overwrite}) is given as "true" and passed bare.
     */
    public static Settings of(String job, String... flagValuePairs) {
        if (flagValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("flag/value pairs expected, got " + List.of(flagValuePairs));
        }
        Command command = Main.COMMANDS.stream().filter(c -> c.name().equals(job)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no job " + job));
        Options options = Main.options(command);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < flagValuePairs.length; i += 2) {
            String name = flagValuePairs[i];
            Option option = options.getOption(name);
            if (option == null) {
                throw new IllegalArgumentException(job + " has no flag --" + name);
            }
            args.add("--" + name);
            if (option.hasArg()) {
                args.add(flagValuePairs[i + 1]);
            } else if (!flagValuePairs[i + 1].equals("true")) {
                throw new IllegalArgumentException("--" + name + " is a switch: give it as \"true\"");
            }
        }
        try {
            return Main.settings(command, new DefaultParser().parse(options, args.toArray(String[]::new), false));
        } catch (ParseException e) {
            throw new IllegalArgumentException(job + " " + args + ": " + e.getMessage(), e);
        }
    }
}
