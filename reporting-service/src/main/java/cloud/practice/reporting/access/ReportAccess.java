package cloud.practice.reporting.access;

import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.report.AttributionTree;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.CallerArgumentResolver;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Every authorisation decision of reporting-service, in one place, on top of the {@code reports:read} scope: which
 * part of a district the caller may see, and whether volunteers' names may be shown and projections managed. The
 * caller comes from the validated token (service-support's {@link Caller}).
 *
 * <pre>
 * caller                                 sees                       names   projections (status, rebuild)
 * machine client of the district         the whole district          yes     no
 * platform-wide machine client           any district                yes     yes
 * district / institute / station admin   their unit's subtree        yes     no
 * analyst                                their unit's subtree        no      no
 * sub-center admin                       the whole district          no      no
 * city analyst                           each district of the city   no      no
 * grid worker, volunteer, team leader,
 * resident                               nothing (403)
 * anyone of another district             nothing (403)
 * </pre>
 *
 * A sub-center (文明实践分中心) runs its platforms across the whole district, not a subtree, so its admin reads the
 * district's reports like a district-level analyst: every unit, no volunteers' names, read-only. A grid worker keys
 * orders for residents and reads no reports, whatever scopes a token claims.
 *
 * A city's analyst (CITY_ANALYST: a token of the city, no district) reads every district the city groups
 * ({@code practice.reporting.cities}) as a district-wide analyst would, and the city's side-by-side and rolled-up
 * figures ({@link #requireCity}); platform-wide machine clients read every city.
 *
 * A district the caller may not read answers 403 whether it exists or not; a unit outside the caller's subtree
 * answers 403 like a unit that does not exist. The projections' status is platform-wide (its positions count every
 * district's events, so a district's caller would watch another district's activity): platform clients only.
 */
@Component
public class ReportAccess {

    private final ReportingSettings settings;

    public ReportAccess(ReportingSettings settings) {
        this.settings = settings;
    }

    /**
     * @param districtId          the district asked about
     * @param scopeUnitId         the subtree the caller may see; null = the whole district
     * @param namesVisible        whether volunteers' (already masked) names may appear in top lists
     * @param mayManageProjections whether the caller may start a rebuild
     */
    public record Visibility(String districtId, String scopeUnitId, boolean namesVisible,
                             boolean mayManageProjections) {
    }

    /** What the caller of {@code request} may see of {@code districtId}. */
    public Visibility of(HttpServletRequest request, String districtId) {
        return of(CallerArgumentResolver.current(), districtId);
    }

    /** What {@code caller} may see of {@code districtId}; every role named, so a new role needs a decision here. */
    public Visibility of(Caller caller, String districtId) {
        if (caller.isSystemOf(districtId)) {
            boolean platform = caller.districtId() == null;
            return new Visibility(districtId, null, true, platform);
        }
        if (caller.role() == Role.CITY_ANALYST && settings.cityOf(districtId)
                .filter(city -> caller.analysesCity(city)).isPresent()) {
            return new Visibility(districtId, null, false, false);
        }
        if (caller.belongsTo(districtId)) {
            Visibility visibility = switch (caller.role()) {
                case DISTRICT_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN ->
                        new Visibility(districtId, caller.unitId(), true, false);
                case ANALYST -> new Visibility(districtId, caller.unitId(), false, false);
                case SUBCENTER_ADMIN -> new Visibility(districtId, null, false, false);
                case SYSTEM, TEAM_LEADER, VOLUNTEER, RESIDENT, GRID_WORKER, CITY_ANALYST -> null;
            };
            if (visibility != null) {
                return visibility;
            }
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                "The caller may not read the reports of district '" + districtId + "'");
    }

    /**
     * The city's side-by-side and rolled-up figures: its own analysts and platform-wide machine clients. Anyone else
     * — a district's staff or machine client included — gets 403 whether the city exists or not.
     */
    public void requireCity(HttpServletRequest request, String cityId) {
        requireCity(CallerArgumentResolver.current(), cityId);
    }

    /** {@link #requireCity(HttpServletRequest, String)} for a caller already known. */
    public void requireCity(Caller caller, String cityId) {
        boolean platform = caller.isSystem() && caller.districtId() == null;
        if (!platform && !caller.analysesCity(cityId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "The caller may not read the reports of city '" + cityId + "'");
        }
    }

    /** The city a city analyst reads; empty for a platform-wide machine client, who reads every city; else 403. */
    public Optional<String> readableCity(HttpServletRequest request) {
        return readableCity(CallerArgumentResolver.current());
    }

    /** {@link #readableCity(HttpServletRequest)} for a caller already known. */
    public Optional<String> readableCity(Caller caller) {
        if (caller.isSystem() && caller.districtId() == null) {
            return Optional.empty();
        }
        if (caller.role() == Role.CITY_ANALYST && caller.cityId() != null) {
            return Optional.of(caller.cityId());
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only a city's analysts read a city's reports");
    }

    /** Refuses a unit outside the caller's subtree (as the tree is now); null = the caller's whole scope. */
    public String requireWithin(Visibility visibility, AttributionTree nowTree, String unitId, LocalDate today) {
        if (visibility.scopeUnitId() == null) {
            return unitId;
        }
        if (unitId == null) {
            return visibility.scopeUnitId();
        }
        if (!nowTree.placementChain(unitId, today).contains(visibility.scopeUnitId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "out-of-scope",
                    "Unit '" + unitId + "' lies outside the caller's scope");
        }
        return unitId;
    }

    /** The projections' status and rebuild: platform-wide machine clients only. */
    public void requireProjectionManager(HttpServletRequest request) {
        Caller caller = CallerArgumentResolver.current();
        if (!(caller.isSystem() && caller.districtId() == null)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "Only the platform may see and rebuild projections");
        }
    }
}
