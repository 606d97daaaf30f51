package cloud.practice.notification.config;

import cloud.practice.notification.delivery.DeliveryWorker;
import cloud.practice.notification.delivery.ReceiptFeed;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.live.NoticeStreams;
import cloud.practice.notification.notice.outbox.NoticeEventRelay;
import cloud.practice.notification.rules.TimerWorker;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.MessagingSettings;
import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationSettings.class)
public class NotificationConfiguration {

    /** WeChat's message push (WeChatReceiptsController): the URL set in the mini-program's console. */
    static final String WECHAT_RECEIPTS = "/api/v1/notices/receipts/wechat";

    @Bean
    public Clock notificationClock() {
        return Clock.systemUTC();
    }

    /**
     * A person's own notices and preferences; what they may touch inside is NoticeAccess's decision. WeChat's pushes
     * of message receipts come without a token (WeChat has none of ours): that path is open, and the receipts
     * controller lets in only what carries the signature made with the push token.
     */
    @Bean
    public ScopeRules notificationScopeRules() {
        return ScopeRules.of()
                .anonymous(HttpMethod.GET, WECHAT_RECEIPTS).anonymous(HttpMethod.POST, WECHAT_RECEIPTS)
                .read("/api/v1/notices/**", Scopes.NOTICES_READ)
                .write("/api/v1/notices/**", Scopes.NOTICES_WRITE);
    }

    /** The notices' published events, from their outboxes to Kafka (the Axon relay has no event store to read here). */
    @Bean
    public NoticeEventRelay noticeEventRelay(NoticeStore notices, KafkaTemplate<String, byte[]> eventKafkaTemplate,
                                             CloudEventCodec codec, MessagingSettings messaging, KafkaAdmin kafkaAdmin,
                                             NotificationSettings settings) {
        return new NoticeEventRelay(notices, eventKafkaTemplate, codec, messaging.sendTimeout(), kafkaAdmin::initialize,
                settings.events().batch());
    }

    /**
     * The service's beats, each on a thread of its own so a slow channel or an absent Kafka never holds the others
     * back: channel deliveries, due timers, the live streams' look at notices other replicas wrote, the notices'
     * published events, and each provider's receipts that are fetched (the issuer's SMS receipts, while SMS is on and
     * {@code sms.receipts-every} is not zero). They start once the application is up (after the consumers) and stop
     * before the store closes.
     */
    @Bean
    public SmartLifecycle notificationBeats(DeliveryWorker deliveries, TimerWorker timers, NoticeStreams streams,
                                            NoticeEventRelay events, ObjectProvider<ReceiptFeed> receiptFeeds,
                                            NotificationSettings settings) {
        List<ReceiptFeed> feeds = receiptFeeds.orderedStream().filter(feed -> !feed.every().isZero()).toList();
        return new SmartLifecycle() {
            private final Logger log = LoggerFactory.getLogger("cloud.practice.notification.beats");
            private ScheduledExecutorService beats;

            @Override
            public void start() {
                beats = Executors.newScheduledThreadPool(4 + feeds.size(), runnable -> {
                    Thread thread = new Thread(runnable, "notification-beat");
                    thread.setDaemon(true);
                    return thread;
                });
                every(settings.delivery().interval().toMillis(), "deliveries", deliveries::work);
                every(1_000, "timers", timers::work);
                every(settings.live().poll().toMillis(), "live streams", streams::look);
                every(settings.events().interval().toMillis(), "published events", events::work);
                feeds.forEach(feed -> every(feed.every().toMillis(), feed.name(), feed::poll));
            }

            private void every(long millis, String what, Runnable beat) {
                beats.scheduleWithFixedDelay(() -> {
                    try {
                        beat.run();
                    } catch (RuntimeException e) {
                        log.warn("the {} beat failed; it runs again in {} ms", what, millis, e);
                    }
                }, millis, millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (beats != null) {
                    beats.shutdownNow();
                    beats = null;
                }
            }

            @Override
            public boolean isRunning() {
                return beats != null;
            }
        };
    }
}
