package cloud.practice.volunteer.roster;

import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.GrantHonourHoursCommand;
import cloud.practice.volunteer.hours.query.StarThresholds;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ImportVolunteerCommand;
import cloud.practice.volunteer.roster.RosterFile.Problem;
import cloud.practice.volunteer.roster.RosterFile.Row;
import cloud.practice.volunteer.roster.RosterImports.ImportView;
import cloud.practice.volunteer.roster.RosterImports.Status;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Carries accepted roster imports through (ADR 0025), batch after batch: first every phone and ID number of the batch
 * is reserved for the row's volunteer id — all of them, or none and the import stops naming the rows someone else
 * registered since the file was checked —, then the rows are registered (16 at once by default, each a command of its own)
 * and their recorded hours granted as honour hours. A batch interrupted (a crash, a lost lease) is done again by the
 * next holder: the ids are the rows' own, so a row already registered counts as existing and nothing doubles.
 */
@Component
public class RosterWorker implements SmartLifecycle {

    static final String HOURS_REASON = "原系统记录的志愿服务时长（名册导入）";
    private static final Logger log = LoggerFactory.getLogger(RosterWorker.class);
    /** A batch that fails this often (not a conflict: an error) stops the import rather than looping. */
    private static final int MAX_ATTEMPTS = 3;

    private final RosterImports imports;
    private final IdentityIndex identities;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final StarThresholds thresholds;
    private final RosterSettings settings;
    private final ZoneId zone;
    private final String holder = "roster-" + UUID.randomUUID();
    private ScheduledExecutorService poller;
    private ExecutorService rows;

