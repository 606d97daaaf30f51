package cloud.practice.volunteer.matching.index;

import cloud.practice.events.matching.Candidate;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory matching index: one {@link DistrictIndex} per district (the unit it could be sharded by), built
 * from the registry's read model at start and kept current from events. Nothing here is persisted: a restart
 * rebuilds it.
 */
public class MatchingIndex {

    private final Scoring scoring;
    private final ZoneId zone;
    private final ConcurrentMap<String, DistrictIndex> districts = new ConcurrentHashMap<>();

    public MatchingIndex(ScoreWeights weights, ZoneId zone) {
        this.scoring = new Scoring(weights);
        this.zone = zone;
    }

    public Scoring scoring() {
        return scoring;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Applies the profiles newer than the index's copy (grouped per district, one write lock each). */
    public int upsertAll(Collection<VolunteerProfile> profiles) {
        int changed = 0;
        for (var byDistrict : profiles.stream()
                .collect(java.util.stream.Collectors.groupingBy(VolunteerProfile::districtId)).entrySet()) {
            changed += district(byDistrict.getKey()).upsertAll(byDistrict.getValue());
        }
        return changed;
    }

    public boolean upsert(VolunteerProfile profile) {
        return district(profile.districtId()).upsertAll(List.of(profile)) == 1;
    }

    /** Sizes a district's arrays for {@code expected} volunteers before a bulk load (no growth slack). */
    public void reserve(String districtId, int expected) {
        district(districtId).reserve(expected);
    }

    /** The version of the volunteer's profile held, -1 when unknown. */
    public long version(String districtId, String volunteerId) {
        DistrictIndex index = districts.get(districtId);
        return index == null ? -1 : index.version(volunteerId);
    }

    public void engagements(String districtId, String volunteerId, Collection<Engagement> engagements) {
        district(districtId).engagements(volunteerId, engagements);
    }

    public void rating(String districtId, String volunteerId, double sum, int count) {
        district(districtId).rating(volunteerId, sum, count);
    }

    public void teamUnits(String districtId, String volunteerId, Set<String> unitIds) {
        district(districtId).teamUnits(volunteerId, unitIds);
    }

    /** The best candidates, ranked exactly (equal to {@link #scan}). */
    public List<Candidate> top(MatchQuery query) {
        DistrictIndex index = districts.get(query.districtId());
        return index == null ? List.of() : index.top(query);
    }

    /** Brute-force ranking over every volunteer of the district: the reference for tests and benchmarks. */
    public List<Candidate> scan(MatchQuery query) {
        DistrictIndex index = districts.get(query.districtId());
        return index == null ? List.of() : index.scan(query);
    }

    public int size(String districtId) {
        DistrictIndex index = districts.get(districtId);
        return index == null ? 0 : index.size();
    }

    private DistrictIndex district(String districtId) {
        return districts.computeIfAbsent(districtId, id -> new DistrictIndex(id, scoring, zone));
    }
}
