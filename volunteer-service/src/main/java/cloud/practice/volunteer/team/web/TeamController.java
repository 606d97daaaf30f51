package cloud.practice.volunteer.team.web;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import cloud.practice.support.web.Versions;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.support.security.Caller;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import cloud.practice.volunteer.team.api.TeamCommands.ChangeTeamLeaderCommand;
import cloud.practice.volunteer.team.api.TeamCommands.DissolveTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.FormTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.JoinTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.LeaveTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.RemoveTeamMemberCommand;
import cloud.practice.volunteer.team.query.TeamDocument;
import cloud.practice.volunteer.team.query.TeamQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * Volunteer teams (志愿服务队) under a unit: form, join, leave, remove, change leader, dissolve. Every call names its
 * district; teams are seen by the district's callers only — another district's team answers exactly as a missing
 * one (404), its lists are refused (403). Who may do what: {@link AccessPolicy}. Joins and departures that
 * lose an append race are run again and decided by the rules (room left, membership), not bounced with a conflict.
 */
@RestController
@Validated
@RequestMapping("/api/v1/teams")
@Tag(name = "teams", description = "Volunteer teams under a unit, their members and leader")
public class TeamController {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final TeamQueries teams;
    private final VolunteerQueries volunteers;
    private final OrgUnitDirectory units;
    private final AccessPolicy access;
    private final IdempotentRequests idempotency;

