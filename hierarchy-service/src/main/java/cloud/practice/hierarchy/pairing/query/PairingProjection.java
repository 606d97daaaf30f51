package cloud.practice.hierarchy.pairing.query;

import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.Activity;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.PairingDocument;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.PartnerDocument;
import cloud.practice.support.axon.BatchedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.ArrayList;

/**
 * Partners and pairings as documents, keyed by district and id; replays are skipped by the pairing's sequence number.
 */
@Component
@ProcessingGroup("pairing-view")
class PairingProjection {

    private final BatchedViews views;

    public PairingProjection(BatchedViews views) {
        this.views = views;
    }

    @EventHandler
    void on(PartnerRegistered event) {
        PartnerDocument partner = new PartnerDocument();
        partner.key = PairingDocuments.key(event.districtId(), event.partnerId());
        partner.partnerId = event.partnerId();
        partner.districtId = event.districtId();
        partner.type = event.type();
        partner.name = event.name();
        partner.owningDepartment = event.owningDepartment();
        partner.maskedContact = event.maskedContact();
        views.save(partner);
    }

    @EventHandler
    void on(PairingFormed event, @SequenceNumber long sequence) {
        PairingDocument pairing = new PairingDocument();
        pairing.key = PairingDocuments.key(event.districtId(), event.pairingId());
        pairing.pairingId = event.pairingId();
        pairing.districtId = event.districtId();
        pairing.partnerId = event.partnerId();
        pairing.stationIds = new ArrayList<>(event.stationIds());
        pairing.model = event.model();
        pairing.activitiesPerQuarter = event.activitiesPerQuarter();
        pairing.startDate = event.startDate().toString();
        pairing.endDate = event.endDate() == null ? null : event.endDate().toString();
        pairing.appliedSequence = sequence;
        views.save(pairing);
    }

    @EventHandler
    void on(PairingActivityRecorded event, @SequenceNumber long sequence) {
        PairingDocument pairing = views.find(PairingDocument.class,
                PairingDocuments.key(event.districtId(), event.pairingId()));
        if (pairing == null || pairing.appliedSequence >= sequence) {
            return;
        }
        pairing.activities.add(new Activity(event.stationId(), event.activityId(), event.title(),
                event.heldOn().toString()));
        pairing.appliedSequence = sequence;
        views.save(pairing);
    }

    @EventHandler
    void on(PairingEnded event, @SequenceNumber long sequence) {
        PairingDocument pairing = views.find(PairingDocument.class,
                PairingDocuments.key(event.districtId(), event.pairingId()));
        if (pairing == null || pairing.appliedSequence >= sequence) {
            return;
        }
        pairing.endDate = event.endDate().toString();
        pairing.endReason = event.reason();
        pairing.appliedSequence = sequence;
        views.save(pairing);
    }
}
