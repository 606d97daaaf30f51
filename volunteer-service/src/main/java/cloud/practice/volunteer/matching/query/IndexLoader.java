package cloud.practice.volunteer.matching.query;

import cloud.practice.events.ServicePlatform;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.VolunteerProfile;
import cloud.practice.volunteer.matching.query.TeamBook.TeamEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.team.query.TeamDocument;
import cloud.practice.volunteer.team.query.TeamDocument.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the index from the service's own read models when the application starts, before any event processor or
 * Kafka consumer runs (they start after all singletons): volunteers, then teams, then engagements and ratings.
 */
@Component
public class IndexLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexLoader.class);
    private static final int BATCH = 10_000;

    private final MongoTemplate mongo;
    private final MatchingIndex index;
    private final TeamBook teams;
    private final EngagementLedger engagements;

    public IndexLoader(MongoTemplate mongo, MatchingIndex index, TeamBook teams, EngagementLedger engagements) {
        this.mongo = mongo;
        this.index = index;
        this.teams = teams;
        this.engagements = engagements;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        int volunteers = 0;
        for (String district : mongo.findDistinct(new Query(), "districtId", VolunteerDocument.class, String.class)) {
            index.reserve(district, (int) mongo.count(Query.query(Criteria.where("districtId").is(district)),
                    VolunteerDocument.class)); // arrays sized once, without growth slack
        }
        List<VolunteerProfile> batch = new ArrayList<>(BATCH);
        try (var documents = mongo.stream(new Query(), VolunteerDocument.class)) {
            for (VolunteerDocument volunteer : (Iterable<VolunteerDocument>) documents::iterator) {
                if (volunteer.districtId == null) {
                    continue;
                }
                batch.add(Profiles.of(volunteer));
                volunteers++;
                if (batch.size() == BATCH) {
                    index.upsertAll(batch);
                    batch.clear();
                }
            }
        }
        index.upsertAll(batch);
        int teamCount = 0;
        for (TeamDocument team : mongo.findAll(TeamDocument.class)) {
            teams.put(new TeamEntry(team.teamId, team.districtId, team.unitId,
                    team.platforms == null || team.platforms.isEmpty() ? EnumSet.noneOf(ServicePlatform.class)
                            : EnumSet.copyOf(team.platforms), team.capacity,
                    team.members == null ? new LinkedHashSet<>() : team.members.stream().map(Member::volunteerId)
                            .collect(Collectors.toCollection(LinkedHashSet::new)),
                    team.status == TeamDocument.Status.ACTIVE, team.version));
            teamCount++;
        }
        engagements.loadAll();
        log.info("Matching index built from the read models: {} volunteers, {} teams in {} ms", volunteers, teamCount,
                (System.nanoTime() - started) / 1_000_000);
    }
}
