package cloud.practice.request.lifecycle.web;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.support.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import cloud.practice.events.request.Channel;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.request.lifecycle.api.RequestCommands.AcceptRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.AddStaffNoteCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CancelRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ClaimRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DeclineOfferCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckInRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckOutRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CompleteRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DispatchRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.RateRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReopenRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReviewRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ImportRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.SubmitRequestCommand;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.lifecycle.intake.OrderIntake;
import cloud.practice.request.lifecycle.query.RequestSearch;
import cloud.practice.request.lifecycle.api.ServiceRequestMeta;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.ApiFormats;
import cloud.practice.support.web.Location;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import cloud.practice.support.web.Versions;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.axon.ExpectedVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
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

import static cloud.practice.support.web.ApiFormats.DISTRICT;
import static cloud.practice.support.web.ApiFormats.ID;

/**
 * Service requests through the four-order loop, for the person or system the token names ({@link Caller}): access is
 * decided here before any command; the body still names the acting requester, reviewer or volunteer (the contract
 * the integrators use), and the aggregate checks it is the right person for the step.
 */
@RestController
@Validated
@RequestMapping("/api/v1/requests")
@Tag(name = "requests", description = "Order, review, dispatch, accept, serve, rate, reopen, cancel")
public class RequestController {

    /** A menu item as a list narrows by it: its code, or as orders carry it ({@code <district>/<code>}). */
    private static final String MENU_ITEM = "(" + DISTRICT + "/)?[A-Za-z0-9][A-Za-z0-9._-]{0,31}";

    private final RequestAccess access;


    private final CommandGateway commands;
    private final RequestProjection requests;
    private final MenuProjection menu;
    private final OrgUnitDirectory units;
    private final IdempotentRequests idempotency;
    private final OrderIntake intake;
    private final Clock clock;

    public RequestController(RequestAccess access, CommandGateway commands, RequestProjection requests, MenuProjection menu,
                             OrgUnitDirectory units, IdempotentRequests idempotency, OrderIntake intake, Clock clock) {
        this.access = access;
        this.commands = commands;
        this.requests = requests;
        this.menu = menu;
        this.units = units;
        this.idempotency = idempotency;
        this.intake = intake;
        this.clock = clock;
    }


