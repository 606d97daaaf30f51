package cloud.practice.volunteer.matching.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.VolunteerAvailabilityChanged;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerHomeUnitChanged;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerSkillsChanged;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.VolunteerProfile;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keeps the index current from the volunteer's own events. It runs in the registry projection's processing group on
 * purpose: the index is rebuilt at start from that projection's documents, and sharing its token means the events
 * after the rebuild are exactly those the documents have not seen yet. Within the group the projection may have
 * handled the event before or after this handler; the document's version tells which, and the event is applied on
 * top when it has not. The index ignores anything older than what it holds, so replays change nothing. The document is
 * read as the group's batch left it ({@link BatchedViews}): the projection writes it only when the batch ends.
 */
@Component
@ProcessingGroup(VolunteerProjection.GROUP)
class VolunteerIndexFeed {

    private final BatchedViews views;
    private final MatchingIndex index;
    private final TeamBook teams;
    private final EngagementLedger engagements;

    VolunteerIndexFeed(BatchedViews views, MatchingIndex index, TeamBook teams, EngagementLedger engagements) {
        this.views = views;
        this.index = index;
        this.teams = teams;
        this.engagements = engagements;
    }

    @EventHandler
    void on(VolunteerRegistered event, @SequenceNumber long sequence) {
        VolunteerProfile registered = new VolunteerProfile(event.volunteerId(), event.districtId(),
                event.homeUnitId(), event.approximateLocation(), skills(event.skills()), event.availability(),
                List.of(), true, event.contactConsent(), sequence);
        VolunteerDocument volunteer = views.find(VolunteerDocument.class, event.volunteerId());
        index.upsert(volunteer != null && volunteer.version >= sequence ? Profiles.of(volunteer) : registered);
        // Team and request facts may have arrived first on their own streams; the new slot takes them now.
        teams.refreshVolunteers(List.of(event.volunteerId()), event.districtId());
        engagements.refresh(event.districtId(), event.volunteerId());
    }

    @EventHandler
    void on(VolunteerHomeUnitChanged event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), sequence, p -> with(p, event.homeUnitId(), event.approximateLocation(),
                p.skills(), p.active()));
    }

    @EventHandler
    void on(VolunteerSkillsChanged event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), sequence, p -> with(p, p.homeUnitId(), p.location(), skills(event.skills()),
                p.active()));
    }

    @EventHandler
    void on(VolunteerAvailabilityChanged event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), sequence, p -> new VolunteerProfile(p.volunteerId(), p.districtId(),
                p.homeUnitId(), p.location(), p.skills(), event.availability(), event.unavailableDates(), p.active(),
                event.contactConsent(), p.version()));
    }

    @EventHandler
    void on(VolunteerStatusChanged event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), sequence, p -> with(p, p.homeUnitId(), p.location(), p.skills(),
                event.status() == VolunteerStatus.ACTIVE));
    }

    @EventHandler
    void on(VolunteerErased event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), sequence, p -> with(p, p.homeUnitId(), p.location(), p.skills(), false));
    }

    /** The document's profile, with this event applied on top when the projection has not applied it yet. */
    private void apply(String volunteerId, long sequence, UnaryOperator<VolunteerProfile> change) {
        VolunteerDocument volunteer = views.find(VolunteerDocument.class, volunteerId);
        if (volunteer == null) {
            return; // registered events come first on the same processor; nothing to change yet
        }
        VolunteerProfile current = Profiles.of(volunteer);
        if (volunteer.version >= sequence) {
            index.upsert(current);
            return;
        }
        VolunteerProfile changed = change.apply(current);
        index.upsert(new VolunteerProfile(changed.volunteerId(), changed.districtId(), changed.homeUnitId(),
                changed.location(), changed.skills(), changed.availability(), changed.unavailableDates(),
                changed.active(), changed.contactConsent(), sequence));
    }

    private static VolunteerProfile with(VolunteerProfile p, String homeUnitId, GeoPoint location,
                                         Map<ServicePlatform, Integer> skills, boolean active) {
        return new VolunteerProfile(p.volunteerId(), p.districtId(), homeUnitId, location, skills, p.availability(),
                p.unavailableDates(), active, p.contactConsent(), p.version());
    }

    private static Map<ServicePlatform, Integer> skills(List<Skill> skills) {
        Map<ServicePlatform, Integer> levels = new EnumMap<>(ServicePlatform.class);
        skills.forEach(skill -> levels.merge(skill.platform(), skill.level(), Math::max));
        return levels;
    }
}
