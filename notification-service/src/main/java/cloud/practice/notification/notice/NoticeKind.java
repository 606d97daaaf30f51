package cloud.practice.notification.notice;

import java.util.Locale;
import java.util.Optional;

/**
 * What a notice is about; one rule raises each kind (ADR 0023). The API and the settings name kinds in kebab case
 * ({@code order-offered}). Urgent kinds are sent during the recipient's quiet hours too.
 */
public enum NoticeKind {
    /** To a volunteer: an order was dispatched to them. */
    ORDER_OFFERED(false),
    /** To a team leader: an order is open for their team's claim. */
    TEAM_CLAIM_OPEN(false),
    /** To a volunteer: the order they accepted starts soon. */
    CHECK_IN_REMINDER(false),
    /** To the requester: a volunteer accepted their order. */
    ORDER_ACCEPTED(false),
    /** To the requester: the volunteer checked in, the service is under way. */
    ORDER_IN_SERVICE(false),
    /** To the requester: the order was completed; the notice links to rating it. */
    ORDER_COMPLETED(false),
    /** To the requester: the station rejected the order, with its reason. */
    ORDER_REJECTED(false),
    /** To the requester: the order went up to a higher unit. */
    ORDER_ESCALATED(false),
    /** To a unit: an SLA clock of one of its orders runs out soon. */
    SLA_WARNING(true),
    /** To a unit: an order was escalated to it. */
    ESCALATED_TO_UNIT(true),
    /** To a participant: their sign-up for an activity is confirmed. */
    ACTIVITY_SIGNED_UP(false),
    /** To a participant: an activity they signed up for starts soon. */
    ACTIVITY_REMINDER(false),
    /** To a paired station: a pairing has had no activity for longer than its plan allows. */
    PAIRING_DORMANT(false);

    private final boolean urgent;

    NoticeKind(boolean urgent) {
        this.urgent = urgent;
    }

    public boolean urgent() {
        return urgent;
    }

    /** {@code order-offered}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<NoticeKind> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (NoticeKind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
