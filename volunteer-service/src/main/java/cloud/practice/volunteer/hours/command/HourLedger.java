package cloud.practice.volunteer.hours.command;

import cloud.practice.events.volunteer.HonourHoursGranted;
import cloud.practice.events.volunteer.HonourHoursRevoked;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.events.volunteer.StarLevelWithdrawn;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.CreditServiceHoursCommand;
import cloud.practice.volunteer.hours.api.HourCommands.GrantHonourHoursCommand;
import cloud.practice.volunteer.hours.api.HourCommands.RevokeHonourHoursCommand;
import cloud.practice.volunteer.hours.api.HourInternalEvents.CreditBreakdownRecorded;
import cloud.practice.volunteer.hours.command.SessionCredit.Interval;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A volunteer's service-hour ledger: credit hours from check-out facts (each session once, see {@link SessionCredit}),
 * honour hours granted and revoked by admins, and the star level their sum reaches. Opened by the first credit or
 * grant; independent of the registry, so erasure leaves it whole. Snapshotted every 50 events (its state is plain
 * data, serialised field by field).
 */
@Aggregate(snapshotTriggerDefinition = "hourLedgerSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class HourLedger {

    @AggregateIdentifier
    private String ledgerId;
    private String volunteerId;
    private String districtId;
    private Set<String> credits = new HashSet<>();
    private List<Interval> served = new ArrayList<>();
    private int creditHalfHours;
    private Map<String, Integer> grants = new HashMap<>();
    private Set<String> revoked = new HashSet<>();
    private int honourHalfHours;
    private int stars;

    protected HourLedger() {
    }

    /** @return false when this session was credited before (a redelivered check-out) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(CreditServiceHoursCommand command, Clock clock) {
        if (credits.contains(command.creditId())) {
            return false;
        }
        requireDistrict(command.districtId(), command.volunteerId());
        SessionCredit.Result result = SessionCredit.compute(command.checkedInAt(), command.checkedOutAt(),
                command.scheduledStart(), command.plannedMinutes(), served);
        apply(new ServiceHoursCredited(command.volunteerId(), command.districtId(), command.creditId(),
                command.source(), command.sourceId(), command.unitId(), command.platform(), result.halfHours(),
                command.checkedInAt(), command.checkedOutAt(), result.overlapFlagged()));
        apply(new CreditBreakdownRecorded(command.volunteerId(), command.districtId(), command.creditId(),
                result.sessionMinutes(), result.beforeStartMinutes(), result.overlapMinutes(), result.overCapMinutes(),
                result.roundedOffMinutes(), result.countedMinutes(),
                result.occupied() == null ? null : result.occupied().from(),
                result.occupied() == null ? null : result.occupied().to()));
        raiseStars(command.starThresholds(), clock.instant());
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(GrantHonourHoursCommand command, Clock clock) {
        requireDistrict(command.districtId(), command.volunteerId());
        if (grants.containsKey(command.grantId()) || revoked.contains(command.grantId())) {
            throw RuleViolation.conflict("grant-exists", "Grant '" + command.grantId() + "' exists already");
        }
        if (command.halfHours() < 1) {
            throw RuleViolation.invalid("hours", "Grant at least half an hour");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.invalid("reason", "Honour hours need a reason");
        }
        apply(new HonourHoursGranted(command.volunteerId(), command.districtId(), command.grantId(),
                command.halfHours(), command.reason(), command.reference(), command.grantedBy(), clock.instant()));
        raiseStars(command.starThresholds(), clock.instant());
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RevokeHonourHoursCommand command, Clock clock) {
        if (!districtId.equals(command.districtId())) {
            throw RuleViolation.notFound("honour grant", command.grantId());
        }
        if (revoked.contains(command.grantId())) {
            throw RuleViolation.conflict("already-revoked", "Grant '" + command.grantId() + "' was revoked already");
        }
        if (!grants.containsKey(command.grantId())) {
            throw RuleViolation.notFound("honour grant", command.grantId());
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.invalid("reason", "A revocation needs a reason");
        }
        Instant now = clock.instant();
        apply(new HonourHoursRevoked(volunteerId, districtId, command.grantId(), command.reason(),
                command.revokedBy(), now));
        int level = StarLevels.levelFor(total(), command.starThresholds());
        if (level < stars) {
            apply(new StarLevelWithdrawn(volunteerId, districtId, level, total(),
                    "honour hours " + command.grantId() + " revoked", now));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Each level crossed is reached once: a jump over two thresholds publishes both. */
    private void raiseStars(List<Integer> thresholds, Instant now) {
        int level = StarLevels.levelFor(total(), thresholds);
        for (int next = stars + 1; next <= level; next++) {
            apply(new StarLevelReached(volunteerId, districtId, next, total(), now));
        }
    }

    private void requireDistrict(String commandDistrict, String commandVolunteer) {
        if (districtId != null && !districtId.equals(commandDistrict)) {
            throw RuleViolation.conflict("other-district", "Volunteer '" + commandVolunteer
                    + "' keeps hours in another district").with("ledgerId", HourCommands.ledgerId(commandVolunteer));
        }
    }

    private int total() {
        return creditHalfHours + honourHalfHours;
    }

    @EventSourcingHandler
    void on(ServiceHoursCredited event) {
        open(event.volunteerId(), event.districtId());
        credits.add(event.creditId());
        creditHalfHours += event.halfHours();
    }

    @EventSourcingHandler
    void on(CreditBreakdownRecorded event) {
        if (event.windowFrom() != null) {
            served.add(new Interval(event.windowFrom(), event.windowTo()));
        }
    }

    @EventSourcingHandler
    void on(HonourHoursGranted event) {
        open(event.volunteerId(), event.districtId());
        grants.put(event.grantId(), event.halfHours());
        honourHalfHours += event.halfHours();
    }

    @EventSourcingHandler
    void on(HonourHoursRevoked event) {
        Integer halfHours = grants.remove(event.grantId());
        revoked.add(event.grantId());
        honourHalfHours -= halfHours == null ? 0 : halfHours;
    }

    @EventSourcingHandler
    void on(StarLevelReached event) {
        stars = event.stars();
    }

    @EventSourcingHandler
    void on(StarLevelWithdrawn event) {
        stars = event.stars();
    }

    private void open(String volunteer, String district) {
        if (ledgerId == null) {
            ledgerId = HourCommands.ledgerId(volunteer);
            volunteerId = volunteer;
            districtId = district;
        }
    }
}
