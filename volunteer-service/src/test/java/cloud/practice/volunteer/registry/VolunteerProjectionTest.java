package cloud.practice.volunteer.registry;

import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerSkillsChanged;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplied;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerPersonalDataRecorded;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ProfileDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerProjection;
import cloud.practice.volunteer.support.Clocks;
import cloud.practice.volunteer.support.InMemoryMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
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

/**
 * The registry read model: profile from the sealed data (an applicant's too), nothing readable after erasure, replays
 * harmless, account links old and new.
 */
class VolunteerProjectionTest {

    static final String ID = "vol-1";

    private final MongoTemplate mongo = InMemoryMongo.freshTemplate();
    private final PersonalDataVault vault = new PersonalDataVault(mongo.getDb(), "");
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new VolunteerProjection(mongo, vault, new BatchedViews(mongo)));

    private void apply(long sequence, Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Volunteer", ID, sequence, event));
    }

    private List<Object> registration() {
        return List.of(new VolunteerRegistered(ID, DISTRICT, "张*明", HOME_UNIT, APPROXIMATE_HOME, SKILLS, LANGUAGES,
                        WEEKENDS, true, Clocks.NOW),
                new VolunteerPersonalDataRecorded(ID, DISTRICT, vault.seal(DISTRICT, ID, VolunteerMother.adult()),
                        Clocks.NOW));
    }

    @Test
    void shouldKeepTheProfileInTheClearWhileTheKeyExists() throws Exception {
        List<Object> events = registration();
        apply(0, events.get(0));
        apply(1, events.get(1));

        ProfileDocument profile = mongo.findById(ID, ProfileDocument.class);
        assertThat(profile.name).isEqualTo("张小明");
        assertThat(profile.phone).isEqualTo("13812345678");
        assertThat(mongo.findById(ID, VolunteerDocument.class).version).isEqualTo(1);
    }

    @Test
    void shouldApplyAnEventOnceWhenItIsDeliveredTwice() throws Exception {
        List<Object> events = registration();
        apply(0, events.get(0));
        apply(1, events.get(1));
        apply(2, new VolunteerSkillsChanged(ID, DISTRICT, List.of()));
        apply(1, events.get(1));
        apply(0, events.get(0));

        VolunteerDocument volunteer = mongo.findById(ID, VolunteerDocument.class);
        assertThat(volunteer.skills).isEmpty();
        assertThat(volunteer.version).isEqualTo(2);
    }

    @Test
    void shouldLeaveNoPersonalDataWhenErasedEvenWhenTheStreamIsReplayed() throws Exception {
        List<Object> events = registration();
        apply(0, events.get(0));
        apply(1, events.get(1));
        vault.shred(ID);
        apply(2, new VolunteerErased(ID, DISTRICT, Clocks.NOW));

        assertThat(mongo.findById(ID, ProfileDocument.class)).isNull();
        VolunteerDocument erased = mongo.findById(ID, VolunteerDocument.class);
        assertThat(erased.erased).isTrue();
        assertThat(erased.maskedName).isNull();
        assertThat(erased.approximateLocation).isNull();

        mongo.dropCollection(VolunteerDocument.class);
        apply(0, events.get(0));
        apply(1, events.get(1));
        apply(2, new VolunteerErased(ID, DISTRICT, Clocks.NOW));
        assertThat(mongo.findById(ID, ProfileDocument.class)).as("rebuilt after erasure").isNull();
        assertThat(mongo.findById(ID, VolunteerDocument.class).maskedName).isNull();
    }

    @Test
    void shouldKeepAnApplicantsProfileForTheReviewersAndRemoveItWhenTheApplicationIsErased() throws Exception {
        apply(0, new VolunteerApplied(ID, DISTRICT, "res-1", "张*明", HOME_UNIT, APPROXIMATE_HOME, SKILLS, LANGUAGES,
                WEEKENDS, List.of(), true, Clocks.NOW));
        apply(1, new VolunteerPersonalDataRecorded(ID, DISTRICT, vault.seal(DISTRICT, ID, VolunteerMother.adult()),
                Clocks.NOW));

        assertThat(mongo.findById(ID, VolunteerDocument.class)).as("no volunteer while pending").isNull();
        assertThat(mongo.findById(ID, ProfileDocument.class).name).isEqualTo("张小明");

        apply(2, new VolunteerApplicationErased(ID, DISTRICT, Clocks.NOW));
        assertThat(mongo.findById(ID, ProfileDocument.class)).isNull();
    }

    @Test
    void shouldLinkTheAccountFromThePublishedEventAndFromTheInternalOneOfOlderStreams() throws Exception {
        List<Object> events = registration();
        apply(0, events.get(0));
        apply(1, events.get(1));
        apply(2, new VolunteerAccountLinked(ID, DISTRICT, "acct-new", Clocks.NOW));
        assertThat(mongo.findById(ID, VolunteerDocument.class).accountId).isEqualTo("acct-new");

        mongo.dropCollection(VolunteerDocument.class);
        apply(0, events.get(0));
        apply(1, events.get(1));
        apply(2, new VolunteerInternalEvents.VolunteerAccountLinked(ID, DISTRICT, "acct-old", Clocks.NOW));
        assertThat(mongo.findById(ID, VolunteerDocument.class).accountId).isEqualTo("acct-old");
    }
}
