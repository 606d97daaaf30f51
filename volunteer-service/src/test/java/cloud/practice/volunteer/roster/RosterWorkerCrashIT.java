package cloud.practice.volunteer.roster;

import cloud.practice.events.volunteer.HonourHoursGranted;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.GrantHonourHoursCommand;
import cloud.practice.volunteer.hours.query.StarThresholds;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ImportVolunteerCommand;
import cloud.practice.volunteer.roster.RosterFile.Problem;
import cloud.practice.volunteer.roster.RosterImports.ImportView;
import cloud.practice.volunteer.roster.RosterImports.Status;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A roster import outlives the worker carrying it (ADR 0025), against real Kafka and MongoDB. A worker stops dead in
 * the second of three batches, its lease left as it was: another worker (another instance's, its own holder id) is
 * refused the import while that lease lasts, takes it once it has lapsed and carries on from the last counted batch;
 * the dead worker's holder id writes nothing over the new holder's progress. Every row ends registered once: one
 * volunteer with its own two numbers, its hours granted once.
 */
class RosterWorkerCrashIT extends PlatformTestBase {

    private static final String HEADER = "序号,姓名,性别,证件号码,手机号码,服务技能,所属站点,注册时间,服务时长,政治面貌\n";
    /** Three batches: 500, 500 and 200 rows. */
    private static final int ROWS = 2 * RosterImports.BATCH_ROWS + 200;
    /**
     * Rows of the second batch the first worker registers before it stops dead. Few: the next worker registers each
     * again as an append that fails, and the global indexes a failed append reserved stay a gap; a run of 500 gaps
     * (the event store's batch size) leaves the service's tracking processors stuck before it (so 250 rows here would).
     */
    private static final int REGISTERED_BEFORE_THE_CRASH = 20;
    /** The first worker's lease: short, so that the test waits seconds for it to lapse. */
    private static final Duration SHORT_LEASE = Duration.ofSeconds(3);
    /** The next worker's: the default, so that nobody takes the import from it while the test looks on. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration IMPORT_PATIENCE = Duration.ofMinutes(3);

    @Autowired
    private RosterWorker servicesWorker;
    @Autowired
    private IdentityIndex identities;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private StarThresholds thresholds;
    @Autowired
    private PersonalDataVault vault;
    @Autowired
    private Clock clock;
    @Value("${practice.district.zone:Asia/Shanghai}")
    private String zone;

    /** A roster row (numbered as a spreadsheet shows it): a man (odd serial), with recorded hours or without. */
    private record Person(int row, String name, String idNumber, String phone, String hours) {
        int halfHours() {
            return hours.isEmpty() ? 0 : new BigDecimal(hours).multiply(BigDecimal.valueOf(2)).intValue();
        }

        String line() {
            return (row - 1) + "," + name + ",男," + idNumber + "," + phone + ",关爱帮扶:3,s-pl,," + hours + ",群众\n";
        }
    }

    /** {@link #ROWS} people with numbers of their own; every third one with recorded hours. */
    private static List<Person> people() {
        String names = "甲乙丙丁戊己庚辛壬癸";
        int phones = ThreadLocalRandom.current().nextInt(90_000_000);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            LocalDate born = LocalDate.of(1965, 1, 1).plusDays(9L * i);
            people.add(new Person(i + 2, "名册" + names.charAt(i % 10) + names.charAt(i / 10 % 10),
                    Registrations.idNumber(born, 2 * (i % 500) + 1), "139" + String.format("%08d", phones + i),
                    i % 3 == 0 ? (1 + i % 7) + ".5" : ""));
        }
        return people;
    }

    @Test
    void shouldLeaveAnImportWhoseWorkerDiedToTheNextWorkerOnceItsLeaseLapsedAndRegisterEveryRowOnce() {
        String district = newDistrict("roster-crash");
        treeOf(district);
        List<Person> people = people();
        MongoCollection<Document> importDocuments = mongo.getDb().getCollection(RosterImports.IMPORTS);
        // The service's own worker takes any import: it is kept out, so the two workers here are the only ones.
        await().atMost(IMPORT_PATIENCE).until(() -> importDocuments.countDocuments(
                in("status", Status.QUEUED.name(), Status.RUNNING.name())) == 0);
        servicesWorker.stop();
        StopsDead firstBus = new StopsDead(commands, RosterImports.BATCH_ROWS + REGISTERED_BEFORE_THE_CRASH);
        Watched firstImports = null;
        Watched secondImports = null;
        RosterWorker first = null;
        RosterWorker second = null;
        try {
            ResponseEntity<String> accepted = http.exchange(HttpMethod.POST, "/api/v1/volunteers/imports?district="
                    + district, HEADER + people.stream().map(Person::line).collect(Collectors.joining()),
                    "text/csv; charset=UTF-8");
            assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
            String importId = http.read(accepted).get("importId").asText();
            assertThat(http.read(accepted).get("toRegister").asInt()).isEqualTo(ROWS);
            assertThat(http.read(accepted).get("batches").asInt()).isEqualTo(3);

            // The first worker takes it, counts its first batch and stops dead in the second: lease left in place.
            firstImports = new Watched(mongo, vault, clock, importId);
            first = worker(firstImports, firstBus, SHORT_LEASE);
            first.start();
            await().atMost(IMPORT_PATIENCE).until(firstBus::isStandingStill);
            Instant crashSeen = clock.instant();
            Document crashed = importDocuments.find(eq("_id", importId)).first();
            String firstHolder = crashed.getString("holder");
            Instant lapses = crashed.getDate("leaseUntil").toInstant();
            assertThat(firstImports.claims).anyMatch(claim -> importId.equals(claim.importId()));
            assertThat(crashed.getString("status")).isEqualTo("RUNNING");
            assertThat(crashed.getInteger("batchesDone")).isEqualTo(1);
            assertThat(crashed.getInteger("registered")).isEqualTo(RosterImports.BATCH_ROWS);
            assertThat(lapses).as("the dead worker's lease, renewed for its second batch, still runs").isAfter(crashSeen);

            // Another worker is refused the import while that lease lasts...
            secondImports = new Watched(mongo, vault, clock, importId);
            secondImports.holdReport(1);
            second = worker(secondImports, commands, LEASE);
            second.start();
            Watched refusing = secondImports;
            Claim refused = await().atMost(PATIENCE).until(() -> refusing.claims.stream()
                    .filter(claim -> claim.importId() == null && claim.answeredAt().isBefore(lapses))
                    .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(refused.importThen().getString("holder")).isEqualTo(firstHolder);
            assertThat(refused.importThen().getInteger("batchesDone")).isEqualTo(1);

            // ...and takes it once the lease has lapsed, at the first batch not counted.
            Claim taken = await().atMost(PATIENCE).until(() -> refusing.claims.stream()
                    .filter(claim -> importId.equals(claim.importId())).findFirst(), Optional::isPresent).orElseThrow();
            String secondHolder = taken.importThen().getString("holder");
            assertThat(secondHolder).isNotEqualTo(firstHolder);
            Instant takenAt = taken.importThen().getDate("leaseUntil").toInstant().minus(LEASE);
            assertThat(takenAt).as("taken only after the first lease had lapsed").isAfter(lapses);
            assertThat(taken.importThen().getInteger("batchesDone")).isEqualTo(1);

            // Were the dead worker back when the second batch is registered again but not yet counted, what it does
            // next in its run — renew its lease, report that batch (at the very position) — would write nothing.
            await().atMost(IMPORT_PATIENCE).until(refusing::isHeld);
            Document beforeReport = importDocuments.find(eq("_id", importId)).first();
            assertThat(beforeReport.getString("holder")).isEqualTo(secondHolder);
            assertThat(beforeReport.getInteger("batchesDone")).isEqualTo(1);
            assertThat(firstImports.renew(importId, firstHolder, SHORT_LEASE)).isFalse();
            assertThat(firstImports.batchDone(importId, firstHolder, 1, RosterImports.BATCH_ROWS, 0, 0)).isFalse();
            assertThat(importDocuments.find(eq("_id", importId)).first()).isEqualTo(beforeReport);
            secondImports.letReport();

            JsonNode done = awaitJson("/api/v1/volunteers/imports/" + importId + "?district=" + district,
                    node -> node.get("status").asText().equals("DONE"), IMPORT_PATIENCE);
            int withHours = (int) people.stream().filter(person -> person.halfHours() > 0).count();
            assertThat(done.get("batchesDone").asInt()).isEqualTo(3);
            assertThat(done.get("problems")).isEmpty();
            // Counted once each: the rows the dead worker registered in its second batch count as existing there.
            assertThat(firstBus.registeredInSecondBatch).hasSize(REGISTERED_BEFORE_THE_CRASH);
            assertThat(done.get("existing").asInt()).isEqualTo(REGISTERED_BEFORE_THE_CRASH);
            assertThat(done.get("registered").asInt()).isEqualTo(ROWS - REGISTERED_BEFORE_THE_CRASH);
            assertThat(done.get("honourGrants").asInt()).isEqualTo(withHours - firstBus.grantsInSecondBatch.get());

            // Nor once the import is done: no lease, no batch (even at the position), no other end.
            Document finished = importDocuments.find(eq("_id", importId)).first();
            assertThat(finished.getString("holder")).isEqualTo(secondHolder);
            assertThat(firstImports.renew(importId, firstHolder, SHORT_LEASE)).isFalse();
            assertThat(firstImports.batchDone(importId, firstHolder, 3, 1, 0, 0)).isFalse();
            firstImports.finish(importId, firstHolder, Status.STOPPED, List.of(new Problem(0, "batch", "late")));
            assertThat(importDocuments.find(eq("_id", importId)).first()).isEqualTo(finished);

            everyRowRegisteredOnce(district, people, withHours, firstBus.registeredInSecondBatch);
        } finally {
            firstBus.bury();
            if (firstImports != null && firstBus.isStandingStill()) {
                // Buried, its batch fails at once; stopped before, its rows not yet started would never run and its
                // poller would wait for them for good.
                Watched buried = firstImports;
                await().atMost(PATIENCE).until(() -> !buried.failedBatches.isEmpty());
            }
            if (secondImports != null) {
                secondImports.letReport();
            }
            for (RosterWorker worker : new RosterWorker[] {first, second}) {
                if (worker != null) {
                    worker.stop();
                }
            }
            servicesWorker.start();
        }
    }

    /** One volunteer per row under the row's id, holding its two numbers, with its hours granted once. */
    private void everyRowRegisteredOnce(String district, List<Person> people, int withHours,
                                        Set<String> registeredByTheDeadWorker) {
        Map<String, String> volunteerByPhone = people.stream().collect(Collectors.toMap(Person::phone,
                person -> identities.rosterVolunteerId(district, person.idNumber())));
        Map<String, String> volunteerByIdNumber = people.stream().collect(Collectors.toMap(Person::idNumber,
                person -> identities.rosterVolunteerId(district, person.idNumber())));
        assertThat(Set.copyOf(volunteerByPhone.values())).hasSize(ROWS);
        IdentityIndex.Holders holders = identities.holders(district, volunteerByPhone.keySet(),
                volunteerByIdNumber.keySet());
        assertThat(holders.byPhone()).isEqualTo(volunteerByPhone);
        assertThat(holders.byIdNumber()).isEqualTo(volunteerByIdNumber);
        assertThat(mongo.getDb().getCollection("volunteer_identities").countDocuments(eq("districtId", district)))
                .as("a phone and an ID number row per volunteer, no more").isEqualTo(2L * ROWS);

        for (Person person : people) {
            String volunteerId = volunteerByPhone.get(person.phone());
            List<Object> registered = payloads(volunteerId, VolunteerRegistered.class);
            assertThat(registered).as("row %d registered", person.row()).hasSize(1);
            List<Object> granted = payloads(HourCommands.ledgerId(volunteerId), HonourHoursGranted.class);
            assertThat(granted).as("row %d's grants", person.row()).hasSize(person.halfHours() > 0 ? 1 : 0);
            granted.forEach(grant -> assertThat(((HonourHoursGranted) grant).halfHours())
                    .isEqualTo(person.halfHours()));
        }

        // What the district reads: every row once, and the hours once.
        awaitJson("/api/v1/volunteers?district=" + district + "&size=1", node -> node.get("total").asInt() == ROWS);
        int halfHours = people.stream().mapToInt(Person::halfHours).sum();
        await().atMost(PATIENCE).until(() -> honourHalfHoursIn(district) == halfHours && mongo.getDb()
                .getCollection("volunteer_hour_entries").countDocuments(eq("districtId", district)) == withHours);
        // A row the dead worker registered and the next one registered again: its sealed data still opens.
        String again = registeredByTheDeadWorker.iterator().next();
        Person person = people.stream().filter(each -> volunteerByPhone.get(each.phone()).equals(again)).findFirst()
                .orElseThrow();
        JsonNode volunteer = awaitVolunteer(district, again, node -> true);
        assertThat(volunteer.get("personal").get("name").asText()).isEqualTo(person.name());
    }

    private List<Object> payloads(String aggregateId, Class<?> type) {
        return eventStore.readEvents(aggregateId).asStream().<Object>map(Message::getPayload)
                .filter(type::isInstance).toList();
    }

    private int honourHalfHoursIn(String district) {
        int sum = 0;
        for (Document ledger : mongo.getDb().getCollection("volunteer_ledgers").find(eq("districtId", district))) {
            sum += ledger.getInteger("honourHalfHours", 0);
        }
        return sum;
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> condition, Duration patience) {
        return await().atMost(patience).until(() -> {
            ResponseEntity<String> found = http.get(path);
            return found.getStatusCode().value() == 200 ? http.read(found) : null;
        }, node -> node != null && condition.test(node));
    }

    private RosterWorker worker(RosterImports imports, CommandGateway bus, Duration lease) {
        return new RosterWorker(imports, identities, bus, eventStore, thresholds,
                new RosterSettings(16, Duration.ofMillis(100), lease), zone);
    }

    /**
     * What a worker's claim was answered ({@code importId} null: nothing), when, and the import as it stood right
     * after, read on the worker's own thread (before it could renew).
     */
    private record Claim(String importId, Instant answeredAt, Document importThen) {
    }

    /**
     * The store of imports as another instance of the service has it (the same collections): it answers as it does
     * and notes the claims and failed batches; it can hold the worker's report of a batch back until the test lets
     * it through.
     */
    private static final class Watched extends RosterImports {

        final List<Claim> claims = new CopyOnWriteArrayList<>();
        final List<Integer> failedBatches = new CopyOnWriteArrayList<>();
        private final MongoCollection<Document> importDocuments;
        private final Clock clock;
        private final String importId;
        private volatile int heldBatch = -1;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch let = new CountDownLatch(1);

        Watched(MongoTemplate mongo, PersonalDataVault vault, Clock clock, String importId) {
            super(mongo, vault, clock);
            this.importDocuments = mongo.getDb().getCollection(IMPORTS);
            this.clock = clock;
            this.importId = importId;
        }

        void holdReport(int batch) {
            heldBatch = batch;
        }

        boolean isHeld() {
            return held.getCount() == 0;
        }

        void letReport() {
            let.countDown();
        }

        @Override
        public Optional<ImportView> claim(String holder, Duration lease) {
            Optional<ImportView> claimed = super.claim(holder, lease);
            claims.add(new Claim(claimed.map(ImportView::importId).orElse(null), clock.instant(),
                    importDocuments.find(eq("_id", importId)).first()));
            return claimed;
        }

        @Override
        public int failedAttempt(String importId, int n) {
            failedBatches.add(n);
            return super.failedAttempt(importId, n);
        }

        @Override
        public boolean batchDone(String importId, String holder, int n, int registered, int existing, int grants) {
            if (n == heldBatch) {
                held.countDown();
                try {
                    let.await(IMPORT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.batchDone(importId, holder, n, registered, existing, grants);
        }
    }

    /**
     * The first worker's command bus: the first {@code survives} registrations go out, then it stands still — a
     * process stopped dead: no command goes out, nothing is released, its lease is left as it was. Buried at the end,
     * what waited fails without going out (run again, those rows would only be failed appends: see above).
     */
    private static final class StopsDead implements CommandGateway {

        /** Rows registered and honour grants made in its second batch (before it stopped): a batch it never counted. */
        final Set<String> registeredInSecondBatch = ConcurrentHashMap.newKeySet();
        final AtomicInteger grantsInSecondBatch = new AtomicInteger();
        private final CommandGateway bus;
        private final int survives;
        private final AtomicInteger registrations = new AtomicInteger();
        private final AtomicInteger standingStill = new AtomicInteger();
        private final CompletableFuture<Void> buried = new CompletableFuture<>();
        private volatile boolean dead;

        StopsDead(CommandGateway bus, int survives) {
            this.bus = bus;
            this.survives = survives;
        }

        boolean isStandingStill() {
            return standingStill.get() > 0;
        }

        void bury() {
            buried.complete(null);
        }

        @Override
        public <R> R sendAndWait(Object command) {
            if (command instanceof ImportVolunteerCommand && registrations.incrementAndGet() > survives) {
                dead = true;
            }
            boolean secondBatch = registrations.get() > RosterImports.BATCH_ROWS;
            if (dead) {
                standingStill.incrementAndGet();
                buried.join();
                throw new IllegalStateException("this worker stopped dead");
            }
            R result = bus.sendAndWait(command);
            if (secondBatch && command instanceof ImportVolunteerCommand registration) {
                registeredInSecondBatch.add(registration.volunteerId());
            } else if (secondBatch && command instanceof GrantHonourHoursCommand) {
                grantsInSecondBatch.incrementAndGet();
            }
            return result;
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("the roster worker sends and waits");
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException("the roster worker sends and waits");
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException("the roster worker sends and waits");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
            throw new UnsupportedOperationException("the roster worker sends and waits");
        }
    }
}
