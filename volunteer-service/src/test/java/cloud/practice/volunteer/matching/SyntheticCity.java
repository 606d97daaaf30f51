package cloud.practice.volunteer.matching;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.volunteer.matching.index.Engagement;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.Reach;
import cloud.practice.volunteer.matching.index.VolunteerProfile;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic volunteers of a Chongqing-sized district, from documented distributions (also in the ADR 0009 and the
 * service README), seeded so every run sees the same city:
 *
 * <ul>
 *   <li><b>where</b>: a 40 x 40 km box around (29.50 N, 106.50 E); 80% around 12 town centres (Gaussian, sigma
 *       1.5-3 km), 20% uniform. Home unit: one of the 12 stations of the nearest town's institute.</li>
 *   <li><b>skills</b>: 1 platform (50%), 2 (35%), 3 (15%); platforms by popularity CARE 25, CIVILIZATION 18,
 *       CULTURE 14, EDUCATION 12, HEALTH_SPORTS 10, THEORY_LECTURES 8, SCIENCE 6, LEGAL 4, ALL_MEDIA 3 (%);
 *       levels 1-5 at 30/30/20/12/8%.</li>
 *   <li><b>availability</b>: weekend mornings 30%, weekday evenings 25%, weekend all day 15%, weekdays 09-17 20%,
 *       2-4 random 2-4 h slots 10%; 10% away on 1-5 dates of the next 60 days.</li>
 *   <li><b>state</b>: 92% active, 95% consented; 25% with 1-3 engagements accepted in the last 60 days (half with a
 *       2-4 h window in the next 14 days); 40% rated 1-20 times, mean 3-5; 10% in a team of their station.</li>
 * </ul>
 */
public final class SyntheticCity {

    public static final String DISTRICT = "cq-synthetic";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    static final double CENTER_LAT = 29.50;
    static final double CENTER_LON = 106.50;
    static final double HALF_BOX_KM = 20;
    private static final double KM_PER_DEG = 111.19;
    private static final ServicePlatform[] PLATFORMS = {ServicePlatform.CARE, ServicePlatform.CIVILIZATION,
            ServicePlatform.CULTURE, ServicePlatform.EDUCATION, ServicePlatform.HEALTH_SPORTS,
            ServicePlatform.THEORY_LECTURES, ServicePlatform.SCIENCE, ServicePlatform.LEGAL, ServicePlatform.ALL_MEDIA};
    private static final int[] PLATFORM_WEIGHTS = {25, 18, 14, 12, 10, 8, 6, 4, 3};
    private static final int[] LEVEL_WEIGHTS = {30, 30, 20, 12, 8};
    private static final int TOWNS = 12;
    private static final int STATIONS_PER_TOWN = 12;

    private final Random random;
    private final double[][] towns = new double[TOWNS][3];
    private int versionClock;

    public SyntheticCity(long seed) {
        random = new Random(seed);
        for (double[] town : towns) {
            town[0] = CENTER_LAT + (random.nextDouble() * 2 - 1) * 15 / KM_PER_DEG;
            town[1] = CENTER_LON + (random.nextDouble() * 2 - 1) * 15 / (KM_PER_DEG * Math.cos(Math.toRadians(CENTER_LAT)));
            town[2] = 1.5 + random.nextDouble() * 1.5;
        }
    }

    public static String volunteerId(int i) {
        return "vol-" + new java.util.UUID(0x5eedL * 31 + i, i * 0x9E3779B97F4A7C15L);
    }

    public static String institute(int town) {
        return "i-" + town;
    }

    public static String station(int town, int k) {
        return "s-" + town + "-" + k;
    }

    /** The stations under a town's institute (a responsible unit's subtree). */
    public static Set<String> subtreeOf(int town) {
        Set<String> units = new HashSet<>();
        units.add(institute(town));
        for (int k = 0; k < STATIONS_PER_TOWN; k++) {
            units.add(station(town, k));
        }
        return units;
    }

    /** Loads {@code count} volunteers (ids {@link #volunteerId}(0..count-1)) with engagements, ratings, teams. */
    public void populate(MatchingIndex index, int count) {
        index.reserve(DISTRICT, count); // as the loader does from the read model's count
        List<VolunteerProfile> batch = new ArrayList<>();
        String[] homeUnits = new String[count];
        for (int i = 0; i < count; i++) {
            VolunteerProfile profile = profile(i);
            homeUnits[i] = profile.homeUnitId();
            batch.add(profile);
            if (batch.size() == 10_000) {
                index.upsertAll(batch);
                batch.clear();
            }
        }
        index.upsertAll(batch);
        for (int i = 0; i < count; i++) {
            String id = volunteerId(i);
            if (random.nextInt(100) < 25) {
                index.engagements(DISTRICT, id, engagements());
            }
            if (random.nextInt(100) < 40) {
                int ratings = 1 + random.nextInt(20);
                index.rating(DISTRICT, id, ratings * (3 + 2 * random.nextDouble()), ratings);
            }
            if (inTeam()) {
                index.teamUnits(DISTRICT, id, Set.of(homeUnits[i]));
            }
        }
    }

