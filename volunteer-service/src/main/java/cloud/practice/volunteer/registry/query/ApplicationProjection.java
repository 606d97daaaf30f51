package cloud.practice.volunteer.registry.query;

import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationApproved;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationRefused;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplied;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ApplicationDocument;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * People's own applications to be volunteers, from the internal application events (in the registry's processing
 * group, so one replay rebuilds both). Each document remembers the last sequence it applied: redeliveries change
 * nothing. Erasure leaves the id, district, home unit and status only.
 */
@Component
@ProcessingGroup(VolunteerProjection.GROUP)
public class ApplicationProjection {

    /** The aggregate type of a volunteer's record as Axon names it on its events (the aggregate class's simple name). */
    private static final String VOLUNTEER = "Volunteer";

    private final MongoTemplate mongo;
    private final BatchedViews views;

    public ApplicationProjection(MongoTemplate mongo, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
        indexes();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(ApplicationDocument.class);
        indexes();
    }

    /** A person's applications ({@code /me}) and a reviewer's queue, without scanning the district. */
    private void indexes() {
        IndexOperations indexes = mongo.indexOps(ApplicationDocument.class);
        indexes.ensureIndex(new Index().on("districtId", Sort.Direction.ASC).on("accountId", Sort.Direction.ASC)
                .named("by_account"));
        indexes.ensureIndex(new Index().on("districtId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("appliedAt", Sort.Direction.ASC).named("queue"));
    }

    @EventHandler
    void on(VolunteerApplied event, @SequenceNumber long sequence) {
        ApplicationDocument existing = views.find(ApplicationDocument.class, event.volunteerId());
        if (existing != null && existing.version >= sequence) {
            return;
        }
        ApplicationDocument application = new ApplicationDocument();
        application.volunteerId = event.volunteerId();
        application.districtId = event.districtId();
        application.accountId = event.accountId();
        application.maskedName = event.maskedName();
        application.homeUnitId = event.homeUnitId();
        application.skills = VolunteerProjection.skills(event.skills());
        application.languages = new ArrayList<>(event.languages());
        application.availability = VolunteerProjection.slots(event.availability());
        application.unavailableDates = new ArrayList<>(event.unavailableDates().stream().map(LocalDate::toString)
                .toList());
        application.status = ApplicationStatus.PENDING;
        application.appliedAt = event.appliedAt();
        application.version = sequence;
        views.save(application);
    }

    @EventHandler
    void on(VolunteerApplicationApproved event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, application -> {
            application.status = ApplicationStatus.APPROVED;
            application.reason = event.note();
            application.decidedBy = event.decidedBy();
            application.decidedAt = event.decidedAt();
        });
    }

    @EventHandler
    void on(VolunteerApplicationRefused event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, application -> {
            application.status = ApplicationStatus.REFUSED;
            application.reason = event.reason();
            application.decidedBy = event.decidedBy();
            application.decidedAt = event.decidedAt();
        });
    }

    @EventHandler
    void on(VolunteerApplicationErased event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, application -> {
            application.status = ApplicationStatus.ERASED;
            forget(application);
        });
    }

    /** An approved applicant erased as a volunteer: their application keeps nothing about them either. */
    @EventHandler
    void on(VolunteerErased event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, ApplicationProjection::forget);
    }

    /**
     * Any other event of an applicant's record (the sealed personal data recorded with the application, say): the
     * application's version follows the record's, so a decision's {@code If-Match} taken from it holds.
     */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (VOLUNTEER.equals(message.getType())) {
            update(message.getAggregateIdentifier(), message.getSequenceNumber(), application -> { });
        }
    }

    private static void forget(ApplicationDocument application) {
        application.accountId = null;
        application.maskedName = null;
        application.skills = new ArrayList<>();
        application.languages = new ArrayList<>();
        application.availability = new ArrayList<>();
        application.unavailableDates = new ArrayList<>();
        application.reason = null;
    }

    private void update(String volunteerId, long sequence, Consumer<ApplicationDocument> change) {
        ApplicationDocument application = views.find(ApplicationDocument.class, volunteerId);
        if (application == null || application.version >= sequence) {
            return;
        }
        change.accept(application);
        application.version = sequence;
        views.save(application);
    }
}
