package cloud.practice.events;

/** A WGS84 position in decimal degrees. */
public record GeoPoint(double latitude, double longitude) {
}
