package cloud.practice.volunteer.registry.web;

import cloud.practice.support.security.Caller;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.Page;
import cloud.practice.support.web.Versions;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.api.Decision;
import cloud.practice.volunteer.registry.api.VolunteerCommands.DecideApplicationCommand;
import cloud.practice.volunteer.registry.query.ApplicationView;
import cloud.practice.volunteer.registry.query.RegistrationView;
import cloud.practice.volunteer.registry.query.RegistrationView.State;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ApplicationDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import cloud.practice.volunteer.registry.web.VolunteerBodies.ApplicationDecided;
import cloud.practice.volunteer.registry.web.VolunteerBodies.Decide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * Approval (审核) of people's own applications, and what a person sees of their own registration. Residents and grid
 * workers who register themselves create an application ({@code POST /volunteers}); the district's machine clients
 * and the admins whose subtree holds its home unit review it; an application out of an admin's subtree answers
 * exactly as a missing one (404), and anyone but staff is refused (403) before an application is looked at.
 */
@RestController
@Validated
@RequestMapping("/api/v1/volunteers")
@Tag(name = "volunteer applications", description = "People's own applications: review, approve or refuse, and "
        + "the applicant's view")
public class ApplicationController {

    private final CommandGateway commands;
    private final VolunteerQueries volunteers;
    private final OrgUnitDirectory units;
    private final IdentityIndex identities;
    private final AccessPolicy access;

    public ApplicationController(CommandGateway commands, VolunteerQueries volunteers, OrgUnitDirectory units,
                                 IdentityIndex identities, AccessPolicy access) {
        this.commands = commands;
        this.volunteers = volunteers;
        this.units = units;
        this.identities = identities;
        this.access = access;
    }

    @GetMapping("/applications")
    @Operation(summary = "Applications of the district (masked; oldest first), for its machine clients and the admins "
            + "of the home units' subtree: by status (e.g. PENDING) and home unit")
    public Page<ApplicationView> applications(District district,
                                              @RequestParam(required = false) ApplicationStatus status,
                                              @RequestParam(required = false) @Pattern(regexp = ID) String homeUnitId,
                                              @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
                                              @Parameter(hidden = true) Caller caller) {
        access.reviewApplications(caller, district.id());
        var scope = access.listScope(caller, district.id());
        return volunteers.applications(district.id(),
                scope.map(unit -> units.subtree(district.id(), unit)).orElse(null), homeUnitId, status, page, size);
    }

    @GetMapping("/applications/{volunteerId}")
    @Operation(summary = "One application with the applicant's personal data (ID number masked), for its reviewers")
    public ResponseEntity<ApplicationView> application(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                       District district,
                                                       @Parameter(hidden = true) Caller caller) {
        ApplicationDocument application = reviewed(caller, district.id(), volunteerId);
        return ResponseEntity.ok().eTag(Versions.etag(application.version))
                .body(volunteers.view(application, true));
    }

    @PostMapping("/{volunteerId}/approval")
    @Operation(summary = "Approve (the applicant becomes a volunteer: VolunteerRegistered and VolunteerAccountLinked "
            + "are published) or refuse with a reason the applicant sees; once only (409 already-decided)")
    public ResponseEntity<ApplicationDecided> decide(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                     District district,
                                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Parameter(hidden = true) Caller caller,
                                                     @Valid @RequestBody Decide body) {
        reviewed(caller, district.id(), volunteerId);
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (body.decision() == Decision.REFUSE && reason == null) {
            throw ApiException.badRequest("reason", "a refusal needs a reason the applicant can read");
        }
        long version = ((Number) commands.sendAndWait(new DecideApplicationCommand(volunteerId, district.id(),
                body.decision(), reason, caller.userId(), Versions.expectedVersion(ifMatch)))).longValue();
        ApplicationStatus status = body.decision() == Decision.APPROVE
                ? ApplicationStatus.APPROVED : ApplicationStatus.REFUSED;
        return ResponseEntity.ok().eTag(Versions.etag(version))
                .body(new ApplicationDecided(volunteerId, status, version));
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's own registration in the district: their application (PENDING, or REFUSED with "
            + "the reason) or, once they are a volunteer, REGISTERED with their record; 404 when there is none")
    public RegistrationView me(District district,
                               @Parameter(hidden = true) Caller caller) {
        access.ownRegistration(caller, district.id());
        Optional<VolunteerDocument> volunteer = Optional.ofNullable(caller.volunteerId())
                .or(() -> identities.holderOfAccount(district.id(), caller.userId()))
                .flatMap(id -> volunteers.volunteer(district.id(), id))
                .filter(found -> !found.erased
                        && (caller.is(found.volunteerId) || caller.userId().equals(found.accountId)));
        Optional<ApplicationDocument> application = volunteers.latestApplication(district.id(), caller.userId());
        if (volunteer.isPresent()) {
            VolunteerDocument record = volunteer.get();
            ApplicationDocument approved = application.filter(found -> found.volunteerId.equals(record.volunteerId))
                    .orElse(null);
            return new RegistrationView(record.volunteerId, district.id(), State.REGISTERED,
                    approved == null ? null : approved.reason, record.homeUnitId,
                    approved == null ? null : approved.appliedAt, approved == null ? null : approved.decidedAt,
                    record.registeredAt, volunteers.view(record, true));
        }
        ApplicationDocument open = application.orElseThrow(() -> ApiException.notFound("registration",
                caller.userId()));
        State state = switch (open.status) {
            case PENDING -> State.PENDING;
            case REFUSED -> State.REFUSED;
            // Approved a moment ago: the volunteer record is on its way.
            case APPROVED, ERASED -> State.REGISTERED;
        };
        return new RegistrationView(open.volunteerId, district.id(), state, open.reason, open.homeUnitId,
                open.appliedAt, open.decidedAt, null, null);
    }

    /** Staff only (403 otherwise, before any look-up); an application out of their subtree is as missing (404). */
    private ApplicationDocument reviewed(Caller caller, String district, String volunteerId) {
        access.reviewApplications(caller, district);
        return access.visibleApplication(caller, district, volunteerId, volunteers.application(district, volunteerId));
    }
}
