package cloud.practice.request.open311.webhook;

import cloud.practice.request.open311.Open311Settings;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends queued webhook deliveries on a thread of its own (a slow receiver never delays the SLA scheduler): POST of
 * the JSON payload, signed (see {@link Signatures}); a 2xx answer delivers it, anything else — another status, a
 * timeout, a refused connection — schedules the next attempt after an exponential backoff (initial × 2^(n-1),
 * capped), and after the last attempt the delivery is dead-lettered. Redirects are not followed.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int BATCH = 100;

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final Open311Settings.Webhooks settings;
    private final CallbackAddresses addresses;
    private final Clock clock;
    private final HttpClient client;
    private ScheduledExecutorService executor;

    public WebhookDispatcher(Deliveries deliveries, Subscriptions subscriptions, Open311Settings settings,
                             CallbackAddresses addresses, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.settings = settings.webhooks();
        this.addresses = addresses;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(this.settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "open311-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(50, settings.pollInterval().toMillis());
        executor.scheduleWithFixedDelay(this::deliverDueSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void deliverDueSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Webhook delivery round failed; will retry: {}", e.toString());
        }
    }

    /** One round: every delivery due now. */
    public void deliverDue() {
        for (Document due : deliveries.due(clock.instant(), BATCH)) {
            deliveries.claim(due.getString("_id"), clock.instant(), LEASE).ifPresent(this::attempt);
        }
    }

    private void attempt(Document delivery) {
        String id = delivery.getString("_id");
        Optional<Document> subscription = subscriptions.byId(delivery.getString("subscriptionId"));
        if (subscription.isEmpty()) {
            deliveries.cancel(id);
            return;
        }
        int attempts = delivery.getInteger("attempts", 0) + 1;
        URI callback = URI.create(subscription.get().getString("callbackUrl"));
        Optional<String> refused = addresses.refusalResolved(callback);
        if (refused.isPresent()) { // the name points inside now: never sent, not retried
            log.warn("Webhook delivery {} refused: {}", id, refused.get());
            deliveries.dead(id, attempts, null, refused.get(), clock.instant());
            return;
        }
        String payload = delivery.getString("payload");
        long timestamp = clock.instant().getEpochSecond();
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(callback)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "practice-cloud-open311-webhooks")
                    .header(Signatures.EVENT_HEADER, "service_request_update")
                    .header(Signatures.DELIVERY_HEADER, id)
                    .header(Signatures.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(Signatures.SIGNATURE_HEADER,
                            Signatures.sign(subscription.get().getString("secret"), timestamp, payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build(), HttpResponse.BodyHandlers.discarding());
            status = answer.statusCode();
            if (status >= 200 && status < 300) {
                deliveries.delivered(id, attempts, status, clock.instant());
                return;
            }
            error = "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and another round tries again
        }
        Instant now = clock.instant();
        if (attempts >= settings.maxAttempts()) {
            log.info("Webhook delivery {} dead after {} attempts ({})", id, attempts, error);
            deliveries.dead(id, attempts, status, error, now);
        } else {
            deliveries.retryLater(id, attempts, status, error,
                    now.plus(backoff(settings.initialBackoff(), settings.maxBackoff(), attempts)));
        }
    }

    /** The wait after the {@code attempts}-th failure: initial × 2^(attempts-1), at most {@code max}. */
    static Duration backoff(Duration initial, Duration max, int attempts) {
        Duration wait = initial.multipliedBy(1L << Math.min(30, Math.max(0, attempts - 1)));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
