package dev.sparknet;

/**
 * Something the user handed us is wrong: a file, a path, a flag or a property. The message names the
 * culprit and says what is wrong with it; the command line turns it into one line and exit code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Text from the input itself (an entry name, a parser's quote of the file) made fit for a one-line
     * message: anything outside printable ASCII becomes '?', and more than {@code max} characters are cut.
     */
    public static String printable(String text, int max) {
        String shown = text.length() > max ? text.substring(0, max) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
