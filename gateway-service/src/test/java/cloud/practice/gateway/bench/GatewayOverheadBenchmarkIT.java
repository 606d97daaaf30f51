package cloud.practice.gateway.bench;

import cloud.practice.gateway.GatewayServiceApplication;
import cloud.practice.testing.OpenModelLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUALITY.md's gateway overhead target, side by side in one run: the same trivial endpoint called directly and
 * through the gateway with all of its filters on (correlation id, CORS check, access log, metrics, rate limit, body
 * limit, bulkhead, circuit breaker, retry), first at a fixed 500 req/s (open model, latency from the intended send
 * time, see {@link OpenModelLoad}), then at saturation (64 requests in flight). Targets: added p99 &le; 3 ms at
 * 500 req/s; gateway throughput &ge; 0.5 &times; direct.
 *
 * <p>The gateway runs as its own JVM, as deployed, with the JVM options of {@code -Dbench.gateway.jvm} (default: the
 * options we ship it with, see ADR 0008); several option sets separated by {@code |} are measured one after the
 * other against the same backend. The backend (Reactor Netty, own event loops) and the load generator share this
 * JVM. Prints the figures; asserts only that every request succeeded. Run: see docs/benchmarks.md.
 */
@Tag("benchmark")
class GatewayOverheadBenchmarkIT {

    static final String RECOMMENDED_JVM = "-Xmx512m -XX:+UseZGC -Dreactor.netty.ioWorkerCount=2";

    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final Duration FIXED_RATE_FOR = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final Duration SATURATION_FOR = Duration.ofSeconds(Long.getLong("bench.saturation.seconds", 15));
    private static final int IN_FLIGHT = Integer.getInteger("bench.inFlight", 64);
    private static final String BODY = "{\"unitId\":\"s-pl\",\"code\":\"JLP-JL-PL\",\"tier\":\"STATION\"}";

    @Test
    void gatewayOverheadAgainstDirectCalls() throws Exception {
        LoopResources backendLoops = LoopResources.create("bench-backend", 2, true);
        DisposableServer backend = HttpServer.create().host("127.0.0.1").port(0).runOn(backendLoops)
                .route(routes -> routes.get("/**", (request, response) -> response
                        .header("Content-Type", "application/json").sendString(Mono.just(BODY))))
                .bindNow();
        String backendUrl = "http://127.0.0.1:" + backend.port();
        URI direct = URI.create(backendUrl + "/api/v1/org-units/s-pl");
        OpenModelLoad load = new OpenModelLoad("Bearer " + cloud.practice.testing.TestIdentity.get().platformToken());
        List<String> report = new ArrayList<>();
        try {
            String[] variants = System.getProperty("bench.gateway.jvm", RECOMMENDED_JVM).split("\\|");
            for (int v = 0; v < variants.length; v++) {
                String jvm = variants[v].trim();
                Gateway gateway = startGateway(backendUrl, jvm, v);
                try {
                    URI through = URI.create("http://127.0.0.1:" + gateway.port() + "/api/v1/org-units/s-pl");
                    report.add("-- gateway JVM options: " + jvm);
                    measure(load, direct, through, report);
                } finally {
                    gateway.process().destroy();
                    gateway.process().waitFor();
                }
            }
        } finally {
            backend.disposeNow();
            backendLoops.disposeLater().block(Duration.ofSeconds(5));
        }
        System.out.println("\n=== gateway overhead: " + RATE + " req/s for " + FIXED_RATE_FOR.toSeconds()
                + " s each, then saturation with " + IN_FLIGHT + " in flight for " + SATURATION_FOR.toSeconds()
                + " s each; " + Runtime.getRuntime().availableProcessors() + " CPUs, JDK "
                + System.getProperty("java.version") + " ===");
        report.forEach(System.out::println);
    }

    private static void measure(OpenModelLoad load, URI direct, URI through, List<String> report)
            throws InterruptedException {
        // Warm-up: JIT of client, backend and gateway; connection pools filled.
        load.fixedRate("warm-up", direct, RATE, Duration.ofSeconds(10));
        load.fixedRate("warm-up", through, RATE, Duration.ofSeconds(10));
        if (!SATURATION_FOR.isZero()) {
            load.saturate("warm-up", direct, IN_FLIGHT, Duration.ofSeconds(5));
            load.saturate("warm-up", through, IN_FLIGHT, Duration.ofSeconds(5));
        }
        OpenModelLoad.Latencies directLatency = load.fixedRate("direct", direct, RATE, FIXED_RATE_FOR);
        OpenModelLoad.Latencies gatewayLatency = load.fixedRate("gateway", through, RATE, FIXED_RATE_FOR);
        report.add(directLatency.line());
        report.add(gatewayLatency.line());
        report.add(String.format("added p50 %.2f ms, added p99 %.2f ms, added p99.9 %.2f ms (target: added p99 <= 3 ms)",
                (gatewayLatency.p50() - directLatency.p50()) / 1000.0,
                (gatewayLatency.p99() - directLatency.p99()) / 1000.0,
                (gatewayLatency.p999() - directLatency.p999()) / 1000.0));
        assertThat(directLatency.failed()).isZero();
        assertThat(gatewayLatency.failed()).isZero();
        // -Dbench.saturation.seconds=0: the fixed-rate part only (a light run, for diagnosis)
        if (!SATURATION_FOR.isZero()) {
            OpenModelLoad.Throughput directMax = load.saturate("direct", direct, IN_FLIGHT, SATURATION_FOR);
            OpenModelLoad.Throughput gatewayMax = load.saturate("gateway", through, IN_FLIGHT, SATURATION_FOR);
            report.add(directMax.line());
            report.add(gatewayMax.line());
            report.add(String.format("throughput ratio gateway/direct %.2f (target >= 0.5)",
                    gatewayMax.perSecond() / directMax.perSecond()));
            assertThat(directMax.failed()).isZero();
            assertThat(gatewayMax.failed()).isZero();
        }
    }

    /** The gateway as its own process, from this build's class path, access log to a file (as stdout would be). */
    private record Gateway(Process process, int port) {
    }

    private static Gateway startGateway(String backendUrl, String jvmOptions, int variant) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(jvmOptions.split("\\s+")).filter(option -> !option.isBlank()).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayServiceApplication.class.getName(),
                "--server.port=" + port,
                "--HIERARCHY_SERVICE_URL=" + backendUrl,
                // the limiter runs (its cost is measured) but does not refuse the load generator
                "--practice.gateway.route-defaults.rate-limit.requests-per-second=1000000",
                "--practice.gateway.route-defaults.rate-limit.burst=1000000",
                "--resilience4j.bulkhead.configs.default.max-concurrent-calls=256"));
        // every request carries a token the gateway validates (signature, expiry, issuer, audience)
        command.addAll(cloud.practice.testing.TestIdentity.get().springArguments());
        File log = new File("target/benchmark-gateway-" + variant + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("gateway process (see %s)", log).isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return new Gateway(process, port);
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("gateway did not become healthy; see " + log);
    }
}
