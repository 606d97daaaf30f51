package cloud.practice.request.activity.web;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.support.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.request.activity.api.ActivityCommands.CancelSignUpCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckInActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckOutActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CloseActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.PublishActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.Role;
import cloud.practice.request.activity.api.ActivityCommands.SignUpCommand;
import cloud.practice.request.activity.query.ActivityProjection;
import cloud.practice.request.activity.query.ActivityView;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.ApiFormats;
import cloud.practice.support.web.Location;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
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

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;

/** Practice activities: published by a unit, signed up for within capacity, attended, closed. */
@RestController
@Validated
@RequestMapping("/api/v1/activities")
@Tag(name = "activities", description = "文明实践活动: publish, sign up, attend, close")
public class ActivityController {

    private final RequestAccess access;


    private final CommandGateway commands;
    private final ActivityProjection activities;
    private final OrgUnitDirectory units;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    public ActivityController(RequestAccess access, CommandGateway commands, ActivityProjection activities, OrgUnitDirectory units,
                              IdempotentRequests idempotency, Clock clock) {
        this.access = access;
        this.commands = commands;
        this.activities = activities;
        this.units = units;
        this.idempotency = idempotency;
        this.clock = clock;
    }


    public record Publish(@NotBlank @Pattern(regexp = ID) String unitId, @NotNull ServicePlatform platform,
                          @NotBlank @Size(max = 200) String title, @Size(max = 200) String place, @Valid Location location,
                          @NotNull Instant startsAt, @NotNull Instant endsAt,
                          @Min(0) @Max(10000) int volunteerCapacity, @Min(0) @Max(100000) int residentCapacity,
                          Instant signUpOpens, Instant signUpCloses, @Pattern(regexp = ID) String pairingId) {
    }

    public record Participant(@NotBlank @Pattern(regexp = ID) String participantId, @NotNull Role role) {
    }

    public record Attendance(@NotBlank @Pattern(regexp = ID) String participantId, Instant at) {
    }

    /** A check-in by hand, with why if staff say (at most {@value #MAX_REASON} characters once trimmed). */
    public record HandCheckIn(@NotBlank @Pattern(regexp = ID) String participantId, Instant at, String reason) {
    }

    static final int MAX_REASON = 200;

    public record Close(@Size(max = 2000) String summary) {
    }

    /** An activity published: the id it goes by from now on. */
    public record NewActivity(String activityId) {
    }

    public record SignedUp(String activityId, String participantId,
                           @Schema(description = "The places of the participant's role (volunteer or resident) "
                                   + "still free after this sign-up") int placesLeft) {
    }

    /** A participant's sign-up cancelled, or their arrival or leaving recorded. */
    public record ParticipantRecorded(String activityId, String participantId) {
    }

    /** An activity closed ({@code closed} is always true). */
    public record ClosedActivity(String activityId, boolean closed) {
    }

