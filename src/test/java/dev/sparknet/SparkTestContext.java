package dev.sparknet;

import dev.sparknet.spark.SparkContexts;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local[2] Spark context per test class, with the jobs' own base configuration
 * ({@link SparkContexts#baseConf}) but without the web UI and bound to 127.0.0.1. Started before the class's first
 * test, stopped after its last, so that job-based tests (which create and close their own context,
 * as only one may exist per JVM) can run in other classes of the same JVM.
 *
 * <pre>
 * &#64;ExtendWith(SparkTestContext.class)
 * class FooSparkTest {
 *     &#64;Test void bar(JavaSparkContext sc) { ... }
 * }
 * </pre>
 * The context is injected into test methods, lifecycle methods and constructors; {@link #of} finds it
 * from a static helper.
 */
public final class SparkTestContext implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    public static final String MASTER = "local[2]";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkTestContext.class);
    private static final String KEY = "sc";

    /** A context configured as the jobs configure theirs, for tests that need one outside the extension. */
    public static SparkConf conf(String appName) {
        return SparkContexts.baseConf(appName)
                .setMaster(MASTER)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (SparkContext$.MODULE$.getActive().isDefined()) {
            throw new IllegalStateException("a SparkContext is already running in this JVM (left over by an earlier "
                    + "test class?); only one may exist at a time");
        }
        JavaSparkContext sc = new JavaSparkContext(conf(context.getRequiredTestClass().getSimpleName()));
        context.getStore(NAMESPACE).put(KEY, sc);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        JavaSparkContext sc = context.getStore(NAMESPACE).remove(KEY, JavaSparkContext.class);
        if (sc != null) {
            sc.close();
        }
    }

    /** The running context of the test class {@code context} belongs to. */
    public static JavaSparkContext of(ExtensionContext context) {
        JavaSparkContext sc = context.getStore(NAMESPACE).get(KEY, JavaSparkContext.class);
        if (sc == null) {
            throw new IllegalStateException("no Spark context: annotate the class with @ExtendWith(SparkTestContext.class)");
        }
        return sc;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == JavaSparkContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return of(context);
    }
}
