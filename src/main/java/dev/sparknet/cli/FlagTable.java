package dev.sparknet.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads flags from a text table, one flag a line, so that a job's flags read in the source as they do in --help:
 * <pre>
 * --data DIR          a flag that takes a value
 * --resume [RUN_ID]   a flag whose value may be left out
 * --overwrite         a toggle: no argument
 *                     a line indented further goes on with the description above it
 * </pre>
 * Columns are separated by two or more spaces, so descriptions hold single spaces only. Tables are
 * constants: a malformed one fails while its class loads, naming the line, instead of becoming a flag nobody meant.
 */
final class FlagTable {
    private static final Pattern NAME = Pattern.compile("--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");
    private static final Pattern OPTIONAL = Pattern.compile("\\[(\\S+)]");
    private static final Pattern COLUMNS = Pattern.compile(" {2,}");

    private FlagTable() {
    }

    static List<Flag> parse(String table) {
        List<Flag> flags = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = table.split("\n", -1);
        int margin = -1;
        Flag open = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            if (line.indexOf('\t') >= 0) {
                throw malformed(i, line, "a tab (columns are separated by two or more spaces)");
            }
            int indent = line.length() - line.stripLeading().length();
            if (margin < 0) {
                margin = indent; // the first flag's column is the table's left edge, wherever the text block put it
            }
            if (indent < margin) {
                throw malformed(i, line, "indented less than the first flag");
            }
            if (indent > margin) {
                // the first line sets the margin, so there is a flag above; one column only, or this is likely a
                // flag indented by mistake, whose description would silently become part of the one above
                if (COLUMNS.matcher(line.strip()).find()) {
                    throw malformed(i, line, "a continuation line with two columns (a flag indented too far?)");
                }
                open = new Flag(open.name(), open.argName(), open.description() + " " + line.strip(), open.optionalValue());
                continue;
            }
            if (open != null) {
                flags.add(open);
            }
            open = flag(i, line.strip());
            if (!names.add(open.name())) {
                throw malformed(i, line, "--" + open.name() + " is already in this table");
            }
        }
        if (open == null) {
            throw new IllegalArgumentException("flag table has no flags");
        }
        flags.add(open);
        return List.copyOf(flags);
    }

    /** One flag line: {@code --name}, {@code --name ARG} or {@code --name [ARG]}, then the description. */
    private static Flag flag(int i, String line) {
        String[] columns = COLUMNS.split(line, 2);
        if (columns.length < 2) {
            throw malformed(i, line, "no description (separate it from the flag by two or more spaces)");
        }
        String[] head = columns[0].split(" ");
        Matcher name = NAME.matcher(head[0]);
        if (head.length > 2 || !name.matches()) {
            throw malformed(i, line, "expected --name, --name ARG or --name [ARG] before the description");
        }
        if (head.length == 1) {
            return new Flag(name.group(1), null, columns[1], false);
        }
        Matcher optional = OPTIONAL.matcher(head[1]);
        if (head[1].startsWith("[") && !optional.matches()) {
            throw malformed(i, line, "an optional value is written [ARG]");
        }
        return optional.matches()
                ? new Flag(name.group(1), optional.group(1), columns[1], true)
                : new Flag(name.group(1), head[1], columns[1], false);
    }

    private static IllegalArgumentException malformed(int i, String line, String problem) {
        return new IllegalArgumentException("flag table line " + (i + 1) + " '" + line.strip() + "': " + problem);
    }
}
