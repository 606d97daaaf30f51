package cloud.practice.volunteer.matching.web;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.support.web.ApiException;
import cloud.practice.volunteer.matching.index.Reach;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;
import java.time.Instant;

import static cloud.practice.support.web.ApiFormats.DISTRICT;
import static cloud.practice.support.web.ApiFormats.ID;

/** The body the matching preview takes, with its validation. */
public final class MatchingBodies {

    /** A menu item as a request carries it ({@code <district>/<code>}), or its code alone. */
    static final String MENU_ITEM = "(" + DISTRICT + "/)?" + ID;
    /** A preview window is one service: up to a week. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private MatchingBodies() {
    }

    public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
        GeoPoint toPoint() {
            return new GeoPoint(latitude, longitude);
        }
    }

    /**
     * A need to preview: the same facts as a {@code MatchRequested}, plus optional overrides of reach, radius and
     * how many candidates to show.
     */
    public record Preview(@NotNull ServicePlatform platform, @Pattern(regexp = MENU_ITEM) String menuItemId,
                          @Min(1) @Max(5) Integer minimumSkillLevel, @Valid Location location,
                          @NotBlank @Pattern(regexp = ID) String responsibleUnitId, Instant windowFrom,
                          Instant windowTo, @Min(1) @Max(100) Integer peopleNeeded, Reach reach,
                          @DecimalMin("0.1") @DecimalMax("50") Double radiusKm, @Min(1) @Max(100) Integer limit) {
    }

    /**
     * The menu item's id as the matching saga receives it ({@code <district>/<code>}, the key of
     * {@code practice.matching.reach-by-item}): a code alone is taken as this district's; another district's item is
     * refused.
     */
    static String menuItemOf(String district, String given) {
        if (given == null) {
            return null;
        }
        int slash = given.indexOf('/');
        if (slash < 0) {
            return district + "/" + given;
        }
        if (!given.substring(0, slash).equals(district)) {
            throw ApiException.badRequest("menuItemId", "'" + given + "' is a menu item of another district");
        }
        return given;
    }

    /** Both ends or neither; the end after the start; at most a week. */
    static void checkWindow(Instant from, Instant to) {
        if ((from == null) != (to == null)) {
            throw ApiException.badRequest(from == null ? "windowFrom" : "windowTo",
                    "Give both windowFrom and windowTo, or neither");
        }
        if (from != null && !to.isAfter(from)) {
            throw ApiException.badRequest("windowTo", "windowTo must be after windowFrom");
        }
        if (from != null && Duration.between(from, to).compareTo(LONGEST_WINDOW) > 0) {
            throw ApiException.badRequest("windowTo", "A window is at most " + LONGEST_WINDOW.toDays() + " days");
        }
    }
}
