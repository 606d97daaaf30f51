package cloud.practice.request.directory;

import cloud.practice.events.Context;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerHomeUnitChanged;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * request-service's copy of volunteer-service's volunteers and teams, kept from the volunteer topic (event-carried
 * state transfer, like the tree's {@code OrgUnitDirectory}): which volunteers are registered and active, which teams
 * are active, who leads them and who belongs. Commands resolve the volunteer and team ids they name here, and only
 * inside their own district: every lookup takes the district first and a key is (district, id), so an id of another
 * district is simply unknown.
 *
 * <p>Writes set state (upserts, set-adds and set-removes), so a redelivered event changes nothing; each write touches
 * only the record of the event's own aggregate, whose events arrive in order on its partition.
 */
@DistrictLookups
public class VolunteerDirectory extends RoutedEventHandler {

    static final String VOLUNTEERS = "volunteer_directory";
    static final String TEAMS = "team_directory";

    private final MongoCollection<Document> volunteers;
    private final MongoCollection<Document> teams;

    public VolunteerDirectory(MongoTemplate mongo) {
        this.volunteers = mongo.getDb().getCollection(VOLUNTEERS);
        this.teams = mongo.getDb().getCollection(TEAMS);
    }

    @Override
    public String name() {
        return "volunteer-directory";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.VOLUNTEER);
    }

    /** Who is active where, and the teams; skills, availability, hours and stars are matching's business, not needed here. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                // Never resets "erased": a registration delivered again after the erasure must not bring the id back.
                .on(VolunteerRegistered.class, (e, at) -> volunteer(e.districtId(), e.volunteerId(), Updates.combine(
                        Updates.set("status", VolunteerStatus.ACTIVE.name()), Updates.set("homeUnitId", e.homeUnitId()))))
                .on(VolunteerStatusChanged.class,
                        (e, at) -> volunteer(e.districtId(), e.volunteerId(), Updates.set("status", e.status().name())))
                .on(VolunteerHomeUnitChanged.class,
                        (e, at) -> volunteer(e.districtId(), e.volunteerId(), Updates.set("homeUnitId", e.homeUnitId())))
                .on(VolunteerErased.class, (e, at) -> volunteer(e.districtId(), e.volunteerId(), Updates.combine(
                        Updates.set("status", VolunteerStatus.DEACTIVATED.name()), Updates.set("erased", true))))
                .on(TeamFormed.class, (e, at) -> {
                    team(e.districtId(), e.teamId(), Updates.combine(Updates.set("active", true),
                            Updates.set("leaderId", e.leaderVolunteerId()), Updates.set("unitId", e.unitId())));
                    recordPlatforms(e);
                })
                .on(TeamLeaderChanged.class,
                        (e, at) -> team(e.districtId(), e.teamId(), Updates.set("leaderId", e.leaderVolunteerId())))
                .on(TeamMemberJoined.class,
                        (e, at) -> team(e.districtId(), e.teamId(), Updates.addToSet("members", e.volunteerId())))
                .on(TeamMemberLeft.class, (e, at) -> team(e.districtId(), e.teamId(), Updates.pull("members", e.volunteerId())))
                .on(TeamDissolved.class, (e, at) -> team(e.districtId(), e.teamId(), Updates.set("active", false)));
    }

    /** The volunteer as last heard of in this district; empty when the district has no such volunteer. */
    public Optional<KnownVolunteer> volunteer(String districtId, String volunteerId) {
        if (districtId == null || volunteerId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(volunteers.find(eq("_id", key(districtId, volunteerId))).first())
                .flatMap(document -> known(districtId, volunteerId, document));
    }

    private static Optional<KnownVolunteer> known(String districtId, String volunteerId, Document document) {
        return Optional.of(document)
                .filter(found -> found.getString("status") != null) // registered, not only a stray update
                .map(found -> new KnownVolunteer(districtId, volunteerId,
                        VolunteerStatus.valueOf(found.getString("status")),
                        Boolean.TRUE.equals(found.getBoolean("erased")), found.getString("homeUnitId")));
    }

    /**
     * Those of {@code volunteerIds} this district has registered, active and not erased, in the order given and each
     * once: one read for a whole proposal of candidates instead of one per candidate.
     */
    public List<String> activeAmong(String districtId, List<String> volunteerIds) {
        if (districtId == null || volunteerIds.isEmpty()) {
            return List.of();
        }
        Set<String> active = new HashSet<>();
        for (Document document : volunteers.find(in("_id", volunteerIds.stream().distinct()
                .map(id -> key(districtId, id)).toList()))) {
            String volunteerId = document.getString("_id").substring(districtId.length() + 1);
            known(districtId, volunteerId, document).filter(KnownVolunteer::usable)
                    .ifPresent(volunteer -> active.add(volunteerId));
        }
        return volunteerIds.stream().filter(active::contains).distinct().toList();
    }

    /** Whether this district has the volunteer registered, active and not erased: the one who may be offered work. */
    public boolean active(String districtId, String volunteerId) {
        return volunteer(districtId, volunteerId).map(KnownVolunteer::usable).orElse(false);
    }

    /**
     * The volunteer a command names, who must be active in this district now. Refuses with 422 naming {@code field}:
     * {@code unknown-volunteer} (retryable) when the district has no such volunteer yet — one registered moments ago
     * may not have reached this service, and another district's id looks exactly like a missing one — and
     * {@code volunteer-not-active} (not retryable; property {@code status}: PAUSED, DEACTIVATED or ERASED) when the
     * district has them but they may not take work now.
     */
    public KnownVolunteer requireActive(String districtId, String volunteerId, String field) {
        KnownVolunteer known = volunteer(districtId, volunteerId).orElseThrow(() -> unknown(volunteerId, field));
        if (!known.usable()) {
            throw new RuleViolation(Kind.REFUSED, "volunteer-not-active", field, "'" + volunteerId
                    + "' is a volunteer of this district but not active (" + known.standing() + "): they take no work"
                    + (known.erased() ? " ever again" : " until volunteer-service reactivates them"),
                    Map.of("status", known.standing(), "retryable", false));
        }
        return known;
    }

    /** The volunteer a record of the past names: registered in this district at all, whatever became of them. */
    public KnownVolunteer requireKnown(String districtId, String volunteerId, String field) {
        return volunteer(districtId, volunteerId).orElseThrow(() -> unknown(volunteerId, field));
    }

    private static RuleViolation unknown(String volunteerId, String field) {
        return new RuleViolation(Kind.REFUSED, "unknown-volunteer", field, "'" + volunteerId
                + "' is not a volunteer of this district (one registered moments ago may not be known here yet:"
                + " retry shortly)", Map.of("retryable", true));
    }

    /** The team as last heard of in this district; empty when the district has no such team. */
    public Optional<KnownTeam> team(String districtId, String teamId) {
        if (districtId == null || teamId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(teams.find(eq("_id", key(districtId, teamId))).first())
                .filter(document -> document.getBoolean("active") != null) // formed, not only a stray update
                .map(VolunteerDirectory::knownTeam);
    }

    /** The active teams of this district the volunteer leads now (none for another district's volunteer). */
    public List<KnownTeam> teamsLedBy(String districtId, String volunteerId) {
        if (districtId == null || volunteerId == null) {
            return List.of();
        }
        return StreamSupport.stream(teams.find(and(eq("districtId", districtId), eq("leaderId", volunteerId),
                        eq("active", true))).spliterator(), false)
                .map(VolunteerDirectory::knownTeam).filter(team -> team.ledBy(volunteerId)).toList();
    }

    /**
     * The platforms a team serves, from its {@code TeamFormed} (they never change afterwards). Written here and by
     * {@link TeamPlatformsBackfill}, which reads the topic from its start once so that teams this directory knew
     * before it kept platforms learn theirs; both set the same value, so either order is right.
     */
    void recordPlatforms(TeamFormed e) {
        team(e.districtId(), e.teamId(), Updates.set("platforms",
                e.platforms() == null ? List.of() : e.platforms().stream().map(Enum::name).sorted().toList()));
    }

    private static KnownTeam knownTeam(Document document) {
        List<String> platforms = document.getList("platforms", String.class);
        return new KnownTeam(document.getString("districtId"), document.getString("teamId"),
                document.getBoolean("active"), document.getString("leaderId"),
                Set.copyOf(document.getList("members", String.class, List.of())), document.getString("unitId"),
                platforms == null ? Set.of() : platforms.stream().map(ServicePlatform::valueOf)
                        .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(ServicePlatform.class))));
    }

    private void volunteer(String districtId, String volunteerId, Bson update) {
        volunteers.updateOne(eq("_id", key(districtId, volunteerId)), Updates.combine(update,
                Updates.set("districtId", districtId), Updates.set("volunteerId", volunteerId)),
                new UpdateOptions().upsert(true));
    }

    private void team(String districtId, String teamId, Bson update) {
        teams.updateOne(eq("_id", key(districtId, teamId)), Updates.combine(update,
                Updates.set("districtId", districtId), Updates.set("teamId", teamId)), new UpdateOptions().upsert(true));
    }

    static String key(String districtId, String id) {
        return districtId + "|" + id;
    }

    /** A volunteer as request-service knows them. */
    public record KnownVolunteer(String districtId, String volunteerId, VolunteerStatus status, boolean erased,
                                 String homeUnitId) {

        public boolean usable() {
            return status == VolunteerStatus.ACTIVE && !erased;
        }

        /** ACTIVE, PAUSED, DEACTIVATED, or ERASED (final, whatever status came after). */
        public String standing() {
            return erased ? "ERASED" : status.name();
        }
    }

    /**
     * A team as request-service knows it: {@code leaderId} is null while it has no leader; {@code unitId} is the unit
     * it was formed under and {@code platforms} the platforms it serves (empty until known).
     */
    public record KnownTeam(String districtId, String teamId, boolean active, String leaderId, Set<String> members,
                            String unitId, Set<ServicePlatform> platforms) {

        public boolean ledBy(String volunteerId) {
            return active && leaderId != null && leaderId.equals(volunteerId);
        }

        public boolean hasMember(String volunteerId) {
            return active && members.contains(volunteerId);
        }

        /**
         * The team's remit, what it may claim (抢单): a request of one of its platforms whose responsible unit is the
         * team's unit or lies below it in the district's tree as it is now. A request escalated above the team's unit
         * has left its remit (the units above now answer for it).
         */
        public boolean covers(ServicePlatform platform, String requestUnitId, OrgUnitDirectory units) {
            return active && platform != null && platforms.contains(platform) && unitId != null && requestUnitId != null
                    && units.isWithin(districtId, requestUnitId, unitId);
        }
    }
}
