package cloud.practice.reporting.projection;

import cloud.practice.events.Context;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.MessagingSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the projection versions and switches between them without downtime. The state document names the
 * ACTIVE version (the one queries read) and, during a rebuild, the BUILDING one. Each version has its own
 * collections and consumer groups ({@code <prefix>.facts-v<n>}, {@code <prefix>.matching-v<n>}), so
 * a rebuild consumes every topic from offset zero while the active version keeps consuming and serving. Once the
 * building version's lag is at most {@code switch-lag} records, the state document is switched (conditionally, so
 * one instance wins), the old version's consumers stop on every instance at their next check, and its collections
 * are dropped after a grace period (queries in flight finish on it).
 */
public class ProjectionRuntime implements SmartLifecycle {

    public static final String PROJECTION = "facts";
    static final String STATE = "rp_state";
    private static final Duration RETIRE_GRACE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ProjectionRuntime.class);

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final String groupPrefix;
    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> deadLetters;
    private final CloudEventCodec codec;
    private final MessagingSettings messaging;
    private final ReportingSettings settings;
    private final Admin admin;
    private final Clock clock;
    private final Timer delay;

    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    private final Map<ProjectionStatus.Role, Long> lagByRole = new ConcurrentHashMap<>();
    private final List<Consumer<InboundEvent>> activeListeners = new CopyOnWriteArrayList<>();
    private volatile int active = 1;
    private volatile Integer building;
    private volatile boolean started;
    private ScheduledExecutorService scheduler;

    private static final class Running {
        final FactStore store;
        final List<FactProjection> handlers;
        final FactConsumers containers;
        final Instant startedAt;
        volatile List<ProjectionStatus.Consumer> consumers = List.of();

        Running(FactStore store, List<FactProjection> handlers, FactConsumers containers, Instant startedAt) {
            this.store = store;
            this.handlers = handlers;
            this.containers = containers;
            this.startedAt = startedAt;
        }
    }

    public ProjectionRuntime(MongoDatabase database, String groupPrefix, ConsumerFactory<String, byte[]> consumerFactory,
                             KafkaTemplate<String, byte[]> deadLetters, CloudEventCodec codec,
                             MessagingSettings messaging, ReportingSettings settings,
                             Admin admin, MeterRegistry meters, Clock clock) {
        this.database = database;
        this.state = database.getCollection(STATE);
        this.groupPrefix = groupPrefix;
        this.consumerFactory = consumerFactory;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.messaging = messaging;
        this.settings = settings;
        this.admin = admin;
        this.clock = clock;
        this.delay = Timer.builder("practice.reporting.projection.delay")
                .description("From an event's time to its fact being visible to reports (active version)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
        for (ProjectionStatus.Role role : ProjectionStatus.Role.values()) {
            lagByRole.put(role, 0L);
            Gauge.builder("practice.reporting.projection.lag", lagByRole, lags -> lags.get(role))
                    .description("Records on the topics not yet applied by the projection version")
                    .tag("projection", PROJECTION).tag("role", role.name().toLowerCase(java.util.Locale.ROOT))
                    .register(meters);
        }
    }

    /** The facts queries read: the active version's. */
    public FactStore activeStore() {
        return store(active);
    }

    public FactStore store(int version) {
        Running run = running.get(version);
        return run != null ? run.store : new FactStore(database, version);
    }

    public int activeVersion() {
        return active;
    }

    /** Called for every event the active version applies (benchmarks and tests observe visibility with it). */
    public void onActiveApplied(Consumer<InboundEvent> listener) {
        activeListeners.add(listener);
    }

    /**
     * Starts a new version from offset zero beside the active one.
     *
     * @return the new version's number
     * @throws IllegalStateException when a rebuild is already running
     */
    public synchronized int rebuild() {
        Document current = readState();
        if (current.get("building") != null) {
            throw new IllegalStateException("version " + current.get("building") + " is still being built");
        }
        int next = Math.max(current.getInteger("active"), current.getInteger("highest", current.getInteger("active")))
                + 1;
        // Leftovers of an abandoned attempt with this number would make it start half-applied.
        new FactStore(database, next).drop();
        deleteGroups(next);
        var claimed = state.updateOne(Filters.and(Filters.eq("_id", PROJECTION), Filters.eq("building", null)),
                Updates.combine(Updates.set("building", next), Updates.set("highest", next),
                        Updates.set("buildStartedAt", clock.instant().toString())));
        if (claimed.getModifiedCount() == 0) {
            throw new IllegalStateException("another instance started a rebuild");
        }
        log.info("Rebuilding projection {} as version {} from offset zero (version {} keeps serving)", PROJECTION,
                next, current.getInteger("active"));
        reconcile();
        return next;
    }

    /** Each running version's status, active first. */
    public List<ProjectionStatus> status() {
        List<ProjectionStatus> result = new ArrayList<>();
        running.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            int version = entry.getKey();
            Running run = entry.getValue();
            List<ProjectionStatus.Consumer> consumers = measure(run);
            long position = consumers.stream().mapToLong(ProjectionStatus.Consumer::position).sum();
            long end = consumers.stream().mapToLong(ProjectionStatus.Consumer::end).sum();
            ProjectionStatus.Role role = version == active ? ProjectionStatus.Role.ACTIVE
                    : ProjectionStatus.Role.BUILDING;
            Instant last = run.handlers.stream().map(FactProjection::lastEventTime).filter(t -> t != null)
                    .max(Comparator.naturalOrder()).orElse(null);
            result.add(new ProjectionStatus(PROJECTION, version, role, position, end, Math.max(0, end - position),
                    run.handlers.stream().mapToLong(FactProjection::applied).sum(), last, run.startedAt, consumers));
        });
        result.sort(Comparator.comparing(ProjectionStatus::role).thenComparing(ProjectionStatus::version));
        return result;
    }

    /** One check: follow the state document, measure lag, switch a finished rebuild, retire old versions. */
    public synchronized void reconcile() {
        Document current = readState();
        active = current.getInteger("active");
        building = current.getInteger("building");
        Set<Integer> wanted = building == null ? Set.of(active) : Set.of(active, building);
        for (Integer version : List.copyOf(running.keySet())) {
            if (!wanted.contains(version)) {
                stop(version);
            }
        }
        wanted.forEach(this::ensureRunning);
        long activeLag = running.containsKey(active) ? lagOf(running.get(active)) : 0;
        lagByRole.put(ProjectionStatus.Role.ACTIVE, activeLag);
        if (building != null && running.containsKey(building)) {
            long lag = lagOf(running.get(building));
            lagByRole.put(ProjectionStatus.Role.BUILDING, lag);
            if (lag <= settings.switchLag()) {
                switchTo(building, active);
                lagByRole.put(ProjectionStatus.Role.ACTIVE, lag);
                lagByRole.put(ProjectionStatus.Role.BUILDING, 0L);
            }
        } else {
            lagByRole.put(ProjectionStatus.Role.BUILDING, 0L);
        }
        retireOldVersions(current);
    }

    private void switchTo(int next, int previous) {
        var switched = state.updateOne(Filters.and(Filters.eq("_id", PROJECTION), Filters.eq("active", previous),
                Filters.eq("building", next)), Updates.combine(Updates.set("active", next),
                Updates.set("building", null), Updates.set("switchedAt", clock.instant().toString()),
                Updates.set("retired", previous)));
        if (switched.getModifiedCount() == 1) {
            log.info("Projection {} switched from version {} to version {}", PROJECTION, previous, next);
        }
        active = readState().getInteger("active");
        building = null;
        stop(previous);
    }

    private void retireOldVersions(Document current) {
        Integer retired = current.getInteger("retired");
        String switchedAt = current.getString("switchedAt");
        if (retired == null || switchedAt == null
                || Instant.parse(switchedAt).plus(RETIRE_GRACE).isAfter(clock.instant())) {
            return;
        }
        var claimed = state.updateOne(Filters.and(Filters.eq("_id", PROJECTION), Filters.eq("retired", retired)),
                Updates.set("retired", null));
        if (claimed.getModifiedCount() == 1) {
            new FactStore(database, retired).drop();
            deleteGroups(retired);
            log.info("Projection {} version {} dropped", PROJECTION, retired);
        }
    }

    private Document readState() {
        state.updateOne(Filters.eq("_id", PROJECTION), Updates.combine(Updates.setOnInsert("active", 1),
                Updates.setOnInsert("highest", 1)), new UpdateOptions().upsert(true));
        return state.find(Filters.eq("_id", PROJECTION)).first();
    }

    private void ensureRunning(int version) {
        running.computeIfAbsent(version, v -> {
            FactStore store = new FactStore(database, v);
            List<FactProjection> handlers = FactProjection.forVersion(store);
            handlers.forEach(handler -> handler.onApplied(event -> {
                if (v == active) {
                    if (event.time() != null) {
                        delay.record(Duration.between(event.time().toInstant(), clock.instant()).abs());
                    }
                    activeListeners.forEach(listener -> listener.accept(event));
                }
            }));
            FactConsumers containers = new FactConsumers(groupPrefix, handlers, consumerFactory, deadLetters, codec,
                    messaging, settings.consumerThreads());
            containers.start();
            log.info("Projection {} version {} consuming", PROJECTION, v);
            return new Running(store, handlers, containers, clock.instant());
        });
    }

    private void stop(int version) {
        Running run = running.remove(version);
        if (run != null) {
            run.containers.stop();
            log.info("Projection {} version {} stopped on this instance", PROJECTION, version);
        }
    }

    private long lagOf(Running run) {
        return measure(run).stream().mapToLong(ProjectionStatus.Consumer::lag).sum();
    }

    /** Committed offsets of each consumer group of the version against the topics' end offsets. */
    private List<ProjectionStatus.Consumer> measure(Running run) {
        List<ProjectionStatus.Consumer> consumers = new ArrayList<>();
        try {
            for (FactProjection handler : run.handlers) {
                List<String> topics = handler.contexts().stream().map(Context::topic).sorted().toList();
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                descriptions.values().forEach(d -> d.partitions().forEach(p ->
                        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                var ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                String group = groupPrefix + "." + handler.name();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long end = 0;
                long position = 0;
                for (TopicPartition partition : request.keySet()) {
                    long partitionEnd = ends.get(partition).offset();
                    OffsetAndMetadata offset = committed.get(partition);
                    end += partitionEnd;
                    position += offset == null ? 0 : Math.min(partitionEnd, offset.offset());
                }
                consumers.add(new ProjectionStatus.Consumer(group, topics, position, end, Math.max(0, end - position)));
            }
            run.consumers = List.copyOf(consumers);
            return consumers;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Cannot measure projection lag: {}", e.toString());
            // Unknown is not zero: never switch on a failed measurement.
            return run.consumers.isEmpty() ? List.of(new ProjectionStatus.Consumer("unknown", List.of(), 0,
                    Long.MAX_VALUE / 4, Long.MAX_VALUE / 4)) : run.consumers;
        }
    }

    private void deleteGroups(int version) {
        try {
            admin.deleteConsumerGroups(List.of(groupPrefix + ".facts-v" + version, groupPrefix + ".matching-v" + version))
                    .all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Groups that never existed cannot be deleted; nothing else to do.
            log.debug("Consumer groups of version {} not deleted: {}", version, e.toString());
        }
    }

    @Override
    public void start() {
        reconcile();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.monitorInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("Projection check failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        started = true;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        List.copyOf(running.keySet()).forEach(this::stop);
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
