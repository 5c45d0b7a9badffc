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
}
