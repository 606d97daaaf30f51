package cloud.practice.volunteer.registry.command;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.volunteer.Skill;
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
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.web.ApiException;
import cloud.practice.volunteer.privacy.Approximation;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeAvailabilityCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeContactConsentCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeHomeUnitCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeLanguagesCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangePersonalDataCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeSkillsCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeVolunteerStatusCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.EraseVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.RegisterVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.VolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerAccountLinked;
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
 * A registered volunteer. Holds no personal data itself: real-name data arrives in commands, is checked (the age
 * rule, the duplicate rule through {@link IdentityIndex}) and leaves only sealed ({@link PersonalDataVault}).
 * Someone registering themselves ({@code accountId}) gets one registration per account and, on a duplicate phone
 * or ID number, a refusal that does not name the field; staff and machine clients are told which field collides.
 * Published events carry the masked name and an approximate location.
 */
@Aggregate
public class Volunteer {

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

    protected Volunteer() {
    }

    @CommandHandler
    public Volunteer(RegisterVolunteerCommand command, Clock clock, PersonalDataVault vault,
                     IdentityIndex identities) {
        PersonalData personal = command.personal();
        checkAge(personal, LocalDate.now(clock));
        boolean self = command.accountId() != null;
        if (self) {
            List<String> reserved = identities.reserveAccount(command.districtId(), command.volunteerId(),
                    command.accountId());
            CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(rolledBack -> identities.release(reserved)));
        }
        try {
            reserveIdentities(identities, command.districtId(), command.volunteerId(), personal);
        } catch (ApiException e) {
            if (self && e.type().equals("duplicate-volunteer")) {
                // Someone registering themselves is not told whose number is whose: one answer for either.
                throw ApiException.conflict("registration-refused",
                        "These details cannot be registered; ask your station");
            }
            throw e;
        }
        Instant now = clock.instant();
        apply(new VolunteerRegistered(command.volunteerId(), command.districtId(), Masking.name(personal.name()),
                command.homeUnitId(), Approximation.of(command.homeLocation()), List.copyOf(command.skills()),
                List.copyOf(command.languages()), List.copyOf(command.availability()), command.contactConsent(), now));
        apply(new VolunteerPersonalDataRecorded(command.volunteerId(), command.districtId(),
                vault.seal(command.districtId(), command.volunteerId(), personal), now));
        if (self) {
            apply(new VolunteerAccountLinked(command.volunteerId(), command.districtId(), command.accountId(), now));
        }
        if (!command.unavailableDates().isEmpty()) {
            apply(new VolunteerAvailabilityChanged(command.volunteerId(), command.districtId(),
                    List.copyOf(command.availability()), List.copyOf(command.unavailableDates()),
                    command.contactConsent()));
        }
    }

    /** Every command on an existing volunteer: same district (else 404), not erased, and the expected version. */
    @CommandHandlerInterceptor
    public Object guard(CommandMessage<?> message, InterceptorChain chain) throws Exception {
        if (message.getPayload() instanceof VolunteerCommand command) {
            if (!districtId.equals(command.districtId())) {
                throw ApiException.notFound("volunteer", volunteerId);
            }
            long version = AggregateLifecycle.getVersion();
            if (command.expectedVersion() != null && command.expectedVersion() != version) {
                throw new ConflictingAggregateVersionException(volunteerId, command.expectedVersion(), version);
            }
            if (erased) {
                throw ApiException.conflict("volunteer-erased", "Volunteer '" + volunteerId
                        + "' was erased; only their hours remain");
            }
        }
        return chain.proceed();
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
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "illegal-transition",
                    "Volunteer '" + volunteerId + "' is " + status + " and cannot become " + target,
                    Map.of("status", status.name()));
        }
        apply(new VolunteerStatusChanged(volunteerId, districtId, target, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Deactivates (if needed) and erases; the key and plain-text read models are removed by the handlers. */
    @CommandHandler
    public long handle(EraseVolunteerCommand command, Clock clock) {
        Instant now = clock.instant();
        apply(new VolunteerErasureRequested(volunteerId, districtId, command.requestedBy(), now));
        if (status != VolunteerStatus.DEACTIVATED) {
            apply(new VolunteerStatusChanged(volunteerId, districtId, VolunteerStatus.DEACTIVATED,
                    "erased on request"));
        }
        apply(new VolunteerErased(volunteerId, districtId, now));
        return AggregateLifecycle.getVersion();
    }

    static void checkAge(PersonalData personal, LocalDate today) {
        if (personal.birthDate().isAfter(today)) {
            throw ApiException.badRequest("birthDate", "birthDate lies in the future");
        }
        int age = Period.between(personal.birthDate(), today).getYears();
        if (age < MINIMUM_AGE) {
            throw ApiException.rule("too-young", "Volunteers must be at least " + MINIMUM_AGE + " years old");
        }
        if (age < ADULT_AGE && (personal.guardian() == null || personal.guardian().consentedAt() == null)) {
            throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                    "guardian-consent-required", "Volunteers under " + ADULT_AGE
                    + " need their guardian's recorded consent", Map.of("field", "guardian"));
        }
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
