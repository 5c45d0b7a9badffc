package dev.sparknet.cli;

import dev.sparknet.BadInputException;
import dev.sparknet.JobFailedException;
import dev.sparknet.config.DefaultSettings;
import dev.sparknet.config.Settings;
import dev.sparknet.spark.TaskBadInput;
import dev.sparknet.training.TrainingDivergedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point: {@code sparknet JOB [flags]}. The one place where errors become exit codes:
 * 0 success, 2 bad input (one line naming the culprit), 1 failure (divergence, crashes).
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** `retrain` kept the champion: the run worked, the new model was not better. */
    public static final int KEPT = 3;

    static final List<Command> COMMANDS = List.of(new MnistCommand(), new EvaluateCommand(), new PredictCommand(),
            new DescribeCommand(), new ExportCommand(), new RetrainCommand(), new ApproxCommand(), new BenchCommand(), new DownloadCommand(),
            new ConvertCommand());

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code == OK && inYarnApplicationMaster()) {
            // YARN cluster mode: this is the application master's driver thread. Returning lets the master record
            // FINISHED / SUCCEEDED and end the JVM itself; it counts a System.exit, even of 0, as a failure.
            return;
        }
        // Spark leaves non-daemon threads behind; the exit code is the contract with schedulers.
        System.exit(code);
    }

    /** The application master sets the application's Spark settings as system properties before calling main. */
    static boolean inYarnApplicationMaster() {
        return "yarn".equals(System.getProperty("spark.master"))
                && "cluster".equals(System.getProperty("spark.submit.deployMode"));
    }

    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printJobs(args.length == 0);
            return args.length == 0 ? BAD_INPUT : OK;
        }
        Command command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            System.err.println("sparknet: unknown job '" + args[0] + "' (jobs: " + jobNames() + "; see --help)");
            return BAD_INPUT;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        boolean verbose = Arrays.asList(rest).contains("--verbose");
        TaskBadInput.reset();
        try {
            Options options = options(command);
            CommandLine line = new DefaultParser().parse(options, rest, false);
            if (line.hasOption("help")) {
                printHelp(command, options);
                return OK;
            }
            if (!line.getArgList().isEmpty()) {
                throw new BadInputException("unexpected argument '" + line.getArgList().get(0)
                        + "' (flags start with --; see sparknet " + command.name() + " --help)");
            }
            return command.run(settings(command, line));
        } catch (UnrecognizedOptionException e) {
            return fail(command, "unknown flag " + e.getOption() + " (see sparknet " + command.name() + " --help)", BAD_INPUT, e, verbose);
        } catch (ParseException e) {
            return fail(command, e.getMessage(), BAD_INPUT, e, verbose);
        } catch (BadInputException e) {
            return fail(command, e.getMessage(), BAD_INPUT, e, verbose);
        } catch (TrainingDivergedException e) {
            return fail(command, e.getMessage() + "; nothing was published", FAILED, e, verbose);
        } catch (JobFailedException e) {
            return fail(command, e.getMessage(), FAILED, e, verbose);
        } catch (Exception | Error e) {
            // Spark's exceptions are checked ones that Scala throws undeclared (SparkException): caught here too
            Optional<BadInputException> badInput = TaskBadInput.behind(e);
            if (badInput.isPresent()) {
                return fail(command, badInput.get().getMessage(), BAD_INPUT, e, verbose);
            }
            Throwable root = rootCause(e);
            return fail(command, "failed: " + root.getClass().getSimpleName() + ": " + root.getMessage()
                    + (verbose ? "" : " (--verbose shows the stack trace)"), FAILED, e, verbose);
        }
    }

    static Settings settings(Command command, CommandLine line) {
        Settings.Builder settings = Settings.builder();
        for (Map.Entry<String, String[]> e : DefaultSettings.forJob(command.name(), line.getOptionValue("conf")).entrySet()) {
            settings.put(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        for (Option option : line.getOptions()) {
            String value = option.hasArg() ? option.getValue() : null;
            settings.put(option.getLongOpt(), value == null ? "true" : value, "flag");
        }
        return settings.build();
    }

    static Options options(Command command) {
        Options options = new Options();
        for (Flag flag : command.flags()) {
            Option.Builder b = Option.builder().longOpt(flag.name()).desc(flag.description());
            if (flag.takesValue()) {
                b.hasArg().argName(flag.argName()).optionalArg(flag.optionalValue());
            }
            options.addOption(b.build());
        }
        return options;
    }

    private static void printHelp(Command command, Options options) {
        Map<String, String[]> defaults = DefaultSettings.forJob(command.name(), null);
        Options shown = new Options();
        for (Option o : options.getOptions()) {
            String[] d = defaults.get(o.getLongOpt());
            Option copy = (Option) o.clone();
            if (d != null && !d[0].isBlank()) {
                copy.setDescription(o.getDescription() + " (default " + d[0] + ")");
            }
            shown.addOption(copy);
        }
        HelpFormatter help = new HelpFormatter();
        help.setOptionComparator(null);
        PrintWriter out = new PrintWriter(System.out, true);
        help.printHelp(out, 100, "submit/local.sh " + command.name() + " [flags]",
                command.summary() + "\n\n", shown, 2, 2, "\n" + command.epilog(), false);
        out.flush();
    }

    private static void printJobs(boolean asError) {
        StringBuilder s = new StringBuilder("usage: submit/local.sh JOB [flags]   (JOB --help for its flags)\n\njobs:\n");
        for (Command c : COMMANDS) {
            s.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        (asError ? System.err : System.out).print(s);
    }

    private static String jobNames() {
        return String.join(", ", COMMANDS.stream().map(Command::name).toList());
    }

    private static int fail(Command command, String message, int code, Throwable e, boolean verbose) {
        if (verbose) {
            e.printStackTrace();
        }
        System.err.println("sparknet " + command.name() + ": " + (code == BAD_INPUT ? "error: " : "") + message);
        return code;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
