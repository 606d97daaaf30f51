package cloud.practice.auth.tree;

import cloud.practice.events.Context;
import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Set;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Who leads which team, from the volunteer registry's team events ({@code TeamFormed}, {@code TeamLeaderChanged},
 * {@code TeamDissolved}): a linked volunteer who leads an active team of their district is a TEAM_LEADER. One record
 * per team, set by each event, removed when the team is dissolved.
 */
public class TeamLeaders extends RoutedEventHandler {

    static final String COLLECTION = "team_leaders";

    private final MongoCollection<Document> teams;

    public TeamLeaders(MongoTemplate mongo) {
        this.teams = mongo.getDb().getCollection(COLLECTION);
        teams.createIndex(Indexes.ascending("districtId", "leaderVolunteerId"));
    }

    @Override
    public String name() {
        return "team-leaders";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.VOLUNTEER);
    }

    /** Who leads each team, while it exists. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(TeamFormed.class, (e, at) -> set(e.districtId(), e.teamId(), e.leaderVolunteerId()))
                .on(TeamLeaderChanged.class, (e, at) -> set(e.districtId(), e.teamId(), e.leaderVolunteerId()))
                .on(TeamDissolved.class, (e, at) -> teams.deleteOne(eq("_id", key(e.districtId(), e.teamId()))));
    }

    private void set(String districtId, String teamId, String leader) {
        teams.replaceOne(eq("_id", key(districtId, teamId)), new Document("_id", key(districtId, teamId))
                .append("districtId", districtId).append("teamId", teamId).append("leaderVolunteerId", leader),
                new ReplaceOptions().upsert(true));
    }

    /** Whether the volunteer leads an active team of the district. */
    public boolean leadsATeam(String districtId, String volunteerId) {
        return volunteerId != null
                && teams.find(and(eq("districtId", districtId), eq("leaderVolunteerId", volunteerId))).first() != null;
    }

    private static String key(String districtId, String teamId) {
        return districtId + "|" + teamId;
    }
}
