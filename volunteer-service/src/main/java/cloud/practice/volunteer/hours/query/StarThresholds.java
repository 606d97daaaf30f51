package cloud.practice.volunteer.hours.query;

import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.volunteer.config.VolunteerSettings;
import cloud.practice.volunteer.hours.api.HourInternalEvents.StarThresholdsConfigured;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/**
 * The star thresholds in force per district: the district's own once configured, else the service default
 * ({@code practice.volunteer.star-thresholds}, 100/300/600/1,000/1,500 hours).
 */
@Component
@ProcessingGroup("star-thresholds")
@DistrictLookups
public class StarThresholds {

    static final String COLLECTION = "star_thresholds";

    private final MongoTemplate mongo;
    private final List<Integer> defaults;

    public StarThresholds(MongoTemplate mongo, VolunteerSettings settings) {
        this.mongo = mongo;
        this.defaults = List.copyOf(settings.starThresholds());
    }

    public List<Integer> of(String districtId) {
        return configured(districtId).map(Configured::thresholds).orElse(defaults);
    }

    public Optional<Configured> configured(String districtId) {
        Document document = mongo.getCollection(COLLECTION).find(eq("_id", districtId)).first();
        if (document == null) {
            return Optional.empty();
        }
        return Optional.of(new Configured(new ArrayList<>(document.getList("thresholds", Integer.class)),
                document.getString("changedBy"), document.getDate("changedAt").toInstant(),
                document.getLong("version")));
    }

    public List<Integer> defaults() {
        return defaults;
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(COLLECTION);
    }

    @EventHandler
    void on(StarThresholdsConfigured event, @SequenceNumber long sequence) {
        Optional<Configured> current = configured(event.districtId());
        if (current.isPresent() && current.get().version() >= sequence) {
            return;
        }
        mongo.getCollection(COLLECTION).replaceOne(eq("_id", event.districtId()), new Document("_id",
                        event.districtId()).append("thresholds", event.thresholds()).append("changedBy", event.changedBy())
                        .append("changedAt", java.util.Date.from(event.changedAt())).append("version", sequence),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    public record Configured(List<Integer> thresholds, String changedBy, java.time.Instant changedAt, long version) {
    }
}
