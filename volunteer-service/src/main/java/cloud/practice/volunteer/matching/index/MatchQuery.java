package cloud.practice.volunteer.matching.index;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One question to the index: the best {@code limit} volunteers of a district for a need.
 *
 * @param location    where the service happens; required for {@link Reach#RADIUS}, else only scores distance
 * @param radiusKm    travel radius for {@link Reach#RADIUS}; also the scale of the distance score
 * @param reachUnits  with {@link Reach#SUBTREE}: the home units allowed (the responsible unit's subtree)
 * @param teamUnits   units whose teams earn the team component (the responsible unit's subtree)
 * @param windowFrom  start of the service, or null (then availability is not checked)
 * @param windowTo    end of the service, or null
 * @param now         the instant the rolling load window ends at (a clock reading, so results are reproducible)
 */
public record MatchQuery(String districtId, ServicePlatform platform, int minLevel, GeoPoint location, Reach reach,
                         double radiusKm, Set<String> reachUnits, Set<String> teamUnits, Instant windowFrom,
                         Instant windowTo, Instant now, int limit) {

    public MatchQuery {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(now, "now");
        reachUnits = reachUnits == null ? Set.of() : reachUnits;
        teamUnits = teamUnits == null ? Set.of() : teamUnits;
        if (reach == Reach.RADIUS && location == null) {
            throw new IllegalArgumentException("a radius needs a location");
        }
        if (limit < 1 || !(radiusKm > 0)) {
            throw new IllegalArgumentException("limit >= 1 and radiusKm > 0 expected");
        }
    }

    public boolean hasWindow() {
        return windowFrom != null && windowTo != null && windowTo.isAfter(windowFrom);
    }

    public MatchQuery withRadius(double radius) {
        return new MatchQuery(districtId, platform, minLevel, location, reach, radius, reachUnits, teamUnits,
                windowFrom, windowTo, now, limit);
    }

    public MatchQuery withSubtree(Set<String> units) {
        return new MatchQuery(districtId, platform, minLevel, location, Reach.SUBTREE, radiusKm, units, teamUnits,
                windowFrom, windowTo, now, limit);
    }
}
