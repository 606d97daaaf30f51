package cloud.practice.volunteer.registry.web;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import cloud.practice.support.web.Versions;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.support.security.Caller;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.privacy.PersonalDataErasure;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.api.VolunteerCommands.AccountLink;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ApplyAsVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeAvailabilityCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeContactConsentCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeHomeUnitCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeLanguagesCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangePersonalDataCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeSkillsCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeVolunteerStatusCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.EraseVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.RegisterVolunteerCommand;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import cloud.practice.volunteer.registry.query.VolunteerView;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Availability;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Consent;
import cloud.practice.volunteer.registry.web.VolunteerBodies.HomeUnit;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Languages;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Personal;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Register;
import cloud.practice.volunteer.registry.web.VolunteerBodies.RegistrationCreated;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Skills;
import cloud.practice.volunteer.registry.web.VolunteerBodies.StatusChange;
import cloud.practice.volunteer.registry.web.VolunteerBodies.VolunteerChanged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;
import static cloud.practice.volunteer.registry.web.VolunteerBodies.PHONE;

/**
 * The volunteer registry. Every call names its district; a volunteer the caller may not see (another district's,
 * another station's) answers exactly as a missing one, 404. Access is decided before an idempotent replay. Changes
 * take an optional {@code If-Match} with the ETag last read and answer with the new one. Who may do what:
 * {@link AccessPolicy}.
 */
@RestController
@Validated
@RequestMapping("/api/v1/volunteers")
@Tag(name = "volunteers", description = "Registration, profile parts, status, erasure on request")
public class VolunteerController {

