package cloud.practice.localplatform;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run from the Maven jars.
 * It writes {@code server.properties} into the data directory, formats the storage once (the cluster id is kept
 * in {@code cluster.id}), then runs the broker until the process is stopped. The log directory survives
 * {@code kill -9}: Kafka recovers its segments on the next start.
 */
public final class KafkaBrokerMain {

    static final int DEFAULT_PORT = 29092;
    static final int DEFAULT_CONTROLLER_PORT = 29093;
    static final String USAGE = """
            usage: java -Dloader.main=cloud.practice.localplatform.KafkaBrokerMain -jar local-platform.jar \\
                        [--data-dir DIR] [--port PORT] [--controller-port PORT] [--advertised-port PORT]
              --data-dir         data directory (default .run/data/kafka; -Dkafka.data-dir)
              --port             PLAINTEXT listener on 127.0.0.1 (default 29092; -Dkafka.port)
              --controller-port  KRaft controller listener on 127.0.0.1 (default 29093; -Dkafka.controller-port)
              --advertised-port  the port clients are told to connect to (default: --port); a TCP proxy in front
                                 of the broker listens there in network-fault tests (-Dkafka.advertised-port)""";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerMain.class);

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        LaunchOptions options = LaunchOptions.parse("kafka", args, USAGE);
        Path dataDir = options.directory("data-dir", ".run/data/kafka");
        int port = options.port("port", DEFAULT_PORT);
        int controllerPort = options.port("controller-port", DEFAULT_CONTROLLER_PORT);
        int advertisedPort = options.port("advertised-port", port);

        long started = System.nanoTime();
        KafkaRaftServer server;
        try {
            Properties properties = writeServerProperties(dataDir, port, controllerPort, advertisedPort);
            KafkaConfig config = KafkaConfig.fromProps(properties);
            formatIfNeeded(dataDir, config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (Exception e) {
            LOG.error("Kafka broker could not be prepared in {}", dataDir, e);
            System.exit(1);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the Kafka broker");
            server.shutdown();
            server.awaitShutdown();
            LOG.info("Kafka broker stopped");
        }, "kafka-broker-shutdown"));

        try {
            server.startup();
        } catch (Throwable e) {
            LOG.error("Kafka broker failed to start on 127.0.0.1:{} (controller {})", port, controllerPort, e);
            // Exits through the shutdown hook, which stops whatever part of the server did start.
            System.exit(1);
            return;
        }
        LOG.info("Kafka broker ready on 127.0.0.1:{} (controller 127.0.0.1:{}, data {}) in {} ms",
                port, controllerPort, dataDir, (System.nanoTime() - started) / 1_000_000);
        server.awaitShutdown();
    }

    /** The broker's whole configuration, also written to {@code <data-dir>/server.properties} for reference. */
    static Properties serverProperties(Path dataDir, int port, int controllerPort, int advertisedPort) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        // Clients learn the broker's address from its metadata, so a proxy in front must be the advertised one.
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir(dataDir).toString());
        p.put("num.partitions", "6");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("log.retention.ms", "-1");
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A restart after kill -9 waits for the dead incarnation's session to expire: keep that short.
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        Properties properties = new Properties();
        properties.putAll(p);
        return properties;
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve("kraft-logs");
    }

    private static Properties writeServerProperties(Path dataDir, int port, int controllerPort, int advertisedPort)
            throws IOException {
        Files.createDirectories(dataDir);
        Properties properties = serverProperties(dataDir, port, controllerPort, advertisedPort);
        StringBuilder text = new StringBuilder("# Written by KafkaBrokerMain at every start; edits are overwritten.\n");
        new TreeMap<>(properties).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(dataDir.resolve("server.properties"), text, StandardCharsets.UTF_8);
        return properties;
    }

    /** Formats the log directory once, as {@code kafka-storage.sh format --ignore-formatted} would. */
    private static void formatIfNeeded(Path dataDir, KafkaConfig config) throws Exception {
        Path logDir = logDir(dataDir);
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = clusterId(dataDir);
        LOG.info("Formatting {} for cluster {}", logDir, clusterId);
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new PrintStream(new LogOutputStream(), false, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir.toString()))
                .run();
    }

    /** The cluster id chosen at the first format, kept so a half-finished format is redone with the same id. */
    private static String clusterId(Path dataDir) {
        Path file = dataDir.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the formatter's console output to the log, one complete line at a time. */
    private static final class LogOutputStream extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
                line.reset();
                if (!text.isEmpty()) {
                    LOG.info("format: {}", text);
                }
            } else {
                line.write(b);
            }
        }
    }
}
