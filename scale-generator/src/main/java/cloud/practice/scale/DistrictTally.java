package cloud.practice.scale;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle of one district: what the generator decided, counted as it decided it (never read back from the
 * records), so tests and benchmarks can hold reports and the records themselves against it.
 */
final class DistrictTally {

    /** Months of the district's zone: requests submitted and completed, volunteers registered, credited half-hours. */
    static final class Month {
        long requestsSubmitted;
        long requestsCompleted;
        long volunteersRegistered;
        long creditedHalfHours;
    }

    private final String districtId;
    private final ZoneId zone;
    private final Map<Class<?>, long[]> byType = new HashMap<>();
    final Map<String, Integer> unitsByTier = new TreeMap<>();
    final Map<String, Long> requestsByFinalState = new TreeMap<>();
    final TreeMap<YearMonth, Month> months = new TreeMap<>();
    int communities;
    int grids;
    int menuItems;
    long volunteers;
    long requests;
    long rated;
    long reopened;
    long escalated;
    long activities;
    long activitiesClosed;
    long credits;
    long creditedHalfHours;
    private long monthStart = Long.MAX_VALUE;
    private long monthEnd = Long.MIN_VALUE;
    private Month current;

    DistrictTally(String districtId, ZoneId zone) {
        this.districtId = districtId;
        this.zone = zone;
    }

    String districtId() {
        return districtId;
    }

    void counted(Class<?> type) {
        byType.computeIfAbsent(type, key -> new long[1])[0]++;
    }

    /** The month of an instant in the district's zone; cached, since most calls fall in the month of the last. */
    Month month(long atMillis) {
        if (atMillis < monthStart || atMillis >= monthEnd) {
            YearMonth month = YearMonth.from(Instant.ofEpochMilli(atMillis).atZone(zone));
            monthStart = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
            monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
            current = months.computeIfAbsent(month, key -> new Month());
        }
        return current;
    }

    void finalState(String state) {
        requestsByFinalState.merge(state, 1L, Long::sum);
    }

    long events() {
        return byType.values().stream().mapToLong(count -> count[0]).sum();
    }

    Map<String, Long> byType() {
        Map<String, Long> counts = new TreeMap<>();
        byType.forEach((type, count) -> counts.put(type.getSimpleName(), count[0]));
        return counts;
    }

    /** As the oracle JSON shows it. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("districtId", districtId);
        json.put("events", events());
        json.put("unitsByTier", unitsByTier);
        json.put("communities", communities);
        json.put("grids", grids);
        json.put("menuItems", menuItems);
        json.put("volunteers", volunteers);
        json.put("requests", requests);
        json.put("requestsByFinalState", requestsByFinalState);
        json.put("requestsRated", rated);
        json.put("requestsReopened", reopened);
        json.put("requestsEscalated", escalated);
        json.put("activities", activities);
        json.put("activitiesClosed", activitiesClosed);
        json.put("credits", credits);
        json.put("creditedHalfHours", creditedHalfHours);
        json.put("eventsByType", byType());
        Map<String, Object> perMonth = new LinkedHashMap<>();
        months.forEach((month, counts) -> {
            Map<String, Long> row = new LinkedHashMap<>();
            row.put("requestsSubmitted", counts.requestsSubmitted);
            row.put("requestsCompleted", counts.requestsCompleted);
            row.put("volunteersRegistered", counts.volunteersRegistered);
            row.put("creditedHalfHours", counts.creditedHalfHours);
            perMonth.put(month.toString(), row);
        });
        json.put("months", perMonth);
        return json;
    }
}
