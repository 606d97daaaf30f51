package cloud.practice.request.activity.command;

import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityCheckedIn;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityEvidenceAttached;
import cloud.practice.request.activity.api.ActivityCommands.AttachActivityEvidenceCommand;
import cloud.practice.request.activity.api.ActivityCommands.CancelSignUpCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckInActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckInMethod;
import cloud.practice.request.activity.api.ActivityCommands.CheckOutActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CloseActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.PublishActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.Role;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckIn;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckInAction;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckInCommand;
import cloud.practice.request.activity.api.ActivityCommands.SignUpCommand;
import cloud.practice.request.directory.PairingDirectory;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An activity a unit publishes. Sign-ups pass through this one aggregate, so its capacity is never exceeded however
 * many people sign up at once: a sign-up that loses the append race is retried and then finds the activity full.
 */
@Aggregate
class Activity {

    @AggregateIdentifier
    private String activityId;
    private String districtId;
    private String unitId;
    private cloud.practice.events.ServicePlatform platform;
    private Instant startsAt;
    private Instant endsAt;
    private Instant signUpOpens;
    private Instant signUpCloses;
    private final Map<Role, Integer> capacity = new HashMap<>();
    private final Map<String, Role> signedUp = new HashMap<>();
    private final Map<String, Instant> checkedIn = new HashMap<>();
    private final Set<String> checkedOut = new HashSet<>();
    private boolean closed;
    private Instant closedAt;
    private final Set<String> evidence = new HashSet<>();

    protected Activity() {
    }

    /** A pairing it names must be a running pairing of the activity's own district (else 422 naming pairingId). */
    @CommandHandler
    public Activity(PublishActivityCommand command, PairingDirectory pairings) {
        if (!command.endsAt().isAfter(command.startsAt())) {
            throw RuleViolation.invalid("endsAt", "endsAt must be after startsAt");
        }
        if (command.signUpCloses().isBefore(command.signUpOpens()) || command.signUpCloses().isAfter(command.endsAt())) {
            throw RuleViolation.invalid("signUpCloses", "The sign-up window must close after it opens and by the end");
        }
        if (command.volunteerCapacity() + command.residentCapacity() == 0) {
            throw RuleViolation.invalid("volunteerCapacity", "An activity needs room for volunteers or residents");
        }
        if (command.pairingId() != null && !pairings.active(command.districtId(), command.pairingId())) {
            throw new RuleViolation(Kind.REFUSED, "unknown-pairing", "pairingId", "'" + command.pairingId()
                    + "' is not a running pairing of this district (one formed moments ago may not be known here"
                    + " yet: retry shortly)", Map.of("retryable", true));
        }
        apply(new ActivityPublished(command.activityId(), command.districtId(), command.unitId(), command.platform(),
                command.title(), command.place(), command.location(), command.startsAt(), command.endsAt(),
                command.volunteerCapacity(), command.residentCapacity(), command.signUpOpens(),
                command.signUpCloses(), command.pairingId()));
    }

    /**
     * A volunteer's place is for an active volunteer of the activity's own district (their attendance becomes hours
     * credited to that id): 422 {@code unknown-volunteer} (retryable) or {@code volunteer-not-active} naming
     * {@code participantId}. Residents are not in any directory here.
     */
    @CommandHandler
    public int handle(SignUpCommand command, Clock clock, VolunteerDirectory volunteers) {
        requireOpen();
        if (command.role() == Role.VOLUNTEER) {
            volunteers.requireActive(districtId, command.participantId(), "participantId");
        }
        Instant now = clock.instant();
        if (now.isBefore(signUpOpens) || now.isAfter(signUpCloses)) {
            throw RuleViolation.refused("sign-up-closed", "Sign-up runs from " + signUpOpens + " to " + signUpCloses);
        }
        if (signedUp.containsKey(command.participantId())) {
            throw RuleViolation.conflict("already-signed-up", "'" + command.participantId() + "' is already signed up");
        }
        long taken = signedUp.values().stream().filter(role -> role == command.role()).count();
        if (taken >= capacity.get(command.role())) {
            throw RuleViolation.conflict("activity-full", "All " + capacity.get(command.role()) + " "
                    + command.role().name().toLowerCase() + " places of '" + activityId + "' are taken");
        }
        apply(new ActivitySignedUp(activityId, districtId, command.participantId(), command.role().name(), now));
        return (int) (capacity.get(command.role()) - taken - 1);
    }

