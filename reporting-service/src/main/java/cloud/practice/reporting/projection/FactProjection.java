package cloud.practice.reporting.projection;

import cloud.practice.events.Context;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.hierarchy.*;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.*;
import cloud.practice.events.volunteer.*;
import cloud.practice.reporting.projection.FactStore.Kind;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;


/**
 * Turns events into facts (see {@link FactStore}): state per aggregate, never counters shared between aggregates,
 * so the facts are the same whatever the order in which independent aggregates' events arrive. Roll-ups are
 * computed from the facts at query time, against the tree now or as it was.
 *
 * <p>One instance per projection version and consumer: {@code facts-v<n>} reads hierarchy, volunteer and request
 * events; {@code matching-v<n>} reads matching events in a ledger of its own (its subjects are request ids too).
 */
public final class FactProjection implements InboundEventHandler {

    private final String name;
    private final Set<Context> contexts;
    private final FactStore store;
    private final AtomicLong applied = new AtomicLong();
    private volatile Instant lastEventTime;
    private final List<Consumer<InboundEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EventRoutes<Delivery> routes = routes();

    public FactProjection(String name, Set<Context> contexts, FactStore store) {
        this.name = name;
        this.contexts = Set.copyOf(contexts);
        this.store = store;
    }

    /** The two consumers of one version. */
    public static List<FactProjection> forVersion(FactStore store) {
        return List.of(
                new FactProjection("facts-v" + store.version(), Set.of(Context.HIERARCHY, Context.VOLUNTEER,
                        Context.REQUEST), store),
                new FactProjection("matching-v" + store.version(), Set.of(Context.MATCHING), store));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Context> contexts() {
        return contexts;
    }

    public FactStore store() {
        return store;
    }

    public long applied() {
        return applied.get();
    }

    public Instant lastEventTime() {
        return lastEventTime;
    }

    /** Called after each applied event (metrics: delay from the event's time to visible). */
    public void onApplied(Consumer<InboundEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void handle(InboundEvent event) {
        apply(event.payload(), event.subject(), event.sequence(), occurredAt(event));
        applied(event);
    }

    /** Applies a batch with a few bulk writes, then tells the listeners (the facts are visible by then). */
    public void handleBatch(List<InboundEvent> events) {
        store.inBatch(() -> events.forEach(event ->
                apply(event.payload(), event.subject(), event.sequence(), occurredAt(event))));
        events.forEach(this::applied);
    }

    /** When the event happened (its CloudEvents time): dates changes whose payload carries no date of its own. */
    private static Instant occurredAt(InboundEvent event) {
        return event.time() == null ? null : event.time().toInstant();
    }

    private void applied(InboundEvent event) {
        applied.incrementAndGet();
        if (event.time() != null) {
            lastEventTime = event.time().toInstant();
        }
        listeners.forEach(listener -> listener.accept(event));
    }

    void apply(Object payload, String subject, long seq, Instant occurredAt) {
        // Other types (menu items, managers, partners): nothing to report on.
        routes.dispatch(payload, new Delivery(subject, seq, occurredAt));
    }

    /** What a handler learns beside the event: its subject, its aggregate sequence, when it happened. */
    private record Delivery(String subject, long seq, Instant occurredAt) {
    }

    private EventRoutes<Delivery> routes() {
        EventRoutes<Delivery> routes = new EventRoutes<>();
        units(routes);
        pairings(routes);
        volunteers(routes);
        hours(routes);
        teams(routes);
        requests(routes);
        activities(routes);
        matching(routes);
        return routes;
    }

    /** The tree: each unit's dated versions (names, parents, status, communities), its grids. */
    private void units(EventRoutes<Delivery> routes) {
        routes.on(OrgUnitEstablished.class, (e, at) -> {
            unit(e.districtId(), e.unitId(), at.seq(), existing ->
                UnitHistory.established(e.districtId(), e.unitId(), e.code(), e.tier().name(), e.name(),
                        e.parentId(), e.communities(), point(e.location()), e.effectiveDate()));
        });
        routes.on(OrgUnitRenamed.class, (e, at) -> {
            change(e.districtId(), e.unitId(), at.seq(), e.effectiveDate(),
                version -> version.put("name", e.name()));
        });
        routes.on(OrgUnitMoved.class, (e, at) -> {
            change(e.districtId(), e.unitId(), at.seq(), e.effectiveDate(),
                version -> version.put("parentId", e.toParentId()));
        });
        routes.on(OrgUnitStatusChanged.class, (e, at) -> {
            change(e.districtId(), e.unitId(), at.seq(), e.effectiveDate(),
                version -> version.put("status", e.status().name()));
        });
        routes.on(OrgUnitDetailsChanged.class, (e, at) -> {
            change(e.districtId(), e.unitId(), at.seq(), e.effectiveDate(),
                version -> version.put("communities", new ArrayList<>(e.communities())));
        });
        routes.on(OrgUnitRelocated.class, (e, at) -> {
            unit(e.districtId(), e.unitId(), at.seq(), existing -> existing == null ? null
                : existing.append("location", point(e.location())));
        });
        routes.on(OrgUnitMerged.class, (e, at) -> {
            unit(e.districtId(), e.unitId(), at.seq(), existing -> {
                if (existing == null) {
                    return null;
                }
                UnitHistory.change(existing, e.effectiveDate(), version -> {
                    version.put("status", OrgUnitStatus.CLOSED.name());
                    version.put("communities", new ArrayList<>());
                });
                return existing.append("mergedInto", e.survivorId());
            });
            change(e.districtId(), e.survivorId(), at.seq(), e.effectiveDate(), version -> {
                List<String> communities = UnitHistory.communities(version);
                e.movedCommunities().stream().filter(c -> !communities.contains(c)).forEach(communities::add);
            });
            for (String child : e.movedChildIds()) {
                change(e.districtId(), child, at.seq(), e.effectiveDate(),
                        version -> version.put("parentId", e.survivorId()));
            }
        });
        routes.on(OrgUnitSplit.class, (e, at) -> {
            change(e.districtId(), e.unitId(), at.seq(), e.effectiveDate(),
                    version -> UnitHistory.communities(version).removeAll(e.movedCommunities()));
            change(e.districtId(), e.newUnitId(), at.seq(), e.effectiveDate(), version -> {
                List<String> communities = UnitHistory.communities(version);
                e.movedCommunities().stream().filter(c -> !communities.contains(c)).forEach(communities::add);
            });
        });
        routes.on(CommunityGridsDefined.class, (e, at) -> {
            grids(e, at.seq());
        });
    }

    /** Pairings of partner organisations with stations and the activities they held. */
    private void pairings(EventRoutes<Delivery> routes) {
        routes.on(PairingFormed.class, (e, at) -> {
            store.guarded(Kind.PAIRINGS, FactStore.key(e.districtId(), e.pairingId()),
                e.districtId(), at.seq(), Updates.combine(Updates.set("pairingId", e.pairingId()),
                        Updates.set("partnerId", e.partnerId()), Updates.set("stationIds", e.stationIds()),
                        Updates.set("model", e.model().name()),
                        Updates.set("activitiesPerQuarter", e.activitiesPerQuarter()),
                        Updates.set("startDate", e.startDate().toString()),
                        Updates.set("endDate", e.endDate() == null ? null : e.endDate().toString())));
        });
        routes.on(PairingEnded.class, (e, at) -> {
            store.guarded(Kind.PAIRINGS, FactStore.key(e.districtId(), e.pairingId()),
                e.districtId(), at.seq(), Updates.set("endDate", e.endDate().toString()));
        });
        routes.on(PairingActivityRecorded.class, (e, at) -> {
            store.guarded(Kind.PAIRINGS,
                FactStore.key(e.districtId(), e.pairingId()), e.districtId(), at.seq(),
                Updates.push("activityDates", e.heldOn().toString()));
        });
    }

    /** Volunteers: who they are (masked), where they belong and when, what they can do, their stars. */
    private void volunteers(EventRoutes<Delivery> routes) {
        routes.on(VolunteerRegistered.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(), Updates.combine(
                Updates.set("volunteerId", e.volunteerId()), Updates.set("maskedName", e.maskedName()),
                Updates.set("homeUnitId", e.homeUnitId()), Updates.set("location", point(e.approximateLocation())),
                Updates.set("homeUnits", List.of(homeSpell(e.homeUnitId(), e.registeredAt()))),
                Updates.set("skills", skills(e.skills())), Updates.set("status", VolunteerStatus.ACTIVE.name()),
                Updates.set("registeredAt", date(e.registeredAt())), Updates.set("erased", false)));
        });
        routes.on(VolunteerRenamed.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(),
                Updates.set("maskedName", e.maskedName()));
        });
        // The home units in order, each from the day it took effect, so "as then" counts a volunteer under
        // the unit of the time (the event carries no date: it takes effect when it happened).
        routes.on(VolunteerHomeUnitChanged.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(), Updates.combine(
                Updates.set("homeUnitId", e.homeUnitId()), Updates.set("location", point(e.approximateLocation())),
                Updates.push("homeUnits", homeSpell(e.homeUnitId(), at.occurredAt()))));
        });
        routes.on(VolunteerSkillsChanged.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(),
                Updates.set("skills", skills(e.skills())));
        });
        routes.on(VolunteerStatusChanged.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(),
                Updates.set("status", e.status().name()));
        });
        routes.on(VolunteerErased.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(), Updates.combine(
                Updates.set("maskedName", null), Updates.set("location", null), Updates.set("erased", true),
                Updates.set("status", VolunteerStatus.DEACTIVATED.name())));
        });
        routes.on(StarLevelReached.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(), Updates.set("stars", e.stars()));
        });
        routes.on(StarLevelWithdrawn.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(),
                Updates.set("stars", Math.max(0, e.stars() - 1)));
        });
        routes.on(VolunteerAvailabilityChanged.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(),
                Updates.set("availabilitySlots", e.availability().size()));
        });
        routes.on(VolunteerLanguagesChanged.class, (e, at) -> {
            volunteer(e.districtId(), e.volunteerId(), at.seq(),
                Updates.set("languages", e.languages()));
        });
    }

    /** Hours: one fact per credit and per honour grant. */
    private void hours(EventRoutes<Delivery> routes) {
        // One fact per credit (its id is unique); the volunteer's sequence guards a replay.
        routes.on(ServiceHoursCredited.class, (e, at) -> {
            Document credit = new Document("districtId", e.districtId()).append("creditId", e.creditId())
                    .append("volunteerId", e.volunteerId()).append("source", e.source().name())
                    .append("sourceId", e.sourceId()).append("unitId", e.unitId())
                    .append("platform", e.platform().name()).append("halfHours", e.halfHours())
                    .append("servedTo", date(e.servedTo()));
            store.guardedReplace(Kind.CREDITS, FactStore.key(e.districtId(), e.creditId()), at.seq(), credit);
        });
        routes.on(HonourHoursGranted.class, (e, at) -> {
            store.guarded(Kind.HONOURS, FactStore.key(e.districtId(), e.grantId()),
                e.districtId(), at.seq(), Updates.combine(Updates.set("grantId", e.grantId()),
                        Updates.set("volunteerId", e.volunteerId()), Updates.set("halfHours", e.halfHours()),
                        Updates.set("grantedAt", date(e.grantedAt())), Updates.set("revoked", false)));
        });
        routes.on(HonourHoursRevoked.class, (e, at) -> {
            store.guarded(Kind.HONOURS, FactStore.key(e.districtId(), e.grantId()),
                e.districtId(), at.seq(), Updates.set("revoked", true));
        });
    }

    /** Teams and their members. */
    private void teams(EventRoutes<Delivery> routes) {
        routes.on(TeamFormed.class, (e, at) -> {
            team(e.districtId(), e.teamId(), at.seq(), Updates.combine(
                Updates.set("teamId", e.teamId()), Updates.set("unitId", e.unitId()),
                Updates.set("platforms", e.platforms().stream().map(Enum::name).sorted().toList()),
                Updates.set("dissolved", false)));
        });
        routes.on(TeamMemberJoined.class, (e, at) -> {
            team(e.districtId(), e.teamId(), at.seq(), Updates.addToSet("members", e.volunteerId()));
        });
        routes.on(TeamMemberLeft.class, (e, at) -> {
            team(e.districtId(), e.teamId(), at.seq(), Updates.pull("members", e.volunteerId()));
        });
        routes.on(TeamLeaderChanged.class, (e, at) -> {
            team(e.districtId(), e.teamId(), at.seq(),
                Updates.set("leader", e.leaderVolunteerId() != null));
        });
        routes.on(TeamDissolved.class, (e, at) -> {
            team(e.districtId(), e.teamId(), at.seq(), Updates.set("dissolved", true));
        });
    }

    /** Orders through their lifecycle: status, the times of each stage, ratings, escalations. */
    private void requests(EventRoutes<Delivery> routes) {
        routes.on(RequestSubmitted.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("requestId", e.requestId()), Updates.set("menuItemId", e.menuItemId()),
                Updates.set("platform", e.platform().name()), Updates.set("channel", e.channel().name()),
                Updates.set("unitId", e.responsibleUnitId()), Updates.set("grid", e.grid()),
                Updates.set("location", point(e.location())), Updates.set("status", "SUBMITTED"),
                Updates.set("submittedAt", date(e.submittedAt())), Updates.set("escalations", 0),
                Updates.set("reopens", 0)));
        });
        routes.on(RequestReviewed.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "REVIEWED"), Updates.min("reviewedAt", date(e.reviewedAt()))));
        });
        routes.on(RequestRejected.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "REJECTED"), Updates.set("closedAt", date(e.rejectedAt()))));
        });
        routes.on(RequestDispatched.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "DISPATCHED"), Updates.min("dispatchedAt", date(e.dispatchedAt()))));
        });
        routes.on(RequestAccepted.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "ACCEPTED"), Updates.min("acceptedAt", date(e.acceptedAt()))));
        });
        routes.on(RequestCheckedIn.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.set("status", "IN_SERVICE"));
        });
        routes.on(RequestCheckedOut.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(),
                Updates.addToSet("servedBy", e.volunteerId()));
        });
        routes.on(RequestCompleted.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "COMPLETED"), Updates.min("completedAt", date(e.completedAt()))));
        });
        routes.on(RequestRated.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("rating", e.rating()), Updates.set("solved", e.solved())));
        });
        routes.on(RequestReopened.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "REOPENED"), Updates.inc("reopens", 1)));
        });
        routes.on(RequestCancelled.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "CANCELLED"), Updates.set("closedAt", date(e.cancelledAt()))));
        });
        routes.on(RequestExpired.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.combine(
                Updates.set("status", "EXPIRED"), Updates.set("expiredStage", e.stage().name()),
                Updates.set("closedAt", date(e.expiredAt()))));
        });
        routes.on(RequestEscalated.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.inc("escalations", 1));
        });
        // A check-in or check-out too far from the request, counted with the request (like escalations).
        routes.on(RequestLocationFlagged.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.inc("locationFlags", 1));
        });
        routes.on(MatchRequested.class, (e, at) -> {
            request(e.districtId(), e.requestId(), at.seq(), Updates.inc("matchRequests", 1));
        });
    }

    /** Activities: sign-ups, attendance, closing figures. */
    private void activities(EventRoutes<Delivery> routes) {
        routes.on(ActivityPublished.class, (e, at) -> {
            activity(e.districtId(), e.activityId(), at.seq(), Updates.combine(
                Updates.set("activityId", e.activityId()), Updates.set("unitId", e.unitId()),
                Updates.set("platform", e.platform().name()), Updates.set("startsAt", date(e.startsAt())),
                Updates.set("pairingId", e.pairingId()), Updates.set("closed", false),
                Updates.set("signUps", 0)));
        });
        routes.on(ActivitySignedUp.class, (e, at) -> {
            activity(e.districtId(), e.activityId(), at.seq(), Updates.inc("signUps", 1));
        });
        routes.on(ActivitySignUpCancelled.class, (e, at) -> {
            activity(e.districtId(), e.activityId(), at.seq(), Updates.inc("signUps", -1));
        });
        routes.on(ActivityCheckedOut.class, (e, at) -> {
            activity(e.districtId(), e.activityId(), at.seq(),
                Updates.addToSet("checkedOut", e.volunteerId()));
        });
        routes.on(ActivityClosed.class, (e, at) -> {
            activity(e.districtId(), e.activityId(), at.seq(), Updates.combine(
                Updates.set("closed", true), Updates.set("volunteersAttended", e.volunteersAttended()),
                Updates.set("residentsAttended", e.residentsAttended())));
        });
    }

    /** Matching (its own consumer): proposals and misses per order. */
    private void matching(EventRoutes<Delivery> routes) {
        routes.on(MatchProposed.class, (e, at) -> {
            store.guarded(Kind.MATCHES, FactStore.key(e.districtId(), at.subject()), e.districtId(),
                at.seq(), Updates.combine(Updates.set("requestId", e.requestId()), Updates.inc("proposals", 1)));
        });
        routes.on(NoMatchFound.class, (e, at) -> {
            store.guarded(Kind.MATCHES, FactStore.key(e.districtId(), at.subject()), e.districtId(),
                at.seq(), Updates.combine(Updates.set("requestId", e.requestId()), Updates.inc("noMatches", 1)));
        });
    }

    private void request(String districtId, String requestId, long seq, Bson update) {
        store.guarded(Kind.REQUESTS, FactStore.key(districtId, requestId), districtId, seq, update);
    }

    private void volunteer(String districtId, String volunteerId, long seq, Bson update) {
        store.guarded(Kind.VOLUNTEERS, FactStore.key(districtId, volunteerId), districtId, seq,
                Updates.combine(update, Updates.set("volunteerId", volunteerId)));
    }

    private void team(String districtId, String teamId, long seq, Bson update) {
        store.guarded(Kind.TEAMS, FactStore.key(districtId, teamId), districtId, seq,
                Updates.combine(update, Updates.set("teamId", teamId)));
    }

    private void activity(String districtId, String activityId, long seq, Bson update) {
        store.guarded(Kind.ACTIVITIES, FactStore.key(districtId, activityId), districtId, seq,
                Updates.combine(update, Updates.set("activityId", activityId)));
    }

    private void unit(String districtId, String unitId, long seq,
                      java.util.function.UnaryOperator<Document> update) {
        replace(Kind.UNITS, FactStore.key(districtId, unitId), seq, update);
    }

    /**
     * Read-modify-write of one fact fed by the tree (a unit, a community's grids): the tree's events arrive in order
     * on one partition, one thread. {@code update} gets null for a new fact and may answer null to write nothing.
     */
    private void replace(Kind kind, String key, long seq, java.util.function.UnaryOperator<Document> update) {
        Document existing = store.find(kind, key);
        if (existing != null && existing.get("seq", Number.class).longValue() >= seq) {
            return;
        }
        Document updated = update.apply(existing);
        if (updated != null) {
            store.guardedReplace(kind, key, seq, updated);
        }
    }

    /** A community's grid lists, each from its effective date (a second list on the same day replaces the first). */
    private void grids(CommunityGridsDefined e, long seq) {
        replace(Kind.GRIDS, FactStore.key(e.districtId(), e.community()), seq, existing -> {
            List<Object> versions = existing == null ? new ArrayList<>()
                    : new ArrayList<>(existing.getList("versions", Object.class));
            String from = e.effectiveDate().toString();
            Document version = new Document("from", from).append("grids", e.grids());
            if (!versions.isEmpty() && from.equals(((Document) versions.get(versions.size() - 1)).getString("from"))) {
                versions.set(versions.size() - 1, version);
            } else {
                versions.add(version);
            }
            return new Document("districtId", e.districtId()).append("community", e.community())
                    .append("versions", versions);
        });
    }

    private void change(String districtId, String unitId, long seq, LocalDate effective, Consumer<Document> change) {
        unit(districtId, unitId, seq, existing -> {
            if (existing == null) {
                return null;
            }
            UnitHistory.change(existing, effective, change);
            return existing;
        });
    }

    private static List<Document> skills(List<Skill> skills) {
        return skills.stream().map(skill -> new Document("platform", skill.platform().name())
                .append("level", skill.level())).toList();
    }

    private static Document point(GeoPoint point) {
        return point == null ? null : new Document("lat", point.latitude()).append("lon", point.longitude());
    }

    private static Document homeSpell(String unitId, Instant since) {
        return new Document("unitId", unitId).append("since", date(since));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

}
