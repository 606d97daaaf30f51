package cloud.practice.request.activity.checkin.web;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.request.activity.api.ActivityCommands.Role;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckIn;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckInAction;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckInCommand;
import cloud.practice.request.activity.checkin.CheckInCodes;
import cloud.practice.request.activity.checkin.CheckInCodes.IssuedCode;
import cloud.practice.request.activity.query.ActivityProjection;
import cloud.practice.request.activity.query.ActivityView;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;


/**
 * QR self check-in (issue 27): staff show the activity's current code, a person who signed up scans it to check in
 * and — a volunteer — scans again to check out. The code is checked here, before any command: nothing changes when
 * it is refused.
 */
@RestController
@Validated
@RequestMapping("/api/v1/activities")
@Tag(name = "activities", description = "文明实践活动: publish, sign up, attend, close")
public class CheckInController {

    /** Four dot-separated parts; what they hold is the code's to judge (422). */
    static final String CODE_SHAPE = "[^.]+\\.[^.]+\\.[^.]+\\.[^.]+";

    private final RequestAccess access;
    private final CommandGateway commands;
    private final ActivityProjection activities;
    private final CheckInCodes codes;

    public CheckInController(RequestAccess access, CommandGateway commands, ActivityProjection activities,
                             CheckInCodes codes) {
        this.access = access;
        this.commands = commands;
        this.activities = activities;
        this.codes = codes;
    }

    public record Scan(@NotBlank @Size(max = 200) @Pattern(regexp = CODE_SHAPE) String code) {
    }

    public record Scanned(String activityId, String participantId, Role role, SelfCheckInAction action, Instant at) {
    }

    @GetMapping("/{activityId}/check-in-code")
    @Operation(summary = "The activity's check-in code to show as a QR now (those who manage the activity; never"
            + " cached). Show the next one at refreshAt; this one is accepted until expiresAt. 409 activity-closed")
    public ResponseEntity<IssuedCode> checkInCode(@Parameter(hidden = true) Caller caller, @PathVariable String activityId,
                                                  District district) {
        access.manageActivityOf(caller, district.id(), activityId);
        ActivityView activity = activities.activity(district.id(), activityId)
                .orElseThrow(() -> ApiException.notFound("activity", activityId));
        if (activity.closed) {
            throw ApiException.conflict("activity-closed", "Activity '" + activityId + "' is closed");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(codes.issue(district.id(), activityId));
    }

    @PostMapping("/{activityId}/self-check-in")
    @Operation(summary = "Check in by scanning the activity's code (a resident or volunteer who signed up, as"
            + " themselves); a volunteer's next scan checks them out. 422 check-in-code-invalid /"
            + " check-in-code-expired; 409 already-checked-in / already-checked-out / activity-closed; 403"
            + " not-signed-up, or forbidden to staff and machine clients (they check people in by hand)")
    public Scanned selfCheckIn(@Parameter(hidden = true) Caller caller, @PathVariable String activityId,
                               District district,
                               @Valid @RequestBody Scan body) {
        access.checkInSelf(caller, district.id(), activityId);
        switch (codes.verify(district.id(), activityId, body.code())) {
            case INVALID -> throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "check-in-code-invalid",
                    "This is not a check-in code of activity '" + activityId + "'");
            case EXPIRED -> throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "check-in-code-expired",
                    "This check-in code has expired: scan the code shown now");
            case VALID -> {
            }
        }
        String volunteerId = caller.role().isVolunteer() ? caller.volunteerId() : null;
        SelfCheckIn done = ConflictRetry.onConflict(() -> commands.sendAndWait(new SelfCheckInCommand(activityId,
                volunteerId, caller.userId())));
        return new Scanned(activityId, done.participantId(), done.role(), done.action(), done.at());
    }
}
