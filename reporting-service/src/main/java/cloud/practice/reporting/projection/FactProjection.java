package cloud.practice.reporting.projection;

import cloud.practice.events.Context;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.hierarchy.*;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.*;
import cloud.practice.events.volunteer.*;
import cloud.practice.reporting.projection.FactStore.Kind;
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
        if (payload instanceof OrgUnitEstablished e) {
                unit(e.districtId(), e.unitId(), seq, existing ->
                    UnitHistory.established(e.districtId(), e.unitId(), e.code(), e.tier().name(), e.name(),
                            e.parentId(), e.communities(), point(e.location()), e.effectiveDate()));
        } else if (payload instanceof OrgUnitRenamed e) {
                change(e.districtId(), e.unitId(), seq, e.effectiveDate(),
                    version -> version.put("name", e.name()));
        } else if (payload instanceof OrgUnitMoved e) {
                change(e.districtId(), e.unitId(), seq, e.effectiveDate(),
                    version -> version.put("parentId", e.toParentId()));
        } else if (payload instanceof OrgUnitStatusChanged e) {
                change(e.districtId(), e.unitId(), seq, e.effectiveDate(),
                    version -> version.put("status", e.status().name()));
        } else if (payload instanceof OrgUnitDetailsChanged e) {
                change(e.districtId(), e.unitId(), seq, e.effectiveDate(),
                    version -> version.put("communities", new ArrayList<>(e.communities())));
        } else if (payload instanceof OrgUnitRelocated e) {
                unit(e.districtId(), e.unitId(), seq, existing -> existing == null ? null
                    : existing.append("location", point(e.location())));
        } else if (payload instanceof OrgUnitMerged e) {
                unit(e.districtId(), e.unitId(), seq, existing -> {
                    if (existing == null) {
                        return null;
                    }
                    UnitHistory.change(existing, e.effectiveDate(), version -> {
                        version.put("status", OrgUnitStatus.CLOSED.name());
                        version.put("communities", new ArrayList<>());
                    });
                    return existing.append("mergedInto", e.survivorId());
                });
                change(e.districtId(), e.survivorId(), seq, e.effectiveDate(), version -> {
                    List<String> communities = UnitHistory.communities(version);
                    e.movedCommunities().stream().filter(c -> !communities.contains(c)).forEach(communities::add);
                });
                for (String child : e.movedChildIds()) {
                    change(e.districtId(), child, seq, e.effectiveDate(),
                            version -> version.put("parentId", e.survivorId()));
                }
        } else if (payload instanceof OrgUnitSplit e) {
                change(e.districtId(), e.unitId(), seq, e.effectiveDate(),
                        version -> UnitHistory.communities(version).removeAll(e.movedCommunities()));
                change(e.districtId(), e.newUnitId(), seq, e.effectiveDate(), version -> {
                    List<String> communities = UnitHistory.communities(version);
                    e.movedCommunities().stream().filter(c -> !communities.contains(c)).forEach(communities::add);
                });
        } else if (payload instanceof CommunityGridsDefined e) {
                grids(e, seq);
        } else if (payload instanceof PairingFormed e) {
                store.guarded(Kind.PAIRINGS, FactStore.key(e.districtId(), e.pairingId()),
                    e.districtId(), seq, Updates.combine(Updates.set("pairingId", e.pairingId()),
                            Updates.set("partnerId", e.partnerId()), Updates.set("stationIds", e.stationIds()),
                            Updates.set("model", e.model().name()),
                            Updates.set("activitiesPerQuarter", e.activitiesPerQuarter()),
                            Updates.set("startDate", e.startDate().toString()),
                            Updates.set("endDate", e.endDate() == null ? null : e.endDate().toString())));
        } else if (payload instanceof PairingEnded e) {
                store.guarded(Kind.PAIRINGS, FactStore.key(e.districtId(), e.pairingId()),
                    e.districtId(), seq, Updates.set("endDate", e.endDate().toString()));
        } else if (payload instanceof PairingActivityRecorded e) {
                store.guarded(Kind.PAIRINGS,
                    FactStore.key(e.districtId(), e.pairingId()), e.districtId(), seq,
                    Updates.push("activityDates", e.heldOn().toString()));
        } else if (payload instanceof VolunteerRegistered e) {
                volunteer(e.districtId(), e.volunteerId(), seq, Updates.combine(
                    Updates.set("volunteerId", e.volunteerId()), Updates.set("maskedName", e.maskedName()),
                    Updates.set("homeUnitId", e.homeUnitId()), Updates.set("location", point(e.approximateLocation())),
                    Updates.set("homeUnits", List.of(homeSpell(e.homeUnitId(), e.registeredAt()))),
                    Updates.set("skills", skills(e.skills())), Updates.set("status", VolunteerStatus.ACTIVE.name()),
                    Updates.set("registeredAt", date(e.registeredAt())), Updates.set("erased", false)));
        } else if (payload instanceof VolunteerRenamed e) {
                volunteer(e.districtId(), e.volunteerId(), seq,
                    Updates.set("maskedName", e.maskedName()));
        } else if (payload instanceof VolunteerHomeUnitChanged e) {
                // The home units in order, each from the day it took effect, so "as then" counts a volunteer under
                // the unit of the time (the event carries no date: it takes effect when it happened).
                volunteer(e.districtId(), e.volunteerId(), seq, Updates.combine(
                    Updates.set("homeUnitId", e.homeUnitId()), Updates.set("location", point(e.approximateLocation())),
                    Updates.push("homeUnits", homeSpell(e.homeUnitId(), occurredAt))));
        } else if (payload instanceof VolunteerSkillsChanged e) {
                volunteer(e.districtId(), e.volunteerId(), seq,
                    Updates.set("skills", skills(e.skills())));
        } else if (payload instanceof VolunteerStatusChanged e) {
                volunteer(e.districtId(), e.volunteerId(), seq,
                    Updates.set("status", e.status().name()));
        } else if (payload instanceof VolunteerErased e) {
                volunteer(e.districtId(), e.volunteerId(), seq, Updates.combine(
                    Updates.set("maskedName", null), Updates.set("location", null), Updates.set("erased", true),
                    Updates.set("status", VolunteerStatus.DEACTIVATED.name())));
        } else if (payload instanceof StarLevelReached e) {
                volunteer(e.districtId(), e.volunteerId(), seq, Updates.set("stars", e.stars()));
        } else if (payload instanceof StarLevelWithdrawn e) {
                volunteer(e.districtId(), e.volunteerId(), seq,
                    Updates.set("stars", Math.max(0, e.stars() - 1)));
        } else if (payload instanceof VolunteerAvailabilityChanged e) {
                volunteer(e.districtId(), e.volunteerId(), seq,
                    Updates.set("availabilitySlots", e.availability().size()));
        } else if (payload instanceof VolunteerLanguagesChanged e) {
                volunteer(e.districtId(), e.volunteerId(), seq,
                    Updates.set("languages", e.languages()));
        } else if (payload instanceof ServiceHoursCredited e) {
                // One fact per credit (its id is unique); the volunteer's sequence guards a replay.
                Document credit = new Document("districtId", e.districtId()).append("creditId", e.creditId())
                        .append("volunteerId", e.volunteerId()).append("source", e.source().name())
                        .append("sourceId", e.sourceId()).append("unitId", e.unitId())
                        .append("platform", e.platform().name()).append("halfHours", e.halfHours())
                        .append("servedTo", date(e.servedTo()));
                store.guardedReplace(Kind.CREDITS, FactStore.key(e.districtId(), e.creditId()), seq, credit);
        } else if (payload instanceof HonourHoursGranted e) {
                store.guarded(Kind.HONOURS, FactStore.key(e.districtId(), e.grantId()),
                    e.districtId(), seq, Updates.combine(Updates.set("grantId", e.grantId()),
                            Updates.set("volunteerId", e.volunteerId()), Updates.set("halfHours", e.halfHours()),
                            Updates.set("grantedAt", date(e.grantedAt())), Updates.set("revoked", false)));
        } else if (payload instanceof HonourHoursRevoked e) {
                store.guarded(Kind.HONOURS, FactStore.key(e.districtId(), e.grantId()),
                    e.districtId(), seq, Updates.set("revoked", true));
        } else if (payload instanceof TeamFormed e) {
                team(e.districtId(), e.teamId(), seq, Updates.combine(
                    Updates.set("teamId", e.teamId()), Updates.set("unitId", e.unitId()),
                    Updates.set("platforms", e.platforms().stream().map(Enum::name).sorted().toList()),
                    Updates.set("dissolved", false)));
        } else if (payload instanceof TeamMemberJoined e) {
                team(e.districtId(), e.teamId(), seq, Updates.addToSet("members", e.volunteerId()));
        } else if (payload instanceof TeamMemberLeft e) {
                team(e.districtId(), e.teamId(), seq, Updates.pull("members", e.volunteerId()));
        } else if (payload instanceof TeamLeaderChanged e) {
                team(e.districtId(), e.teamId(), seq,
                    Updates.set("leader", e.leaderVolunteerId() != null));
        } else if (payload instanceof TeamDissolved e) {
                team(e.districtId(), e.teamId(), seq, Updates.set("dissolved", true));
        } else if (payload instanceof RequestSubmitted e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("requestId", e.requestId()), Updates.set("menuItemId", e.menuItemId()),
                    Updates.set("platform", e.platform().name()), Updates.set("channel", e.channel().name()),
                    Updates.set("unitId", e.responsibleUnitId()), Updates.set("grid", e.grid()),
                    Updates.set("location", point(e.location())), Updates.set("status", "SUBMITTED"),
                    Updates.set("submittedAt", date(e.submittedAt())), Updates.set("escalations", 0),
                    Updates.set("reopens", 0)));
        } else if (payload instanceof RequestReviewed e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "REVIEWED"), Updates.min("reviewedAt", date(e.reviewedAt()))));
        } else if (payload instanceof RequestRejected e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "REJECTED"), Updates.set("closedAt", date(e.rejectedAt()))));
        } else if (payload instanceof RequestDispatched e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "DISPATCHED"), Updates.min("dispatchedAt", date(e.dispatchedAt()))));
        } else if (payload instanceof RequestAccepted e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "ACCEPTED"), Updates.min("acceptedAt", date(e.acceptedAt()))));
        } else if (payload instanceof RequestCheckedIn e) {
                request(e.districtId(), e.requestId(), seq, Updates.set("status", "IN_SERVICE"));
        } else if (payload instanceof RequestCheckedOut e) {
                request(e.districtId(), e.requestId(), seq,
                    Updates.addToSet("servedBy", e.volunteerId()));
        } else if (payload instanceof RequestCompleted e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "COMPLETED"), Updates.min("completedAt", date(e.completedAt()))));
        } else if (payload instanceof RequestRated e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("rating", e.rating()), Updates.set("solved", e.solved())));
        } else if (payload instanceof RequestReopened e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "REOPENED"), Updates.inc("reopens", 1)));
        } else if (payload instanceof RequestCancelled e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "CANCELLED"), Updates.set("closedAt", date(e.cancelledAt()))));
        } else if (payload instanceof RequestExpired e) {
                request(e.districtId(), e.requestId(), seq, Updates.combine(
                    Updates.set("status", "EXPIRED"), Updates.set("expiredStage", e.stage().name()),
                    Updates.set("closedAt", date(e.expiredAt()))));
        } else if (payload instanceof RequestEscalated e) {
                request(e.districtId(), e.requestId(), seq, Updates.inc("escalations", 1));
        } else if (payload instanceof RequestLocationFlagged e) {
                // A check-in or check-out too far from the request, counted with the request (like escalations).
                request(e.districtId(), e.requestId(), seq, Updates.inc("locationFlags", 1));
        } else if (payload instanceof MatchRequested e) {
                request(e.districtId(), e.requestId(), seq, Updates.inc("matchRequests", 1));
        } else if (payload instanceof ActivityPublished e) {
                activity(e.districtId(), e.activityId(), seq, Updates.combine(
                    Updates.set("activityId", e.activityId()), Updates.set("unitId", e.unitId()),
                    Updates.set("platform", e.platform().name()), Updates.set("startsAt", date(e.startsAt())),
                    Updates.set("pairingId", e.pairingId()), Updates.set("closed", false),
                    Updates.set("signUps", 0)));
        } else if (payload instanceof ActivitySignedUp e) {
                activity(e.districtId(), e.activityId(), seq, Updates.inc("signUps", 1));
        } else if (payload instanceof ActivitySignUpCancelled e) {
                activity(e.districtId(), e.activityId(), seq, Updates.inc("signUps", -1));
        } else if (payload instanceof ActivityCheckedOut e) {
                activity(e.districtId(), e.activityId(), seq,
                    Updates.addToSet("checkedOut", e.volunteerId()));
        } else if (payload instanceof ActivityClosed e) {
                activity(e.districtId(), e.activityId(), seq, Updates.combine(
                    Updates.set("closed", true), Updates.set("volunteersAttended", e.volunteersAttended()),
                    Updates.set("residentsAttended", e.residentsAttended())));
        } else if (payload instanceof MatchProposed e) {
                store.guarded(Kind.MATCHES, FactStore.key(e.districtId(), subject), e.districtId(),
                    seq, Updates.combine(Updates.set("requestId", e.requestId()), Updates.inc("proposals", 1)));
        } else if (payload instanceof NoMatchFound e) {
                store.guarded(Kind.MATCHES, FactStore.key(e.districtId(), subject), e.districtId(),
                    seq, Updates.combine(Updates.set("requestId", e.requestId()), Updates.inc("noMatches", 1)));
        }
        // Other types (menu items, managers, partners): nothing to report on.
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
