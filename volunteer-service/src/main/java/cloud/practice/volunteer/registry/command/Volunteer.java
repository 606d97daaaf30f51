package cloud.practice.volunteer.registry.command;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerAvailabilityChanged;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerHomeUnitChanged;
import cloud.practice.events.volunteer.VolunteerLanguagesChanged;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerRenamed;
import cloud.practice.events.volunteer.VolunteerSkillsChanged;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.privacy.Masking;
import cloud.practice.volunteer.privacy.Approximation;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.api.Decision;
import cloud.practice.volunteer.registry.api.VolunteerCommands.AccountLink;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ApplyAsVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeAvailabilityCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeContactConsentCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeHomeUnitCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeLanguagesCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangePersonalDataCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeSkillsCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeVolunteerStatusCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.DecideApplicationCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.EraseVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ImportVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.RegisterVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.VolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.AccountLinkConsentRecorded;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationApproved;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationRefused;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplied;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerErasureRequested;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerPersonalDataRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A registered volunteer, or a person's own application to become one. Holds no personal data itself: real-name
 * data arrives in commands, is checked (the age rule, the duplicate rule through {@link IdentityIndex}) and leaves
 * only sealed ({@link PersonalDataVault}). Staff and machine clients register at once and are told which field
 * collides; they may link the person's account with their consent recorded. A person applying themselves gets one
 * application (or volunteer) per account and, on a duplicate phone or ID number, a refusal that does not name the
 * field; the application publishes nothing until the station approves it. Published events carry the masked name and
 * an approximate location.
 */
@Aggregate
class Volunteer {

    /** Younger volunteers are refused. */
    static final int MINIMUM_AGE = 14;
    /** Younger volunteers need a guardian's recorded consent. */
    static final int ADULT_AGE = 18;

    @AggregateIdentifier
    private String volunteerId;
    private String districtId;
    private VolunteerStatus status;
    private boolean erased;
    private String maskedName;
    private String homeUnitId;
    private GeoPoint approximateLocation;
    private List<Skill> skills;
    private List<String> languages;
    private List<WeeklySlot> availability;
    private List<LocalDate> unavailableDates;
    private boolean contactConsent;
    /** Null when staff registered the volunteer; else where the person's own application stands. */
    private ApplicationStatus application;
    private String accountId;
    /** Dates away given with an application, published once it is approved. */
    private List<LocalDate> appliedUnavailableDates = List.of();

    protected Volunteer() {
    }

    /** Staff or a machine client register someone at once, optionally linking their account with consent. */
    @CommandHandler
    public Volunteer(RegisterVolunteerCommand command, Clock clock, PersonalDataVault vault,
                     IdentityIndex identities) {
        PersonalData personal = command.personal();
        checkAge(personal, LocalDate.now(clock));
        AccountLink link = command.link();
        if (link != null) {
            reserveAccount(identities, command.districtId(), command.volunteerId(), link.accountId());
        }
        reserveIdentities(identities, command.districtId(), command.volunteerId(), personal);
        Instant now = clock.instant();
        apply(new VolunteerRegistered(command.volunteerId(), command.districtId(), Masking.name(personal.name()),
                command.homeUnitId(), Approximation.of(command.homeLocation()), List.copyOf(command.skills()),
                List.copyOf(command.languages()), List.copyOf(command.availability()), command.contactConsent(), now));
        apply(new VolunteerPersonalDataRecorded(command.volunteerId(), command.districtId(),
                vault.sealNew(command.districtId(), command.volunteerId(), personal), now));
        if (link != null) {
            apply(new AccountLinkConsentRecorded(command.volunteerId(), command.districtId(), link.accountId(),
                    link.method(), link.recordedAt(), link.recordedBy()));
            apply(new VolunteerAccountLinked(command.volunteerId(), command.districtId(), link.accountId(), now));
        }
        if (!command.unavailableDates().isEmpty()) {
            apply(new VolunteerAvailabilityChanged(command.volunteerId(), command.districtId(),
                    List.copyOf(command.availability()), List.copyOf(command.unavailableDates()),
                    command.contactConsent()));
        }
    }

