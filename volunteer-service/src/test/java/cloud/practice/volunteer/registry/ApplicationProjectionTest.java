package cloud.practice.volunteer.registry;

import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationApproved;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationRefused;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplied;
import cloud.practice.volunteer.registry.query.ApplicationProjection;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ApplicationDocument;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import cloud.practice.volunteer.support.Clocks;
import cloud.practice.volunteer.support.InMemoryMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

import static cloud.practice.volunteer.registry.VolunteerMother.APPROXIMATE_HOME;
import static cloud.practice.volunteer.registry.VolunteerMother.DISTRICT;
import static cloud.practice.volunteer.registry.VolunteerMother.HOME_UNIT;
import static cloud.practice.volunteer.registry.VolunteerMother.LANGUAGES;
import static cloud.practice.volunteer.registry.VolunteerMother.SKILLS;
import static cloud.practice.volunteer.registry.VolunteerMother.WEEKENDS;
import static org.assertj.core.api.Assertions.assertThat;

/** The applications read model: states and reasons, an applicant's newest application, nothing kept after erasure. */
class ApplicationProjectionTest {

    private final MongoTemplate mongo = InMemoryMongo.freshTemplate();
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new ApplicationProjection(mongo, new BatchedViews(mongo)));
    private final VolunteerQueries queries = new VolunteerQueries(mongo);

    private void apply(String id, long sequence, Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Volunteer", id, sequence, event));
    }

    private static VolunteerApplied applied(String id, String account, long minutesAgo) {
        return new VolunteerApplied(id, DISTRICT, account, "张*明", HOME_UNIT, APPROXIMATE_HOME, SKILLS, LANGUAGES,
                WEEKENDS, List.of(), true, Clocks.NOW.minusSeconds(60 * minutesAgo));
    }

    @Test
    void shouldShowTheRefusalReasonAndThenTheNewApplicationWhenTheApplicantAppliesAgain() throws Exception {
        apply("vol-1", 0, applied("vol-1", "res-1", 30));
        apply("vol-1", 2, new VolunteerApplicationRefused("vol-1", DISTRICT, "资料不全", "admin-pl", Clocks.NOW));
        apply("vol-1", 2, new VolunteerApplicationRefused("vol-1", DISTRICT, "redelivered", "admin-pl", Clocks.NOW));

        ApplicationDocument refused = queries.latestApplication(DISTRICT, "res-1").orElseThrow();
        assertThat(refused.status).isEqualTo(ApplicationStatus.REFUSED);
        assertThat(refused.reason).isEqualTo("资料不全");

        apply("vol-2", 0, applied("vol-2", "res-1", 1));
        assertThat(queries.latestApplication(DISTRICT, "res-1").orElseThrow().volunteerId).isEqualTo("vol-2");
        assertThat(queries.applications(DISTRICT, null, null, ApplicationStatus.PENDING, 0, 50).items())
                .extracting(view -> view.volunteerId()).containsExactly("vol-2");
        assertThat(queries.applications(DISTRICT, List.of("s-yj"), null, null, 0, 50).items())
                .as("another subtree's queue").isEmpty();
    }

    @Test
    void shouldForgetTheApplicantWhenTheApplicationOrTheApprovedVolunteerIsErased() throws Exception {
        apply("vol-1", 0, applied("vol-1", "res-1", 30));
        apply("vol-1", 2, new VolunteerApplicationRefused("vol-1", DISTRICT, "资料不全", "admin-pl", Clocks.NOW));
        apply("vol-1", 4, new VolunteerApplicationErased("vol-1", DISTRICT, Clocks.NOW));
        apply("vol-2", 0, applied("vol-2", "res-2", 30));
        apply("vol-2", 2, new VolunteerApplicationApproved("vol-2", DISTRICT, "欢迎", "admin-pl", Clocks.NOW));
        apply("vol-2", 9, new VolunteerErased("vol-2", DISTRICT, Clocks.NOW));

        ApplicationDocument erased = mongo.findById("vol-1", ApplicationDocument.class);
        assertThat(erased.status).isEqualTo(ApplicationStatus.ERASED);
        assertThat(erased.accountId).isNull();
        assertThat(erased.maskedName).isNull();
        assertThat(erased.reason).isNull();
        ApplicationDocument approved = mongo.findById("vol-2", ApplicationDocument.class);
        assertThat(approved.status).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(approved.accountId).isNull();
        assertThat(approved.maskedName).isNull();
        assertThat(queries.latestApplication(DISTRICT, "res-1")).isEmpty();
        assertThat(queries.latestApplication(DISTRICT, "res-2")).isEmpty();
    }
}
