package cloud.practice.notification;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 26's measure, on notification-service's hop: a dispatch published to Kafka (what request-service publishes
 * once matching proposed and it dispatched) → the notice on the volunteer's open inbox stream, at a steady rate
 * ({@code -Dbench.rate}, default 100 orders/s) with every volunteer's inbox open and the SMS channel working (a
 * loopback issuer), after a warm-up. Latency is the time from the producer's send to the {@code event: notice} line
 * read by the stream's client, in the same JVM (one clock). Printed and written to
 * {@code target/notice-benchmark.txt}; the test asserts only that every notice arrived once.
 * Run: {@code ./mvnw -pl notification-service verify -Pbenchmark -Dit.test=NoticeLatencyBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.rate=100 -Dbench.seconds=60 -Dbench.volunteers=100]}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.cloud.practice=WARN"})
@WithPlatformInfrastructure
class NoticeLatencyBenchmarkIT {

    static final String D = "nb-" + UUID.randomUUID().toString().substring(0, 6);
    static final int RATE = Integer.getInteger("bench.rate", 100);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    static final int WARM_UP = Integer.getInteger("bench.warmUp", 2_000);
    static final int VOLUNTEERS = Integer.getInteger("bench.volunteers", 100);
    static final FakeIssuer ISSUER = FakeIssuer.start();

    @LocalServerPort
    int port;

    /** Send time (nanos) by request id, and the latencies (millis) of the measured part. */
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> received = new ConcurrentHashMap<>();
    volatile boolean measuring;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("practice.notification.sms.issuer-url", ISSUER::url);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @Test
    void shouldMeasureDispatchToOpenInbox() throws Exception {
        NoticeApi api = new NoticeApi(port, D);
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        for (int v = 0; v < VOLUNTEERS; v++) {
            NoticeApi.publish("Volunteer", "vol-b" + v, 0, new VolunteerAccountLinked("vol-b" + v, D, "acc-vol-b" + v,
                    Instant.now()));
        }
        List<InputStream> streams = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(VOLUNTEERS);
        for (int v = 0; v < VOLUNTEERS; v++) {
            String volunteer = "vol-b" + v;
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(api.base()
                            + "/api/v1/notices/live?district=" + D))
                    .header("Authorization", "Bearer " + api.volunteer("acc-" + volunteer, volunteer)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            streams.add(stream.body());
            Thread reader = new Thread(() -> read(stream.body(), json, ready), "inbox-" + volunteer);
            reader.setDaemon(true);
            reader.start();
        }
        assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();

        int total = WARM_UP + RATE * SECONDS;
        CloudEventCodec codec = new CloudEventCodec();
        Instant t0 = Instant.now();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / RATE;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                if (i == WARM_UP) {
                    measuring = true;
                }
                String request = "req-b" + i;
                String volunteer = "vol-b" + (i % VOLUNTEERS);
                producer.send(codec.encode(new GenericDomainEventMessage<>("ServiceRequest", request, 0,
                        new RequestSubmitted(request, D, "item-b", ServicePlatform.values()[0], "s-b",
                                new GeoPoint(29.5, 106.5), null, Channel.values()[0], "acc-r" + i, null, null, null,
                                t0)), -1));
                sentAt.put(request, System.nanoTime());
                producer.send(codec.encode(new GenericDomainEventMessage<>("ServiceRequest", request, 1,
                        new RequestDispatched(request, D, "s-b", List.of(volunteer), null, "AUTO", 1, t0)), 0));
            }
        }
        long sendSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        long sendEnd = System.nanoTime();
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> received.size() == total);
        // Every offer is texted too (SMS by default for offers): the channel kept up with the inbox.
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ISSUER.sent.size() >= total);
        double smsDrained = (System.nanoTime() - sendEnd) / 1e9;
        streams.forEach(stream -> {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing the benchmark's streams
            }
        });

        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String result = String.format("notification-service, dispatch published → notice on the open inbox stream:%n"
                        + "  rate %d orders/s for %d s after %d warm-up (sent in %d s), %d volunteers' inboxes open, SMS"
                        + " on%n  samples %d  p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms%n"
                        + "  SMS sent by the issuer: %d (every offer; all sent %.1f s after the last dispatch)%n",
                RATE, SECONDS, WARM_UP, sendSeconds, VOLUNTEERS, sorted.size(), pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), sorted.get(sorted.size() - 1), ISSUER.sent.size(), smsDrained);
        System.out.print(result);
        Files.writeString(Path.of("target/notice-benchmark.txt"), result, StandardCharsets.UTF_8);
        assertThat(received.values()).as("every notice once").containsOnly(1);
    }

    private void read(InputStream body, ObjectMapper json, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            boolean notice = false;
            while ((line = in.readLine()) != null) {
                if (line.equals("event:ready")) {
                    ready.countDown();
                } else if (line.equals("event:notice")) {
                    notice = true;
                } else if (notice && line.startsWith("data:")) {
                    long now = System.nanoTime();
                    notice = false;
                    JsonNode view = json.readTree(line.substring(5));
                    String request = view.path("fields").path("requestId").asText();
                    received.merge(request, 1, Integer::sum);
                    Long sent = sentAt.get(request);
                    if (measuring && sent != null && Integer.parseInt(request.substring(5)) >= WARM_UP) {
                        latencies.add((now - sent) / 1e6);
                    }
                }
            }
        } catch (IOException closed) {
            // the benchmark closed the stream
        }
    }

    private static double pct(List<Double> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
