package cloud.practice.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every published event, named once. Consumers resolve a CloudEvents type to its class here; the contract tests
 * check that each entry has a schema and a golden sample for every revision.
 */
public final class EventCatalog {

    private static final List<Class<? extends DomainEvent>> EVENTS = List.of(
            cloud.practice.events.hierarchy.CommunityGridsDefined.class,
            cloud.practice.events.hierarchy.ManagerAssigned.class,
            cloud.practice.events.hierarchy.ManagerRevoked.class,
            cloud.practice.events.hierarchy.OrgUnitDetailsChanged.class,
            cloud.practice.events.hierarchy.OrgUnitEstablished.class,
            cloud.practice.events.hierarchy.OrgUnitMerged.class,
            cloud.practice.events.hierarchy.OrgUnitMoved.class,
            cloud.practice.events.hierarchy.OrgUnitRelocated.class,
            cloud.practice.events.hierarchy.OrgUnitRenamed.class,
            cloud.practice.events.hierarchy.OrgUnitSplit.class,
            cloud.practice.events.hierarchy.OrgUnitStatusChanged.class,
            cloud.practice.events.hierarchy.PairingActivityRecorded.class,
            cloud.practice.events.hierarchy.PairingEnded.class,
            cloud.practice.events.hierarchy.PairingFormed.class,
            cloud.practice.events.hierarchy.PartnerRegistered.class,
            cloud.practice.events.matching.MatchProposed.class,
            cloud.practice.events.matching.NoMatchFound.class,
            cloud.practice.events.notification.NoticeDelivered.class,
            cloud.practice.events.notification.NoticeRaised.class,
            cloud.practice.events.notification.NoticeRead.class,
            cloud.practice.events.request.ActivityCheckedOut.class,
            cloud.practice.events.request.ActivityClosed.class,
            cloud.practice.events.request.ActivityPublished.class,
            cloud.practice.events.request.ActivitySignUpCancelled.class,
            cloud.practice.events.request.ActivitySignedUp.class,
            cloud.practice.events.request.MatchRequested.class,
            cloud.practice.events.request.MenuItemPublished.class,
            cloud.practice.events.request.MenuItemRetired.class,
            cloud.practice.events.request.RequestAccepted.class,
            cloud.practice.events.request.RequestCancelled.class,
            cloud.practice.events.request.RequestCheckedIn.class,
            cloud.practice.events.request.RequestCheckedOut.class,
            cloud.practice.events.request.RequestCompleted.class,
            cloud.practice.events.request.RequestDispatched.class,
            cloud.practice.events.request.RequestEscalated.class,
            cloud.practice.events.request.RequestExpired.class,
            cloud.practice.events.request.RequestLocationFlagged.class,
            cloud.practice.events.request.RequestRated.class,
            cloud.practice.events.request.RequestRejected.class,
            cloud.practice.events.request.RequestReopened.class,
            cloud.practice.events.request.RequestReviewed.class,
            cloud.practice.events.request.RequestSubmitted.class,
            cloud.practice.events.request.SlaClockStarted.class,
            cloud.practice.events.volunteer.HonourHoursGranted.class,
            cloud.practice.events.volunteer.HonourHoursRevoked.class,
            cloud.practice.events.volunteer.ServiceHoursCredited.class,
            cloud.practice.events.volunteer.StarLevelReached.class,
            cloud.practice.events.volunteer.StarLevelWithdrawn.class,
            cloud.practice.events.volunteer.TeamDissolved.class,
            cloud.practice.events.volunteer.TeamFormed.class,
            cloud.practice.events.volunteer.TeamLeaderChanged.class,
            cloud.practice.events.volunteer.TeamMemberJoined.class,
            cloud.practice.events.volunteer.TeamMemberLeft.class,
            cloud.practice.events.volunteer.VolunteerAvailabilityChanged.class,
            cloud.practice.events.volunteer.VolunteerErased.class,
            cloud.practice.events.volunteer.VolunteerAccountLinked.class,
            cloud.practice.events.volunteer.VolunteerHomeUnitChanged.class,
            cloud.practice.events.volunteer.VolunteerLanguagesChanged.class,
            cloud.practice.events.volunteer.VolunteerRegistered.class,
            cloud.practice.events.volunteer.VolunteerRenamed.class,
            cloud.practice.events.volunteer.VolunteerSkillsChanged.class,
            cloud.practice.events.volunteer.VolunteerStatusChanged.class
    );

    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = EVENTS.stream()
            .collect(Collectors.toUnmodifiableMap(CloudEventAttributes::typeOf, Function.identity()));

    private EventCatalog() {
    }

    public static List<Class<? extends DomainEvent>> all() {
        return EVENTS;
    }

    /** The event class for a CloudEvents type, if it is one we publish. */
    public static Optional<Class<? extends DomainEvent>> classOf(String cloudEventType) {
        return Optional.ofNullable(BY_TYPE.get(cloudEventType));
    }

    public static EventType metaOf(Class<?> eventClass) {
        EventType meta = eventClass.getAnnotation(EventType.class);
        return Objects.requireNonNull(meta, () -> eventClass.getName() + " is not annotated with @EventType");
    }

    /** The context (and so the topic) an event class is published on. */
    public static Context contextOf(Class<?> eventClass) {
        return metaOf(eventClass).context();
    }
}
