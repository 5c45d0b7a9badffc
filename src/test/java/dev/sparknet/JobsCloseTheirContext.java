package dev.sparknet;

import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * For tests that run whole jobs in this JVM: each job starts and stops its own SparkContext, and only one may
 * exist per JVM, so a job that left its context running would break every later test class. Checked after
 * each test: {@code @ExtendWith(JobsCloseTheirContext.class)}.
 */
public final class JobsCloseTheirContext implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "the job left its SparkContext running");
    }
}
