package cloud.practice.notification.notice;

import cloud.practice.notification.delivery.Channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel's delivery of a notice to one person, kept on the notice with its log (ADR 0023).
 *
 * @param target     whom it goes to: an account, or a volunteer whose account is found when it is sent
 * @param attempts   attempts made so far
 * @param nextAt     when it is due (pending) or was last touched
 * @param providerId the provider's id of the sent message, if it gave one: the SMS reference the issuer was given,
 *                   WeChat's msgid — what the provider's receipt names it by
 * @param log        every step: waiting, sent, delivered, undelivered, failed (with the reason), skipped, dead,
 *                   redelivered
 */
public record Delivery(Channel channel, Recipient target, State state, int attempts, Instant nextAt,
                       String providerId, List<Step> log) {

    public enum State {
        /** To be sent at {@code nextAt}. */
        PENDING,
        /** The provider took it; its receipt may still say whether it reached the person. */
        SENT,
        /** The provider's receipt says it reached the person's phone. */
        DELIVERED,
        /** Not sent, by the person's preferences or because they have no address on the channel. */
        SKIPPED,
        /**
         * Failed for good (the provider refused it), out of attempts, or sent but the provider's receipt says it did
         * not reach the person: on the dead-letter list.
         */
        DEAD
    }

    public record Step(Instant at, String what, String detail) {
    }

    public Delivery {
        log = List.copyOf(log);
    }

    public static Delivery pending(Channel channel, Recipient target, Instant at) {
        return new Delivery(channel, target, State.PENDING, 0, at, null, List.of(new Step(at, "queued", null)));
    }

    public Delivery sent(Instant at, String id) {
        return new Delivery(channel, target, State.SENT, attempts + 1, at, id, append(at, "sent", id));
    }

    /**
     * The provider's receipt shows that an attempt whose answer was lost (counted as failed) did send it, under
     * {@code id}: sent now, without an attempt more.
     */
    public Delivery sentUnanswered(Instant at, String id) {
        return new Delivery(channel, target, State.SENT, attempts, at, id, append(at, "sent", id));
    }

    /** The provider's receipt: it reached the person ({@code word}: what the provider said, if anything). */
    public Delivery delivered(Instant at, String word) {
        Instant when = notBeforeSent(at);
        return new Delivery(channel, target, State.DELIVERED, attempts, when, providerId,
                append(when, "delivered", word));
    }

    /**
     * The provider's receipt: it did not reach the person (a number out of service, a refused message). Dead, not
     * retried by itself — the provider took it, so trying again blindly would likely fail the same way — but on the
     * dead-letter list, where operators see that the person never got it and may send it again.
     */
    public Delivery undelivered(Instant at, String reason) {
        Instant when = notBeforeSent(at);
        return new Delivery(channel, target, State.DEAD, attempts, when, providerId,
                append(when, "undelivered", reason));
    }

    /** Not sent now: tried again at {@code next}. */
    public Delivery failed(Instant at, String reason, Instant next) {
        return new Delivery(channel, target, State.PENDING, attempts + 1, next, providerId,
                append(at, "failed", reason));
    }

    public Delivery dead(Instant at, String reason) {
        return new Delivery(channel, target, State.DEAD, attempts + 1, at, providerId, append(at, "dead", reason));
    }

    public Delivery skipped(Instant at, String why) {
        return new Delivery(channel, target, State.SKIPPED, attempts, at, providerId, append(at, "skipped", why));
    }

    /** Waits without an attempt (quiet hours, an account not known yet). */
    public Delivery postponed(Instant at, String why, Instant until) {
        return new Delivery(channel, target, State.PENDING, attempts, until, providerId, append(at, "waiting", why));
    }

    /** An operator sends a dead delivery again: attempts start over. */
    public Delivery redelivered(Instant at, String by) {
        return new Delivery(channel, target, State.PENDING, 0, at, providerId, append(at, "redelivered", by));
    }

    /**
     * The delivery's reference for its next send: {@code base} ({@code <noticeId>:<channel>:<accountId>}), the same for
     * every retry, since the issuer sends an SMS reference once and answers a repeat as the first time. A delivery
     * sent before and redelivered by an operator (its receipt said the person did not get it) goes as
     * {@code base:r2}, {@code base:r3}, …: under the old reference the issuer would send nothing.
     *
     * @param previous the provider's id of the delivery's last send, or null if it was never sent
     */
    public static String reference(String base, String previous) {
        if (previous == null || !previous.startsWith(base)) {
            return base;
        }
        if (previous.equals(base)) {
            return base + ":r2";
        }
        String count = previous.substring(base.length());
        if (count.matches(":r\\d{1,6}")) {
            return base + ":r" + (Integer.parseInt(count.substring(2)) + 1);
        }
        return base;
    }

    /** A receipt's time, or the time it was sent if the provider's clock says earlier: never delivered before sent. */
    private Instant notBeforeSent(Instant at) {
        for (int i = log.size() - 1; i >= 0; i--) {
            Step step = log.get(i);
            if (step.what().equals("sent")) {
                return step.at().isAfter(at) ? step.at() : at;
            }
        }
        return at;
    }

    private List<Step> append(Instant at, String what, String detail) {
        List<Step> steps = new ArrayList<>(log);
        steps.add(new Step(at, what, detail));
        // A delivery retried for days keeps its first steps and its last ones.
        return steps.size() > 40 ? new ArrayList<>(steps.subList(steps.size() - 40, steps.size())) : steps;
    }
}
