package cloud.practice.request.activity.query;

import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityCheckedIn;
import cloud.practice.support.axon.BatchedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Activities as documents, guarded by the activity's sequence number. Resetting the processor ({@code activity-view})
 * drops them and replays every activity's events: how views written before a field was added (the check-outs, how
 * each check-in was made) get it.
 */
@Component
@ProcessingGroup("activity-view")
public class ActivityProjection {

    private final MongoTemplate mongo;
    private final BatchedViews views;

    public ActivityProjection(MongoTemplate mongo, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(ActivityView.class);
    }

    @EventHandler
    void on(ActivityPublished e, @SequenceNumber long seq) {
        ActivityView view = new ActivityView();
        view.activityId = e.activityId();
        view.districtId = e.districtId();
        view.unitId = e.unitId();
        view.platform = e.platform();
        view.title = e.title();
        view.place = e.place();
        view.location = e.location();
        view.startsAt = e.startsAt();
        view.endsAt = e.endsAt();
        view.signUpOpens = e.signUpOpens();
        view.signUpCloses = e.signUpCloses();
        view.pairingId = e.pairingId();
        view.volunteerCapacity = e.volunteerCapacity();
        view.residentCapacity = e.residentCapacity();
        view.appliedSequence = seq;
        views.save(view);
    }

    @EventHandler
    void on(ActivitySignedUp e, @SequenceNumber long seq) {
        change(e.activityId(), seq, view -> view.participants.put(e.participantId(), e.role()));
    }

    @EventHandler
    void on(ActivitySignUpCancelled e, @SequenceNumber long seq) {
        change(e.activityId(), seq, view -> view.participants.remove(e.participantId()));
    }

    @EventHandler
    void on(ActivityCheckedIn e, @SequenceNumber long seq) {
        change(e.activityId(), seq, view -> {
            view.checkedIn.put(e.participantId(), e.at());
            view.checkInMethods.put(e.participantId(), e.method().name());
            if (e.reason() != null) {
                view.checkInReasons.put(e.participantId(), e.reason());
            }
        });
    }

    @EventHandler
    void on(ActivityCheckedOut e, @SequenceNumber long seq) {
        change(e.activityId(), seq, view -> view.checkedOut.put(e.volunteerId(), e.checkedOutAt()));
    }

    @EventHandler
    void on(ActivityClosed e, @SequenceNumber long seq) {
        change(e.activityId(), seq, view -> {
            view.closed = true;
            view.summary = e.summary();
            view.volunteersAttended = e.volunteersAttended();
            view.residentsAttended = e.residentsAttended();
        });
    }

    public Optional<ActivityView> activity(String districtId, String activityId) {
        return Optional.ofNullable(mongo.findById(activityId, ActivityView.class))
                .filter(view -> view.districtId.equals(districtId));
    }

    public List<ActivityView> activities(String districtId, String unitId) {
        Criteria criteria = Criteria.where("districtId").is(districtId);
        if (unitId != null) {
            criteria = criteria.and("unitId").is(unitId);
        }
        // A stable order, so pages neither repeat nor skip an activity.
        return mongo.find(Query.query(criteria).with(org.springframework.data.domain.Sort.by("startsAt", "_id")),
                ActivityView.class);
    }

    private void change(String activityId, long seq, Consumer<ActivityView> update) {
        ActivityView view = views.find(ActivityView.class, activityId);
        if (view == null || view.appliedSequence >= seq) {
            return;
        }
        update.accept(view);
        view.appliedSequence = seq;
        views.save(view);
    }
}
