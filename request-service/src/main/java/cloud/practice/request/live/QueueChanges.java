package cloud.practice.request.live;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.support.tree.OrgUnitDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Turns changes from the feed into events on the streams that follow them. A change waits (in order, on a thread of
 * its own, never on the Kafka reader's) until this service's read model has applied it — the view's
 * {@code appliedSequence} at least the change's sequence, and at least the request's last stored event (the rest of
 * the command that made the change) — so no client is shown an older state than the event implies; after
 * {@code catchUp} it goes out with what the read model has. Then, per stream of the district: the
 * request's responsible unit within the stream's unit (the tree as it is now, so a unit added under it later counts)
 * and its platform among the stream's, masked for the stream's caller exactly as {@code GET /requests/{id}} shows it.
 */
public class QueueChanges implements java.util.function.Consumer<RequestChange>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueChanges.class);

    /** A change waiting; {@code target}: the sequence the read model must reach, once looked up. */
    private static final class Pending {
        final RequestChange change;
        final long deadline;
        long target = -1;

        Pending(RequestChange change, long deadline) {
            this.change = change;
            this.deadline = deadline;
        }
    }

    private final RequestProjection requests;
    private final Function<String, Optional<Long>> lastSequence;
    private final OrgUnitDirectory units;
    private final RequestAccess access;
    private final LiveStreams streams;
    private final ObjectMapper json;
    private final LiveQueueSettings settings;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService resolver =
            Executors.newSingleThreadScheduledExecutor(LiveStreams.named("live-queue-changes"));

    /**
     * @param lastSequence the last sequence number the event store holds for a request: a command's events go to Kafka
     *                     only in part (internal ones, such as the details and who keyed an order, stay inside), so a
     *                     change waits for the read model to reach the request's last stored event, not only its own
     */
    public QueueChanges(RequestProjection requests, Function<String, Optional<Long>> lastSequence,
                        OrgUnitDirectory units, RequestAccess access, LiveStreams streams, ObjectMapper json,
                        LiveQueueSettings settings) {
        this.requests = requests;
        this.lastSequence = lastSequence;
        this.units = units;
        this.access = access;
        this.streams = streams;
        this.json = json;
        this.settings = settings;
    }

    /** From the Kafka reader: queues the change and returns at once. */
    @Override
    public void accept(RequestChange change) {
        if (!streams.following(change.district())) {
            return;
        }
        boolean overflow;
        synchronized (pending) {
            overflow = pending.size() >= settings.pendingChanges();
            if (overflow) {
                pending.clear();
            } else {
                pending.add(new Pending(change, System.nanoTime() + settings.catchUp().toNanos()));
            }
        }
        if (overflow) {
            log.warn("Live queue: more than {} changes wait for the read model; closing every stream (clients "
                    + "fetch again)", settings.pendingChanges());
            streams.closeAll();
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            resolver.execute(this::resolve);
        }
    }

    /** Sends the waiting changes in order while the read model shows them; comes back later for the first that waits. */
    private void resolve() {
        try {
            while (true) {
                Pending head;
                synchronized (pending) {
                    head = pending.peek();
                }
                if (head == null) {
                    break;
                }
                boolean late = System.nanoTime() - head.deadline >= 0;
                RequestChange change = head.change;
                Optional<RequestView> view;
                try {
                    if (head.target < 0) {
                        head.target = Math.max(change.sequence(),
                                lastSequence.apply(change.requestId()).orElse(change.sequence()));
                    }
                    view = requests.request(change.district(), change.requestId());
                } catch (RuntimeException storeAway) {
                    if (!late) {
                        throw storeAway;
                    }
                    log.warn("Live queue: request {} not sent, the store is away: {}", change.requestId(),
                            storeAway.toString());
                    view = Optional.empty();
                }
                if (!late && view.map(found -> found.appliedSequence < head.target).orElse(true)) {
                    resolver.schedule(this::resolve, settings.catchUpPoll().toNanos(), TimeUnit.NANOSECONDS);
                    return; // stays scheduled
                }
                synchronized (pending) {
                    pending.poll();
                }
                view.ifPresent(shown -> fanOut(change, shown));
            }
        } catch (RuntimeException e) {
            log.warn("Live queue: {}; trying again", e.toString());
            resolver.schedule(this::resolve, Math.max(settings.catchUpPoll().toMillis(), 500), TimeUnit.MILLISECONDS);
            return;
        }
        scheduled.set(false);
        boolean more;
        synchronized (pending) {
            more = !pending.isEmpty();
        }
        if (more && scheduled.compareAndSet(false, true)) {
            resolver.execute(this::resolve);
        }
    }

    void fanOut(RequestChange change, RequestView view) {
        Map<String, Boolean> within = new HashMap<>();
        byte[] stored = null;
        for (LiveStream stream : streams.of(change.district())) {
            if (stream.platforms() != null && !stream.platforms().contains(view.platform)) {
                continue;
            }
            if (stream.unitId() != null && !within.computeIfAbsent(stream.unitId(),
                    root -> view.unitId != null && units.isWithin(change.district(), view.unitId, root))) {
                if (escalatedOutOf(change.district(), view, stream.unitId())) {
                    stream.offer(LiveEvent.left(change.requestId(), change.sequence()));
                }
                continue;
            }
            try {
                if (stored == null) {
                    stored = json.writeValueAsBytes(view);
                }
                RequestView copy = json.readValue(stored, RequestView.class);
                String shown = json.writeValueAsString(access.shownTo(stream.caller(), copy));
                stream.offer(LiveEvent.request(change.requestId(), change.sequence(), shown));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write request " + change.requestId(), e);
            }
        }
    }

    /**
     * Whether the request's last escalation took it from within this subtree to above it: the subtree's queue showed
     * it and must drop it. (Escalation is the only way a request's unit changes.)
     */
    private boolean escalatedOutOf(String district, RequestView view, String root) {
        for (int i = view.history.size() - 1; i >= 0; i--) {
            RequestView.Entry entry = view.history.get(i);
            if ("escalated".equals(entry.event())) {
                return entry.by() != null && units.isWithin(district, entry.by(), root);
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        resolver.shutdownNow();
    }
}
