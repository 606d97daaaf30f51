package cloud.practice.request.access;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.request.activity.api.ActivityCommands;
import cloud.practice.request.activity.query.ActivityProjection;
import cloud.practice.request.activity.query.ActivityView;
import cloud.practice.request.directory.SubCenterPlatforms;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.request.directory.VolunteerDirectory.KnownTeam;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every authorisation rule of request-service, on top of the scopes (requests:read, requests:write). People act as
 * themselves: a requester is named by their account id (the token's subject), a volunteer by their registry id (the
 * token's {@code practice_volunteer} claim, {@link Caller#is}, never the subject). Admins may act for volunteers and
 * requesters of units in their subtree (a station records what was phoned in), a sub-center admin likewise for the
 * requests and activities of its platforms across the district, and machine clients of the district act for anyone
 * of it. A grid worker (网格员) keys orders for residents (channel GRID_WORKER) and follows those it keyed.
 *
 * <pre>
 * action                                  SYSTEM of district  admin over the unit /    requester  offered/assigned volunteer  grid worker          analyst
 *                                                             sub-center of the platform
 * order                                   for anyone          for anyone (admins only)  as self    as self (VOLUNTEER too)     for anyone, GRID_WORKER channel  no
 * import a past request with its history  yes                 no                        no         no                          no                   no
 * read a request                          yes                 yes                       own        yes (*)                     those it keyed       yes
 * list                                    any filter          unit within subtree /     own only   own offers/assignments (*)  those it keyed       any
 *                                                             its platforms
 * list / read what a team may claim       no                  no                        no         a leader: its teams' remit  no                   no
 *                                                                                                  (*)
 * review, dispatch                        yes                 yes (reviewer = self)     no         no                          no                   no
 * note (staff notes), any status          yes                 yes (author = self)       no         no                          no                   no
 * accept, decline, check in/out, complete yes                 yes                       no         as self                     no                   no
 * claim for a team                        yes                 yes                       no         as the team's leader        no                   no
 * rate, reopen                            yes                 no                        as self    no                          no                   no
 * cancel                                  yes                 yes                       as self    no                          no                   no
 * menu: read / change                     yes / yes           yes / district admin      yes / no   yes / no                    yes / no             yes / no
 * activity: publish, check in/out, close  yes                 activity's unit/platform  no         no                          no                   no
 * activity: sign up, cancel               yes                 activity's unit/platform  as self    as self                     no                   no
 * activity: its check-in code             yes                 activity's unit/platform  no         no                          no                   no
 * activity: self check-in (scan the code) no                  no                        as self    as self                     no                   no
 * </pre>
 * Channel GRID_WORKER is a grid worker's (or a district system's, or an admin keying for one); a grid worker orders
 * through it only (422 {@code channel-not-allowed} naming {@code channel}). Who keyed an order ({@code keyedBy}) is
 * shown to staff only, never to residents or volunteers; so are staff notes (history entries
 * {@value RequestView#NOTED_BY_STAFF}: they may name people and are written for colleagues).
 *
 * <p>(*) Where to go and whom to call — the address, the masked contact and the precise location — reach a volunteer
 * only while they are the request's assigned volunteer and it is ACCEPTED or IN_SERVICE ({@link #seesWhereAndWho}).
 * Offered volunteers, a leader looking at what a team may claim, and the assigned volunteer once checked out (SERVED
 * onwards: they have left) see the request without them and its location rounded to {@link #COARSE_DECIMALS}
 * decimals (about 110 m, as Open311's public view shows it by default). A volunteer reading their own order as its
 * requester sees it whole.
 *
 * <p>A team's remit ({@link KnownTeam#covers}): REVIEWED requests of one of the team's platforms whose responsible
 * unit is the team's unit or below it. Its leader lists them ({@code claimable=true}), reads them and claims them.
 *
 * <p>A request the read model does not show yet is refused to people with 404 (it appears within milliseconds). A
 * request or activity the caller may not read (another district's, another station's, another platform's, another
 * resident's) answers 404 {@code not-found} exactly as a missing id does, so ids cannot be probed; 403 only where the
 * caller can read it.
 */
@Component
public class RequestAccess {

    private final OrgUnitDirectory units;
    private final SubCenterPlatforms subCenters;
    private final RequestProjection requests;
    private final ActivityProjection activities;
    private final VolunteerDirectory volunteers;

    /** Decimal places of the location shown to volunteers who are not (or no longer) on their way: about 110 m. */
    public static final int COARSE_DECIMALS = 3;

    public RequestAccess(OrgUnitDirectory units, SubCenterPlatforms subCenters, RequestProjection requests,
                         ActivityProjection activities, VolunteerDirectory volunteers) {
        this.units = units;
        this.subCenters = subCenters;
        this.requests = requests;
        this.activities = activities;
        this.volunteers = volunteers;
    }

    /**
     * The filters a search runs with: the caller's own where they may see only their own. {@code keyedBy} and
     * {@code platforms} are null when not applied.
     */
    public record SearchFilters(String unitId, String requesterId, String volunteerId, String keyedBy,
                                Set<ServicePlatform> platforms) {

        SearchFilters(String unitId, String requesterId, String volunteerId) {
            this(unitId, requesterId, volunteerId, null, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ menu

    public void readDistrict(Caller caller, String district) {
        if (!caller.belongsTo(district)) {
            throw forbidden("read the services of district '" + district + "'");
        }
    }

    public void manageMenu(Caller caller, String district) {
        if (!caller.isSystemOf(district) && !(caller.role() == Role.DISTRICT_ADMIN && caller.belongsTo(district))) {
            throw forbidden("change the menu of district '" + district + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * Who may order for whom, and through which channel: a resident or volunteer for themselves (their account id);
     * a grid worker of the district for any resident, always through channel GRID_WORKER; admins and machine clients
     * of the district for anyone, through any channel (they key phone and grid workers' orders already).
     */
    public void order(Caller caller, String district, String requesterId, Channel channel) {
        if (caller.isSystemOf(district) || caller.role().isAdmin() && caller.belongsTo(district)) {
            return;
        }
        if (caller.role() == Role.GRID_WORKER && caller.belongsTo(district)) {
            if (channel != Channel.GRID_WORKER) {
                throw channelNotAllowed(channel, "a grid worker orders through channel GRID_WORKER only");
            }
            return;
        }
        boolean person = caller.role() == Role.RESIDENT || caller.role().isVolunteer();
        if (!person || !caller.belongsTo(district) || !caller.userId().equals(requesterId)) {
            throw forbidden("order for '" + requesterId + "'");
        }
        if (channel == Channel.GRID_WORKER) {
            throw channelNotAllowed(channel, "only a grid worker (or the district's staff and systems) orders through"
                    + " channel GRID_WORKER");
        }
    }

    /** Who keyed an order in is for staff: residents and volunteers do not see the accounts behind the desk. */
    public boolean seesWhoKeyed(Caller caller) {
        return caller.role() != Role.RESIDENT && !caller.role().isVolunteer();
    }

    /**
     * Whether the caller sees where to go and whom to call (address, masked contact, precise location). Everyone who
     * may read the request does, except a volunteer (who is not its requester): they see them only as the assigned
     * volunteer while the request is ACCEPTED or IN_SERVICE — not while it is offered to them or open to their team's
     * claim, and not after they checked out (SERVED, COMPLETED, RATED: the visit is over).
     */
    public boolean seesWhereAndWho(Caller caller, RequestView view) {
        if (!caller.role().isVolunteer() || caller.userId().equals(view.requesterId)) {
            return true;
        }
        return caller.is(view.volunteerId)
                && (view.status == RequestStatus.ACCEPTED || view.status == RequestStatus.IN_SERVICE);
    }

    /**
     * The view as this caller may see it, in place (hand it a fresh copy from the store): who keyed the order and the
     * staff's notes are for staff only; where to go and whom to call only for those who need them
     * ({@link #seesWhereAndWho}). Single reads, lists and the live queue (ADR 0018) all show a request through this.
     */
    public RequestView shownTo(Caller caller, RequestView view) {
        if (!seesWhoKeyed(caller)) {
            view.keyedBy = null;
            view.history = new java.util.ArrayList<>(view.history.stream()
                    .filter(entry -> !RequestView.NOTED_BY_STAFF.equals(entry.event())).toList());
        }
        if (!seesWhereAndWho(caller, view)) {
            view.address = null;
            view.maskedContact = null;
            view.location = coarse(view.location);
        }
        return view;
    }

    /** A location rounded to {@link #COARSE_DECIMALS} places: the neighbourhood, not the door. */
    static GeoPoint coarse(GeoPoint location) {
        return location == null ? null : new GeoPoint(round(location.latitude()), round(location.longitude()));
    }

    private static double round(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).setScale(COARSE_DECIMALS, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * The teams whose claims a caller may list ({@code claimable=true}): the active teams of the district they lead
     * now, themselves an active volunteer of it — exactly the leaders a claim accepts. Anyone else: 403.
     */
    public List<KnownTeam> claimingTeams(Caller caller, String district) {
        List<KnownTeam> led = teamsLedBy(caller, district);
        if (led.isEmpty()) {
            throw forbidden("list requests open to a team's claim: only the leader of an active team of district '"
                    + district + "' may");
        }
        return led;
    }

    /** Earlier records come in from the district's own systems only, never from a person's session. */
    public void importHistory(Caller caller, String district) {
        if (!caller.isSystemOf(district)) {
            throw forbidden("import request histories into district '" + district + "'");
        }
    }

    /** A request the caller may not read is, to them, a request that does not exist (404, as for a missing id). */
    public void read(Caller caller, RequestView view) {
        if (!mayRead(caller, view)) {
            throw unknownRequest(view.requestId);
        }
    }

    private boolean mayRead(Caller caller, RequestView view) {
        return caller.isSystemOf(view.districtId) || handles(caller, view)
                || caller.role() == Role.ANALYST && caller.belongsTo(view.districtId)
                || caller.belongsTo(view.districtId) && (caller.role() == Role.GRID_WORKER
                ? caller.userId().equals(view.keyedBy)
                : caller.userId().equals(view.requesterId) || caller.is(view.volunteerId)
                || view.offeredTo.stream().anyMatch(caller::is) || openToTeamOf(caller, view));
    }

    /** A request waiting for dispatch within the remit of a team the caller (a volunteer) leads. */
    private boolean openToTeamOf(Caller caller, RequestView view) {
        return view.status == RequestStatus.REVIEWED && teamsLedBy(caller, view.districtId).stream()
                .anyMatch(team -> team.covers(view.platform, view.unitId, units));
    }

    /** The active teams of the district the caller leads, if they are an active volunteer of it (as a claim needs). */
    private List<KnownTeam> teamsLedBy(Caller caller, String district) {
        return caller.role().isVolunteer() && caller.belongsTo(district)
                && volunteers.active(district, caller.volunteerId())
                ? volunteers.teamsLedBy(district, caller.volunteerId()) : List.of();
    }

    public SearchFilters search(Caller caller, String district, String unitId, String requesterId,
                                String volunteerId) {
        if (caller.isSystemOf(district) || caller.role() == Role.ANALYST && caller.belongsTo(district)) {
            return new SearchFilters(unitId, requesterId, volunteerId);
        }
        if (!caller.belongsTo(district)) {
            throw forbidden("list requests of district '" + district + "'");
        }
        if (caller.role().isAdmin()) {
            if (unitId != null && !units.isWithin(district, unitId, caller.unitId())) {
                throw forbidden("list requests of unit '" + unitId + "'");
            }
            return new SearchFilters(unitId == null ? caller.unitId() : unitId, requesterId, volunteerId);
        }
        if (caller.role() == Role.SUBCENTER_ADMIN) {
            // Any unit of the district, but only the sub-center's platforms (none: an empty list).
            return new SearchFilters(unitId, requesterId, volunteerId, null,
                    subCenters.platforms(district, caller.unitId()));
        }
        if (caller.role() == Role.GRID_WORKER) {
            if (volunteerId != null) {
                throw forbidden("list the offers of '" + volunteerId + "'");
            }
            return new SearchFilters(unitId, requesterId, null, caller.userId(), null);
        }
        if (caller.role().isVolunteer() && requesterId == null) {
            if (volunteerId != null && !caller.is(volunteerId)) {
                throw forbidden("list the offers of '" + volunteerId + "'");
            }
            return new SearchFilters(unitId, null, caller.volunteerId());
        }
        if (requesterId != null && !requesterId.equals(caller.userId()) || volunteerId != null) {
            throw forbidden("list requests of others");
        }
        return new SearchFilters(unitId, caller.userId(), null);
    }

    /**
     * Who may follow a unit's queue live ({@code GET /requests/live}, ADR 0018): exactly those who may list it as a
     * queue — the district's systems and analysts, the admins (a unit within their subtree, by default their own) and
     * sub-center admins (their platforms, any unit) — with the list's own refusals ({@link #search}). Residents,
     * volunteers and grid workers, whose lists are narrowed to their own requests, offers or keyed orders, are
     * refused (403) as the list refuses them others' requests.
     */
    public SearchFilters followQueue(Caller caller, String district, String unitId) {
        SearchFilters filters = search(caller, district, unitId, null, null);
        if (filters.requesterId() != null || filters.volunteerId() != null || filters.keyedBy() != null) {
            throw forbidden("follow a queue of district '" + district + "': only its staff and systems may");
        }
        // A list of an unknown unit is merely empty; a stream of one would stay open on nothing, forever.
        if (unitId != null && units.unit(district, unitId).isEmpty()) {
            throw ApiException.notFound("unit", unitId);
        }
        return filters;
    }

    /**
     * Review, dispatch and staff notes: the admins over the responsible unit (or the sub-center of its platform); a
     * human reviewer names themselves (a note's author is always the caller).
     */
    public void administer(Caller caller, String district, String requestId, String actorId) {
        if (caller.isSystemOf(district)) {
            return;
        }
        RequestView view = visible(caller, district, requestId);
        if (!handles(caller, view) || actorId != null && !actorId.equals(caller.userId())) {
            throw refused(caller, view, "administer request '" + requestId + "'");
        }
    }

    public void actAsVolunteer(Caller caller, String district, String requestId, String volunteerId) {
        if (caller.isSystemOf(district) || caller.is(volunteerId) && caller.belongsTo(district)) {
            return;
        }
        RequestView view = visible(caller, district, requestId);
        if (!handles(caller, view)) {
            throw refused(caller, view, "act for volunteer '" + volunteerId + "'");
        }
    }

    /** Rate and reopen: the requester alone (or a machine client); {@code adminsToo} for cancelling. */
    public void actAsRequester(Caller caller, String district, String requestId, String requesterId,
                               boolean adminsToo) {
        boolean person = caller.role() == Role.RESIDENT || caller.role().isVolunteer();
        if (caller.isSystemOf(district) || person && caller.belongsTo(district) && caller.userId().equals(requesterId)) {
            return;
        }
        RequestView view = visible(caller, district, requestId);
        if (!(adminsToo && handles(caller, view))) {
            throw refused(caller, view, "act for requester '" + requesterId + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------ activities

    /** The admins over the unit, or a sub-center admin when the platform is one of its sub-center's. */
    public void manageActivity(Caller caller, String district, String unitId, ServicePlatform platform) {
        if (!caller.isSystemOf(district) && !adminOver(caller, district, unitId)
                && !subCenterOver(caller, district, platform)) {
            throw forbidden("manage activities of unit '" + unitId + "' on platform " + platform);
        }
    }

    public void manageActivityOf(Caller caller, String district, String activityId) {
        if (!caller.isSystemOf(district)) {
            ActivityView activity = activity(caller, district, activityId);
            manageActivity(caller, district, activity.unitId, activity.platform);
        }
    }

    /** Activities are readable district-wide; to a caller of another district one is unknown, like a missing id. */
    public void readActivity(Caller caller, String district, String activityId) {
        if (!caller.belongsTo(district)) {
            throw ApiException.notFound("activity", activityId);
        }
    }

    /**
     * A person signs up (or cancels) as themselves: a volunteer's place by their registry id, a resident's place by
     * their account id ({@code role} null when cancelling: the place they hold). Otherwise the activity's managers.
     */
    public void participate(Caller caller, String district, String activityId, String participantId,
                            ActivityCommands.Role role) {
        if (caller.isSystemOf(district)) {
            return;
        }
        ActivityView activity = activity(caller, district, activityId);
        ActivityCommands.Role place = role != null ? role : activity.participants.containsKey(participantId)
                ? ActivityCommands.Role.valueOf(activity.participants.get(participantId)) : null;
        boolean person = caller.role() == Role.RESIDENT || caller.role().isVolunteer();
        // A place the read model does not show yet (a sign-up moments ago) may be either; the aggregate knows.
        boolean self = place == ActivityCommands.Role.VOLUNTEER ? caller.is(participantId)
                : place == ActivityCommands.Role.RESIDENT ? caller.userId().equals(participantId)
                : caller.is(participantId) || caller.userId().equals(participantId);
        if (person && self) {
            return;
        }
        manageActivity(caller, district, activity.unitId, activity.platform);
    }

    /**
     * A scan of the activity's check-in code is a person's own check-in (or a volunteer's check-out): a resident or
     * volunteer of the district, as themselves; the aggregate finds their place as {@link #participate} recognises
     * "self" (a volunteer's place by the volunteer claim, a resident's by the account id). Staff and machine clients
     * check people in by hand instead (403); an activity the caller cannot see is unknown (404).
     */
    public void checkInSelf(Caller caller, String district, String activityId) {
        activity(caller, district, activityId);
        if (caller.role() != Role.RESIDENT && !caller.role().isVolunteer()) {
            throw forbidden("check in with the code of activity '" + activityId + "': staff and machine clients"
                    + " check people in by hand");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * The request as the read model shows it. Outside the caller's district it is unknown whether or not it exists:
     * the answer never tells another district's ids from missing ones (issue 20, finding 9).
     */
    private RequestView visible(Caller caller, String district, String requestId) {
        if (!caller.belongsTo(district)) {
            throw unknownRequest(requestId);
        }
        return requests.request(district, requestId).orElseThrow(() -> unknownRequest(requestId));
    }

    /** 403 to a caller who may read the request (they know it exists), else 404 exactly as for a missing id. */
    private ApiException refused(Caller caller, RequestView view, String what) {
        return mayRead(caller, view) ? forbidden(what) : unknownRequest(view.requestId);
    }

    private static ApiException unknownRequest(String requestId) {
        return ApiException.notFound("request", requestId);
    }

    private ActivityView activity(Caller caller, String district, String activityId) {
        if (!caller.belongsTo(district)) {
            throw ApiException.notFound("activity", activityId);
        }
        return activities.activity(district, activityId)
                .orElseThrow(() -> ApiException.notFound("activity", activityId));
    }

    /** Whether the caller handles the request: the admins over its unit, the sub-center of its platform. */
    private boolean handles(Caller caller, RequestView view) {
        return adminOver(caller, view.districtId, view.unitId) || subCenterOver(caller, view.districtId, view.platform);
    }

    /** A sub-center admin handles its sub-center's platforms across the whole district, not a subtree. */
    private boolean subCenterOver(Caller caller, String district, ServicePlatform platform) {
        return caller.role() == Role.SUBCENTER_ADMIN && caller.belongsTo(district) && platform != null
                && subCenters.platforms(district, caller.unitId()).contains(platform);
    }

    private static ApiException channelNotAllowed(Channel channel, String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "channel-not-allowed", "Channel " + channel
                + " is not open to this caller: " + why, Map.of("field", "channel"));
    }

    private boolean adminOver(Caller caller, String district, String unitId) {
        return caller.role().isAdmin() && caller.belongsTo(district) && unitId != null
                && units.isWithin(district, unitId, caller.unitId());
    }

    private static ApiException forbidden(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "The caller may not " + what, Map.of());
    }
}
