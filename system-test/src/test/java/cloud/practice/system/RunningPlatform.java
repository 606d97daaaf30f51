package cloud.practice.system;

import cloud.practice.testing.TcpProxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform as the README starts it — {@code ./platform up --no-build} — from the jars this build packaged, in
 * its own run directory (target/platform-run: logs, pids, data; kept as test artifacts) and with every port shifted
 * by {@link #OFFSET}, so it can run beside a developer's platform. Each test JVM starts it on empty stores.
 *
 * <p>Three settings differ from a plain {@code ./platform up}, all so that one platform serves the whole suite soon:
 * <ul>
 *   <li>Kafka advertises a {@link TcpProxy} of this JVM, so every Kafka connection of every service crosses it and
 *       {@link KafkaNetworkFaultIT} can slow, reset and cut the network on this platform instead of starting a
 *       second one ({@code -Dplatform.kafka.link=direct} for benchmarks: no proxy in the path);</li>
 *   <li>the issuer lets a number have a new code after {@link #CODE_RESEND_AFTER} instead of a minute, so the
 *       people's journeys log in by code without waiting out the minute (the rule itself, at its default, is
 *       auth-server's tests' business);</li>
 *   <li>every process gets the JVM options of {@code -Dplatform.java.options} (PLATFORM_JAVA_OPTS; the build passes
 *       the test JVMs' quick-JIT setting, none under -Pbenchmark): the same code, started in about half the time.</li>
 * </ul>
 */
final class RunningPlatform {

    static final int OFFSET = 10_000;
    static final String GATEWAY = "http://127.0.0.1:" + (8080 + OFFSET);
    static final String ISSUER = "http://127.0.0.1:" + (9000 + OFFSET);
    static final String KAFKA = "127.0.0.1:" + (29092 + OFFSET);

    /**
     * The checkout whose {@code ./platform} and jars run: this one, or with {@code -Dplatform.root=<dir>} another
     * (e.g. a directory holding the jars of an earlier build, to show a test failing before a fix).
     */
    private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
    private static final Path RUN_DIR = Path.of("target", "platform-run").toAbsolutePath();
    static final Duration CODE_RESEND_AFTER = Duration.ofSeconds(5);
    private static RunningPlatform instance;
    private static TcpProxy kafkaLink;

    private final Duration startUp;

    private RunningPlatform(Duration startUp) {
        this.startUp = startUp;
    }

    /** Starts it once per JVM (every system test class shares it); stops it when the JVM exits. */
    static synchronized RunningPlatform get() throws Exception {
        if (instance == null) {
            if (!"direct".equals(System.getProperty("platform.kafka.link", "proxy"))) {
                kafkaLink = new TcpProxy(KAFKA);
                kafkaLink.start();
            }
            // Every run starts from empty stores: the data of an earlier run (the run directory outlives it) would
            // make the scenarios' fixed ids collide.
            run(Duration.ofMinutes(2), "clean");
            long start = System.nanoTime();
            // -Dplatform.mongo.store=memory: the stand-in in memory (benchmarks of the services, not of its file store).
            // ./platform waits on each process's progress (up to 10 minutes in all, PLATFORM_START_TIMEOUT).
            run(Duration.ofMinutes(12), Map.of("PLATFORM_MONGO_STORE", System.getProperty("platform.mongo.store", "file")),
                    "up", "--no-build");
            instance = new RunningPlatform(Duration.ofNanos(System.nanoTime() - start));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(Duration.ofMinutes(1), "down");
                } catch (Exception e) {
                    System.err.println("platform down failed: " + e);
                }
            }));
        }
        return instance;
    }

    /** The proxy every Kafka connection of the platform crosses; absent with {@code -Dplatform.kafka.link=direct}. */
    static java.util.Optional<TcpProxy> kafkaLink() {
        return java.util.Optional.ofNullable(kafkaLink);
    }

    /** The text messages the local issuer sent (its SMS outbox: one JSON line per message). */
    static Path smsOutbox() {
        return RUN_DIR.resolve("data").resolve("auth-server").resolve("sms-outbox.jsonl");
    }

    Duration startUp() {
        return startUp;
    }

    /** {@code kill -9} of one process of the platform (a service, kafka or mongo), as a crash would. */
    void kill(String name) throws Exception {
        long pid = pids().get(name);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** The pid of each process of the platform, by its name ({@code request-service}, {@code kafka}, …). */
    static Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new java.util.TreeMap<>();
        try (var files = Files.list(RUN_DIR.resolve("pids"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString();
                pids.put(name.substring(0, name.length() - ".pid".length()), Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    /** {@code ./platform up} again: starts what is not running and waits until it is ready. */
    void restart() throws Exception {
        run(Duration.ofMinutes(12), "up", "--no-build");
    }

    /** {@code ./platform up --demo}: loads the demo district (PLATFORM_DEMO_ARGS) into the running platform. */
    void loadDemo(String demoArguments) throws Exception {
        run(Duration.ofMinutes(5), Map.of("PLATFORM_DEMO_ARGS", demoArguments), "up", "--no-build", "--demo");
    }

    static String output(String command) {
        return read(RUN_DIR.resolve("platform-" + command + ".out"));
    }

    private static void run(Duration timeout, String... arguments) throws Exception {
        run(timeout, Map.of(), arguments);
    }

    private static void run(Duration timeout, Map<String, String> environment, String... arguments) throws Exception {
        Map<String, String> suite = new java.util.HashMap<>(environment);
        suite.put("PRACTICE_AUTH_CODES_RESENDAFTER", CODE_RESEND_AFTER.toSeconds() + "s");
        // Every person of the suite signs up from this one machine's address (and the hostile-input pass asks for
        // codes too): the issuer's 20 codes per address an hour would refuse the later journeys. auth-server's own
        // tests hold the limit (OneTimeCodesTest); PeopleIT raises it the same way.
        suite.put("PRACTICE_AUTH_CODE_PER_ADDRESS_PER_HOUR", "500");
        // SMS receipts are read every 10 s in production; a journey waits for one in a few.
        suite.put("PRACTICE_NOTIFICATION_SMS_RECEIPTS_EVERY", "2s");
        // Activity check-in codes change every 6 s (30 s in production): a browser test sees one expire in seconds.
        suite.put("PRACTICE_REQUEST_CHECKIN_WINDOW", "6s");
        suite.put("PLATFORM_JAVA_OPTS", System.getProperty("platform.java.options", ""));
        if (kafkaLink != null) {
            suite.put("PLATFORM_KAFKA_ADVERTISED_PORT", kafkaLink.address().split(":")[1]);
        }
        platform(RUN_DIR, OFFSET, suite, timeout, arguments);
    }

    /**
     * {@code ./platform <arguments>} for the platform in {@code runDir} with ports shifted by {@code offset} — this
     * one, or a second, smaller one a test sets up for itself; output in {@code runDir/platform-<command>.out}.
     */
    static void platform(Path runDir, int offset, Map<String, String> environment, Duration timeout,
                         String... arguments) throws Exception {
        Files.createDirectories(runDir);
        Path output = runDir.resolve("platform-" + arguments[0] + ".out");
        String[] command = new String[arguments.length + 1];
        command[0] = ROOT.resolve("platform").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("PLATFORM_PORT_OFFSET", Integer.toString(offset),
                "PLATFORM_RUN_DIR", runDir.toString()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("./platform " + arguments[0] + " timed out; see " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("./platform " + arguments[0] + " failed:\n" + read(output)
                    + "\n(process logs: " + runDir.resolve("logs") + ")");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
