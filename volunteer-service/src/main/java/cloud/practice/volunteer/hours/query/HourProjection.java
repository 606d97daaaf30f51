package cloud.practice.volunteer.hours.query;

import cloud.practice.events.volunteer.HonourHoursGranted;
import cloud.practice.events.volunteer.HonourHoursRevoked;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.events.volunteer.StarLevelWithdrawn;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.hours.api.HourInternalEvents.CreditBreakdownRecorded;
import cloud.practice.volunteer.hours.query.HourDocuments.Breakdown;
import cloud.practice.volunteer.hours.query.HourDocuments.EntryDocument;
import cloud.practice.volunteer.hours.query.HourDocuments.Kind;
import cloud.practice.volunteer.hours.query.HourDocuments.LedgerDocument;
import cloud.practice.volunteer.hours.query.HourDocuments.StarChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * Ledger totals and entries from the ledger's events. The ledger document remembers the last sequence applied and
 * is saved last: a replay or a crash mid-way re-applies an event whose entry writes are idempotent (keyed by credit
 * or grant id) and whose totals were not yet saved. Days are the district's (Asia/Shanghai by default).
 */
@Component
@ProcessingGroup(HourProjection.GROUP)
public class HourProjection {

    public static final String GROUP = "hour-ledger-view";

    private final MongoTemplate mongo;
    private final BatchedViews views;
    private final ZoneId zone;

    public HourProjection(MongoTemplate mongo, BatchedViews views, Clock districtClock) {
        this.mongo = mongo;
        this.views = views;
        this.zone = districtClock.getZone();
    }

    public static String creditEntryId(String creditId) {
        return "credit|" + creditId;
    }

    public static String grantEntryId(String grantId) {
        return "grant|" + grantId;
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(EntryDocument.class);
        mongo.dropCollection(LedgerDocument.class);
    }

    @EventHandler
    void on(ServiceHoursCredited event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), event.districtId(), sequence, ledger -> {
            EntryDocument entry = new EntryDocument();
            entry.entryId = creditEntryId(event.creditId());
            entry.kind = Kind.CREDIT;
            entry.volunteerId = event.volunteerId();
            entry.districtId = event.districtId();
            entry.source = event.source().name();
            entry.sourceId = event.sourceId();
            entry.unitId = event.unitId();
            entry.platform = event.platform();
            entry.halfHours = event.halfHours();
            entry.date = event.servedFrom().atZone(zone).toLocalDate().toString();
            entry.servedFrom = event.servedFrom();
            entry.servedTo = event.servedTo();
            entry.overlapFlagged = event.overlapFlagged();
            EntryDocument existing = views.find(EntryDocument.class, entry.entryId);
            entry.breakdown = existing == null ? null : existing.breakdown;
            views.save(entry);
            ledger.creditHalfHours += event.halfHours();
            if (ledger.lastServedAt == null || event.servedTo().isAfter(ledger.lastServedAt)) {
                ledger.lastServedAt = event.servedTo();
            }
        });
    }

    @EventHandler
    void on(CreditBreakdownRecorded event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), event.districtId(), sequence, ledger -> {
            EntryDocument entry = views.find(EntryDocument.class, creditEntryId(event.creditId()));
            if (entry != null) {
                entry.breakdown = new Breakdown(event.sessionMinutes(), event.beforeStartMinutes(),
                        event.overlapMinutes(), event.overCapMinutes(), event.roundedOffMinutes(),
                        event.countedMinutes());
                views.save(entry);
            }
        });
    }

    @EventHandler
    void on(HonourHoursGranted event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), event.districtId(), sequence, ledger -> {
            EntryDocument entry = new EntryDocument();
            entry.entryId = grantEntryId(event.grantId());
            entry.kind = Kind.HONOUR;
            entry.volunteerId = event.volunteerId();
            entry.districtId = event.districtId();
            entry.source = "HONOUR";
            entry.sourceId = event.grantId();
            entry.halfHours = event.halfHours();
            entry.date = event.grantedAt().atZone(zone).toLocalDate().toString();
            entry.reason = event.reason();
            entry.reference = event.reference();
            entry.grantedBy = event.grantedBy();
            entry.grantedAt = event.grantedAt();
            views.save(entry);
            ledger.honourHalfHours += event.halfHours();
        });
    }

    @EventHandler
    void on(HonourHoursRevoked event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), event.districtId(), sequence, ledger -> {
            EntryDocument entry = views.find(EntryDocument.class, grantEntryId(event.grantId()));
            if (entry != null) {
                entry.revoked = true;
                entry.revokedBy = event.revokedBy();
                entry.revokedAt = event.revokedAt();
                entry.revocationReason = event.reason();
                views.save(entry);
                ledger.honourHalfHours -= entry.halfHours;
            }
        });
    }

    @EventHandler
    void on(StarLevelReached event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), event.districtId(), sequence, ledger -> star(ledger, event.stars(), "REACHED",
                event.totalHalfHours(), event.reachedAt()));
    }

    @EventHandler
    void on(StarLevelWithdrawn event, @SequenceNumber long sequence) {
        apply(event.volunteerId(), event.districtId(), sequence, ledger -> star(ledger, event.stars(), "WITHDRAWN",
                event.totalHalfHours(), event.withdrawnAt()));
    }

    private static void star(LedgerDocument ledger, int stars, String change, int total, Instant at) {
        ledger.stars = stars;
        ledger.starHistory.add(new StarChange(stars, change, total, at));
    }

    private void apply(String volunteerId, String districtId, long sequence, Consumer<LedgerDocument> change) {
        LedgerDocument ledger = views.find(LedgerDocument.class, volunteerId);
        if (ledger == null) {
            ledger = new LedgerDocument();
            ledger.volunteerId = volunteerId;
            ledger.districtId = districtId;
        } else if (ledger.version >= sequence) {
            return;
        }
        change.accept(ledger);
        ledger.version = sequence;
        views.save(ledger);
    }
}
