package cloud.practice.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A small load generator of our own (no external tools), two modes:
 * <ul>
 *   <li>{@link #fixedRate}: open model. Request {@code i} is due at {@code start + i / rate}; the sender sleeps until
 *   then and fires asynchronously, never waiting for earlier answers. Latency is measured from the <em>intended</em>
 *   send time, so a stall (in the client, the gateway or the backend) shows up in the percentiles instead of
 *   silently lowering the offered rate (no coordinated omission).</li>
 *   <li>{@link #saturate}: closed model with a fixed number of requests in flight, to find throughput at
 *   saturation.</li>
 * </ul>
 * Runnable on its own for ad-hoc comparisons: {@code java ... OpenModelLoad <url> <rate> <seconds>}. The gateway
 * overhead benchmark sends one GET; the command-path benchmark a mix of lifecycle commands ({@link Call}); the
 * order-to-candidates benchmark orders, each reviewed when its 201 comes back.
 */
public final class OpenModelLoad {

    private final HttpClient client;
    private final String authorization;

    /** @param authorization sent with every request (direct ones too, so both sides carry the same bytes) */
    public OpenModelLoad(String authorization) {
        this.authorization = authorization;
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "load-client");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(executor).build();
    }

    /** Percentiles in microseconds, measured from the intended send time. */
    public record Latencies(String label, int rate, int sent, int ok, int failed, long p50, long p99, long p999,
                            long max, double achievedRate) {

        public String line() {
            return String.format("%-8s %d req/s offered, %.0f completed/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                            + "max %.2f ms (%d ok, %d failed)", label, rate, achievedRate, p50 / 1000.0,
                    p99 / 1000.0, p999 / 1000.0, max / 1000.0, ok, failed);
        }
    }

    public record Throughput(String label, int inFlight, long completed, long failed, double perSecond) {

        public String line() {
            return String.format("%-8s saturation, %d in flight: %.0f req/s (%d ok, %d failed)", label, inFlight,
                    perSecond, completed, failed);
        }
    }

    /** One request of a fixed-rate run, and what to do with its answer (null: nothing). */
    public record Call(HttpRequest request, Consumer<HttpResponse<String>> then) {
    }

    /** The same GET at a fixed rate; a 200 is a success. */
    public Latencies fixedRate(String label, URI uri, int rate, Duration duration) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", authorization).GET().build();
        return fixedRate(label, rate, duration, i -> new Call(request, null), status -> status == 200);
    }

    /**
     * {@code calls.apply(i)} is sent at its intended time {@code start + i / rate} whatever came back before (it is
     * asked at that moment, so it can pick what is ready then); a 2xx is a success.
     */
    public Latencies fixedRate(String label, int rate, Duration duration, IntFunction<Call> calls)
            throws InterruptedException {
        return fixedRate(label, rate, duration, calls, status -> status / 100 == 2);
    }

    /** The same, with {@code success} deciding which statuses count as ok (e.g. a 400 the load is made of). */
    public Latencies fixedRate(String label, int rate, Duration duration, IntFunction<Call> calls,
                               IntPredicate success) throws InterruptedException {
        int total = (int) (rate * duration.toMillis() / 1000);
        long[] latencyNanos = new long[total];
        Arrays.fill(latencyNanos, -1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            Call call = calls.apply(i);
            // A call nobody reads the answer of discards its body, as the gateway benchmark always did.
            HttpResponse.BodyHandler<String> body = call.then() == null
                    ? HttpResponse.BodyHandlers.replacing(null) : HttpResponse.BodyHandlers.ofString();
            pending.add(client.sendAsync(call.request(), body)
                    .whenComplete((response, error) -> {
                        latencyNanos[index] = System.nanoTime() - intended;
                        if (error == null && success.test(response.statusCode())) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        if (error == null && call.then() != null) {
                            call.then().accept(response);
                        }
                    }));
        }
        long sendEnd = System.nanoTime();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
        long end = System.nanoTime();
        long[] micros = Arrays.stream(latencyNanos).filter(n -> n >= 0).map(n -> n / 1000).sorted().toArray();
        return new Latencies(label, rate, total, ok.get(), failed.get(), percentile(micros, 0.50),
                percentile(micros, 0.99), percentile(micros, 0.999), micros.length == 0 ? 0 : micros[micros.length - 1],
                total / ((Math.max(end, sendEnd) - start) / 1e9));
    }

    public Throughput saturate(String label, URI uri, int inFlight, Duration duration) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", authorization).GET().build();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(inFlight);
        long start = System.nanoTime();
        for (int i = 0; i < inFlight; i++) {
            loop(request, deadline, completed, failed, done);
        }
        done.await(duration.toSeconds() + 10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(label, inFlight, completed.get(), failed.get(), completed.get() / seconds);
    }

    private void loop(HttpRequest request, long deadline, AtomicLong completed, AtomicLong failed,
                      java.util.concurrent.CountDownLatch done) {
        if (System.nanoTime() >= deadline) {
            done.countDown();
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            loop(request, deadline, completed, failed, done);
        });
    }

    /** The nearest-rank quantile of sorted values (0 for none), as every benchmark here reports them. */
    public static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Ad-hoc: {@code <url> <rate> <seconds> [inFlight for a saturation run]}; a token in {@code BEARER_TOKEN}. */
    public static void main(String[] args) throws Exception {
        OpenModelLoad load = new OpenModelLoad("Bearer " + System.getenv().getOrDefault("BEARER_TOKEN", ""));
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        load.fixedRate("warm-up", uri, rate, Duration.ofSeconds(Long.getLong("warmup", 5)));
        System.out.println(load.fixedRate("measured", uri, rate, duration).line());
        if (args.length > 3) {
            int inFlight = Integer.parseInt(args[3]);
            load.saturate("warm-up", uri, inFlight, Duration.ofSeconds(3));
            System.out.println(load.saturate("measured", uri, inFlight, duration).line());
        }
    }
}
