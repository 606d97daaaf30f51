package cloud.practice.request.access;

import cloud.practice.request.activity.query.ActivityProjection;
import cloud.practice.request.activity.query.ActivityView;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Every authorisation rule of request-service, on top of the scopes (requests:read, requests:write). People act as
 * themselves: the requester, volunteer, reviewer or participant named in a body must be the caller, except that
 * admins may act for volunteers and requesters of units in their subtree (a station records what was phoned in)
 * and machine clients of the district act for anyone of it.
 *
 * <pre>
 * action                                  SYSTEM of district  admin over the unit     requester  offered/assigned volunteer  analyst
 * order                                   for anyone          for anyone              as self    as self (VOLUNTEER too)     no
 * import a past request with its history  yes                 no                      no         no                          no
 * read a request                          yes                 yes                     own        yes                         yes
 * list                                    any filter          unit within subtree     own only   own offers/assignments      any
 * review, dispatch                        yes                 yes (reviewer = self)   no         no                          no
 * accept, decline, check in/out, complete yes                 yes                     no         as self                     no
 * claim for a team                        yes                 yes                     no         as the team's leader        no
 * rate, reopen                            yes                 no                      as self    no                          no
 * cancel                                  yes                 yes                     as self    no                          no
 * menu: read / change                     yes / yes           yes / district admin    yes / no   yes / no                    yes / no
 * activity: publish, check in/out, close  yes                 activity's unit         no         no                          no
 * activity: sign up, cancel               yes                 activity's unit         as self    as self                     no
 * </pre>
 * A request the read model does not show yet is refused to people with 404 (it appears within milliseconds). A request
 * or activity the caller may not read (another district's, another station's, another resident's) answers 404
 * {@code not-found} exactly as a missing id does, so ids cannot be probed; 403 only where the caller can read it.
 */
@Component
public class RequestAccess {

    private final OrgUnitDirectory units;
    private final RequestProjection requests;
    private final ActivityProjection activities;

    public RequestAccess(OrgUnitDirectory units, RequestProjection requests, ActivityProjection activities) {
        this.units = units;
        this.requests = requests;
        this.activities = activities;
    }

    /** The filters a search runs with: the caller's own where they may see only their own. */
    public record SearchFilters(String unitId, String requesterId, String volunteerId) {
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

    public void order(Caller caller, String district, String requesterId) {
        if (caller.isSystemOf(district) || caller.role().isAdmin() && caller.belongsTo(district)) {
            return;
        }
        boolean person = caller.role() == Role.RESIDENT || caller.role().isVolunteer();
        if (!person || !caller.belongsTo(district) || !caller.userId().equals(requesterId)) {
            throw forbidden("order for '" + requesterId + "'");
        }
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
        return caller.isSystemOf(view.districtId) || adminOver(caller, view.districtId, view.unitId)
                || caller.role() == Role.ANALYST && caller.belongsTo(view.districtId)
                || caller.belongsTo(view.districtId) && (caller.userId().equals(view.requesterId)
                || caller.role().isVolunteer() && (caller.userId().equals(view.volunteerId)
                || view.offeredTo.contains(caller.userId())));
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
        if (caller.role().isVolunteer() && requesterId == null) {
            if (volunteerId != null && !volunteerId.equals(caller.userId())) {
                throw forbidden("list the offers of '" + volunteerId + "'");
            }
            return new SearchFilters(unitId, null, caller.userId());
        }
        if (requesterId != null && !requesterId.equals(caller.userId()) || volunteerId != null) {
            throw forbidden("list requests of others");
        }
        return new SearchFilters(unitId, caller.userId(), null);
    }

    /** Review and dispatch: the admins over the responsible unit; a human reviewer names themselves. */
    public void administer(Caller caller, String district, String requestId, String actorId) {
        if (caller.isSystemOf(district)) {
            return;
        }
        RequestView view = visible(caller, district, requestId);
        if (!adminOver(caller, district, view.unitId) || actorId != null && !actorId.equals(caller.userId())) {
            throw refused(caller, view, "administer request '" + requestId + "'");
        }
    }

    public void actAsVolunteer(Caller caller, String district, String requestId, String volunteerId) {
        if (caller.isSystemOf(district) || caller.is(volunteerId) && caller.belongsTo(district)) {
            return;
        }
        RequestView view = visible(caller, district, requestId);
        if (!adminOver(caller, district, view.unitId)) {
            throw refused(caller, view, "act for volunteer '" + volunteerId + "'");
        }
    }

    /** Rate and reopen: the requester alone (or a machine client); {@code adminsToo} for cancelling. */
    public void actAsRequester(Caller caller, String district, String requestId, String requesterId,
                               boolean adminsToo) {
        if (caller.isSystemOf(district)
                || caller.belongsTo(district) && !caller.role().isAdmin() && caller.userId().equals(requesterId)) {
            return;
        }
        RequestView view = visible(caller, district, requestId);
        if (!(adminsToo && adminOver(caller, district, view.unitId))) {
            throw refused(caller, view, "act for requester '" + requesterId + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------ activities

    public void manageActivity(Caller caller, String district, String unitId) {
        if (!caller.isSystemOf(district) && !adminOver(caller, district, unitId)) {
            throw forbidden("manage activities of unit '" + unitId + "'");
        }
    }

    public void manageActivityOf(Caller caller, String district, String activityId) {
        if (!caller.isSystemOf(district)) {
            manageActivity(caller, district, activity(caller, district, activityId).unitId);
        }
    }

    /** Activities are readable district-wide; to a caller of another district one is unknown, like a missing id. */
    public void readActivity(Caller caller, String district, String activityId) {
        if (!caller.belongsTo(district)) {
            throw ApiException.notFound("activity", activityId);
        }
    }

    public void participate(Caller caller, String district, String activityId, String participantId) {
        if (caller.isSystemOf(district) || caller.belongsTo(district) && !caller.role().isAdmin()
                && caller.role() != Role.ANALYST && caller.userId().equals(participantId)) {
            return;
        }
        manageActivity(caller, district, activity(caller, district, activityId).unitId);
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

    private boolean adminOver(Caller caller, String district, String unitId) {
        return caller.role().isAdmin() && caller.belongsTo(district) && unitId != null
                && units.isWithin(district, unitId, caller.unitId());
    }

    private static ApiException forbidden(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "The caller may not " + what, Map.of());
    }
}