    @PostMapping
    @Operation(summary = "Publish an activity (Idempotency-Key supported)")
    @ApiResponse(responseCode = "201", description = "Published; Location names the activity",
            content = @Content(schema = @Schema(implementation = NewActivity.class)))
    public ResponseEntity<?> publish(@Parameter(hidden = true) Caller caller, District district,
                                     @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                     @Valid @RequestBody Publish body) {
        access.manageActivity(caller, district.id(), body.unitId(), body.platform());
        return idempotency.run(district.id(), key, body, () -> {
            if (units.unit(district.id(), body.unitId()).isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit", "Unit '" + body.unitId()
                        + "' is not known in this district", Map.of("field", "unitId"));
            }
            String activityId = "act-" + UUID.randomUUID();
            Instant now = clock.instant();
            commands.sendAndWait(new PublishActivityCommand(activityId, district.id(), body.unitId(), body.platform(),
                    body.title().strip(), body.place(),
                    Location.toPoint(body.location()),
                    body.startsAt(), body.endsAt(), body.volunteerCapacity(), body.residentCapacity(),
                    body.signUpOpens() == null ? now : body.signUpOpens(),
                    body.signUpCloses() == null ? body.startsAt() : body.signUpCloses(), body.pairingId()));
            return ResponseEntity.created(URI.create("/api/v1/activities/" + activityId + "?district=" + district.id()))
                    .body(new NewActivity(activityId));
        });
    }

    @GetMapping
    @Operation(summary = "The district's activities (of a unit if given), a page at a time")
    public Page<ActivityView> list(@Parameter(hidden = true) Caller caller, District district,
                                   @RequestParam(required = false) @Pattern(regexp = ID) String unitId,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        access.readDistrict(caller, district.id());
        return Page.of(activities.activities(district.id(), unitId), page, size);
    }

    @GetMapping("/{activityId}")
    public ActivityView activity(@Parameter(hidden = true) Caller caller, @PathVariable String activityId, District district) {
        access.readActivity(caller, district.id(), activityId);
        return activities.activity(district.id(), activityId).orElseThrow(() -> ApiException.notFound("activity", activityId));
    }

    @PostMapping("/{activityId}/sign-ups")
    @Operation(summary = "Sign up; capacity is never exceeded, however many sign up at once (409 activity-full)")
    public SignedUp signUp(@Parameter(hidden = true) Caller caller, @PathVariable String activityId, District district,
                                      @Valid @RequestBody Participant body) {
        access.participate(caller, district.id(), activityId, body.participantId(), body.role());
        existing(district.id(), activityId);
        int left = ConflictRetry.onConflict(() -> commands.sendAndWait(new SignUpCommand(activityId,
                body.participantId(), body.role())));
        return new SignedUp(activityId, body.participantId(), left);
    }

    @PostMapping("/{activityId}/sign-ups/{participantId}/cancel")
    public ParticipantRecorded cancel(@Parameter(hidden = true) Caller caller, @PathVariable String activityId, @PathVariable String participantId,
                                      District district) {
        access.participate(caller, district.id(), activityId, participantId, null);
        existing(district.id(), activityId);
        ConflictRetry.onConflict(() -> commands.sendAndWait(new CancelSignUpCommand(activityId, participantId)));
        return new ParticipantRecorded(activityId, participantId);
    }

    @PostMapping("/{activityId}/check-in")
    @Operation(summary = "Check a participant in by hand, optionally with a reason (at most " + MAX_REASON
            + " characters once trimmed; blank: none), recorded as method STAFF")
    public ParticipantRecorded checkIn(@Parameter(hidden = true) Caller caller, @PathVariable String activityId, District district,
                                       @Valid @RequestBody HandCheckIn body) {
        access.manageActivityOf(caller, district.id(), activityId);
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason", "A reason has at most " + MAX_REASON + " characters");
        }
        existing(district.id(), activityId);
        ConflictRetry.onConflict(() -> commands.sendAndWait(new CheckInActivityCommand(activityId,
                body.participantId(), ApiFormats.reportedTime(body.at(), clock), reason)));
        return new ParticipantRecorded(activityId, body.participantId());
    }

    @PostMapping("/{activityId}/check-out")
    public ParticipantRecorded checkOut(@Parameter(hidden = true) Caller caller, @PathVariable String activityId, District district,
                                        @Valid @RequestBody Attendance body) {
        access.manageActivityOf(caller, district.id(), activityId);
        existing(district.id(), activityId);
        ConflictRetry.onConflict(() -> commands.sendAndWait(new CheckOutActivityCommand(activityId,
                body.participantId(), ApiFormats.reportedTime(body.at(), clock))));
        return new ParticipantRecorded(activityId, body.participantId());
    }

    @PostMapping("/{activityId}/close")
    public ClosedActivity close(@Parameter(hidden = true) Caller caller, @PathVariable String activityId, District district,
                                     @Valid @RequestBody Close body) {
        access.manageActivityOf(caller, district.id(), activityId);
        existing(district.id(), activityId);
        ConflictRetry.onConflict(() -> commands.sendAndWait(new CloseActivityCommand(activityId, body.summary())));
        return new ClosedActivity(activityId, true);
    }

    private void existing(String district, String activityId) {
        if (activities.activity(district, activityId).isEmpty()) {
            throw ApiException.notFound("activity", activityId);
        }
    }


}
