package cloud.practice.request;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.request.directory.PairingDirectory;
import cloud.practice.request.directory.VolunteerDirectory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Publishes volunteers, teams and pairings on their topics exactly as volunteer-service and hierarchy-service would
 * (one stream per aggregate, keyed by its id), and waits until request-service's directories know them. Aggregate
 * ids are unique per district in tests, as the services' server-made ids are: the consumers' ledger remembers
 * streams by aggregate id.
 */
public final class DirectoryFixture {

    private DirectoryFixture() {
    }

    /** Registers active volunteers and waits until the directory knows them. */
    public static void volunteers(VolunteerDirectory directory, String district, String... volunteerIds) {
        for (String id : volunteerIds) {
            publish("Volunteer", id, List.of(new VolunteerRegistered(id, district, "张*明", "s-pl", null, List.of(),
                    List.of(), List.of(), true, Instant.parse("2026-01-01T00:00:00Z"))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(volunteerIds).stream()
                .allMatch(id -> directory.active(district, id)));
    }

    /** Registers, then pauses a volunteer (known, not active) and waits until the directory shows it. */
    public static void pausedVolunteer(VolunteerDirectory directory, String district, String volunteerId) {
        publish("Volunteer", volunteerId, List.of(new VolunteerRegistered(volunteerId, district, "李*", "s-pl", null,
                List.of(), List.of(), List.of(), true, Instant.parse("2026-01-01T00:00:00Z")),
                new VolunteerStatusChanged(volunteerId, district, VolunteerStatus.PAUSED, "休息")));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.volunteer(district, volunteerId)
                .map(known -> known.status() == VolunteerStatus.PAUSED).orElse(false));
    }

    /**
     * A volunteer's whole history as volunteer-service publishes it: registered, then {@code later} (status changes,
     * erasure), waiting until the directory shows {@code standing} (ACTIVE, PAUSED, DEACTIVATED, ERASED). Publishing
     * it again with more events appended adds only those (the consumer skips what it applied).
     */
    public static void volunteerHistory(VolunteerDirectory directory, String district, String volunteerId,
                                        String standing, DomainEvent... later) {
        List<DomainEvent> events = new ArrayList<>(List.of(new VolunteerRegistered(volunteerId, district, "王*", "s-pl",
                null, List.of(), List.of(), List.of(), true, Instant.parse("2026-01-01T00:00:00Z"))));
        events.addAll(List.of(later));
        publish("Volunteer", volunteerId, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.volunteer(district, volunteerId)
                .map(known -> known.standing().equals(standing)).orElse(false));
    }

    /**
     * A team of station s-pl serving every platform, led by {@code leaderId} (who joins it) with {@code members};
     * waits until the directory has all.
     */
    public static void team(VolunteerDirectory directory, String district, String teamId, String leaderId, String... members) {
        team(directory, district, teamId, "s-pl", EnumSet.allOf(ServicePlatform.class), leaderId, members);
    }

    /** A team of {@code unitId} serving {@code platforms}, led by {@code leaderId} with {@code members}. */
    public static void team(VolunteerDirectory directory, String district, String teamId, String unitId,
                            Set<ServicePlatform> platforms, String leaderId, String... members) {
        List<DomainEvent> events = new ArrayList<>();
        events.add(new TeamFormed(teamId, district, unitId, "队 " + teamId, leaderId, platforms, 20));
        events.add(new TeamMemberJoined(teamId, district, leaderId));
        for (String member : members) {
            events.add(new TeamMemberJoined(teamId, district, member));
        }
        publish("Team", teamId, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.team(district, teamId)
                .map(team -> team.ledBy(leaderId) && team.members().containsAll(List.of(members))).orElse(false));
    }

    public static void dissolvedTeam(VolunteerDirectory directory, String district, String teamId, String leaderId) {
        publish("Team", teamId, List.of(new TeamFormed(teamId, district, "s-pl", "队", leaderId, Set.of(), 20),
                new TeamMemberJoined(teamId, district, leaderId), new TeamDissolved(teamId, district, "解散")));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.team(district, teamId)
                .map(team -> !team.active()).orElse(false));
    }

    public static void pairing(PairingDirectory directory, String district, String pairingId, boolean ended) {
        List<DomainEvent> events = new ArrayList<>(List.of(new PairingFormed(pairingId, district, "partner-1",
                List.of("s-pl"), PairingModel.ORGANISATION_PAIRING, 2, LocalDate.of(2026, 1, 1), null)));
        if (ended) {
            events.add(new PairingEnded(pairingId, district, "到期", LocalDate.of(2026, 6, 30)));
        }
        publish("Pairing", pairingId, events);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.pairing(district, pairingId)
                .map(known -> known.active() != ended).orElse(false));
    }

    private static void publish(String type, String aggregateId, List<? extends DomainEvent> events) {
        KafkaFacts.publish(type, aggregateId, events);
    }
}
