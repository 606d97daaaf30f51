package cloud.practice.request.directory;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.mongostandin.StandInMongo;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.tree.OrgUnitDirectory;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The real directories on an in-memory MongoDB stand-in, fed the events their consumers would see, for aggregate
 * fixture tests. Every instance has a database of its own.
 */
public final class Directories {

    private static MongoServer server;
    private static InetSocketAddress address;

    public final VolunteerDirectory volunteers;
    public final PairingDirectory pairings;
    public final SubCenterPlatforms subCenters;
    /** The district trees, empty until {@link #unit} adds units. */
    public final OrgUnitDirectory units;

    private final MongoTemplate mongo;

    public Directories() {
        mongo = new MongoTemplate(MongoClients.create("mongodb://" + address().getHostString() + ":"
                + address().getPort()), "dir_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        volunteers = new VolunteerDirectory(mongo);
        pairings = new PairingDirectory(mongo);
        subCenters = new SubCenterPlatforms(mongo);
        units = new OrgUnitDirectory(mongo);
    }

    private static synchronized InetSocketAddress address() {
        if (server == null) {
            server = StandInMongo.inMemory();
            server.bind("127.0.0.1", 0);
            address = server.getLocalAddress();
        }
        return address;
    }

    public Directories volunteer(String district, String... volunteerIds) {
        for (String id : volunteerIds) {
            feed(volunteers, new VolunteerRegistered(id, district, "张*明", "s-pl", null, List.of(), List.of(),
                    List.of(), true, Instant.parse("2026-01-01T00:00:00Z")));
        }
        return this;
    }

    public Directories status(String district, String volunteerId, VolunteerStatus status) {
        feed(volunteers, new VolunteerStatusChanged(volunteerId, district, status, null));
        return this;
    }

    public Directories erased(String district, String volunteerId) {
        feed(volunteers, new VolunteerErased(volunteerId, district, Instant.parse("2026-02-01T00:00:00Z")));
        return this;
    }

    /** A team of station s-pl serving every platform, with its leader (who joins it, as volunteer-service records) and members. */
    public Directories team(String district, String teamId, String leaderId, String... members) {
        return team(district, teamId, "s-pl", EnumSet.allOf(ServicePlatform.class), leaderId, members);
    }

    /** A team of {@code unitId} serving {@code platforms}, with its leader and members. */
    public Directories team(String district, String teamId, String unitId, Set<ServicePlatform> platforms,
                            String leaderId, String... members) {
        feed(volunteers, new TeamFormed(teamId, district, unitId, "队 " + teamId, leaderId, platforms, 20));
        if (leaderId != null) {
            feed(volunteers, new TeamMemberJoined(teamId, district, leaderId));
        }
        for (String member : members) {
            feed(volunteers, new TeamMemberJoined(teamId, district, member));
        }
        return this;
    }

    /** A unit of the district's tree under {@code parentId} (null: the top). */
    public Directories unit(String district, String unitId, String parentId) {
        feed(units, new OrgUnitEstablished(unitId, district, unitId.toUpperCase(), unitId,
                parentId == null ? OrgTier.CENTER : OrgTier.STATION, parentId, null, null, null,
                Set.of(ServicePlatform.CARE), List.of(), LocalDate.of(2026, 1, 1)));
        return this;
    }

    /** Takes a team's platforms out of its stored record, as a directory kept before it stored them has it. */
    public Directories forgetPlatforms(String district, String teamId) {
        mongo.getDb().getCollection(VolunteerDirectory.TEAMS).updateOne(
                com.mongodb.client.model.Filters.eq("_id", VolunteerDirectory.key(district, teamId)),
                com.mongodb.client.model.Updates.unset("platforms"));
        return this;
    }

    public Directories dissolved(String district, String teamId) {
        feed(volunteers, new TeamDissolved(teamId, district, "解散"));
        return this;
    }

    public Directories pairing(String district, String pairingId) {
        feed(pairings, new PairingFormed(pairingId, district, "partner-1", List.of("s-pl"), PairingModel.ORGANISATION_PAIRING, 2,
                LocalDate.of(2026, 1, 1), null));
        return this;
    }

    public Directories pairingEnded(String district, String pairingId) {
        feed(pairings, new PairingEnded(pairingId, district, "到期", LocalDate.of(2026, 6, 30)));
        return this;
    }

    /** One event as its consumer gets it. */
    public static void feed(cloud.practice.support.kafka.InboundEventHandler handler, DomainEvent event) {
        handler.handle(new InboundEvent(UUID.randomUUID().toString(), event.getClass().getSimpleName(), "subject",
                null, 0, OffsetDateTime.now(), null, null, event));
    }
}
