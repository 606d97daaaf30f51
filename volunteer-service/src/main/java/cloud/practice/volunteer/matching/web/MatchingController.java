package cloud.practice.volunteer.matching.web;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.support.security.Caller;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.volunteer.matching.api.MatchingQueries.CandidatesView;
import cloud.practice.volunteer.matching.api.MatchingQueries.FindCandidatesQuery;
import cloud.practice.volunteer.matching.index.Reach;
import cloud.practice.volunteer.matching.query.Matchmaker;
import cloud.practice.volunteer.matching.web.MatchingBodies.Preview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;

import static cloud.practice.support.web.ApiFormats.ID;
import static cloud.practice.volunteer.matching.web.MatchingBodies.MENU_ITEM;

/**
 * The admin's preview of matching: the candidates the dispatch saga would propose for a need, with their scores
 * explained, what was widened, and team suggestions. Read-only: nothing is recorded or published.
 */
@RestController
@Validated
@RequestMapping("/api/v1/matching")
@Tag(name = "matching", description = "Preview the ranked candidates for a need")
public class MatchingController {

    private final Matchmaker matchmaker;
    private final OrgUnitDirectory units;
    private final AccessPolicy access;

    public MatchingController(Matchmaker matchmaker, OrgUnitDirectory units, AccessPolicy access) {
        this.matchmaker = matchmaker;
        this.units = units;
        this.access = access;
    }

    @PostMapping("/previews")
    @Operation(summary = "Rank candidates for a need given as JSON (changes nothing)")
    public CandidatesView preview(District district,
                                  @Parameter(hidden = true) Caller caller, @Valid @RequestBody Preview body) {
        return find(caller, district.id(), body.menuItemId(), body.platform(), body.minimumSkillLevel(),
                body.location() == null ? null : body.location().toPoint(), body.responsibleUnitId(),
                body.windowFrom(), body.windowTo(), body.peopleNeeded(), body.reach(), body.radiusKm(), body.limit());
    }

    @GetMapping("/candidates")
    @Operation(summary = "Rank candidates for a need given as query parameters (instants with a zone)")
    public CandidatesView candidates(District district,
                                     @RequestParam ServicePlatform platform,
                                     @RequestParam(required = false) @Pattern(regexp = MENU_ITEM) String menuItemId,
                                     @RequestParam(defaultValue = "1") @Min(1) @Max(5) int minimumSkillLevel,
                                     @RequestParam(required = false) @DecimalMin("-90") @DecimalMax("90") Double latitude,
                                     @RequestParam(required = false) @DecimalMin("-180") @DecimalMax("180") Double longitude,
                                     @RequestParam @Pattern(regexp = ID) String responsibleUnitId,
                                     @RequestParam(required = false) Instant windowFrom,
                                     @RequestParam(required = false) Instant windowTo,
                                     @RequestParam(defaultValue = "1") @Min(1) @Max(100) int peopleNeeded,
                                     @RequestParam(required = false) Reach reach,
                                     @RequestParam(required = false) @DecimalMin("0.1") @DecimalMax("50") Double radiusKm,
                                     @RequestParam(required = false) @Min(1) @Max(100) Integer limit,
                                     @Parameter(hidden = true) Caller caller) {
        if ((latitude == null) != (longitude == null)) {
            throw ApiException.badRequest(latitude == null ? "latitude" : "longitude",
                    "Give both latitude and longitude, or neither");
        }
        GeoPoint location = latitude == null ? null : new GeoPoint(latitude, longitude);
        return find(caller, district.id(), menuItemId, platform, minimumSkillLevel, location, responsibleUnitId,
                windowFrom, windowTo, peopleNeeded, reach, radiusKm, limit);
    }

    private CandidatesView find(Caller caller, String district, String menuItemId, ServicePlatform platform,
                                Integer minimumSkillLevel, GeoPoint location, String responsibleUnitId,
                                Instant windowFrom, Instant windowTo, Integer peopleNeeded, Reach reach,
                                Double radiusKm, Integer limit) {
        MatchingBodies.checkWindow(windowFrom, windowTo);
        if (reach == Reach.RADIUS && location == null) {
            throw ApiException.badRequest("location", "A radius needs the location of the need");
        }
        // Another district's caller is refused before the unit is looked at; a unit out of the caller's scope
        // answers as an unknown one.
        access.staffOf(caller, district, "preview matching");
        units.unit(district, responsibleUnitId).filter(unit -> access.covers(caller, district, responsibleUnitId))
                .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit", "'"
                        + responsibleUnitId + "' is not a unit of this district you may preview matching for",
                        Map.of("field", "responsibleUnitId")));
        return matchmaker.find(new FindCandidatesQuery(district, MatchingBodies.menuItemOf(district, menuItemId), platform,
                minimumSkillLevel == null ? 1 : minimumSkillLevel, location, responsibleUnitId, windowFrom, windowTo,
                peopleNeeded == null ? 1 : peopleNeeded, reach, radiusKm, limit));
    }
}
