package cloud.practice.testing;

import cloud.practice.mongostandin.StandInMongo;
import de.bwaldvogel.mongo.MongoServer;
import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;

/**
 * The one switch between real infrastructure in containers and the embedded stand-ins. Chosen by the system
 * property {@code practice.test.infra} (or env {@code PRACTICE_TEST_INFRA}): {@code containers}, {@code embedded},
 * or {@code auto} (the default: containers when a Docker engine answers). Started once per JVM, shared by every
 * test in it, stopped at JVM exit.
 */
public final class TestInfrastructure {

    public static final String MODE_PROPERTY = "practice.test.infra";
    static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    static final String MONGO_IMAGE = "mongo:7.0.14";

    public enum Mode { CONTAINERS, EMBEDDED }

    private static TestInfrastructure instance;

    private final Mode mode;
    private final String kafkaBootstrapServers;
    private final String mongoAddress;

    private TestInfrastructure(Mode mode, String kafkaBootstrapServers, String mongoAddress) {
        this.mode = mode;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoAddress = mongoAddress;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            Mode mode = chooseMode();
            instance = mode == Mode.CONTAINERS ? startContainers() : startEmbedded();
        }
        return instance;
    }

    public Mode mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** A connection string for {@code database}; every test context should use a database of its own. */
    public String mongoUri(String database) {
        return "mongodb://" + mongoAddress + "/" + database + "?uuidRepresentation=standard";
    }

    /** Whether the MongoDB server supports multi-document transactions (a replica set does; the stand-in not). */
    public boolean mongoSupportsTransactions() {
        return mode == Mode.CONTAINERS;
    }

    static Mode chooseMode() {
        String configured = System.getProperty(MODE_PROPERTY, System.getenv().getOrDefault("PRACTICE_TEST_INFRA", "auto"))
                .toLowerCase(Locale.ROOT);
        return switch (configured) {
            case "containers" -> Mode.CONTAINERS;
            case "embedded" -> Mode.EMBEDDED;
            case "auto" -> dockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
            default -> throw new IllegalArgumentException(
                    MODE_PROPERTY + " must be auto, containers or embedded, not '" + configured + "'");
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped at JVM exit, after the Spring contexts
    private static TestInfrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE));
        kafka.start();
        mongo.start();
        stopAfterTheSpringContexts(() -> {
            kafka.stop();
            mongo.stop();
        });
        return new TestInfrastructure(Mode.CONTAINERS, kafka.getBootstrapServers(),
                mongo.getHost() + ":" + mongo.getMappedPort(27017));
    }

    private static TestInfrastructure startEmbedded() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "6",
                "log.retention.ms", "-1",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        kafka.afterPropertiesSet();
        MongoServer mongo = StandInMongo.inMemory();
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        stopAfterTheSpringContexts(() -> {
            mongo.shutdownNow();
            // A broker with clients still attached can take long to stop; the test JVM should not wait for it.
            Thread stop = new Thread(kafka::destroy, "embedded-kafka-stop");
            stop.setDaemon(true);
            stop.start();
            try {
                stop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new TestInfrastructure(Mode.EMBEDDED, kafka.getBrokersAsString(),
                address.getHostString() + ":" + address.getPort());
    }

    /**
     * Stops the infrastructure at JVM exit, but only once Spring's shutdown hook has closed every test context: a JVM
     * hook of its own would run beside Spring's, take MongoDB and Kafka away from processors still shutting down, and
     * each context would wait out Axon's five-second shutdown phase.
     */
    private static void stopAfterTheSpringContexts(Runnable stop) {
        SpringApplication.getShutdownHandlers().add(stop);
    }
}
