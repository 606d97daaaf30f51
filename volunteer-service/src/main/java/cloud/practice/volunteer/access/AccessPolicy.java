package cloud.practice.volunteer.access;

import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ApplicationDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.team.query.TeamDocument;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Every authorisation rule of volunteer-service, in one place. Controllers call one of these per endpoint with the
 * {@link Caller} and the target, before any idempotent replay; a refusal is 403 {@code forbidden}, but a volunteer,
 * application or team the caller may not see at all answers exactly as a missing one (404, {@link #visibleVolunteer},
 * {@link #visibleApplication}, {@link #visibleTeam}), and a unit out of scope as an unknown one (422). Scope: an
 * admin's power covers the subtree of their unit (a district admin's unit is the center: everything), a volunteer
 * acts on their own profile — "themselves" is always the token's volunteer claim ({@link Caller#is}), never its
 * subject — a team leader on their team's members, an analyst and a sub-center admin read without personal data;
 * people without a volunteer record (residents, grid workers) apply only for themselves, and their application waits
 * for the station's decision.
 *
 * <pre>
 * action                          SYSTEM  DISTRICT/INSTITUTE/STATION_ADMIN  VOLUNTEER/TEAM_LEADER  ANALYST, SUBCENTER_ADMIN
 * register someone (immediate)    yes     home unit in scope                no                     no
 * apply for oneself (pending)     -       -                                 no (already one: 409)  no   (RESIDENT, GRID_WORKER: yes)
 * review, decide applications     yes     applicant's home unit in scope    no                     no
 * erase (withdraw) an application yes     in scope                          -                      no   (the applicant: yes)
 * see one's own registration (me) -       own                               own                    own  (RESIDENT, GRID_WORKER: own)
 * see a volunteer (else 404)      yes     volunteer's home unit in scope    own                    yes
 * read a profile                  yes     volunteer's home unit in scope    own                    masked
 * see personal data               yes     in scope                          own                    no
 * change profile, pause, erase    yes     in scope                          own                    no
 * (de)activate, honour hours      yes     in scope                          no                     no
 * issue, read certificates        yes     in scope                          own                    no
 * revoke a certificate            yes     in scope                          no                     no
 * list volunteers, hour totals    yes     in scope                          no                     yes
 * look up a volunteer by phone    yes     in scope                          no                     no
 * form / dissolve a team          yes     team's unit in scope              no                     no
 * add / remove team members       yes     team's unit in scope              leader of the team     no
 * join / leave a team             yes     team's unit in scope              themselves             no
 * set star thresholds             yes     district admin only               no                     no
 * preview matching candidates     yes     responsible unit in scope         no                     no
 * see teams, thresholds           yes     yes (their district)              yes                    yes
 * </pre>
 * GRID_WORKER has no volunteer rights beyond a resident's.
 */
@Component
public class AccessPolicy {

    private final OrgUnitDirectory units;

    public AccessPolicy(OrgUnitDirectory units) {
        this.units = units;
    }

    /**
     * Who may register in the district at all, decided before any unit is looked at (so another district's caller
     * learns nothing about its units): its machine clients and admins, and its residents and volunteers registering
     * themselves. Where they may register: {@link #registersAt}.
     */
    public void registerIn(Caller caller, String districtId) {
        if (!caller.isSystemOf(districtId) && !(caller.belongsTo(districtId)
                && (caller.role().isAdmin() || selfRegistration(caller)))) {
            throw forbidden("register volunteers in district '" + districtId + "'");
        }
    }

    /**
     * Whether the caller may name this (existing) unit as a home unit: staff within their subtree, machine clients
     * and people registering themselves anywhere in the district. A unit they may not use answers as an unknown one.
     */
    public boolean registersAt(Caller caller, String districtId, String homeUnitId) {
        return caller.isSystemOf(districtId) || adminOver(caller, districtId, homeUnitId)
                || selfRegistration(caller) && caller.belongsTo(districtId);
    }

    /**
     * People register only themselves — residents and grid workers apply, and their application waits for the
     * station; a volunteer already is one (409). Staff and machine clients register others at once.
     */
    public boolean selfRegistration(Caller caller) {
        return caller.role() == Role.RESIDENT || caller.role() == Role.GRID_WORKER || caller.role().isVolunteer();
    }

    /**
     * Reviewing applications is for the district's staff: its machine clients and admins (refused, 403, before any
     * application is looked at); which applications an admin sees: {@link #visibleApplication}.
     */
    public void reviewApplications(Caller caller, String districtId) {
        staffOf(caller, districtId, "review volunteer applications");
    }

    /**
     * The one way an endpoint resolves an application for its reviewers: found in the district and under the
     * admin's subtree, otherwise exactly the answer of an id that does not exist.
     */
    public ApplicationDocument visibleApplication(Caller caller, String districtId, String volunteerId,
                                                  Optional<ApplicationDocument> found) {
        return found.filter(application -> covers(caller, districtId, application.homeUnitId))
                .orElseThrow(() -> ApiException.notFound("application", volunteerId));
    }

    /**
     * Whether the caller may erase (withdraw) an application: its reviewers, and the applicant themselves (their
     * account, in the district).
     */
    public boolean erasesApplication(Caller caller, String districtId, ApplicationDocument application) {
        return covers(caller, districtId, application.homeUnitId) || ownApplication(caller, districtId, application);
    }

    /** The person whose account applied (a machine client has no application of its own). */
    public boolean ownApplication(Caller caller, String districtId, ApplicationDocument application) {
        return !caller.isSystem() && caller.belongsTo(districtId) && caller.userId().equals(application.accountId);
    }

    /** One's own registration ({@code /volunteers/me}): any person of the district. */
    public void ownRegistration(Caller caller, String districtId) {
        if (caller.isSystem() || !caller.belongsTo(districtId)) {
            throw forbidden("have a registration in district '" + districtId + "'");
        }
    }

    /**
     * Whether the caller may see this volunteer at all. Everything about a volunteer out of their sight — another
     * district's, or another station's for a station admin — answers exactly as a missing one (404), so an id tells
     * nothing about what exists; {@link #readVolunteer} and the rest refuse (403) only what the caller can see.
     */
    public boolean seesVolunteer(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        return caller.isSystemOf(districtId) || caller.is(volunteerId) && caller.belongsTo(districtId)
                || adminOver(caller, districtId, homeUnitId) || readsDistrictMasked(caller, districtId);
    }

    /** Analysts and sub-center admins read the district's volunteers, never their personal data. */
    private static boolean readsDistrictMasked(Caller caller, String districtId) {
        return (caller.role() == Role.ANALYST || caller.role() == Role.SUBCENTER_ADMIN)
                && caller.belongsTo(districtId);
    }

    /** Who may find a volunteer by phone number: those who may see personal data (not masked readers). */
    public void lookUpByPhone(Caller caller, String districtId) {
        if (readsDistrictMasked(caller, districtId)) {
            throw forbidden("look up phone numbers");
        }
    }

    /**
     * Teams, star thresholds and other district-wide facts: anyone of the district (a team of another district
     * answers as a missing one, see {@link #seesDistrict}).
     */
    public void readDistrict(Caller caller, String districtId) {
        if (!seesDistrict(caller, districtId)) {
            throw forbidden("read district '" + districtId + "'");
        }
    }

    public boolean seesDistrict(Caller caller, String districtId) {
        return caller.belongsTo(districtId);
    }

    /**
     * The one way an endpoint resolves a volunteer id: the volunteer found in the district, if the caller may see it;
     * otherwise exactly the answer of an id that does not exist.
     */
    public VolunteerDocument visibleVolunteer(Caller caller, String districtId, String volunteerId,
                                              Optional<VolunteerDocument> found) {
        return found.filter(volunteer -> seesVolunteer(caller, districtId, volunteerId, volunteer.homeUnitId))
                .orElseThrow(() -> ApiException.notFound("volunteer", volunteerId));
    }

    /** The same for a team: seen by anyone of its district, answered as missing to everyone else. */
    public TeamDocument visibleTeam(Caller caller, String districtId, String teamId, Optional<TeamDocument> found) {
        return found.filter(team -> seesDistrict(caller, districtId))
                .orElseThrow(() -> ApiException.notFound("team", teamId));
    }

    public void readVolunteer(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        if (!seesVolunteer(caller, districtId, volunteerId, homeUnitId)) {
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
     * Service certificates (志愿服务证明): the volunteer themselves and the staff who administer them issue, list and
     * download them; revoking one is {@link #administerVolunteer}. Masked readers may not: a certificate carries the
     * full name.
     */
    public void certifyVolunteer(Caller caller, String districtId, String volunteerId, String homeUnitId) {
        if (!(caller.is(volunteerId) && caller.belongsTo(districtId))
                && !caller.isSystemOf(districtId) && !adminOver(caller, districtId, homeUnitId)) {
            throw forbidden("hold certificates of volunteer '" + volunteerId + "'");
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
            if (readsDistrictMasked(caller, districtId)) {
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

    /**
     * Forming teams and previewing matches are for the district's staff: its machine clients and admins. Anyone else
     * is refused (403) before the unit they name is looked at; staff naming a unit outside their subtree get the
     * answer of an unknown unit ({@link #covers}).
     */
    public void staffOf(Caller caller, String districtId, String what) {
        if (!caller.isSystemOf(districtId) && !(caller.role().isAdmin() && caller.belongsTo(districtId))) {
            throw forbidden(what + " in district '" + districtId + "'");
        }
    }

    /** Whether the unit is within the caller's power: the district's machine clients, admins of its subtree. */
    public boolean covers(Caller caller, String districtId, String unitId) {
        return caller.isSystemOf(districtId) || adminOver(caller, districtId, unitId);
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
