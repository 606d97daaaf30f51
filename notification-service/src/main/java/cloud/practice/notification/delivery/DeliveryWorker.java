package cloud.practice.notification.delivery;

import cloud.practice.notification.config.NotificationSettings;
import cloud.practice.notification.directory.query.Directory;
import cloud.practice.notification.notice.Delivery;
import cloud.practice.notification.notice.Notice;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.Recipient;
import cloud.practice.notification.preferences.Preferences;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends what is due on the channels (ADR 0023). For each due notice it takes a lease, then decides each pending
 * delivery at sending time: a volunteer is found as their account (waiting while the registry has not linked one),
 * the person's preferences may say no (skipped), quiet hours postpone all but urgent notices, a channel without an
 * adapter or a person without a WeChat identity is skipped; then one attempt through the channel's port. A failure
 * is retried with back-off until {@code max-attempts}, a permanent one at once, onto the dead-letter list.
 */
@Component
public class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final NoticeStore notices;
    private final Directory directory;
    private final Preferences preferences;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final NotificationSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService pool;

    public DeliveryWorker(NoticeStore notices, Directory directory, Preferences preferences,
                          List<ChannelSender> senders, NotificationSettings settings, Clock clock,
                          MeterRegistry meters) {
        this.notices = notices;
        this.directory = directory;
        this.preferences = preferences;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.pool = Executors.newFixedThreadPool(settings.delivery().threads(), runnable -> {
            Thread thread = new Thread(runnable, "notice-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One look: every due notice (up to the batch), worked side by side. Called by the scheduler. */
    public int work() {
        Instant now = clock.instant();
        List<Future<?>> running = new ArrayList<>();
        List<String> due = notices.due(now, settings.delivery().batch());
        for (String id : due) {
            running.add(pool.submit(() -> workOne(id)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due.size();
            } catch (Exception e) {
                log.warn("a notice's deliveries failed to be worked; it is taken again when its lease lapses", e);
            }
        }
        return due.size();
    }

    private void workOne(String id) {
        Instant now = clock.instant();
        Optional<NoticeStore.Claimed> claimed = notices.claim(id, now, now.plus(settings.delivery().lease()));
        if (claimed.isEmpty()) {
            return;
        }
        NoticeStore.Stored stored = claimed.get().stored();
        Notice notice = stored.notice();
        List<Delivery> worked = new ArrayList<>();
        for (Delivery delivery : stored.deliveries()) {
            boolean due = delivery.state() == Delivery.State.PENDING && !delivery.nextAt().isAfter(now);
            worked.add(due ? attempt(notice, delivery) : delivery);
        }
        // Not written if the lease lapsed meanwhile (the store says so): its next holder works them again.
        notices.saveDeliveries(id, claimed.get().leaseId(), stored.deliveries(), worked);
    }

    private Delivery attempt(Notice notice, Delivery delivery) {
        Instant now = clock.instant();
        Optional<String> account = accountOf(notice.districtId(), delivery.target());
        if (account.isEmpty()) {
            if (delivery.attempts() + 1 >= settings.delivery().maxAttempts()) {
                return counted(delivery.dead(now, "no account is linked to the volunteer"), notice);
            }
            return delivery.failed(now, "no account is linked to the volunteer yet",
                    now.plus(settings.delivery().unlinkedWait()));
        }
        Preferences.Choice choice = preferences.of(notice.districtId(), account.get());
        Channel channel = delivery.channel();
        if (!choice.wants(channel, notice.kind())) {
            return counted(delivery.skipped(now, "not chosen for " + channel.id()), notice);
        }
        ChannelSender sender = senders.get(channel);
        if (sender == null) {
            return counted(delivery.skipped(now, channel.id() + " is not configured"), notice);
        }
        if (!sender.carries(notice.districtId(), notice.kind())) {
            return counted(delivery.skipped(now, channel.id() + " carries no " + notice.kind().id()
                    + " in this district"), notice);
        }
        String address = null;
        if (channel == Channel.WECHAT) {
            address = choice.wechatOpenId();
            if (address == null) {
                return counted(delivery.skipped(now, "no WeChat identity bound"), notice);
            }
        }
        Optional<Instant> quietUntil = quietUntil(notice, choice, now);
        if (quietUntil.isPresent()) {
            return delivery.postponed(now, "quiet hours", quietUntil.get());
        }
        Outgoing outgoing = new Outgoing(reference(notice.id() + ":" + channel.id() + ":" + account.get(),
                delivery.providerId()), notice.districtId(), account.get(), notice.kind(), notice.title(),
                notice.body(), notice.link(), notice.at(), notice.fields(), address);
        try {
            String providerId = sender.send(outgoing);
            Instant at = clock.instant();
            if (channel == Channel.WECHAT && providerId != null) {
                // WeChat's receipt names only its msgid; written before the notice says sent, so a receipt that comes
                // at once finds it (and waits for this worker's lease to end).
                notices.rememberWeChatMessage(providerId, notice, account.get(), at);
            }
            return counted(delivery.sent(at, providerId), notice);
        } catch (DeliveryFailure failure) {
            Instant at = clock.instant();
            if (failure.unreachable()) {
                log.debug("notice {} to {} by {} skipped: {}", notice.id(), delivery.target(), channel.id(),
                        failure.getMessage());
                return counted(delivery.skipped(at, failure.getMessage()), notice);
            }
            if (failure.permanent() || delivery.attempts() + 1 >= settings.delivery().maxAttempts()) {
                log.warn("notice {} to {} by {} dead-lettered after {} attempts: {}", notice.id(), delivery.target(),
                        channel.id(), delivery.attempts() + 1, failure.getMessage());
                return counted(delivery.dead(at, failure.getMessage()), notice);
            }
            meters.counter("practice.notification.deliveries.failed", "channel", channel.id()).increment();
            return delivery.failed(at, failure.getMessage(),
                    at.plus(settings.delivery().backoff(delivery.attempts() + 1)));
        } catch (RuntimeException unexpected) {
            Instant at = clock.instant();
            log.warn("notice {} by {}: the channel failed unexpectedly", notice.id(), channel.id(), unexpected);
            return delivery.failed(at, "unexpected: " + unexpected.getClass().getSimpleName(),
                    at.plus(settings.delivery().backoff(delivery.attempts() + 1)));
        }
    }

    /** The delivery's reference for this attempt: see {@link Delivery#reference}. */
    static String reference(String base, String previous) {
        return Delivery.reference(base, previous);
    }

    private Optional<String> accountOf(String districtId, Recipient target) {
        return switch (target.type()) {
            case ACC -> Optional.of(target.id());
            case VOL -> directory.accountOf(districtId, target.id());
            case UNIT -> Optional.empty();
        };
    }

    /** The end of the person's quiet hours, if they are in them and the notice can wait. */
    private Optional<Instant> quietUntil(Notice notice, Preferences.Choice choice, Instant now) {
        if (notice.kind().urgent() || !choice.hasQuietHours()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(settings.zone(notice.districtId()));
        if (!choice.isQuietAt(local.toLocalTime())) {
            return Optional.empty();
        }
        LocalTime end = choice.quietUntil();
        ZonedDateTime until = local.with(end);
        if (!until.isAfter(local)) {
            until = until.plusDays(1);
        }
        return Optional.of(until.toInstant());
    }

    private Delivery counted(Delivery delivery, Notice notice) {
        meters.counter("practice.notification.deliveries", "channel", delivery.channel().id(), "state",
                delivery.state().name().toLowerCase(java.util.Locale.ROOT), "kind", notice.kind().id()).increment();
        return delivery;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