    /**
     * A roster import's row: checked like a registration (age, a minor's guardian), its numbers reserved by the
     * importer, registered as of the roster's date. No location: a roster has none (matching uses the home unit's).
     */
    @CommandHandler
    public Volunteer(ImportVolunteerCommand command, Clock clock, PersonalDataVault vault) {
        PersonalData personal = command.personal();
        checkAge(personal, LocalDate.now(clock));
        apply(new VolunteerRegistered(command.volunteerId(), command.districtId(), Masking.name(personal.name()),
                command.homeUnitId(), null, List.copyOf(command.skills()), List.of(), List.of(),
                command.contactConsent(), command.registeredAt()));
        apply(new VolunteerPersonalDataRecorded(command.volunteerId(), command.districtId(),
                vault.sealNew(command.districtId(), command.volunteerId(), personal), clock.instant()));
    }

    /**
     * A person applies for themselves: checked like a registration (age, one per account, duplicates — refused
     * without naming the field), then held as a pending application with internal events only.
     */
    @CommandHandler
    public Volunteer(ApplyAsVolunteerCommand command, Clock clock, PersonalDataVault vault,
                     IdentityIndex identities) {
        PersonalData personal = command.personal();
        checkAge(personal, LocalDate.now(clock));
        reserveAccount(identities, command.districtId(), command.volunteerId(), command.accountId());
        try {
            reserveIdentities(identities, command.districtId(), command.volunteerId(), personal);
        } catch (RuleViolation e) {
            if (e.code().equals("duplicate-volunteer")) {
                // Someone registering themselves is not told whose number is whose: one answer for either.
                throw RuleViolation.conflict("registration-refused",
                        "These details cannot be registered; ask your station");
            }
            throw e;
        }
        Instant now = clock.instant();
        apply(new VolunteerApplied(command.volunteerId(), command.districtId(), command.accountId(),
                Masking.name(personal.name()), command.homeUnitId(), Approximation.of(command.homeLocation()),
                List.copyOf(command.skills()), List.copyOf(command.languages()), List.copyOf(command.availability()),
                List.copyOf(command.unavailableDates()), command.contactConsent(), now));
        apply(new VolunteerPersonalDataRecorded(command.volunteerId(), command.districtId(),
                vault.sealNew(command.districtId(), command.volunteerId(), personal), now));
    }

    /** Every command on an existing volunteer: same district (else 404), not erased, and the expected version. */
    @CommandHandlerInterceptor
    public Object guard(CommandMessage<?> message, InterceptorChain chain) throws Exception {
        if (message.getPayload() instanceof VolunteerCommand command) {
            if (!districtId.equals(command.districtId())) {
                throw RuleViolation.notFound("volunteer", volunteerId);
            }
            long version = AggregateLifecycle.getVersion();
            if (command.expectedVersion() != null && command.expectedVersion() != version) {
                throw new ConflictingAggregateVersionException(volunteerId, command.expectedVersion(), version);
            }
            if (erased) {
                throw RuleViolation.conflict("volunteer-erased", "Volunteer '" + volunteerId
                        + "' was erased; only their hours remain");
            }
            boolean onlyAnApplication = application != null && application != ApplicationStatus.APPROVED;
            if (onlyAnApplication && !(command instanceof DecideApplicationCommand
                    || command instanceof EraseVolunteerCommand)) {
                // An applicant is no volunteer yet: nothing but the decision and erasure applies.
                throw RuleViolation.notFound("volunteer", volunteerId);
            }
        }
        return chain.proceed();
    }