    public RosterWorker(RosterImports imports, IdentityIndex identities, CommandGateway commands,
                        EventStore eventStore, StarThresholds thresholds, RosterSettings settings,
                        @Value("${practice.district.zone:Asia/Shanghai}") String zone) {
        this.imports = imports;
        this.identities = identities;
        this.commands = commands;
        this.eventStore = eventStore;
        this.thresholds = thresholds;
        this.settings = settings;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        rows = Executors.newFixedThreadPool(settings.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "roster-rows-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "roster-imports");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(50, settings.pollEvery().toMillis());
        poller.scheduleWithFixedDelay(this::workSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            rows.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    private void workSafely() {
        try {
            Optional<ImportView> next;
            while ((next = imports.claim(holder, settings.lease())).isPresent()) {
                run(next.get());
            }
        } catch (RuntimeException e) {
            // The lease lapses and this or another worker takes the import up again at the batch it stopped in.
            log.warn("A roster import paused; it resumes when its lease lapses ({})", settings.lease(), e);
        }
    }

    void run(ImportView job) {
        for (int n = job.batchesDone(); n < job.batches(); n++) {
            if (!imports.renew(job.importId(), holder, settings.lease())) {
                return; // someone else holds it now
            }
            Optional<List<Row>> batch = imports.rowsOf(job.importId(), n);
            Outcome outcome;
            try {
                outcome = batch.map(found -> batch(job, found)).orElse(new Outcome(0, 0, 0, List.of()));
            } catch (RuntimeException e) {
                if (imports.failedAttempt(job.importId(), n) >= MAX_ATTEMPTS) {
                    log.error("Roster import {} stopped: batch {} failed {} times", job.importId(), n, MAX_ATTEMPTS, e);
                    imports.finish(job.importId(), holder, Status.STOPPED, List.of(new Problem(0, "batch",
                            "rows of batch " + (n + 1) + " could not be registered: " + rootMessage(e))));
                    return;
                }
                throw e;
            }
            if (!outcome.problems().isEmpty()) {
                log.warn("Roster import {} stopped at batch {}: {} rows were registered elsewhere since the check",
                        job.importId(), n + 1, outcome.problems().size());
                imports.finish(job.importId(), holder, Status.STOPPED, outcome.problems());
                return;
            }
            if (!imports.batchDone(job.importId(), holder, n, outcome.registered(), outcome.existing(),
                    outcome.grants())) {
                return;
            }
        }
        imports.finish(job.importId(), holder, Status.DONE, List.of());
        log.info("Roster import {} done: {} rows", job.importId(), job.rows());
    }

    private record Outcome(int registered, int existing, int grants, List<Problem> problems) {
    }

    private Outcome batch(ImportView job, List<Row> batch) {
        String district = job.districtId();
        List<IdentityIndex.Reserved> reserved = identities.reserveAll(district, batch.stream()
                .map(row -> new IdentityIndex.Reservation(identities.rosterVolunteerId(district, row.idNumber()),
                        row.phone(), row.idNumber())).toList());
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            RuleViolation conflict = reserved.get(i).conflict();
            if (conflict != null) {
                problems.add(new Problem(batch.get(i).row(), conflict.field() == null ? "phone" : conflict.field(),
                        "registered in the district since the file was checked"));
            }
        }
        if (!problems.isEmpty()) {
            reserved.forEach(each -> identities.release(each.inserted()));
            return new Outcome(0, 0, 0, problems);
        }
        List<Integer> stars = thresholds.of(district);
        List<Registered> registered = all(batch, row -> register(job, row, stars));
        return new Outcome((int) registered.stream().filter(Registered::created).count(),
                (int) registered.stream().filter(r -> !r.created()).count(),
                (int) registered.stream().filter(Registered::granted).count(), List.of());
    }

    private record Registered(boolean created, boolean granted) {
    }

    private Registered register(ImportView job, Row row, List<Integer> stars) {
        String district = job.districtId();
        String volunteerId = identities.rosterVolunteerId(district, row.idNumber());
        RosterFile.Guardian guardian = row.guardian();
        PersonalData personal = new PersonalData(row.name(), row.phone(), row.idNumber(), row.birthDate(),
                guardian == null ? null : new PersonalData.Guardian(guardian.name(), guardian.phone(),
                        guardian.relation(), guardian.consentedOn().atStartOfDay(zone).toInstant()));
        boolean created;
        try {
            commands.sendAndWait(new ImportVolunteerCommand(volunteerId, district, personal, row.homeUnitId(),
                    row.skills(), row.contactConsent(), row.registeredOn() == null ? job.receivedAt()
                    : row.registeredOn().atStartOfDay(zone).toInstant(), job.importId()));
            created = true;
        } catch (RuntimeException e) {
            if (eventStore.lastSequenceNumberFor(volunteerId).isEmpty()) {
                throw e;
            }
            created = false; // registered by an earlier, interrupted run of this batch
        }
        boolean granted = false;
        if (row.honourHalfHours() > 0) {
            try {
                // One grant per person from rosters ever ("roster-" + their id): a later roster does not add again.
                commands.sendAndWait(new GrantHonourHoursCommand(HourCommands.ledgerId(volunteerId), district,
                        volunteerId, "roster-" + volunteerId, row.honourHalfHours(), HOURS_REASON,
                        "名册导入 " + job.importId() + " 第 " + row.row() + " 行：原系统记录 "
                                + row.recordedHours().stripTrailingZeros().toPlainString() + " 小时",
                        job.startedBy(), stars));
                granted = true;
            } catch (RuntimeException e) {
                if (!"grant-exists".equals(violation(e).map(RuleViolation::code).orElse(null))) {
                    throw e;
                }
            }
        }
        return new Registered(created, granted);
    }

    /** Runs {@code task} for every row, {@code parallelism} at once, and waits for all. */
    private <T> List<T> all(List<Row> batch, Function<Row, T> task) {
        List<CompletableFuture<T>> futures = new ArrayList<>(batch.size());
        batch.forEach(row -> futures.add(CompletableFuture.supplyAsync(() -> task.apply(row), rows)));
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static Optional<RuleViolation> violation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolation violation) {
                return Optional.of(violation);
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