    @CommandHandler
    public void handle(CancelSignUpCommand command, Clock clock) {
        requireOpen();
        Role role = signedUp.get(command.participantId());
        if (role == null) {
            throw RuleViolation.notFound("sign-up of", command.participantId());
        }
        if (checkedIn.containsKey(command.participantId())) {
            throw RuleViolation.conflict("illegal-transition", "'" + command.participantId() + "' has already checked in");
        }
        apply(new ActivitySignUpCancelled(activityId, districtId, command.participantId(), role.name(), clock.instant()));
    }

    /**
     * A volunteer who signed up is checked in only while still active (one paused or deactivated since does not
     * start); checking out is never refused for the volunteer's status, it records time already given.
     */
    @CommandHandler
    public void handle(CheckInActivityCommand command, VolunteerDirectory volunteers) {
        requireOpen();
        Role role = signedUp.get(command.participantId());
        if (role == null) {
            throw notSignedUp(command.participantId());
        }
        checkIn(command.participantId(), role, command.at(), CheckInMethod.STAFF, command.reason(), volunteers);
    }

    @CommandHandler
    public void handle(CheckOutActivityCommand command) {
        requireOpen();
        checkOut(command.volunteerId(), command.at());
    }

    /**
     * A scan of the activity's code: the first checks the person in, a volunteer's next one checks them out. The
     * place is the volunteer's (by the token's volunteer claim) if they signed up as one, else the resident's (by the
     * account id), as access recognises "self".
     */
    @CommandHandler
    public SelfCheckIn handle(SelfCheckInCommand command, Clock clock, VolunteerDirectory volunteers) {
        requireOpen();
        // To the millisecond, as the views keep it: the time answered is the time shown.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (command.volunteerId() != null && signedUp.get(command.volunteerId()) == Role.VOLUNTEER) {
            String volunteerId = command.volunteerId();
            if (checkedIn.containsKey(volunteerId)) {
                checkOut(volunteerId, now);
                return new SelfCheckIn(volunteerId, Role.VOLUNTEER, SelfCheckInAction.CHECKED_OUT, now);
            }
            checkIn(volunteerId, Role.VOLUNTEER, now, CheckInMethod.QR_CODE, null, volunteers);
            return new SelfCheckIn(volunteerId, Role.VOLUNTEER, SelfCheckInAction.CHECKED_IN, now);
        }
        if (signedUp.get(command.accountId()) == Role.RESIDENT) {
            checkIn(command.accountId(), Role.RESIDENT, now, CheckInMethod.QR_CODE, null, volunteers);
            return new SelfCheckIn(command.accountId(), Role.RESIDENT, SelfCheckInAction.CHECKED_IN, now);
        }
        throw notSignedUp(command.volunteerId() != null ? command.volunteerId() : command.accountId());
    }

    private void checkIn(String participantId, Role role, Instant at, CheckInMethod method, String reason,
                         VolunteerDirectory volunteers) {
        if (role == Role.VOLUNTEER) {
            volunteers.requireActive(districtId, participantId, "participantId");
        }
        if (checkedIn.containsKey(participantId)) {
            throw RuleViolation.conflict("already-checked-in", "'" + participantId + "' already checked in");
        }
        apply(new ActivityCheckedIn(activityId, districtId, participantId, role, at, method, reason));
    }

    private void checkOut(String volunteerId, Instant at) {
        Instant in = checkedIn.get(volunteerId);
        if (in == null || signedUp.get(volunteerId) != Role.VOLUNTEER) {
            throw RuleViolation.conflict("illegal-transition", "'" + volunteerId
                    + "' is not a checked-in volunteer of '" + activityId + "'");
        }
        if (checkedOut.contains(volunteerId)) {
            throw RuleViolation.conflict("already-checked-out", "'" + volunteerId + "' already checked out");
        }
        if (!at.isAfter(in)) {
            throw RuleViolation.invalid("at", "Check-out must be after check-in at " + in);
        }
        apply(new ActivityCheckedOut(activityId, districtId, volunteerId, unitId, platform, in, at,
                (int) Duration.between(startsAt, endsAt).toMinutes()));
    }

    private RuleViolation notSignedUp(String participantId) {
        return new RuleViolation(Kind.FORBIDDEN, "not-signed-up", "'" + participantId
                + "' did not sign up for '" + activityId + "'");
    }

    @CommandHandler
    public void handle(CloseActivityCommand command, Clock clock) {
        requireOpen();
        int volunteers = (int) checkedIn.keySet().stream().filter(id -> signedUp.get(id) == Role.VOLUNTEER).count();
        int residents = checkedIn.size() - volunteers;
        apply(new ActivityClosed(activityId, districtId, volunteers, residents, command.summary(), clock.instant()));
    }

    /** Photos of the activity (issue 27) from its start until {@link AttachActivityEvidenceCommand#WINDOW} after close. */
    @CommandHandler
    public void handle(AttachActivityEvidenceCommand command, Clock clock) {
        Instant now = clock.instant();
        if (now.isBefore(startsAt)) {
            throw RuleViolation.conflict("evidence-not-open", "Photos of activity '" + activityId
                    + "' are attached from its start at " + startsAt);
        }
        if (closedAt != null && now.isAfter(closedAt.plus(AttachActivityEvidenceCommand.WINDOW))) {
            throw RuleViolation.refused("evidence-window-closed", "Photos are attached until "
                    + AttachActivityEvidenceCommand.WINDOW.toDays() + " days after the activity closed (" + closedAt + ")");
        }
        if (evidence.contains(command.evidenceId())) {
            return;
        }
        if (evidence.size() >= AttachActivityEvidenceCommand.MAX_PHOTOS) {
            throw RuleViolation.conflict("too-many-photos", "At most " + AttachActivityEvidenceCommand.MAX_PHOTOS
                    + " photos per activity; '" + activityId + "' has them");
        }
        apply(new ActivityEvidenceAttached(activityId, districtId, command.evidenceId(), command.uploadedBy(),
                command.contentType(), command.bytes(), command.width(), command.height(),
                now.truncatedTo(ChronoUnit.MILLIS)));
    }

    private void requireOpen() {
        if (closed) {
            throw RuleViolation.conflict("activity-closed", "Activity '" + activityId + "' is closed");
        }
    }

    @EventSourcingHandler
    void on(ActivityPublished event) {
        activityId = event.activityId();
        districtId = event.districtId();
        unitId = event.unitId();
        platform = event.platform();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        signUpOpens = event.signUpOpens();
        signUpCloses = event.signUpCloses();
        capacity.put(Role.VOLUNTEER, event.volunteerCapacity());
        capacity.put(Role.RESIDENT, event.residentCapacity());
    }

    @EventSourcingHandler
    void on(ActivitySignedUp event) {
        signedUp.put(event.participantId(), Role.valueOf(event.role()));
    }

    @EventSourcingHandler
    void on(ActivitySignUpCancelled event) {
        signedUp.remove(event.participantId());
    }

    @EventSourcingHandler
    void on(ActivityCheckedIn event) {
        checkedIn.put(event.participantId(), event.at());
    }

    @EventSourcingHandler
    void on(ActivityCheckedOut event) {
        checkedOut.add(event.volunteerId());
    }

    @EventSourcingHandler
    void on(ActivityClosed event) {
        closed = true;
        closedAt = event.closedAt();
    }

    @EventSourcingHandler
    void on(ActivityEvidenceAttached event) {
        evidence.add(event.evidenceId());
    }
}