    /** A fresh profile for volunteer {@code i}, newer than any before (an update when it exists). */
    public VolunteerProfile profile(int i) {
        int town = random.nextInt(100) < 80 ? random.nextInt(TOWNS) : -1;
        double lat;
        double lon;
        if (town >= 0) {
            double sigma = towns[town][2];
            lat = towns[town][0] + random.nextGaussian() * sigma / KM_PER_DEG;
            lon = towns[town][1] + random.nextGaussian() * sigma / (KM_PER_DEG * Math.cos(Math.toRadians(CENTER_LAT)));
        } else {
            lat = CENTER_LAT + (random.nextDouble() * 2 - 1) * HALF_BOX_KM / KM_PER_DEG;
            lon = CENTER_LON + (random.nextDouble() * 2 - 1) * HALF_BOX_KM / (KM_PER_DEG * Math.cos(Math.toRadians(CENTER_LAT)));
            town = nearestTown(lat, lon);
        }
        Map<ServicePlatform, Integer> skills = new EnumMap<>(ServicePlatform.class);
        int roll = random.nextInt(100);
        int platforms = roll < 50 ? 1 : roll < 85 ? 2 : 3;
        while (skills.size() < platforms) {
            skills.put(PLATFORMS[pick(PLATFORM_WEIGHTS)], 1 + pick(LEVEL_WEIGHTS));
        }
        List<LocalDate> away = new ArrayList<>();
        if (random.nextInt(100) < 10) {
            int days = 1 + random.nextInt(5);
            for (int d = 0; d < days; d++) {
                away.add(LocalDate.ofInstant(NOW, ZONE).plusDays(random.nextInt(60)));
            }
        }
        return new VolunteerProfile(volunteerId(i), DISTRICT, station(town, random.nextInt(STATIONS_PER_TOWN)),
                new GeoPoint(lat, lon), skills, availability(), away, random.nextInt(100) < 92,
                random.nextInt(100) < 95, ++versionClock);
    }

    public boolean inTeam() {
        return random.nextInt(100) < 10;
    }

    public List<Engagement> engagements() {
        List<Engagement> taken = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int e = 0; e < count; e++) {
            Instant accepted = NOW.minus(Duration.ofHours(random.nextInt(60 * 24)));
            Instant from = null;
            Instant to = null;
            if (random.nextBoolean()) {
                from = NOW.plus(Duration.ofHours(random.nextInt(14 * 24)));
                to = from.plus(Duration.ofHours(2 + random.nextInt(3)));
            }
            taken.add(new Engagement(from, to, accepted, random.nextInt(5) * 60));
        }
        return taken;
    }

    /** A need: popular platforms more often, at a place drawn like a volunteer's home, 2 h in the next 2 weeks. */
    public MatchQuery query(int limit) {
        VolunteerProfile place = profile(0);
        versionClock--;
        ServicePlatform platform = PLATFORMS[pick(PLATFORM_WEIGHTS)];
        int minLevel = 1 + random.nextInt(3);
        double radius = new double[]{3, 5, 8}[random.nextInt(3)];
        ZonedDateTime day = NOW.atZone(ZONE).toLocalDate().plusDays(1 + random.nextInt(14)).atStartOfDay(ZONE);
        ZonedDateTime from = day.withHour(new int[]{9, 10, 14, 19}[random.nextInt(4)]);
        int town = Integer.parseInt(place.homeUnitId().split("-")[1]);
        boolean subtree = random.nextInt(100) < 20;
        return new MatchQuery(DISTRICT, platform, minLevel, place.location(), subtree ? Reach.SUBTREE : Reach.RADIUS,
                radius, subtree ? subtreeOf(town) : Set.of(), subtreeOf(town), from.toInstant(),
                from.plusHours(2).toInstant(), NOW, limit);
    }

    private List<WeeklySlot> availability() {
        int roll = random.nextInt(100);
        List<WeeklySlot> slots = new ArrayList<>();
        if (roll < 30) {
            slots.add(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)));
            slots.add(new WeeklySlot(DayOfWeek.SUNDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)));
        } else if (roll < 55) {
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY)) {
                slots.add(new WeeklySlot(day, LocalTime.of(18, 30), LocalTime.of(21, 30)));
            }
        } else if (roll < 70) {
            slots.add(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(22, 0)));
            slots.add(new WeeklySlot(DayOfWeek.SUNDAY, LocalTime.of(8, 0), LocalTime.of(22, 0)));
        } else if (roll < 90) {
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY)) {
                slots.add(new WeeklySlot(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
            }
        } else {
            int count = 2 + random.nextInt(3);
            for (int s = 0; s < count; s++) {
                int start = 7 + random.nextInt(12);
                slots.add(new WeeklySlot(DayOfWeek.of(1 + random.nextInt(7)), LocalTime.of(start, 0),
                        LocalTime.of(Math.min(23, start + 2 + random.nextInt(3)), 0)));
            }
        }
        return slots;
    }

    private int nearestTown(double lat, double lon) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int t = 0; t < TOWNS; t++) {
            double dLat = towns[t][0] - lat;
            double dLon = (towns[t][1] - lon) * Math.cos(Math.toRadians(CENTER_LAT));
            double distance = dLat * dLat + dLon * dLon;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = t;
            }
        }
        return best;
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    public Random random() {
        return random;
    }
}
