package cloud.practice.volunteer.privacy;

import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationRefused;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplied;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerPersonalDataRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What erasure removes besides the events' readability: the volunteer's (or application's) key, their rows in the
 * duplicate index and the plain-text profile. Run at once by the API after the erasure command, and again by this
 * tracking handler from {@code VolunteerErased} (or {@code VolunteerApplicationErased}), so a crash in between cannot
 * leave anything behind. The handler also keeps the duplicate index rebuildable from the sealed events while the key
 * exists.
 */
@Component
@ProcessingGroup(PersonalDataErasure.GROUP)
public class PersonalDataErasure {

    public static final String GROUP = "privacy";
    static final String PROFILES = "volunteer_profiles";

    private final PersonalDataVault vault;
    private final IdentityIndex identities;
    private final MongoTemplate mongo;

    public PersonalDataErasure(PersonalDataVault vault, IdentityIndex identities, MongoTemplate mongo) {
        this.vault = vault;
        this.identities = identities;
        this.mongo = mongo;
    }

    public void erase(String volunteerId) {
        vault.shred(volunteerId);
        identities.releaseAll(volunteerId);
        mongo.remove(Query.query(Criteria.where("_id").is(volunteerId)), PROFILES);
    }

    /**
     * A volunteer's numbers are theirs for good. Their first personal data (sequence 1, right after the registration
     * or application) can have left no other rows, so only a later change looks for the rows of numbers they gave up
     * (a query by volunteer id: one more read on the roster's path for rows that cannot exist yet).
     */
    @EventHandler
    void on(VolunteerPersonalDataRecorded event, @SequenceNumber long sequence) {
        vault.open(event.volunteerId(), event.sealed()).ifPresent(personal -> identities.confirm(event.districtId(),
                event.volunteerId(), personal.phone(), personal.idNumber(), sequence > 1));
    }

    /** Keeps "one volunteer per account" rebuildable; erasure releases the account with the other rows. */
    @EventHandler
    void on(VolunteerAccountLinked event) {
        identities.confirmAccount(event.districtId(), event.volunteerId(), event.accountId());
    }

    /** Streams stored before approval existed (issue 21) linked the account with the internal event. */
    @EventHandler
    void on(VolunteerInternalEvents.VolunteerAccountLinked event) {
        identities.confirmAccount(event.districtId(), event.volunteerId(), event.accountId());
    }

    /** A pending application holds its account as a volunteer would. */
    @EventHandler
    void on(VolunteerApplied event) {
        identities.confirmAccount(event.districtId(), event.volunteerId(), event.accountId());
    }

    /** A refused applicant's account, phone and ID number are free for a new application or a registration. */
    @EventHandler
    void on(VolunteerApplicationRefused event) {
        identities.releaseAll(event.volunteerId());
    }

    @EventHandler
    void on(VolunteerApplicationErased event) {
        erase(event.volunteerId());
    }

    @EventHandler
    void on(VolunteerErased event) {
        erase(event.volunteerId());
    }
}
