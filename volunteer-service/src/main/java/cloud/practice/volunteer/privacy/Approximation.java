package cloud.practice.volunteer.privacy;

import cloud.practice.events.GeoPoint;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where a volunteer lives, only as precisely as matching needs: coordinates rounded to 0.01° (about 1.1 km north-south,
 * 1 km east-west at Chongqing's latitude). The precise point is never stored or published.
 */
public final class Approximation {

    static final int DECIMALS = 2;

    private Approximation() {
    }

    public static GeoPoint of(GeoPoint precise) {
        if (precise == null) {
            return null;
        }
        return new GeoPoint(round(precise.latitude()), round(precise.longitude()));
    }

    private static double round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }
}
