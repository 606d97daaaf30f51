package cloud.practice.volunteer.registry.query;

import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerAvailabilityChanged;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerHomeUnitChanged;
import cloud.practice.events.volunteer.VolunteerLanguagesChanged;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerRenamed;
import cloud.practice.events.volunteer.VolunteerSkillsChanged;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.AccountLinkConsentRecorded;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerErasureRequested;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerPersonalDataRecorded;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.GuardianEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ProfileDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.SkillEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.Slot;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The registry's read models, from the volunteer's events. Each document remembers the last sequence it applied,
 * so replays and redeliveries change nothing. Sealed personal data is opened with the volunteer's key; once the key
 * is shredded there is nothing to open, and a rebuild after erasure writes no profile.
 */
@Component
@ProcessingGroup(VolunteerProjection.GROUP)
public class VolunteerProjection {

    public static final String GROUP = "volunteer-view";

    private final MongoTemplate mongo;
    private final BatchedViews views;
    private final PersonalDataVault vault;

    public VolunteerProjection(MongoTemplate mongo, PersonalDataVault vault, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
        this.vault = vault;
    }

    /** A replay rebuilds from nothing; after erasure there is no key, so nothing personal comes back. */
    @ResetHandler
    void reset() {
        mongo.dropCollection(VolunteerDocument.class);
        mongo.dropCollection(ProfileDocument.class);
    }

    @EventHandler
    void on(VolunteerRegistered event, @SequenceNumber long sequence) {
        VolunteerDocument existing = views.find(VolunteerDocument.class, event.volunteerId());
        if (existing != null && existing.version >= sequence) {
            return;
        }
        VolunteerDocument volunteer = new VolunteerDocument();
        volunteer.volunteerId = event.volunteerId();
        volunteer.districtId = event.districtId();
        volunteer.maskedName = event.maskedName();
        volunteer.homeUnitId = event.homeUnitId();
        volunteer.approximateLocation = event.approximateLocation();
        volunteer.skills = skills(event.skills());
        volunteer.languages = new ArrayList<>(event.languages());
        volunteer.availability = slots(event.availability());
        volunteer.contactConsent = event.contactConsent();
        volunteer.status = VolunteerStatus.ACTIVE;
        volunteer.registeredAt = event.registeredAt();
        volunteer.version = sequence;
        views.save(volunteer);
    }

    /** Also an applicant's: their profile is there for the reviewers before any volunteer document is. */
    @EventHandler
    void on(VolunteerPersonalDataRecorded event, @SequenceNumber long sequence) {
        VolunteerDocument volunteer = views.find(VolunteerDocument.class, event.volunteerId());
        if (volunteer != null && volunteer.version >= sequence) {
            return;
        }
        vault.open(event.volunteerId(), event.sealed()).ifPresent(personal -> views.save(profile(event, personal)));
        if (volunteer != null) {
            volunteer.version = sequence;
            views.save(volunteer);
        }
    }

    @EventHandler
    void on(VolunteerAccountLinked event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> volunteer.accountId = event.accountId());
    }

    /** Streams stored before approval existed (issue 21) linked the account with the internal event. */
    @EventHandler
    void on(VolunteerInternalEvents.VolunteerAccountLinked event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> volunteer.accountId = event.accountId());
    }

    /** Audit only; the volunteer's version moves on. */
    @EventHandler
    void on(AccountLinkConsentRecorded event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> { });
    }

    /** A withdrawn or erased application: its plain-text profile goes (there is no volunteer document). */
    @EventHandler
    void on(VolunteerApplicationErased event) {
        views.remove(ProfileDocument.class, event.volunteerId());
    }

    @EventHandler
    void on(VolunteerRenamed event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> volunteer.maskedName = event.maskedName());
    }

    @EventHandler
    void on(VolunteerHomeUnitChanged event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> {
            volunteer.homeUnitId = event.homeUnitId();
            volunteer.approximateLocation = event.approximateLocation();
        });
    }

    @EventHandler
    void on(VolunteerSkillsChanged event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> volunteer.skills = skills(event.skills()));
    }

    @EventHandler
    void on(VolunteerLanguagesChanged event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> volunteer.languages = new ArrayList<>(event.languages()));
    }

    @EventHandler
    void on(VolunteerAvailabilityChanged event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> {
            volunteer.availability = slots(event.availability());
            volunteer.unavailableDates = new ArrayList<>(event.unavailableDates().stream().map(LocalDate::toString)
                    .toList());
            volunteer.contactConsent = event.contactConsent();
        });
    }

    @EventHandler
    void on(VolunteerStatusChanged event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> volunteer.status = event.status());
    }

    @EventHandler
    void on(VolunteerErasureRequested event, @SequenceNumber long sequence) {
        update(event.volunteerId(), sequence, volunteer -> { });
    }

    /** Only the opaque id, district, home unit and status stay; the plain-text profile goes. */
    @EventHandler
    void on(VolunteerErased event, @SequenceNumber long sequence) {
        views.remove(ProfileDocument.class, event.volunteerId());
        update(event.volunteerId(), sequence, volunteer -> {
            volunteer.erased = true;
            volunteer.erasedAt = event.erasedAt();
            volunteer.maskedName = null;
            volunteer.accountId = null;
            volunteer.approximateLocation = null;
            volunteer.skills = new ArrayList<>();
            volunteer.languages = new ArrayList<>();
            volunteer.availability = new ArrayList<>();
            volunteer.unavailableDates = new ArrayList<>();
            volunteer.contactConsent = false;
        });
    }

    private void update(String volunteerId, long sequence, Consumer<VolunteerDocument> change) {
        VolunteerDocument volunteer = views.find(VolunteerDocument.class, volunteerId);
        if (volunteer == null || volunteer.version >= sequence) {
            return;
        }
        change.accept(volunteer);
        volunteer.version = sequence;
        views.save(volunteer);
    }

    private static ProfileDocument profile(VolunteerPersonalDataRecorded event, PersonalData personal) {
        ProfileDocument profile = new ProfileDocument();
        profile.volunteerId = event.volunteerId();
        profile.districtId = event.districtId();
        profile.name = personal.name();
        profile.phone = personal.phone();
        profile.idNumber = personal.idNumber();
        profile.birthDate = personal.birthDate().toString();
        profile.guardian = personal.guardian() == null ? null : new GuardianEntry(personal.guardian().name(),
                personal.guardian().phone(), personal.guardian().relation(), personal.guardian().consentedAt());
        profile.recordedAt = event.recordedAt();
        return profile;
    }

    static List<SkillEntry> skills(List<Skill> skills) {
        return new ArrayList<>(skills.stream().map(skill -> new SkillEntry(skill.platform(), skill.level())).toList());
    }

    static List<Slot> slots(List<WeeklySlot> slots) {
        return new ArrayList<>(slots.stream()
                .map(slot -> new Slot(slot.day().name(), slot.from().toString(), slot.to().toString())).toList());
    }
}
