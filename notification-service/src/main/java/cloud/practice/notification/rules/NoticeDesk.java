package cloud.practice.notification.rules;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.directory.query.Directory;
import cloud.practice.notification.notice.Delivery;
import cloud.practice.notification.notice.Notice;
import cloud.practice.notification.notice.NoticeKind;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.Recipient;
import cloud.practice.notification.notice.live.NoticeStreams;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every rule raises its notices: the notice into the inbox (and to the recipient's open streams at once), and
 * one pending delivery per channel for each person it reaches — the recipient, or for a unit the managers the tree
 * names. Whether a delivery is sent, and when, is the delivery worker's decision at sending time (preferences, quiet
 * hours, a WeChat binding), so a change of preferences applies to what is still waiting.
 */
@Component
public class NoticeDesk {

    private final NoticeStore notices;
    private final Directory directory;
    private final NoticeStreams streams;
    private final Clock clock;
    private final MeterRegistry meters;

    public NoticeDesk(NoticeStore notices, Directory directory, NoticeStreams streams, Clock clock,
                      MeterRegistry meters) {
        this.notices = notices;
        this.directory = directory;
        this.streams = streams;
        this.clock = clock;
        this.meters = meters;
    }

    /** @return false when this notice was raised before (a redelivered or replayed cause) */
    public boolean raise(Notice notice) {
        Instant now = clock.instant();
        List<Delivery> deliveries = new ArrayList<>();
        for (Recipient person : reached(notice)) {
            for (Channel channel : Channel.values()) {
                deliveries.add(Delivery.pending(channel, person, now));
            }
        }
        boolean raised = notices.raise(notice, deliveries, now);
        if (raised) {
            meters.counter("practice.notification.notices.raised", "kind", notice.kind().id()).increment();
            streams.raised(notice, now);
        }
        return raised;
    }

    private List<Recipient> reached(Notice notice) {
        if (notice.recipient().type() != Recipient.Type.UNIT) {
            return List.of(notice.recipient());
        }
        return directory.managers(notice.districtId(), notice.recipient().id()).stream().map(Recipient::account)
                .toList();
    }
}