    private static final Set<OrgTier> HOME_TIERS = Set.of(OrgTier.STATION, OrgTier.INSTITUTE);

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final VolunteerQueries volunteers;
    private final OrgUnitDirectory units;
    private final IdentityIndex identities;
    private final PersonalDataErasure erasure;
    private final AccessPolicy access;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    public VolunteerController(CommandGateway commands, EventStore eventStore, VolunteerQueries volunteers,
                               OrgUnitDirectory units, IdentityIndex identities, PersonalDataErasure erasure,
                               AccessPolicy access, IdempotentRequests idempotency, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.volunteers = volunteers;
        this.units = units;
        this.identities = identities;
        this.erasure = erasure;
        this.access = access;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register a volunteer (Idempotency-Key supported). Staff and machine clients register others "
            + "at once and get 409 duplicate-volunteer naming the field when the phone or ID number is taken; they may "
            + "link the person's existing account with accountId and the consent they recorded (consent: method, "
            + "recordedAt), one volunteer per account (409 already-registered, 409 application-pending). Residents and "
            + "grid workers apply only for themselves: 201 with status PENDING, an application the station approves "
            + "or refuses (nothing is published meanwhile); 409 already-registered when they are a volunteer, 409 "
            + "application-pending while one waits, 409 registration-refused, naming nothing, when the details "
            + "collide")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = RegistrationCreated.class)))
    public ResponseEntity<?> register(District district,
                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                      @Parameter(hidden = true) Caller caller, @Valid @RequestBody Register body) {
        // Everything that decides access runs before a replay could answer for someone else.
        access.registerIn(caller, district.id());
        homeUnit(caller, district.id(), body.homeUnitId());
        boolean application = access.selfRegistration(caller);
        String ownAccount = application ? ownAccount(caller, district.id(), body) : null;
        AccountLink link = application ? null : linkedAccount(caller, district.id(), body);
        return idempotency.run(district.id(), key, body, () -> {
            String volunteerId = "vol-" + UUID.randomUUID();
            PersonalData personal = VolunteerBodies.personal(body.personal(), clock);
            GeoPoint home = body.homeLocation() == null ? null : body.homeLocation().toPoint();
            if (application) {
                commands.sendAndWait(new ApplyAsVolunteerCommand(volunteerId, district.id(), personal,
                        body.homeUnitId(), home, VolunteerBodies.skills(body.skills()),
                        VolunteerBodies.languages(body.languages()), VolunteerBodies.slots(body.availability()),
                        VolunteerBodies.dates(body.unavailableDates()), body.contactConsent(), ownAccount));
            } else {
                commands.sendAndWait(new RegisterVolunteerCommand(volunteerId, district.id(), personal,
                        body.homeUnitId(), home, VolunteerBodies.skills(body.skills()),
                        VolunteerBodies.languages(body.languages()), VolunteerBodies.slots(body.availability()),
                        VolunteerBodies.dates(body.unavailableDates()), body.contactConsent(), link));
            }
            long version = eventStore.lastSequenceNumberFor(volunteerId).orElse(0L);
            var answer = new RegistrationCreated(volunteerId, district.id(), version,
                    application ? ApplicationStatus.PENDING : null);
            URI location = application ? URI.create("/api/v1/volunteers/me?district=" + district.id())
                    : location(district.id(), volunteerId);
            return ResponseEntity.created(location).eTag(Versions.etag(version)).body(answer);
        });
    }

    /**
     * A person applying for themselves: their own account (never another one), and only if it holds no volunteer
     * and no pending application yet.
     */
    private String ownAccount(Caller caller, String district, Register body) {
        if (body.accountId() != null) {
            throw ApiException.badRequest("accountId", "you apply for your own account; accountId is for staff "
                    + "linking someone else's");
        }
        if (body.consent() != null) {
            throw ApiException.badRequest("consent", "consent is recorded by staff linking someone else's account");
        }
        if (caller.volunteerId() != null) {
            throw alreadyRegistered();
        }
        unlinked(district, caller.userId());
        return caller.userId();
    }

    /** Staff linking the person's account: with the consent they recorded, or no account at all. */
    private AccountLink linkedAccount(Caller caller, String district, Register body) {
        if (body.accountId() == null) {
            if (body.consent() != null) {
                throw ApiException.badRequest("accountId", "consent was given but no account to link");
            }
            return null;
        }
        if (body.consent() == null) {
            throw ApiException.badRequest("consent", "linking an account needs the person's consent: method and "
                    + "recordedAt");
        }
        if (body.consent().recordedAt().isAfter(clock.instant().plusSeconds(300))) {
            throw ApiException.badRequest("consent.recordedAt", "recordedAt lies in the future");
        }
        unlinked(district, body.accountId());
        return new AccountLink(body.accountId(), body.consent().method(), body.consent().recordedAt(),
                caller.userId());
    }

    /**
     * The account holds neither a volunteer nor a pending application in the district (the unique account row of
     * the identity index closes the race behind this check).
     */
    private void unlinked(String district, String accountId) {
        Optional<String> holder = identities.holderOfAccount(district, accountId);
        if (holder.isEmpty()) {
            return;
        }
        if (volunteers.volunteer(district, holder.get()).filter(volunteer -> !volunteer.erased).isPresent()) {
            throw alreadyRegistered();
        }
        if (volunteers.application(district, holder.get())
                .filter(found -> found.status == ApplicationStatus.PENDING).isPresent()) {
            throw ApiException.conflict("application-pending", "This account's application to be a volunteer "
                    + "awaits the station's decision");
        }
    }

    private static ApiException alreadyRegistered() {
        return ApiException.conflict("already-registered", "This account is already registered as a volunteer");
    }

    @GetMapping
    @Operation(summary = "Volunteers of the district (masked), by home unit, status, skill, language, or an admin's "
            + "look-up by phone")
    public Page<VolunteerView> search(District district,
                                      @RequestParam(required = false) @Pattern(regexp = ID) String homeUnitId,
                                      @RequestParam(required = false) VolunteerStatus status,
                                      @RequestParam(required = false) ServicePlatform platform,
                                      @RequestParam(defaultValue = "1") @Min(1) @Max(5) int minLevel,
                                      @RequestParam(required = false) @Pattern(regexp = VolunteerBodies.LANGUAGE) String language,
                                      @RequestParam(required = false) @Pattern(regexp = PHONE) String phone,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
                                      @Parameter(hidden = true) Caller caller) {
        var scope = access.listScope(caller, district.id());
        String byPhone = null;
        if (phone != null) {
            access.lookUpByPhone(caller, district.id());
            byPhone = identities.ownerOfPhone(district.id(), phone).orElse("-none-");
        }
        return volunteers.search(district.id(), scope.map(unit -> units.subtree(district.id(), unit)).orElse(null),
                homeUnitId, status, platform, minLevel, language, byPhone, page, size);
    }

    @GetMapping("/{volunteerId}")
    public ResponseEntity<VolunteerView> volunteer(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                   District district,
                                                   @Parameter(hidden = true) Caller caller) {
        VolunteerDocument volunteer = visible(caller, district.id(), volunteerId);
        boolean personal = access.seesPersonalData(caller, district.id(), volunteerId, volunteer.homeUnitId);
        return ResponseEntity.ok().eTag(Versions.etag(volunteer.version)).body(volunteers.view(volunteer, personal));
    }

    @PutMapping("/{volunteerId}/personal-data")
    @Operation(summary = "Replace the real-name data (age and duplicate rules apply again)")
    public ResponseEntity<VolunteerChanged> personalData(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                         District district,
                                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Parameter(hidden = true) Caller caller,
                                                         @Valid @RequestBody Personal body) {
        change(caller, district.id(), volunteerId);
        return changed(volunteerId, commands.sendAndWait(new ChangePersonalDataCommand(volunteerId, district.id(),
                VolunteerBodies.personal(body, clock), Versions.expectedVersion(ifMatch))));
    }

    @PutMapping("/{volunteerId}/home-unit")
    public ResponseEntity<VolunteerChanged> homeUnit(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                     District district,
                                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Parameter(hidden = true) Caller caller,
                                                     @Valid @RequestBody HomeUnit body) {
        change(caller, district.id(), volunteerId);
        homeUnit(district.id(), body.homeUnitId(), "homeUnitId");
        return changed(volunteerId, commands.sendAndWait(new ChangeHomeUnitCommand(volunteerId, district.id(),
                body.homeUnitId(), body.homeLocation() == null ? null : body.homeLocation().toPoint(),
                Versions.expectedVersion(ifMatch))));
    }

    @PutMapping("/{volunteerId}/skills")
    public ResponseEntity<VolunteerChanged> skills(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                   District district,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Parameter(hidden = true) Caller caller,
                                                   @Valid @RequestBody Skills body) {
        change(caller, district.id(), volunteerId);
        return changed(volunteerId, commands.sendAndWait(new ChangeSkillsCommand(volunteerId, district.id(),
                VolunteerBodies.skills(body.skills()), Versions.expectedVersion(ifMatch))));
    }

    @PutMapping("/{volunteerId}/languages")
    public ResponseEntity<VolunteerChanged> languages(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                      District district,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Parameter(hidden = true) Caller caller,
                                                      @Valid @RequestBody Languages body) {
        change(caller, district.id(), volunteerId);
        return changed(volunteerId, commands.sendAndWait(new ChangeLanguagesCommand(volunteerId, district.id(),
                VolunteerBodies.languages(body.languages()), Versions.expectedVersion(ifMatch))));
    }

    @PutMapping("/{volunteerId}/availability")
    @Operation(summary = "Weekly slots (district local time) and dates away")
    public ResponseEntity<VolunteerChanged> availability(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                         District district,
                                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Parameter(hidden = true) Caller caller,
                                                         @Valid @RequestBody Availability body) {
        change(caller, district.id(), volunteerId);
        return changed(volunteerId, commands.sendAndWait(new ChangeAvailabilityCommand(volunteerId, district.id(),
                VolunteerBodies.slots(body.availability()), VolunteerBodies.dates(body.unavailableDates()),
                Versions.expectedVersion(ifMatch))));
    }

    @PutMapping("/{volunteerId}/contact-consent")
    public ResponseEntity<VolunteerChanged> consent(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                    District district,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Parameter(hidden = true) Caller caller,
                                                    @Valid @RequestBody Consent body) {
        change(caller, district.id(), volunteerId);
        return changed(volunteerId, commands.sendAndWait(new ChangeContactConsentCommand(volunteerId, district.id(),
                body.contactConsent(), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{volunteerId}/pause")
    @Operation(summary = "ACTIVE → PAUSED (the volunteer or an admin)")
    public ResponseEntity<VolunteerChanged> pause(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                  District district,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Parameter(hidden = true) Caller caller,
                                                  @Valid @RequestBody(required = false) StatusChange body) {
        change(caller, district.id(), volunteerId);
        return status(volunteerId, district.id(), VolunteerStatus.PAUSED, body, ifMatch);
    }

    @PostMapping("/{volunteerId}/resume")
    @Operation(summary = "PAUSED → ACTIVE (the volunteer or an admin)")
    public ResponseEntity<VolunteerChanged> resume(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                   District district,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Parameter(hidden = true) Caller caller,
                                                   @Valid @RequestBody(required = false) StatusChange body) {
        VolunteerDocument volunteer = change(caller, district.id(), volunteerId);
        if (volunteer.status == VolunteerStatus.DEACTIVATED) {
            throw ApiException.conflict("illegal-transition", "A deactivated volunteer is reactivated by an admin");
        }
        return status(volunteerId, district.id(), VolunteerStatus.ACTIVE, body, ifMatch);
    }

    @PostMapping("/{volunteerId}/deactivate")
    @Operation(summary = "ACTIVE/PAUSED → DEACTIVATED (an admin)")
    public ResponseEntity<VolunteerChanged> deactivate(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                       District district,
                                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                       @Parameter(hidden = true) Caller caller,
                                                       @Valid @RequestBody(required = false) StatusChange body) {
        administer(caller, district.id(), volunteerId);
        return status(volunteerId, district.id(), VolunteerStatus.DEACTIVATED, body, ifMatch);
    }

    @PostMapping("/{volunteerId}/reactivate")
    @Operation(summary = "DEACTIVATED/PAUSED → ACTIVE (an admin)")
    public ResponseEntity<VolunteerChanged> reactivate(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                       District district,
                                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                       @Parameter(hidden = true) Caller caller,
                                                       @Valid @RequestBody(required = false) StatusChange body) {
        administer(caller, district.id(), volunteerId);
        return status(volunteerId, district.id(), VolunteerStatus.ACTIVE, body, ifMatch);
    }

    @PostMapping("/{volunteerId}/erase")
    @Operation(summary = "Erase on request: the key, the profile and the duplicate-index rows go; events stay "
            + "unreadable, hours stay under the opaque id. On a pending or refused application (the applicant "
            + "withdrawing it, or a reviewer in scope) the application is erased and nothing is published")
    public ResponseEntity<VolunteerChanged> erase(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                  District district,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Parameter(hidden = true) Caller caller) {
        Optional<VolunteerDocument> volunteer = volunteers.volunteer(district.id(), volunteerId);
        if (volunteer.isPresent()) {
            change(caller, district.id(), volunteerId);
        } else {
            // Not (yet) a volunteer: the applicant withdrawing their application, or a reviewer erasing it.
            volunteers.application(district.id(), volunteerId)
                    .filter(application -> access.erasesApplication(caller, district.id(), application))
                    .orElseThrow(() -> ApiException.notFound("volunteer", volunteerId));
        }
        Object version = commands.sendAndWait(new EraseVolunteerCommand(volunteerId, district.id(), caller.userId(),
                Versions.expectedVersion(ifMatch)));
        erasure.erase(volunteerId);
        return changed(volunteerId, version);
    }

    private ResponseEntity<VolunteerChanged> status(String volunteerId, String district, VolunteerStatus target,
                                                    StatusChange body, String ifMatch) {
        return changed(volunteerId, commands.sendAndWait(new ChangeVolunteerStatusCommand(volunteerId, district,
                target, body == null ? null : body.reason(), Versions.expectedVersion(ifMatch))));
    }

    /** The volunteer if the caller may see it; otherwise the answer of a missing id ({@link AccessPolicy}). */
    private VolunteerDocument visible(Caller caller, String district, String volunteerId) {
        return access.visibleVolunteer(caller, district, volunteerId, volunteers.volunteer(district, volunteerId));
    }

    private VolunteerDocument change(Caller caller, String district, String volunteerId) {
        VolunteerDocument volunteer = visible(caller, district, volunteerId);
        access.changeVolunteer(caller, district, volunteerId, volunteer.homeUnitId);
        return volunteer;
    }

    private void administer(Caller caller, String district, String volunteerId) {
        VolunteerDocument volunteer = visible(caller, district, volunteerId);
        access.administerVolunteer(caller, district, volunteerId, volunteer.homeUnitId);
    }

    /**
     * A registration's home unit: one the caller may register at, else the answer of an unknown unit — the same
     * whether the unit is missing or outside the caller's scope.
     */
    private void homeUnit(Caller caller, String district, String unitId) {
        if (units.unit(district, unitId).isEmpty() || !access.registersAt(caller, district, unitId)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit", "'" + unitId
                    + "' is not a unit of this district where you may register volunteers",
                    Map.of("field", "homeUnitId"));
        }
        homeUnit(district, unitId, "homeUnitId");
    }

    /** A home unit is an open station or institute of the district (from the copy of the tree). */
    private void homeUnit(String district, String unitId, String field) {
        OrgUnitDirectory.Unit unit = units.unit(district, unitId).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit", "'" + unitId + "' is not a unit of this district",
                Map.of("field", field)));
        if (!HOME_TIERS.contains(unit.tier())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unit-tier", "A home unit is a station or an "
                    + "institute, not a " + unit.tier(), Map.of("field", field));
        }
        if (!unit.active()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unit-not-active", "'" + unitId + "' is "
                    + unit.status(), Map.of("field", field));
        }
    }

    private static URI location(String district, String volunteerId) {
        return URI.create("/api/v1/volunteers/" + volunteerId + "?district=" + district);
    }

    private static ResponseEntity<VolunteerChanged> changed(String volunteerId, Object version) {
        long newVersion = ((Number) version).longValue();
        return ResponseEntity.ok().eTag(Versions.etag(newVersion)).body(new VolunteerChanged(volunteerId, newVersion));
    }
}