    public TeamController(CommandGateway commands, EventStore eventStore, TeamQueries teams,
                          VolunteerQueries volunteers, OrgUnitDirectory units, AccessPolicy access,
                          IdempotentRequests idempotency) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.teams = teams;
        this.volunteers = volunteers;
        this.units = units;
        this.access = access;
        this.idempotency = idempotency;
    }

    public record FormTeam(@NotBlank @Size(max = 60) String name, @NotBlank @Pattern(regexp = ID) String unitId,
                           @Pattern(regexp = ID) String leaderVolunteerId,
                           @NotEmpty @Size(max = 9) Set<@NotNull ServicePlatform> platforms,
                           @NotNull @Min(1) @Max(500) Integer capacity) {
    }

    public record Membership(@NotBlank @Pattern(regexp = ID) String volunteerId) {
    }

    public record Leader(@Pattern(regexp = ID) String leaderVolunteerId) {
    }

    public record Dissolve(@Size(max = 500) String reason) {
    }

    /** A team just formed, with its first version (also the answer's ETag). */
    public record TeamCreated(String teamId, String districtId, long version) {
    }

    /** A team after a change: its new version (also the answer's ETag). */
    public record TeamChanged(String teamId, long version) {
    }

    @PostMapping
    @Operation(summary = "Form a team under a unit (Idempotency-Key supported); the leader becomes its first member")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = TeamCreated.class)))
    public ResponseEntity<?> form(District district,
                                  @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                  @Parameter(hidden = true) Caller caller, @Valid @RequestBody FormTeam body) {
        // Access is decided before a replay could answer for someone else; a unit out of the caller's scope answers
        // as an unknown one.
        access.staffOf(caller, district.id(), "form teams");
        OrgUnitDirectory.Unit unit = units.unit(district.id(), body.unitId())
                .filter(found -> access.covers(caller, district.id(), body.unitId()))
                .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit", "'"
                        + body.unitId() + "' is not a unit of this district where you may form teams",
                        Map.of("field", "unitId")));
        if (!unit.active()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unit-not-active", "'" + body.unitId()
                    + "' is " + unit.status(), Map.of("field", "unitId"));
        }
        return idempotency.run(district.id(), key, body, () -> {
            if (body.leaderVolunteerId() != null) {
                activeVolunteer(district.id(), body.leaderVolunteerId(), "leaderVolunteerId");
            }
            String teamId = "team-" + UUID.randomUUID();
            commands.sendAndWait(new FormTeamCommand(teamId, district.id(), body.unitId(), body.name().strip(),
                    body.leaderVolunteerId(), body.platforms(), body.capacity()));
            long version = eventStore.lastSequenceNumberFor(teamId).orElse(0L);
            return ResponseEntity.created(URI.create("/api/v1/teams/" + teamId + "?district=" + district.id()))
                    .eTag(Versions.etag(version))
                    .body(new TeamCreated(teamId, district.id(), version));
        });
    }

    @GetMapping
    @Operation(summary = "Teams of the district by unit, platform or member (callers of the district)")
    public Page<TeamDocument> search(District district,
                                     @RequestParam(required = false) @Pattern(regexp = ID) String unitId,
                                     @RequestParam(required = false) ServicePlatform platform,
                                     @RequestParam(required = false) @Pattern(regexp = ID) String volunteerId,
                                     @RequestParam(defaultValue = "false") boolean includeDissolved,
                                     @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
                                     @Parameter(hidden = true) Caller caller) {
        access.readDistrict(caller, district.id());
        return teams.search(district.id(), unitId, platform, volunteerId, includeDissolved, page, size);
    }

    @GetMapping("/{teamId}")
    public ResponseEntity<TeamDocument> team(@PathVariable @Pattern(regexp = ID) String teamId,
                                             District district,
                                             @Parameter(hidden = true) Caller caller) {
        TeamDocument team = existing(caller, district.id(), teamId);
        return ResponseEntity.ok().eTag(Versions.etag(team.version)).body(team);
    }

    @PostMapping("/{teamId}/members")
    @Operation(summary = "Join (the volunteer) or add a member (leader, admin); 409 team-full at capacity")
    public ResponseEntity<TeamChanged> join(@PathVariable @Pattern(regexp = ID) String teamId,
                                            District district,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Parameter(hidden = true) Caller caller,
                                            @Valid @RequestBody Membership body) {
        TeamDocument team = existing(caller, district.id(), teamId);
        if (!caller.is(body.volunteerId())) {
            access.manageTeam(caller, district.id(), team.unitId, team.leaderVolunteerId);
        } else {
            access.joinOrLeaveTeam(caller, district.id(), team.unitId, body.volunteerId());
        }
        activeVolunteer(district.id(), body.volunteerId(), "volunteerId");
        Long expected = Versions.expectedVersion(ifMatch);
        return changed(teamId, ConflictRetry.onConflict(() -> commands.sendAndWait(new JoinTeamCommand(teamId,
                district.id(), body.volunteerId(), expected))));
    }

    @PostMapping("/{teamId}/members/{volunteerId}/leave")
    @Operation(summary = "The volunteer leaves the team")
    public ResponseEntity<TeamChanged> leave(@PathVariable @Pattern(regexp = ID) String teamId,
                                             @PathVariable @Pattern(regexp = ID) String volunteerId,
                                             District district,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @Parameter(hidden = true) Caller caller) {
        TeamDocument team = existing(caller, district.id(), teamId);
        access.joinOrLeaveTeam(caller, district.id(), team.unitId, volunteerId);
        Long expected = Versions.expectedVersion(ifMatch);
        return changed(teamId, ConflictRetry.onConflict(() -> commands.sendAndWait(new LeaveTeamCommand(teamId,
                district.id(), volunteerId, expected))));
    }

    @DeleteMapping("/{teamId}/members/{volunteerId}")
    @Operation(summary = "Remove a member (leader, admin); recorded as removed by the caller")
    public ResponseEntity<TeamChanged> remove(@PathVariable @Pattern(regexp = ID) String teamId,
                                              @PathVariable @Pattern(regexp = ID) String volunteerId,
                                              District district,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Parameter(hidden = true) Caller caller) {
        TeamDocument team = existing(caller, district.id(), teamId);
        access.manageTeam(caller, district.id(), team.unitId, team.leaderVolunteerId);
        Long expected = Versions.expectedVersion(ifMatch);
        return changed(teamId, ConflictRetry.onConflict(() -> commands.sendAndWait(new RemoveTeamMemberCommand(teamId,
                district.id(), volunteerId, caller.userId(), expected))));
    }

    @PutMapping("/{teamId}/leader")
    @Operation(summary = "Make a member the leader, or none (null)")
    public ResponseEntity<TeamChanged> leader(@PathVariable @Pattern(regexp = ID) String teamId,
                                              District district,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Parameter(hidden = true) Caller caller,
                                              @Valid @RequestBody Leader body) {
        TeamDocument team = existing(caller, district.id(), teamId);
        access.administerUnit(caller, district.id(), team.unitId);
        return changed(teamId, commands.sendAndWait(new ChangeTeamLeaderCommand(teamId, district.id(),
                body.leaderVolunteerId(), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{teamId}/dissolve")
    public ResponseEntity<TeamChanged> dissolve(@PathVariable @Pattern(regexp = ID) String teamId,
                                                District district,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Parameter(hidden = true) Caller caller,
                                                @Valid @RequestBody(required = false) Dissolve body) {
        TeamDocument team = existing(caller, district.id(), teamId);
        access.administerUnit(caller, district.id(), team.unitId);
        return changed(teamId, commands.sendAndWait(new DissolveTeamCommand(teamId, district.id(),
                body == null ? null : body.reason(), Versions.expectedVersion(ifMatch))));
    }

    /** The team if the caller may see it (anyone of its district); otherwise the answer of a missing id. */
    private TeamDocument existing(Caller caller, String district, String teamId) {
        return access.visibleTeam(caller, district, teamId, teams.team(district, teamId));
    }

    private void activeVolunteer(String district, String volunteerId, String field) {
        VolunteerDocument volunteer = volunteers.volunteer(district, volunteerId).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, "unknown-volunteer", "'" + volunteerId
                + "' is not a volunteer of this district", Map.of("field", field)));
        if (volunteer.erased || volunteer.status != VolunteerStatus.ACTIVE) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "volunteer-not-active", "'" + volunteerId
                    + "' is " + (volunteer.erased ? "erased" : volunteer.status), Map.of("field", field));
        }
    }

    private static ResponseEntity<TeamChanged> changed(String teamId, Object version) {
        long newVersion = ((Number) version).longValue();
        return ResponseEntity.ok().eTag(Versions.etag(newVersion)).body(new TeamChanged(teamId, newVersion));
    }
}