    /**
     * PENDING → APPROVED (the volunteer is registered now, their account linked: the first published events) or
     * PENDING → REFUSED with the reason (the account, phone and ID number are free again). Once only.
     */
    @CommandHandler
    public long handle(DecideApplicationCommand command, Clock clock, IdentityIndex identities) {
        if (application == null) {
            throw RuleViolation.notFound("application", volunteerId);
        }
        if (application != ApplicationStatus.PENDING) {
            throw RuleViolation.conflict("already-decided", "Application '" + volunteerId
                    + "' was decided already: " + application).with("status", application.name());
        }
        Instant now = clock.instant();
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        if (command.decision() == Decision.REFUSE) {
            if (reason == null) {
                throw RuleViolation.invalid("reason", "a refusal needs a reason the applicant can read");
            }
            apply(new VolunteerApplicationRefused(volunteerId, districtId, reason, command.decidedBy(), now));
            CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(committed -> identities.releaseAll(volunteerId)));
            return AggregateLifecycle.getVersion();
        }
        apply(new VolunteerApplicationApproved(volunteerId, districtId, reason, command.decidedBy(), now));
        apply(new VolunteerRegistered(volunteerId, districtId, maskedName, homeUnitId, approximateLocation, skills,
                languages, availability, contactConsent, now));
        apply(new VolunteerAccountLinked(volunteerId, districtId, accountId, now));
        if (!appliedUnavailableDates.isEmpty()) {
            apply(new VolunteerAvailabilityChanged(volunteerId, districtId, availability, appliedUnavailableDates,
                    contactConsent));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangePersonalDataCommand command, Clock clock, PersonalDataVault vault,
                       IdentityIndex identities) {
        PersonalData personal = command.personal();
        checkAge(personal, LocalDate.now(clock));
        reserveIdentities(identities, districtId, volunteerId, personal);
        CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(committed ->
                identities.keepOnly(districtId, volunteerId, personal.phone(), personal.idNumber())));
        apply(new VolunteerPersonalDataRecorded(volunteerId, districtId, vault.seal(districtId, volunteerId, personal),
                clock.instant()));
        String masked = Masking.name(personal.name());
        if (!masked.equals(maskedName)) {
            apply(new VolunteerRenamed(volunteerId, districtId, masked));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeHomeUnitCommand command) {
        GeoPoint approximate = Approximation.of(command.homeLocation());
        if (!command.homeUnitId().equals(homeUnitId) || !Objects.equals(approximate, approximateLocation)) {
            apply(new VolunteerHomeUnitChanged(volunteerId, districtId, command.homeUnitId(), approximate));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeSkillsCommand command) {
        if (!command.skills().equals(skills)) {
            apply(new VolunteerSkillsChanged(volunteerId, districtId, List.copyOf(command.skills())));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeLanguagesCommand command) {
        if (!command.languages().equals(languages)) {
            apply(new VolunteerLanguagesChanged(volunteerId, districtId, List.copyOf(command.languages())));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeAvailabilityCommand command) {
        if (!command.availability().equals(availability) || !command.unavailableDates().equals(unavailableDates)) {
            apply(new VolunteerAvailabilityChanged(volunteerId, districtId, List.copyOf(command.availability()),
                    List.copyOf(command.unavailableDates()), contactConsent));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeContactConsentCommand command) {
        if (command.contactConsent() != contactConsent) {
            apply(new VolunteerAvailabilityChanged(volunteerId, districtId, availability, unavailableDates,
                    command.contactConsent()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** ACTIVE ⇄ PAUSED, ACTIVE/PAUSED → DEACTIVATED → ACTIVE (reactivation); anything else is illegal. */
    @CommandHandler
    public long handle(ChangeVolunteerStatusCommand command) {
        VolunteerStatus target = command.status();
        boolean legal = switch (target) {
            case ACTIVE -> status == VolunteerStatus.PAUSED || status == VolunteerStatus.DEACTIVATED;
            case PAUSED -> status == VolunteerStatus.ACTIVE;
            case DEACTIVATED -> status == VolunteerStatus.ACTIVE || status == VolunteerStatus.PAUSED;
        };
        if (!legal) {
            throw RuleViolation.conflict("illegal-transition",
                    "Volunteer '" + volunteerId + "' is " + status + " and cannot become " + target)
                    .with("status", status.name());
        }
        apply(new VolunteerStatusChanged(volunteerId, districtId, target, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Deactivates (if needed) and erases; the key and plain-text read models are removed by the handlers. A pending or
     * refused application is erased (withdrawn) without any published event.
     */
    @CommandHandler
    public long handle(EraseVolunteerCommand command, Clock clock) {
        Instant now = clock.instant();
        apply(new VolunteerErasureRequested(volunteerId, districtId, command.requestedBy(), now));
        if (application == ApplicationStatus.PENDING || application == ApplicationStatus.REFUSED) {
            // Never a volunteer, never published: the application goes quietly (the handlers remove its data).
            apply(new VolunteerApplicationErased(volunteerId, districtId, now));
            return AggregateLifecycle.getVersion();
        }
        if (status != VolunteerStatus.DEACTIVATED) {
            apply(new VolunteerStatusChanged(volunteerId, districtId, VolunteerStatus.DEACTIVATED,
                    "erased on request"));
        }
        apply(new VolunteerErased(volunteerId, districtId, now));
        return AggregateLifecycle.getVersion();
    }

    static void checkAge(PersonalData personal, LocalDate today) {
        if (personal.birthDate().isAfter(today)) {
            throw RuleViolation.invalid("birthDate", "birthDate lies in the future");
        }
        int age = Period.between(personal.birthDate(), today).getYears();
        if (age < MINIMUM_AGE) {
            throw RuleViolation.refused("too-young", "Volunteers must be at least " + MINIMUM_AGE + " years old");
        }
        if (age < ADULT_AGE && (personal.guardian() == null || personal.guardian().consentedAt() == null)) {
            throw new RuleViolation(RuleViolation.Kind.REFUSED, "guardian-consent-required", "guardian",
                    "Volunteers under " + ADULT_AGE + " need their guardian's recorded consent", Map.of());
        }
    }

    /** One volunteer (or pending application) per account in a district; released again if the command fails. */
    private static void reserveAccount(IdentityIndex identities, String districtId, String volunteerId,
                                       String accountId) {
        List<String> reserved = identities.reserveAccount(districtId, volunteerId, accountId);
        CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(rolledBack -> identities.release(reserved)));
    }

    /** Reserves phone and ID number; released again if the command does not commit. */
    private static void reserveIdentities(IdentityIndex identities, String districtId, String volunteerId,
                                          PersonalData personal) {
        List<String> reserved = identities.reserve(districtId, volunteerId, personal.phone(), personal.idNumber());
        CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(rolledBack -> identities.release(reserved)));
    }

    @EventSourcingHandler
    void on(VolunteerRegistered event) {
        volunteerId = event.volunteerId();
        districtId = event.districtId();
        status = VolunteerStatus.ACTIVE;
        maskedName = event.maskedName();
        homeUnitId = event.homeUnitId();
        approximateLocation = event.approximateLocation();
        skills = event.skills();
        languages = event.languages();
        availability = event.availability();
        unavailableDates = List.of();
        contactConsent = event.contactConsent();
    }

    @EventSourcingHandler
    void on(VolunteerApplied event) {
        volunteerId = event.volunteerId();
        districtId = event.districtId();
        application = ApplicationStatus.PENDING;
        accountId = event.accountId();
        maskedName = event.maskedName();
        homeUnitId = event.homeUnitId();
        approximateLocation = event.approximateLocation();
        skills = event.skills();
        languages = event.languages();
        availability = event.availability();
        appliedUnavailableDates = event.unavailableDates();
        contactConsent = event.contactConsent();
    }

    @EventSourcingHandler
    void on(VolunteerApplicationApproved event) {
        application = ApplicationStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(VolunteerApplicationRefused event) {
        application = ApplicationStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(VolunteerApplicationErased event) {
        application = ApplicationStatus.ERASED;
        erased = true;
    }

    @EventSourcingHandler
    void on(VolunteerAccountLinked event) {
        accountId = event.accountId();
    }

    /** Streams stored before approval existed link the account with the internal event. */
    @EventSourcingHandler
    void on(VolunteerInternalEvents.VolunteerAccountLinked event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(VolunteerRenamed event) {
        maskedName = event.maskedName();
    }

    @EventSourcingHandler
    void on(VolunteerHomeUnitChanged event) {
        homeUnitId = event.homeUnitId();
        approximateLocation = event.approximateLocation();
    }

    @EventSourcingHandler
    void on(VolunteerSkillsChanged event) {
        skills = event.skills();
    }

    @EventSourcingHandler
    void on(VolunteerLanguagesChanged event) {
        languages = event.languages();
    }

    @EventSourcingHandler
    void on(VolunteerAvailabilityChanged event) {
        availability = event.availability();
        unavailableDates = event.unavailableDates();
        contactConsent = event.contactConsent();
    }

    @EventSourcingHandler
    void on(VolunteerStatusChanged event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(VolunteerErased event) {
        erased = true;
    }
}