    public record Order(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}") String menuItem,
                        @Size(max = 2000) String description, @Valid Location location,
                        @Size(max = 60) String community, @Size(max = 200) String address,
                        @Size(max = 60) String grid, @NotNull Channel channel,
                        @NotBlank @Pattern(regexp = ID) String requesterId,
                        @Pattern(regexp = "[0-9+\\- ]{5,20}") String contact,
                        Instant preferredFrom, Instant preferredTo, @Size(max = 50) Map<String, Object> answers) {
    }

    public record Review(boolean accept, @NotBlank @Pattern(regexp = ID) String reviewerId, @Size(max = 500) String reason) {
    }

    public record Dispatch(@Size(max = 50) List<@NotBlank @Pattern(regexp = ID) String> volunteerIds,
                           @Pattern(regexp = ID) String teamId) {
    }

    public record VolunteerAction(@NotBlank @Pattern(regexp = ID) String volunteerId, Instant at, @Valid Location location,
                                  @Size(max = 2000) String notes) {
    }

    public record Claim(@NotBlank @Pattern(regexp = ID) String teamId, @NotBlank @Pattern(regexp = ID) String leaderId) {
    }

    public record Decline(@NotBlank @Pattern(regexp = ID) String volunteerId, @Size(max = 500) String reason) {
    }

    public record Rating(@NotBlank @Pattern(regexp = ID) String requesterId, @Min(1) @Max(5) int rating, boolean solved,
                         @Size(max = 1000) String comment) {
    }

    /** A staff note; its length (1-500 characters once trimmed) is the aggregate's rule. */
    public record Note(@NotNull String text) {
    }

    public record RequesterAction(@NotBlank @Pattern(regexp = ID) String requesterId, @Size(max = 500) String reason) {
    }

    /** A request placed or imported: its id and the station responsible for it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestCreated(String requestId, String responsibleUnitId,
                                 @Schema(description = "The requester's open request of the same menu item, when "
                                         + "a new order has one; absent otherwise (and on an imported history)")
                                 String possibleDuplicateOf) {
    }

    /** An action the request took. */
    public record RequestActedOn(String requestId) {
    }

    @PostMapping
    @Operation(summary = "Order a service (点单) for oneself, or — grid workers (channel GRID_WORKER), the district's "
            + "admins and systems — for a resident named by requesterId; the caller is recorded as keyedBy; "
            + "Idempotency-Key supported")
    @ApiResponse(responseCode = "201", description = "Placed; Location names the request",
            content = @Content(schema = @Schema(implementation = RequestCreated.class)))
    public ResponseEntity<?> order(@Parameter(hidden = true) Caller caller, District district,
                                   @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                   @Valid @RequestBody Order body) {
        access.order(caller, district.id(), body.requesterId(), body.channel());
        return idempotency.run(district.id(), key, body, () -> {
            OrderIntake.Placed placed = intake.place(newOrder(district.id(), body, caller.userId()));
            return ResponseEntity.created(URI.create("/api/v1/requests/" + placed.requestId() + "?district="
                    + district.id())).body(new RequestCreated(placed.requestId(), placed.responsible().unitId(),
                    placed.possibleDuplicateOf()));
        });
    }

    /**
     * The body as the intake takes it: answers as JSON typed them, the station by community or location, and who
     * keyed it (the caller's account or client id; never taken from the body).
     */
    private static OrderIntake.NewOrder newOrder(String district, Order body, String keyedBy) {
        return new OrderIntake.NewOrder(district, body.menuItem(), item -> body.answers(),
                Location.toPoint(body.location()), body.community(), body.address(), false, body.grid(),
                body.channel(), body.requesterId(), body.contact(), body.description(), body.preferredFrom(),
                body.preferredTo(), keyedBy);
    }

    @PostMapping("/history")
    @Operation(summary = "Bring in a request from before the platform with its whole history (machine clients of the "
            + "district; each step at its own time, through the live rules; all or nothing; Idempotency-Key supported)")
    @ApiResponse(responseCode = "201", description = "Imported; Location names the request",
            content = @Content(schema = @Schema(implementation = RequestCreated.class)))
    public ResponseEntity<?> importHistory(@Parameter(hidden = true) Caller caller,
                                           District district,
                                           @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                           @Valid @RequestBody PastRequests.History body) {
        access.importHistory(caller, district.id());
        return idempotency.run(district.id(), key, body, () -> {
            String requestId = "req-" + UUID.randomUUID();
            SubmitRequestCommand order = intake.pastOrder(requestId, newOrder(district.id(), body.order(), caller.userId()));
            commands.sendAndWait(new ImportRequestCommand(requestId, order, body.submittedAt(),
                    PastRequests.steps(requestId, body, clock.instant()), PastRequests.unitChain(units, district.id(), order.responsibleUnitId())));
            return ResponseEntity.created(URI.create("/api/v1/requests/" + requestId + "?district=" + district.id()))
                    .body(new RequestCreated(requestId, order.responsibleUnitId(), null));
        });
    }

    @GetMapping("/{requestId}")
    @Operation(summary = "A request with its full history (keyedBy shown to staff only); its ETag is the version an "
            + "If-Match on an action expects")
    public ResponseEntity<RequestView> request(@Parameter(hidden = true) Caller caller, @PathVariable String requestId,
                                               District district) {
        RequestView view = requests.request(district.id(), requestId).orElseThrow(() -> ApiException.notFound("request", requestId));
        access.read(caller, view);
        return ResponseEntity.ok().eTag(Versions.etag(view.appliedSequence)).body(access.shownTo(caller, view));
    }

    @PostMapping("/{requestId}/claim")
    @Operation(summary = "A team claims an open order (抢单)")
    public RequestActedOn claim(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                     @Valid @RequestBody Claim body) {
        access.actAsVolunteer(caller, district.id(), requestId, body.leaderId());
        return send(district.id(), requestId, new ClaimRequestCommand(requestId, body.teamId(), body.leaderId()));
    }

    @PostMapping("/{requestId}/decline")
    @Operation(summary = "An offered volunteer declines; when all have, new candidates are sought")
    public RequestActedOn decline(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                       @Valid @RequestBody Decline body) {
        access.actAsVolunteer(caller, district.id(), requestId, body.volunteerId());
        return send(district.id(), requestId, new DeclineOfferCommand(requestId, body.volunteerId(), body.reason()));
    }

    @GetMapping
    @Operation(summary = "A requester's own requests, a unit's queue (with its subtree unless subtree=false), "
            + "a sub-center's platforms, a volunteer's offers and assignments, the orders a grid worker keyed, "
            + "overdue and escalated ones; for a team leader with claimable=true, the requests their teams may "
            + "claim now (抢单). Narrowed further by statuses, platforms, menu items, channels and the period of "
            + "submission (each repeatable or comma-separated); newest first, paged by the store. Volunteers see "
            + "address, contact and the precise location only of requests they are assigned to and serving "
            + "(ACCEPTED, IN_SERVICE); elsewhere the location is rounded to about 110 m")
    public Page<RequestView> search(@Parameter(hidden = true) Caller caller, District district,
                                    @Parameter(description = "Any of these statuses")
                                    @RequestParam(required = false) @Size(max = 20) List<RequestStatus> status,
                                    @RequestParam(required = false) @Pattern(regexp = ID) String unitId,
                                    @RequestParam(defaultValue = "true") boolean subtree,
                                    @RequestParam(defaultValue = "false") boolean escalated,
                                    @RequestParam(required = false) @Pattern(regexp = ID) String requesterId,
                                    @RequestParam(required = false) @Pattern(regexp = ID) String volunteerId,
                                    @RequestParam(defaultValue = "false") boolean overdue,
                                    @Parameter(description = "Any of these platforms")
                                    @RequestParam(required = false) @Size(max = 20) List<cloud.practice.events.ServicePlatform> platform,
                                    @Parameter(description = "Any of these menu items, by code or as orders carry "
                                            + "them (<district>/<code>)")
                                    @RequestParam(required = false) @Size(max = 50)
                                    List<String> menuItem,
                                    @Parameter(description = "Ordered through any of these channels")
                                    @RequestParam(required = false) @Size(max = 20) List<Channel> channel,
                                    @Parameter(description = "Submitted at or after (an instant with its zone)")
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                    Instant submittedFrom,
                                    @Parameter(description = "Submitted before (an instant with its zone)")
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                    Instant submittedTo,
                                    @Parameter(description = "Only the requests waiting for dispatch (REVIEWED) that "
                                            + "a team the caller leads may claim now: of one of the team's platforms, "
                                            + "its responsible unit the team's unit or below. Team leaders only (else "
                                            + "403); not with requesterId or volunteerId")
                                    @RequestParam(defaultValue = "false") boolean claimable,
                                    @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (submittedFrom != null && submittedTo != null && !submittedTo.isAfter(submittedFrom)) {
            throw ApiException.badRequest("submittedTo", "submittedTo must be after submittedFrom");
        }
        RequestSearch asked = RequestSearch.of(district.id()).withStatuses(status)
                .withItemsAndChannels(menuItem == null ? null : menuItem.stream()
                        .map(item -> menuItemOf(district.id(), item)).collect(java.util.stream.Collectors.toSet()), channel)
                .submitted(submittedFrom, submittedTo)
                .clocks(overdue ? clock.instant() : null, escalated);
        if (claimable) {
            return Page.of(claimable(caller, district.id(), asked, unitId, subtree, requesterId, volunteerId, platform)
                    .stream().map(view -> access.shownTo(caller, view)).toList(), page, size);
        }
        RequestAccess.SearchFilters filters = access.search(caller, district.id(), unitId, requesterId, volunteerId);
        java.util.Collection<String> units = filters.unitId() == null ? null
                : subtree ? this.units.subtree(district.id(), filters.unitId()) : List.of(filters.unitId());
        Page<RequestView> found = requests.page(asked.withUnits(units)
                .withPeople(filters.requesterId(), filters.volunteerId(), filters.keyedBy())
                .withPlatforms(both(filters.platforms(), platform)), page, size);
        return new Page<>(found.items().stream().map(view -> access.shownTo(caller, view)).toList(), page, size,
                found.total());
    }

    /** A menu item as orders carry it: a code alone is this district's; another district's item is refused. */
    private static String menuItemOf(String district, String given) {
        if (!given.matches(MENU_ITEM)) {
            throw ApiException.badRequest("menuItem", "'" + given + "' is not a menu item's code or id");
        }
        int slash = given.indexOf('/');
        if (slash < 0) {
            return MenuCommands.itemId(district, given);
        }
        if (!given.substring(0, slash).equals(district)) {
            throw ApiException.badRequest("menuItem", "'" + given + "' is a menu item of another district");
        }
        return given;
    }

    /** Platforms both allow (either alone when the other is not given). */
    private static java.util.Collection<cloud.practice.events.ServicePlatform> both(
            java.util.Collection<cloud.practice.events.ServicePlatform> allowed,
            java.util.Collection<cloud.practice.events.ServicePlatform> asked) {
        if (allowed == null || asked == null) {
            return allowed == null ? asked : allowed;
        }
        java.util.Set<cloud.practice.events.ServicePlatform> both = new java.util.HashSet<>(allowed);
        both.retainAll(asked);
        return both;
    }

    /**
     * What the caller's teams may claim: REVIEWED requests within the remit of one of them (the claim's own rule,
     * {@code KnownTeam#covers}); the other filters narrow it further.
     */
    private List<RequestView> claimable(Caller caller, String district, RequestSearch asked, String unitId,
                                        boolean subtree, String requesterId, String volunteerId,
                                        java.util.Collection<cloud.practice.events.ServicePlatform> platform) {
        if (requesterId != null) {
            throw ApiException.badRequest("requesterId", "claimable=true lists what a team may claim; it is not "
                    + "combined with requesterId");
        }
        if (volunteerId != null) {
            throw ApiException.badRequest("volunteerId", "claimable=true lists what a team may claim; it is not "
                    + "combined with volunteerId");
        }
        var teams = access.claimingTeams(caller, district);
        if (asked.statuses() != null && !asked.statuses().contains(RequestStatus.REVIEWED)) {
            return List.of(); // only requests waiting for dispatch can be claimed
        }
        java.util.Set<String> within = new java.util.HashSet<>();
        teams.forEach(team -> within.addAll(units.subtree(district, team.unitId())));
        if (unitId != null) {
            within.retainAll(subtree ? units.subtree(district, unitId) : java.util.Set.of(unitId));
        }
        java.util.Set<cloud.practice.events.ServicePlatform> platforms = new java.util.HashSet<>();
        teams.forEach(team -> platforms.addAll(team.platforms()));
        return requests.search(asked.withStatuses(List.of(RequestStatus.REVIEWED)).withUnits(within)
                        .withPlatforms(both(platforms, platform))).stream()
                .filter(view -> teams.stream().anyMatch(team -> team.covers(view.platform, view.unitId, units)))
                .toList();
    }

    @PostMapping("/{requestId}/review")
    @Operation(summary = "Accept for dispatch or reject with a reason (审单)")
    public RequestActedOn review(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                      @Valid @RequestBody Review body) {
        access.administer(caller, district.id(), requestId, body.reviewerId());
        return send(district.id(), requestId, new ReviewRequestCommand(requestId, body.accept(), body.reviewerId(), body.reason()));
    }

    @PostMapping("/{requestId}/dispatch")
    @Operation(summary = "Dispatch by hand to named volunteers or a team (派单)")
    public RequestActedOn dispatch(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                        @Valid @RequestBody Dispatch body) {
        access.administer(caller, district.id(), requestId, null);
        return send(district.id(), requestId, new DispatchRequestCommand(requestId,
                body.volunteerIds() == null ? List.of() : body.volunteerIds(), body.teamId(), "MANUAL"));
    }

    @PostMapping("/{requestId}/notes")
    @Operation(summary = "A staff note on the order, in any status (closed ones too): by those who may review or "
            + "dispatch it (the admins over its responsible unit, the sub-center of its platform, the district's "
            + "systems), written as the caller. text: 1-" + AddStaffNoteCommand.MAX_CHARACTERS + " characters once "
            + "trimmed, else 400 naming text. The note joins the history as noted-by-staff (by: the author, detail: "
            + "the text, at: when), shown to staff only; it stays inside request-service (never on the request "
            + "topic). If-Match as on every action (412 when stale)")
    public RequestActedOn note(@Parameter(hidden = true) Caller caller, @PathVariable String requestId,
                                    District district,
                                    @Valid @RequestBody Note body) {
        access.administer(caller, district.id(), requestId, null);
        return send(district.id(), requestId, new AddStaffNoteCommand(requestId, caller.userId(), body.text()));
    }

    @PostMapping("/{requestId}/accept")
    @Operation(summary = "Accept an offered request (接单); exactly one volunteer wins, the others get 409")
    public RequestActedOn accept(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                      @Valid @RequestBody VolunteerAction body) {
        access.actAsVolunteer(caller, district.id(), requestId, body.volunteerId());
        return send(district.id(), requestId, new AcceptRequestCommand(requestId, body.volunteerId()));
    }

    @PostMapping("/{requestId}/check-in")
    @Operation(summary = "The accepted volunteer checks in, optionally with their location; farther from the "
            + "request's location than the district's location rule allows (GET /menu/defaults/location-rule) it is "
            + "flagged for review (location-flagged in the history) or refused (422 too-far-from-the-request naming "
            + "location, nothing recorded). Without a location nothing is checked")
    public RequestActedOn checkIn(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                       @Valid @RequestBody VolunteerAction body) {
        access.actAsVolunteer(caller, district.id(), requestId, body.volunteerId());
        return send(district.id(), requestId, new CheckInRequestCommand(requestId, body.volunteerId(), ApiFormats.reportedTime(body.at(), clock),
                Location.toPoint(body.location()), menu.locationRule(district.id())));
    }

    @PostMapping("/{requestId}/check-out")
    @Operation(summary = "The volunteer checks out, optionally with notes and their location, checked as on check-in")
    public RequestActedOn checkOut(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                        @Valid @RequestBody VolunteerAction body) {
        access.actAsVolunteer(caller, district.id(), requestId, body.volunteerId());
        return send(district.id(), requestId, new CheckOutRequestCommand(requestId, body.volunteerId(), ApiFormats.reportedTime(body.at(), clock), body.notes(),
                Location.toPoint(body.location()), menu.locationRule(district.id())));
    }

    @PostMapping("/{requestId}/complete")
    public RequestActedOn complete(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                        @Valid @RequestBody VolunteerAction body) {
        access.actAsVolunteer(caller, district.id(), requestId, body.volunteerId());
        return send(district.id(), requestId, new CompleteRequestCommand(requestId, body.volunteerId()));
    }

    @PostMapping("/{requestId}/rate")
    @Operation(summary = "Rate the service 1-5 (评单)")
    public RequestActedOn rate(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                    @Valid @RequestBody Rating body) {
        access.actAsRequester(caller, district.id(), requestId, body.requesterId(), false);
        return send(district.id(), requestId, new RateRequestCommand(requestId, body.requesterId(), body.rating(),
                body.solved(), body.comment()));
    }

    @PostMapping("/{requestId}/reopen")
    @Operation(summary = "Reopen within the window after a low rating or when the need was not met")
    public RequestActedOn reopen(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                      @Valid @RequestBody RequesterAction body) {
        access.actAsRequester(caller, district.id(), requestId, body.requesterId(), false);
        return send(district.id(), requestId, new ReopenRequestCommand(requestId, body.requesterId(), body.reason()));
    }

    @PostMapping("/{requestId}/cancel")
    public RequestActedOn cancel(@Parameter(hidden = true) Caller caller, @PathVariable String requestId, District district,
                                      @Valid @RequestBody RequesterAction body) {
        access.actAsRequester(caller, district.id(), requestId, body.requesterId(), true);
        return send(district.id(), requestId, new CancelRequestCommand(requestId, body.requesterId(), body.reason()));
    }

    private RequestActedOn send(String district, String requestId, Object command) {
        // The read model may trail the write side by milliseconds; the aggregate is the authority on existence.
        // The aggregate refuses a request of another district as unknown (see ServiceRequest#withinDistrict).
        Long expected = Versions.expectedVersion(currentIfMatch());
        try {
            ConflictRetry.onConflict(() -> commands.sendAndWait(ExpectedVersion.attach(command, expected,
                    Map.of(ServiceRequestMeta.DISTRICT, district))));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("request", requestId);
        }
        return new RequestActedOn(requestId);
    }

    private static String currentIfMatch() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        return attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                ? servlet.getRequest().getHeader(org.springframework.http.HttpHeaders.IF_MATCH) : null;
    }

}
