package cloud.practice.volunteer.access;

import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;

import cloud.practice.support.web.ApiException;
import cloud.practice.support.tree.OrgUnitDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Every authorisation rule of volunteer-service, in one place. Controllers call one of these per endpoint with the
 * {@link Caller} and the target; a refusal is 403 {@code forbidden}. Scope: an admin's power covers the subtree of
 * their unit (a district admin's unit is the center: everything), a volunteer acts on their own profile, a team
 * leader on their team's members, an analyst reads without personal data.
 *
 * <pre>
 * action                          SYSTEM  DISTRICT/INSTITUTE/STATION_ADMIN     VOLUNTEER/TEAM_LEADER  ANALYST
 * register                        yes     home unit in scope                   themselves (also RESIDENT) no
 * read a profile                  yes     volunteer's home unit in scope       own                    masked
 * see personal data               yes     in scope                             own                    no
 * change profile, pause, erase    yes     in scope                             own                    no
 * (de)activate, honour hours      yes     in scope                             no                     no
 * list volunteers, hour totals    yes     in scope                             no                     yes
 * form / dissolve a team          yes     team's unit in scope                 no                     no
 * add / remove team members       yes     team's unit in scope                 leader of the team     no
 * join / leave a team             yes     team's unit in scope                 themselves             no
 * star thresholds                 yes     district admin only                  no                     no
 * preview matching candidates     yes     responsible unit in scope            no                     no
 * </pre>
 */
@Component
public class AccessPolicy {

    private final OrgUnitDirectory units;

    public AccessPolicy(OrgUnitDirectory units) {
        this.units = units;
    }

    /** Admins in scope of the home unit, or a resident or volunteer of the district registering themselves. */
    public void register(Caller caller, String districtId, String homeUnitId) {
        if (!caller.isSystemOf(districtId) && !adminOver(caller, districtId, homeUnitId)
                && !((caller.role() == Role.RESIDENT || caller.role().isVolunteer())
                && caller.belongsTo(districtId))) {
            throw forbidden("register volunteers at '" + homeUnitId + "'");
        }
    }

    public void readVolunteer(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        if (!caller.isSystemOf(districtId) && !caller.is(volunteerId) && !adminOver(caller, districtId, homeUnitId)
                && !(caller.role() == Role.ANALYST && caller.belongsTo(districtId))) {
            throw forbidden("read volunteer '" + volunteerId + "'");
        }
    }

    public boolean seesPersonalData(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        return caller.isSystemOf(districtId) || caller.is(volunteerId) && caller.belongsTo(districtId)
                || adminOver(caller, districtId, homeUnitId);
    }

    public void changeVolunteer(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        if (!seesPersonalData(caller, districtId, volunteerId, homeUnitId)) {
            throw forbidden("change volunteer '" + volunteerId + "'");
        }
    }

    public void administerVolunteer(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        if (!caller.isSystemOf(districtId) && !adminOver(caller, districtId, homeUnitId)) {
            throw forbidden("administer volunteer '" + volunteerId + "'");
        }
    }

    /**
     * The unit below which the caller may list volunteers (and their hours), or empty for the whole district;
     * refuses callers who may list none.
     */
    public Optional<String> listScope(Caller caller, String districtId) {
        if (caller.isSystemOf(districtId)) {
            return Optional.empty();
        }
        if (caller.belongsTo(districtId)) {
            if (caller.role() == Role.ANALYST) {
                return Optional.empty();
            }
            if (caller.role().isAdmin()) {
                return Optional.of(caller.unitId());
            }
        }
        throw forbidden("list volunteers of district '" + districtId + "'");
    }

    public void administerUnit(Caller caller, String districtId, String unitId) {
        if (!caller.isSystemOf(districtId) && !adminOver(caller, districtId, unitId)) {
            throw forbidden("administer unit '" + unitId + "'");
        }
    }

    public void manageTeam(Caller caller, String districtId, String teamUnitId, String leaderVolunteerId) {
        if (!caller.isSystemOf(districtId) && !adminOver(caller, districtId, teamUnitId)
                && !(leaderVolunteerId != null && caller.is(leaderVolunteerId) && caller.belongsTo(districtId))) {
            throw forbidden("manage this team");
        }
    }

    public void joinOrLeaveTeam(Caller caller, String districtId, String teamUnitId, String volunteerId) {
        if (!caller.isSystemOf(districtId) && !adminOver(caller, districtId, teamUnitId)
                && !(caller.is(volunteerId) && caller.belongsTo(districtId))) {
            throw forbidden("join or leave for volunteer '" + volunteerId + "'");
        }
    }

    /** A matching preview ranks volunteers for a unit's need: its admins (and those above) and the system. */
    public void previewMatching(Caller caller, String districtId, String responsibleUnitId) {
        if (!caller.isSystemOf(districtId) && !adminOver(caller, districtId, responsibleUnitId)) {
            throw forbidden("preview matching for unit '" + responsibleUnitId + "'");
        }
    }

    public void districtAdmin(Caller caller, String districtId) {
        if (!caller.isSystemOf(districtId) && !(caller.role() == Role.DISTRICT_ADMIN && caller.belongsTo(districtId))) {
            throw forbidden("change the settings of district '" + districtId + "'");
        }
    }

    private boolean adminOver(Caller caller, String districtId, String unitId) {
        return caller.role().isAdmin() && caller.belongsTo(districtId) && unitId != null
                && units.isWithin(districtId, unitId, caller.unitId());
    }

    private static ApiException forbidden(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "The caller may not " + what,
                Map.of());
    }
}
