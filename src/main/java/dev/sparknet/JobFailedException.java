package dev.sparknet;

/**
 * The job could not do its work for a reason outside the user's flags, such as an unreachable server,
 * an HTTP error or a corrupt download. The message is complete on its own (what failed, with which URL
 * or file, and what to do); the command line prints it as one line, without a stack trace, and exits 1.
 */
public class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(oneLine(message));
    }

    public JobFailedException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
