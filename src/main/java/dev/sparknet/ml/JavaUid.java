package dev.sparknet.ml;

import org.apache.spark.ml.util.Identifiable$;

/**
 * A Spark ML stage written in Java must know its uid before its own constructor runs: the params it inherits
 * from Scala traits (featuresCol, labelCol, ...) are created by the superclass constructor and ask for
 * {@code uid()} then, and a param whose parent is not the stage's uid cannot be set. Scala stages take the uid as
 * a constructor parameter, assigned before the superclass runs; Java cannot, so the uid is handed over through
 * this thread-local in the argument of {@code this(...)}, which Java evaluates before any constructor body.
 */
final class JavaUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    /** What a stage's {@code this(JavaUid.pending(uid))} passes on to its private constructor. */
    static final class Pending {
        private Pending() {
        }
    }

    private JavaUid() {
    }

    static Pending pending(String uid) {
        PENDING.set(uid);
        return new Pending();
    }

    static String random(String prefix) {
        return Identifiable$.MODULE$.randomUID(prefix);
    }

    /** The uid handed over for the stage under construction; called (first) from the superclass constructor. */
    static String take() {
        String uid = PENDING.get();
        if (uid == null) {
            throw new IllegalStateException("a stage's uid must be handed over with JavaUid.pending");
        }
        PENDING.remove();
        return uid;
    }
}
