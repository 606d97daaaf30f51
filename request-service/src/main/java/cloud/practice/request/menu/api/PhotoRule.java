package cloud.practice.request.menu.api;

/**
 * Whether the district keeps where evidence photos were taken (issue 27): with {@code keepLocation} the GPS position
 * a photo's EXIF carried is kept as fields of its evidence record (never inside the stored file); without it, it is
 * dropped with the rest of the metadata. One per district, next to its menu defaults; {@link #DEFAULT} (not kept)
 * until the district sets its own.
 */
public record PhotoRule(boolean keepLocation) {

    public static final PhotoRule DEFAULT = new PhotoRule(false);
}
