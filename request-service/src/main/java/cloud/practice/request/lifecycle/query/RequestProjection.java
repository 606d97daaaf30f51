package cloud.practice.request.lifecycle.query;

import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestLocationFlagged;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.MatchNotFound;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.OfferDeclined;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.EvidenceStage;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.PossibleDuplicateFlagged;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceAttached;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceErased;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.ServiceNoted;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestDetailsRecorded;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestKeyed;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.StaffNoteAdded;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.support.axon.BatchedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import cloud.practice.support.web.Page;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Keeps {@link RequestView}s; guarded by the request's sequence number so replays change nothing. */
@Component
@ProcessingGroup("request-view")
public class RequestProjection {

    private static final org.springframework.data.domain.Sort NEWEST_FIRST = org.springframework.data.domain.Sort.by(
            org.springframework.data.domain.Sort.Direction.DESC, "submittedAt");

    private final MongoTemplate mongo;
    private final BatchedViews views;

    public RequestProjection(MongoTemplate mongo, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    @EventHandler
    void on(RequestSubmitted e, @SequenceNumber long seq) {
        if (views.find(RequestView.class, e.requestId()) != null) {
            return;
        }
        RequestView view = new RequestView();
        view.requestId = e.requestId();
        view.districtId = e.districtId();
        view.menuItemId = e.menuItemId();
        view.platform = e.platform();
        view.status = RequestStatus.SUBMITTED;
        view.unitId = e.responsibleUnitId();
        view.requesterId = e.requesterId();
        view.maskedContact = e.maskedContact();
        view.location = e.location();
        view.grid = e.grid();
        view.channel = e.channel();
        view.submittedAt = e.submittedAt();
        view.preferredFrom = e.preferredFrom();
        view.preferredTo = e.preferredTo();
        view.history.add(new RequestView.Entry(e.submittedAt(), "submitted", e.requesterId(), e.channel().name()));
        view.appliedSequence = seq;
        views.save(view);
    }

    @EventHandler
    void on(RequestDetailsRecorded e, @SequenceNumber long seq) {
        change(e.requestId(), seq, null, view -> {
            view.description = e.description();
            view.address = e.address();
            view.answers = e.answers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(e.answers());
        });
    }

    @EventHandler
    void on(RequestKeyed e, @SequenceNumber long seq) {
        change(e.requestId(), seq, null, view -> view.keyedBy = e.keyedBy());
    }

    @EventHandler
    void on(SlaClockStarted e, @SequenceNumber long seq) {
        change(e.requestId(), seq, null, view -> {
            view.clockStage = e.stage().name();
            view.clockDueAt = e.dueAt();
        });
    }

    @EventHandler
    void on(MatchRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), seq, entry(at, "match-requested", null, "attempt " + e.attempt()), view -> {
            if (view.status == RequestStatus.DISPATCHED) {
                view.status = RequestStatus.REVIEWED; // everyone offered declined: matched again
                view.offeredTo = new ArrayList<>();
            }
        });
    }

    @EventHandler
    void on(MatchNotFound e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), seq, entry(at, "no-match", null, e.reason()), view -> { });
    }

    @EventHandler
    void on(OfferDeclined e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), seq, entry(at, "declined", e.volunteerId(), e.reason()),
                view -> view.declinedBy.add(e.volunteerId()));
    }

    @EventHandler
    void on(ServiceNoted e, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), seq, entry(at, "noted", e.volunteerId(), e.notes()), view -> { });
    }

    @EventHandler
    void on(StaffNoteAdded e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.notedAt(), RequestView.NOTED_BY_STAFF, e.authorId(), e.text()), view -> { });
    }

    @EventHandler
    void on(PossibleDuplicateFlagged e, @SequenceNumber long seq) {
        change(e.requestId(), seq, null, view -> view.possibleDuplicateOf = e.duplicateOf());
    }

    @EventHandler
    void on(RequestReviewed e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.reviewedAt(), "reviewed", e.reviewerId(), e.unitId()),
                view -> view.status = RequestStatus.REVIEWED);
    }

    @EventHandler
    void on(RequestRejected e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.rejectedAt(), "rejected", e.unitId(), e.reason()), view -> {
            view.status = RequestStatus.REJECTED;
            view.rejectionReason = e.reason();
            stopClock(view);
        });
    }

    @EventHandler
    void on(RequestDispatched e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.dispatchedAt(), "dispatched", e.unitId(),
                e.mode() + " #" + e.attempt() + " to " + (e.teamId() != null ? "team " + e.teamId() : e.volunteerIds())),
                view -> {
                    view.status = RequestStatus.DISPATCHED;
                    view.offeredTo = new ArrayList<>(e.volunteerIds());
                    view.declinedBy = new ArrayList<>();
                    view.teamId = e.teamId();
                });
    }

    @EventHandler
    void on(RequestAccepted e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.acceptedAt(), "accepted", e.volunteerId(), null), view -> {
            view.status = RequestStatus.ACCEPTED;
            view.volunteerId = e.volunteerId();
        });
    }

    @EventHandler
    void on(RequestCheckedIn e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.at(), "checked-in", e.volunteerId(), null), view -> {
            view.status = RequestStatus.IN_SERVICE;
            view.checkedInAt = e.at();
        });
    }

    /**
     * A check-in or check-out beyond the district's distance: its own entry (by the volunteer, at the check's time),
     * the detail naming the step and the distance, never the volunteer's coordinates, so whoever reads the history
     * may see it.
     */
    @EventHandler
    void on(RequestLocationFlagged e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.at(), RequestView.LOCATION_FLAGGED, e.volunteerId(),
                locationDetail(e)), view -> { });
    }

    /** {@code check-in 1240 m from the request (limit 500 m)}. */
    static String locationDetail(RequestLocationFlagged e) {
        return e.stage().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + e.distanceMeters()
                + " m from the request (limit " + e.limitMeters() + " m)";
    }

    @EventHandler
    void on(RequestEvidenceAttached e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.at(), RequestView.EVIDENCE_ATTACHED, e.uploadedBy(),
                "1 photo (" + stage(e.stage()) + ")"), view -> { });
    }

    /** The attached entry stays (the volunteer's id stays in the history as everywhere else); the photo is gone. */
    @EventHandler
    void on(RequestEvidenceErased e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.at(), RequestView.EVIDENCE_ERASED, null,
                "1 photo (" + stage(e.stage()) + ") deleted with the volunteer's personal data"), view -> { });
    }

    private static String stage(EvidenceStage stage) {
        return stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @EventHandler
    void on(RequestCheckedOut e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.checkedOutAt(), "checked-out", e.volunteerId(), null), view -> {
            view.status = RequestStatus.SERVED;
            view.checkedOutAt = e.checkedOutAt();
        });
    }

    @EventHandler
    void on(RequestCompleted e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.completedAt(), "completed", null, null), view -> {
            view.status = RequestStatus.COMPLETED;
            view.completedAt = e.completedAt();
            stopClock(view);
        });
    }

    @EventHandler
    void on(RequestRated e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.ratedAt(), "rated", null, e.rating() + (e.solved() ? " solved" : " not solved")),
                view -> {
                    view.status = RequestStatus.RATED;
                    view.rating = e.rating();
                    view.solved = e.solved();
                    view.ratingComment = e.comment();
                });
    }

    @EventHandler
    void on(RequestReopened e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.reopenedAt(), "reopened", null, e.reason()), view -> {
            view.status = RequestStatus.REVIEWED;
            view.volunteerId = null;
            view.offeredTo = new ArrayList<>();
        });
    }

    @EventHandler
    void on(RequestCancelled e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.cancelledAt(), "cancelled", null, e.reason()), view -> {
            view.status = RequestStatus.CANCELLED;
            stopClock(view);
        });
    }

    @EventHandler
    void on(RequestEscalated e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.escalatedAt(), "escalated", e.fromUnitId(),
                e.stage() + " overdue since " + e.dueAt() + ", now at " + e.toUnitId()), view -> {
                    view.unitId = e.toUnitId();
                    view.escalations++;
                });
    }

    @EventHandler
    void on(RequestExpired e, @SequenceNumber long seq) {
        change(e.requestId(), seq, entry(e.expiredAt(), "expired", null, e.stage() + " overdue at the top"), view -> {
            view.status = RequestStatus.EXPIRED;
            stopClock(view);
        });
    }

    public Optional<RequestView> request(String districtId, String requestId) {
        return Optional.ofNullable(mongo.findById(requestId, RequestView.class))
                .filter(view -> view.districtId.equals(districtId));
    }

    /** An open request of the same requester for the same menu item: a possible duplicate of a new order. */
    public Optional<String> openRequestFor(String districtId, String requesterId, String menuItemId) {
        return search(RequestSearch.of(districtId).withPeople(requesterId, null, null)
                .withItemsAndChannels(List.of(menuItemId), null)).stream()
                .filter(open -> open.status.isOpen())
                .map(open -> open.requestId).findFirst();
    }

    /** Every request the search matches, newest first (for lists narrowed further in memory). */
    public List<RequestView> search(RequestSearch search) {
        return mongo.find(Query.query(search.criteria()).with(NEWEST_FIRST), RequestView.class);
    }

    /** One page of what the search matches, newest first, and how many match: the store skips, limits and counts. */
    public Page<RequestView> page(RequestSearch search, int page, int size) {
        Query query = Query.query(search.criteria());
        long total = mongo.count(query, RequestView.class);
        List<RequestView> items = mongo.find(query.with(NEWEST_FIRST).skip((long) page * size).limit(size),
                RequestView.class);
        return new Page<>(items, page, size, total);
    }

    /** The district's requests submitted in [from, to), newest first (read-only; used by Open311's GET requests). */
    public List<RequestView> submittedBetween(String districtId, Instant from, Instant to) {
        return mongo.find(Query.query(Criteria.where("districtId").is(districtId).and("submittedAt").gte(from).lt(to))
                        .with(org.springframework.data.domain.Sort.by(
                                org.springframework.data.domain.Sort.Direction.DESC, "submittedAt")),
                RequestView.class);
    }

    /** The district's requests among these ids (read-only; Open311's {@code service_request_id} list). */
    public List<RequestView> requests(String districtId, java.util.Collection<String> requestIds) {
        return mongo.find(Query.query(Criteria.where("_id").in(requestIds).and("districtId").is(districtId)),
                RequestView.class);
    }

    private static void stopClock(RequestView view) {
        view.clockStage = null;
        view.clockDueAt = null;
    }

    private static RequestView.Entry entry(Instant at, String event, String by, String detail) {
        return new RequestView.Entry(at, event, by, detail);
    }

    private void change(String requestId, long seq, RequestView.Entry entry, Consumer<RequestView> update) {
        RequestView view = views.find(RequestView.class, requestId);
        if (view == null || view.appliedSequence >= seq) {
            return;
        }
        update.accept(view);
        if (entry != null) {
            view.history.add(entry);
        }
        view.appliedSequence = seq;
        views.save(view);
    }

}
