package cloud.practice.volunteer.team.query;

import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.events.ServicePlatform;
import cloud.practice.support.web.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Service
@DistrictLookups
public class TeamQueries {

    private final MongoTemplate mongo;

    public TeamQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<TeamDocument> team(String districtId, String teamId) {
        return Optional.ofNullable(mongo.findById(teamId, TeamDocument.class))
                .filter(team -> team.districtId.equals(districtId));
    }

    public Page<TeamDocument> search(String districtId, String unitId, ServicePlatform platform, String volunteerId,
                                     boolean includeDissolved, int page, int size) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("districtId").is(districtId)));
        if (unitId != null) {
            criteria.add(Criteria.where("unitId").is(unitId));
        }
        if (platform != null) {
            criteria.add(Criteria.where("platforms").is(platform));
        }
        if (volunteerId != null) {
            criteria.add(Criteria.where("members.volunteerId").is(volunteerId));
        }
        if (!includeDissolved) {
            criteria.add(Criteria.where("status").is(TeamDocument.Status.ACTIVE));
        }
        Query query = Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, TeamDocument.class);
        query.with(Sort.by("name", "_id")).skip((long) page * size).limit(size);
        return new Page<>(mongo.find(query, TeamDocument.class), page, size, total);
    }

    /** The active teams a volunteer belongs to (for removing them on erasure). */
    public List<TeamDocument> teamsOf(String districtId, String volunteerId) {
        return mongo.find(Query.query(Criteria.where("districtId").is(districtId)
                .and("members.volunteerId").is(volunteerId).and("status").is(TeamDocument.Status.ACTIVE)),
                TeamDocument.class);
    }
}
