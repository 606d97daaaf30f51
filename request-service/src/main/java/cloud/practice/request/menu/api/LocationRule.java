package cloud.practice.request.menu.api;

/**
 * How far from the request's location a volunteer's check-in or check-out may be reported, and what happens beyond
 * it: {@link Beyond#FLAG} records it and flags it for the station's review, {@link Beyond#REFUSE} refuses it. One
 * per district, next to its menu defaults; {@link #DEFAULT} until the district sets its own.
 */
public record LocationRule(int limitMeters, Beyond beyond) {

    public static final int MIN_METERS = 50;
    public static final int MAX_METERS = 50_000;
    public static final LocationRule DEFAULT = new LocationRule(500, Beyond.FLAG);

    public enum Beyond { FLAG, REFUSE }
}
