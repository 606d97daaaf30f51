package cloud.practice.volunteer.matching;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.matching.Candidate;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.Reach;
import cloud.practice.volunteer.matching.index.ScoreWeights;
import cloud.practice.volunteer.matching.index.VolunteerProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: on random cities, random needs and random updates between them, the index's ranking equals the
 * brute-force scan's, candidate by candidate (same ids, same order, same scores to the last bit).
 */
class IndexEqualsBruteForceTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void shouldRankExactlyAsTheBruteForceScan(long seed) {
        SyntheticCity city = new SyntheticCity(seed);
        MatchingIndex index = new MatchingIndex(ScoreWeights.defaults(), SyntheticCity.ZONE);
        int volunteers = 4_000;
        city.populate(index, volunteers);
        Random random = city.random();
        int nonEmpty = 0;
        for (int q = 0; q < 300; q++) {
            MatchQuery query = variant(city.query(1 + random.nextInt(30)), random);
            List<Candidate> fast = index.top(query);
            assertThat(fast).as("query %d: %s", q, query).isEqualTo(index.scan(query));
            nonEmpty += fast.isEmpty() ? 0 : 1;
            for (int u = 0; u < 20; u++) { // updates between queries: moves, skills, availability, load
                int who = random.nextInt(volunteers);
                index.upsert(city.profile(who));
                if (random.nextInt(4) == 0) {
                    index.engagements(SyntheticCity.DISTRICT, SyntheticCity.volunteerId(who), city.engagements());
                }
            }
        }
        assertThat(nonEmpty).as("the property is not vacuous").isGreaterThan(100);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void shouldRankExactlyWithManyTiesAndVolunteersWithoutLocation(long seed) {
        Random random = new Random(seed);
        MatchingIndex index = new MatchingIndex(ScoreWeights.defaults(), SyntheticCity.ZONE);
        for (int i = 0; i < 2_000; i++) {
            GeoPoint at = random.nextInt(10) == 0 ? null
                    : new GeoPoint(29.50 + random.nextInt(20) * 0.004, 106.50 + random.nextInt(20) * 0.004);
            index.upsert(new VolunteerProfile("v" + random.nextInt(1_500), SyntheticCity.DISTRICT,
                    "s-" + random.nextInt(4), at, Map.of(ServicePlatform.CARE, 1 + random.nextInt(2)), List.of(),
                    List.of(), true, true, i));
        }
        for (int q = 0; q < 200; q++) {
            boolean subtree = random.nextBoolean();
            GeoPoint at = subtree && random.nextBoolean() ? null
                    : new GeoPoint(29.50 + random.nextInt(20) * 0.004, 106.50 + random.nextInt(20) * 0.004);
            MatchQuery query = new MatchQuery(SyntheticCity.DISTRICT, ServicePlatform.CARE, 1, at,
                    subtree ? Reach.SUBTREE : Reach.RADIUS, 0.5 + random.nextInt(4), Set.of("s-0", "s-1"),
                    Set.of(), null, null, SyntheticCity.NOW, 1 + random.nextInt(40));
            assertThat(index.top(query)).as("query %d", q).isEqualTo(index.scan(query));
        }
    }

    /** Widens the generated needs: no window, no location, other radii and levels. */
    private static MatchQuery variant(MatchQuery query, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new MatchQuery(query.districtId(), query.platform(), query.minLevel(), query.location(),
                    query.reach(), query.radiusKm(), query.reachUnits(), query.teamUnits(), null, null, query.now(),
                    query.limit());
            case 1 -> new MatchQuery(query.districtId(), query.platform(), 1 + random.nextInt(5), null,
                    Reach.SUBTREE, query.radiusKm(), query.teamUnits(), query.teamUnits(), query.windowFrom(),
                    query.windowTo(), query.now(), query.limit());
            case 2 -> query.withRadius(0.5 + random.nextDouble() * 20);
            case 3 -> new MatchQuery(query.districtId(), query.platform(), query.minLevel(), query.location(),
                    query.reach(), query.radiusKm(), query.reachUnits(), query.teamUnits(), query.windowFrom(),
                    query.windowFrom().plus(Duration.ofHours(1 + random.nextInt(40))), query.now(), query.limit());
            default -> query;
        };
    }
}
