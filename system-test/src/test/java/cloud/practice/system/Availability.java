package cloud.practice.system;

/** Weekly availability bodies for volunteer registrations. */
final class Availability {

    /** Every day from 00:00 to 23:30: a volunteer matching can always propose. */
    static final String ALL_WEEK = String.join(",", java.util.stream.Stream.of("MONDAY", "TUESDAY", "WEDNESDAY",
            "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
            .map(day -> "{\"day\":\"" + day + "\",\"from\":\"00:00\",\"to\":\"23:30\"}").toList());

    private Availability() {
    }
}
