package cloud.practice.support.web;

import cloud.practice.events.GeoPoint;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** WGS84 coordinates in decimal degrees, as every API takes them. */
public record Location(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {

    public GeoPoint toPoint() {
        return new GeoPoint(latitude, longitude);
    }

    public static GeoPoint toPoint(Location location) {
        return location == null ? null : location.toPoint();
    }

    public static Location of(GeoPoint point) {
        return point == null ? null : new Location(point.latitude(), point.longitude());
    }
}
