package cloud.practice.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep's calls spread over several machine clients and threads, paced below the gateway's rate limit, so that a
 * sweep of thousands of calls is fast and never meets a 429. The gateway keeps one token bucket per client and route
 * (its {@code ClientKey}: the token's client id), refilled at {@code requests-per-second} (50 by default; 20 on the
 * open311, people and auth routes: gateway-service's application.yml): the calls into each bucket are spaced to
 * {@link #SHARE} of that rate, so no bucket runs dry, and the clients together send as many times that as there are
 * of them. On the few paths the gateway lets through without a token the bucket is the caller's address, which all
 * clients share. (Open311 reads without a key have a per-address bucket of their own, 10/s; every call here carries
 * a token or a key, so it never fills.)
 */
final class PacedClients {

    /** The part of the gateway's per-client limit a worker uses on each route. */
    static final double SHARE = 0.8;

    /** Path prefix → the gateway's route and its limit per client (gateway-service application.yml). */
    private static final List<Route> ROUTES = List.of(
            new Route("hierarchy", 50, "/api/v1/org-units", "/api/v1/hierarchy", "/api/v1/partners",
                    "/api/v1/pairings"),
            new Route("volunteer", 50, "/api/v1/volunteers", "/api/v1/teams", "/api/v1/matching"),
            new Route("request", 50, "/api/v1/menu", "/api/v1/requests", "/api/v1/activities"),
            new Route("open311", 20, "/open311/"),
            new Route("people", 20, "/api/v1/people", "/api/v1/clients"),
            new Route("reporting", 50, "/api/v1/reports"),
            new Route("dashboard", 50, "/dashboard"));
    /** Anything else: the tightest limit the gateway has. */
    private static final Route OTHER = new Route("other", 20);
    /**
     * Paths the gateway lets through without a token (its TokenCheckFilter): there the bucket is the caller's
     * address, which all workers share, so they share one pace.
     */
    private static final List<String> ANONYMOUS = List.of("/api/v1/people/codes", "/api/v1/people/residents",
            "/open311/v2/discovery.");

    private record Route(String id, double requestsPerSecond, String... prefixes) {
        static Route of(String path) {
            for (Route route : ROUTES) {
                for (String prefix : route.prefixes()) {
                    if (path.startsWith(prefix)) {
                        return route;
                    }
                }
            }
            return OTHER;
        }
    }

    /** One call: which kind of caller makes it ({@code role}), and the request as sent. */
    record Request(String role, String method, String uri, byte[] body, String contentType) {
    }

    /** Per role (e.g. the clients of one district), its clients; worker {@code i} calls as client {@code i % size}. */
    private final Map<String, List<Api>> clientsByRole;
    private final int workers;
    /** How long each call of the last {@link #run} took, in its order (nanoseconds, pacing not included). */
    private long[] durations = new long[0];
    /** Per bucket of the gateway this sweep fills (client or address, and route): its next free slot. */
    private final Map<String, Long> nextSlots = new HashMap<>();

    PacedClients(Map<String, List<Api>> clientsByRole, int workers) {
        this.clientsByRole = Map.copyOf(clientsByRole);
        this.workers = workers;
    }

    /**
     * {@code count} new machine clients of {@code district} with {@code scopes}, registered by {@code admin} through
     * the issuer's clients API ({@code POST /api/v1/clients}), each with its own token.
     */
    static List<Api> register(Api admin, String district, String prefix, int count, List<String> scopes)
            throws Exception {
        List<Api> clients = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String clientId = prefix + "-" + i;
            Api.Answer registered = admin.post("/api/v1/clients?district=" + district, Api.JSON.createObjectNode()
                    .put("clientId", clientId).set("scopes", Api.JSON.valueToTree(scopes)).toString());
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            clients.add(Api.client(clientId, registered.json().get("secret").asText()));
        }
        return clients;
    }

    int workers() {
        return workers;
    }

    /**
     * Makes every call, on one thread per worker taking the next call from the list; the answers in the calls' order.
     * A call that fails without an answer (a timeout, a reset) is answered with status -1 and the failure.
     */
    List<Api.Answer> run(List<Request> requests) throws Exception {
        Api.Answer[] answers = new Api.Answer[requests.size()];
        long[] took = new long[requests.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                running.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        Request request = requests.get(i);
                        List<Api> clients = clientsByRole.get(request.role());
                        int client = worker % clients.size();
                        Route route = Route.of(request.uri());
                        boolean anonymous = ANONYMOUS.stream().anyMatch(request.uri()::startsWith);
                        pace((anonymous ? "address" : request.role() + "#" + client) + "|" + route.id(), route);
                        long sent = System.nanoTime();
                        answers[i] = send(clients.get(client), request);
                        took[i] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        durations = took;
        return List.of(answers);
    }

    /** How long each call of the last run took, in nanoseconds, in the calls' order. */
    long[] durations() {
        return durations.clone();
    }

    /** Takes the bucket's next slot (at most {@link #SHARE} of the route's limit per second) and waits for it. */
    private void pace(String bucket, Route route) {
        long slot;
        synchronized (nextSlots) {
            long now = System.nanoTime();
            slot = Math.max(nextSlots.getOrDefault(bucket, now), now);
            nextSlots.put(bucket, slot + (long) (1e9 / (route.requestsPerSecond() * SHARE)));
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static Api.Answer send(Api caller, Request request) {
        try {
            return caller.sendBytes(request.method(), request.uri(), request.body(), request.contentType());
        } catch (Exception e) {
            return new Api.Answer(-1, "no answer: " + e);
        }
    }
}
