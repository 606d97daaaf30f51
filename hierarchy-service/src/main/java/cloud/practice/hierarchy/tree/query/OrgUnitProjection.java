package cloud.practice.hierarchy.tree.query;

import cloud.practice.events.hierarchy.CommunityGridsDefined;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgUnitDetailsChanged;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitMoved;
import cloud.practice.events.hierarchy.OrgUnitRelocated;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.OrgUnitSplit;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.hierarchy.tree.api.TreeInternalEvents.OrgUnitContactRecorded;
import cloud.practice.support.axon.BatchedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.function.Consumer;

/**
 * Keeps {@link OrgUnitDocument}s from the tree's events. Every handler is guarded by the tree's sequence number, so
 * a replayed event (after a crash between write and token update) changes nothing.
 */
@Component
@ProcessingGroup(OrgUnitProjection.PROCESSING_GROUP)
class OrgUnitProjection {

    public static final String PROCESSING_GROUP = "org-unit-view";

    private final BatchedViews views;

    public OrgUnitProjection(BatchedViews views) {
        this.views = views;
    }

    @EventHandler
    void on(OrgUnitEstablished event, @SequenceNumber long sequence) {
        String key = OrgUnitDocument.key(event.districtId(), event.unitId());
        OrgUnitDocument existing = views.find(OrgUnitDocument.class, key);
        if (existing != null && existing.appliedSequence >= sequence) {
            return;
        }
        OrgUnitDocument unit = new OrgUnitDocument();
        unit.id = key;
        unit.districtId = event.districtId();
        unit.unitId = event.unitId();
        unit.code = event.code();
        unit.tier = event.tier();
        unit.name = event.name();
        unit.parentId = event.parentId();
        unit.divisionCode = event.divisionCode();
        unit.address = event.address();
        unit.location = event.location();
        unit.platforms = new LinkedHashSet<>(event.platforms());
        unit.communities = new ArrayList<>(event.communities());
        unit.establishedOn = event.effectiveDate().toString();
        unit.version = 1;
        unit.appliedSequence = sequence;
        unit.recordVersion(unit.establishedOn);
        views.save(unit);
    }

    @EventHandler
    void on(OrgUnitRenamed event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(), unit -> unit.name = event.name(),
                true);
    }

    @EventHandler
    void on(OrgUnitRelocated event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(), unit -> {
            unit.address = event.address();
            unit.location = event.location();
        }, false);
    }

    @EventHandler
    void on(OrgUnitContactRecorded event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, null, unit -> unit.contact = event.contact(), false);
    }

    @EventHandler
    void on(OrgUnitDetailsChanged event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(), unit -> {
            unit.divisionCode = event.divisionCode();
            unit.maskedContact = event.maskedContact();
            unit.openingHours = event.openingHours();
            unit.platforms = new LinkedHashSet<>(event.platforms());
            unit.communities = new ArrayList<>(event.communities());
        }, true);
    }

    @EventHandler
    void on(OrgUnitMoved event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(),
                unit -> unit.parentId = event.toParentId(), true);
    }

    @EventHandler
    void on(OrgUnitStatusChanged event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(), unit -> {
            unit.status = event.status();
            unit.closedOn = event.status() == OrgUnitStatus.CLOSED ? event.effectiveDate().toString() : null;
        }, true);
    }

    @EventHandler
    void on(OrgUnitMerged event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(), unit -> {
            unit.status = OrgUnitStatus.CLOSED;
            unit.closedOn = event.effectiveDate().toString();
            unit.mergedInto = event.survivorId();
            unit.communities = new ArrayList<>();
        }, true);
        change(event.districtId(), event.survivorId(), sequence, event.effectiveDate(), survivor ->
                event.movedCommunities().stream().filter(c -> !survivor.communities.contains(c))
                        .forEach(survivor.communities::add), true);
        for (String child : event.movedChildIds()) {
            change(event.districtId(), child, sequence, event.effectiveDate(),
                    unit -> unit.parentId = event.survivorId(), true);
        }
    }

    @EventHandler
    void on(OrgUnitSplit event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, event.effectiveDate(),
                unit -> unit.communities.removeAll(event.movedCommunities()), true);
        change(event.districtId(), event.newUnitId(), sequence, event.effectiveDate(),
                unit -> unit.communities.addAll(event.movedCommunities()), true);
    }

    @EventHandler
    void on(ManagerAssigned event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, null,
                unit -> unit.managers.put(event.userId(), event.role()), false);
    }

    @EventHandler
    void on(CommunityGridsDefined event, @SequenceNumber long sequence) {
        String key = CommunityGridsDocument.key(event.districtId(), event.community());
        CommunityGridsDocument register = views.find(CommunityGridsDocument.class, key);
        if (register == null) {
            register = new CommunityGridsDocument();
            register.id = key;
            register.districtId = event.districtId();
            register.community = event.community();
        } else if (register.appliedSequence >= sequence) {
            return;
        }
        register.define(event.effectiveDate().toString(), event.grids());
        register.appliedSequence = sequence;
        views.save(register);
    }

    @EventHandler
    void on(ManagerRevoked event, @SequenceNumber long sequence) {
        change(event.districtId(), event.unitId(), sequence, null, unit -> unit.managers.remove(event.userId()), false);
    }

    /**
     * Applies one event to one unit unless already applied; {@code placement} changes (name, parent, status,
     * coverage) open a new effective-dated version.
     */
    private void change(String districtId, String unitId, long sequence, LocalDate effectiveDate,
                        Consumer<OrgUnitDocument> update, boolean placement) {
        OrgUnitDocument unit = views.find(OrgUnitDocument.class, OrgUnitDocument.key(districtId, unitId));
        if (unit == null) {
            throw new IllegalStateException("event for unknown unit " + unitId + " of " + districtId);
        }
        if (unit.appliedSequence >= sequence) {
            return;
        }
        update.accept(unit);
        unit.version++;
        unit.appliedSequence = sequence;
        if (placement && effectiveDate != null) {
            unit.recordVersion(effectiveDate.toString());
        }
        views.save(unit);
    }
}
