package cloud.practice.scale;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to generate and where to send it. Every size is an option; nothing depends on the clock or the machine, so one
 * set of options always gives the same event stream.
 *
 * @param seed                     the one source of every random choice, id and time
 * @param districts                how many districts (Chongqing has 41)
 * @param largestVolunteers        volunteers of the largest district; the others follow the long tail
 * @param largestRequests          requests of the largest district over the whole span
 * @param years                    the span of history, ending at {@code until}
 * @param until                    the first day not generated (midnight in {@code zone}); nothing happens after it
 * @param zone                     the districts' zone: days, office hours and months are counted in it
 * @param tail                     district k (0 = largest) has {@code (k+1)^-tail} of the largest's people and
 *                                 requests; 0.62 makes the 41st about a tenth of the first, as Chongqing's
 *                                 district populations are
 * @param institutes               institutes (towns) over all districts; default Chongqing's 1,042 scaled to
 *                                 {@code districts}
 * @param stations                 stations (communities) over all districts; default Chongqing's 11,230 scaled
 * @param activitiesPerStationMonth activities a station holds per month, on average
 * @param sink                     {@code kafka} or {@code null} (generate, encode and count only)
 * @param bootstrap                Kafka bootstrap servers for the {@code kafka} sink
 * @param partitions               partitions of a context topic the generator has to create (services use 6)
 * @param summary                  where the oracle JSON is written; null for nowhere
 */
public record ScaleOptions(long seed, int districts, int largestVolunteers, int largestRequests, int years,
                           LocalDate until, ZoneId zone, double tail, int institutes, int stations,
                           double activitiesPerStationMonth, String sink, String bootstrap, int partitions,
                           Path summary) {

    /** Chongqing's network: 41 districts, 1,042 institutes, 11,230 stations. */
    static final int CITY_DISTRICTS = 41;
    static final int CITY_INSTITUTES = 1_042;
    static final int CITY_STATIONS = 11_230;

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--seed", "42");
        defaults.put("--districts", "41");
        defaults.put("--largest-volunteers", "150000");
        defaults.put("--largest-requests", "1000000");
        defaults.put("--years", "5");
        defaults.put("--until", "2026-12-01");
        defaults.put("--zone", "Asia/Shanghai");
        defaults.put("--tail", "0.62");
        defaults.put("--institutes", "");
        defaults.put("--stations", "");
        defaults.put("--activities-per-station-month", "0.3");
        defaults.put("--sink", "kafka");
        // The local platform's broker (./platform up: 29092 + PLATFORM_PORT_OFFSET).
        defaults.put("--bootstrap", "127.0.0.1:29092");
        defaults.put("--partitions", "6");
        defaults.put("--summary", "scale-summary.json");
        return defaults;
    }

    public ScaleOptions {
        require(districts >= 1, "--districts must be at least 1");
        require(largestVolunteers >= 1, "--largest-volunteers must be at least 1");
        require(largestRequests >= 0, "--largest-requests must not be negative");
        require(years >= 1 && years <= 30, "--years must be 1..30");
        require(tail >= 0 && tail <= 3, "--tail must be 0..3");
        require(institutes >= districts, "--institutes must be at least one per district");
        require(stations >= institutes, "--stations must be at least one per institute");
        require(activitiesPerStationMonth >= 0, "--activities-per-station-month must not be negative");
        require(sink.equals("kafka") || sink.equals("null"), "--sink must be kafka or null");
        require(partitions >= 1, "--partitions must be at least 1");
    }

    /** Options as {@code --name value} pairs; unknown names are refused (a typo must not silently mean a default). */
    public static ScaleOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + name + " (known: " + values.keySet() + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
        int districts = Integer.parseInt(values.get("--districts"));
        String summary = values.get("--summary");
        return new ScaleOptions(
                Long.parseLong(values.get("--seed")),
                districts,
                Integer.parseInt(values.get("--largest-volunteers")),
                Integer.parseInt(values.get("--largest-requests")),
                Integer.parseInt(values.get("--years")),
                LocalDate.parse(values.get("--until")),
                ZoneId.of(values.get("--zone")),
                Double.parseDouble(values.get("--tail")),
                scaled(values.get("--institutes"), CITY_INSTITUTES, districts),
                scaled(values.get("--stations"), CITY_STATIONS, districts),
                Double.parseDouble(values.get("--activities-per-station-month")),
                values.get("--sink"),
                values.get("--bootstrap"),
                Integer.parseInt(values.get("--partitions")),
                summary.isBlank() || summary.equals("none") ? null : Path.of(summary));
    }

    /** The city's total for {@code districts} districts, unless given. */
    private static int scaled(String given, int cityTotal, int districts) {
        if (!given.isBlank()) {
            return Integer.parseInt(given);
        }
        return Math.max(districts, (int) Math.round((double) cityTotal * districts / CITY_DISTRICTS));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
