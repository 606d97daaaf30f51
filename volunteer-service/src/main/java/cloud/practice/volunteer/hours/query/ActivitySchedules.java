package cloud.practice.volunteer.hours.query;

import cloud.practice.support.tenancy.DistrictLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/** When each activity of request-service was published to start, per district (credits count from the start). */
@Component
@DistrictLookups
public class ActivitySchedules {

    public static final String COLLECTION = "activity_schedules";

    private final MongoCollection<Document> schedules;

    public ActivitySchedules(MongoTemplate mongo) {
        this.schedules = mongo.getDb().getCollection(COLLECTION);
    }

    /** Sets the schedule (a redelivery sets the same). */
    public void remember(String districtId, String activityId, Instant startsAt, Instant endsAt) {
        schedules.replaceOne(eq("_id", key(districtId, activityId)), new Document("_id", key(districtId, activityId))
                        .append("districtId", districtId)
                        .append("startsAt", Date.from(startsAt))
                        .append("endsAt", Date.from(endsAt)),
                new ReplaceOptions().upsert(true));
    }

    public Optional<Instant> startsAt(String districtId, String activityId) {
        return Optional.ofNullable(schedules.find(eq("_id", key(districtId, activityId))).first())
                .map(schedule -> schedule.getDate("startsAt").toInstant());
    }

    private static String key(String districtId, String activityId) {
        return districtId + "|" + activityId;
    }
}
