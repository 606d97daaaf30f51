package cloud.practice.localplatform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs both launchers the way {@code ./platform} does, as separate JVMs with this module's class path, on free
 * ports in a temporary directory; checks they answer, stops them and checks the data is there after a restart.
 * Kafka is stopped with {@code kill -9} (it must recover), the MongoDB stand-in with SIGTERM (it commits on close).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalPlatformProcessesTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path tempDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void kafkaBrokerRoundTripsARecordAndKeepsTopicsRecordsAndOffsetsAcrossKill9() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Path dataDir = tempDir.resolve("kafka");
        String bootstrap = "127.0.0.1:" + port;
        String topic = "local-platform-check";
        String group = "local-platform-check-group";

        Process broker = start(KafkaBrokerMain.class, "kafka-1.log", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort));
        awaitPort(broker, port, "kafka-1.log");
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
        }
        produce(bootstrap, topic, "first");
        assertThat(consumeWithGroup(bootstrap, topic, group)).containsExactly("first");

        broker.destroyForcibly();                      // kill -9: no clean shutdown
        assertThat(broker.waitFor(20, TimeUnit.SECONDS)).isTrue();

        Process restarted = start(KafkaBrokerMain.class, "kafka-2.log", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort));
        awaitPort(restarted, port, "kafka-2.log");
        try (Admin admin = admin(bootstrap)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(1);
        }
        produce(bootstrap, topic, "second");
        // The group resumes after its committed offset: only the new record.
        assertThat(consumeWithGroup(bootstrap, topic, group)).containsExactly("second");
        assertThat(Files.exists(dataDir.resolve("server.properties"))).isTrue();

        restarted.destroy();                            // SIGTERM: clean shutdown through the hook
        assertThat(restarted.waitFor(30, TimeUnit.SECONDS)).as("broker stops on SIGTERM").isTrue();
    }

    @Test
    void mongoStandInStoresDocumentsAndKeepsThemAcrossARestart() throws Exception {
        int port = freePort();
        Path dataDir = tempDir.resolve("mongo");
        String uri = "mongodb://127.0.0.1:" + port;

        Process mongo = start(MongoServerMain.class, "mongo-1.log", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port));
        awaitPort(mongo, port, "mongo-1.log");
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> things = client.getDatabase("local_platform_check").getCollection("things");
            things.insertOne(new Document("_id", "one").append("name", "first thing"));
            assertThat(things.find(new Document("_id", "one")).first()).containsEntry("name", "first thing");
        }

        mongo.destroy();                                // SIGTERM: the hook closes (and commits) the store
        assertThat(mongo.waitFor(20, TimeUnit.SECONDS)).as("mongo stops on SIGTERM").isTrue();
        assertThat(dataDir.resolve(MongoServerMain.STORE_FILE)).exists();

        Process restarted = start(MongoServerMain.class, "mongo-2.log", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port));
        awaitPort(restarted, port, "mongo-2.log");
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> things = client.getDatabase("local_platform_check").getCollection("things");
            assertThat(things.find(new Document("_id", "one")).first()).containsEntry("name", "first thing");
            assertThat(things.countDocuments()).isEqualTo(1);
        }
        restarted.destroy();
        assertThat(restarted.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private Process start(Class<?> main, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // The class path of this test JVM (surefire's manifest-only booter jar works as well).
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tempDir.resolve(logName).toFile())
                .start();
        processes.add(process);
        return process;
    }

    private void awaitPort(Process process, int port, String logName) throws Exception {
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("process exited with " + process.exitValue() + " before listening on " + port + ":\n"
                        + tail(logName));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                System.out.printf("%s: port %d answered after %d ms%n", logName, port,
                        (System.nanoTime() - started) / 1_000_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("nothing listened on " + port + " within " + START_TIMEOUT + ":\n" + tail(logName));
    }

    private String tail(String logName) throws IOException {
        List<String> lines = Files.readAllLines(tempDir.resolve(logName), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private static void produce(String bootstrap, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Polls as a group member until one record arrives (or 30 s pass), commits it and returns what it read. */
    private static List<String> consumeWithGroup(String bootstrap, String topic, String group) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // A short extra poll: nothing else may be there.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            consumer.commitSync();
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
