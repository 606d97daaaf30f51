package cloud.practice.notification.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * How notices are timed and delivered ({@code practice.notification.*}).
 *
 * @param defaultZone   the zone times are written in and quiet hours kept in, unless the district has its own
 * @param zones         district → zone
 * @param slaLead       how long before an SLA clock runs out its unit is warned, unless the district has its own
 * @param slaLeads      district → lead
 * @param checkInLead   how long before an order's preferred start the volunteer who took it is reminded
 * @param activityLead  how long before an activity starts its participants are reminded
 * @param pairingDormantAfter a pairing without activity this long is dormant; its stations are told once per spell
 * @param delivery      the worker of the channels (SMS, WeChat)
 * @param live          the inbox's live streams
 * @param events        the relay of the notices' published events
 */
@ConfigurationProperties("practice.notification")
public record NotificationSettings(
        @DefaultValue("Asia/Shanghai") ZoneId defaultZone,
        @DefaultValue Map<String, ZoneId> zones,
        @DefaultValue("PT30M") Duration slaLead,
        @DefaultValue Map<String, Duration> slaLeads,
        @DefaultValue("PT1H") Duration checkInLead,
        @DefaultValue("PT2H") Duration activityLead,
        @DefaultValue("P90D") Duration pairingDormantAfter,
        @DefaultValue Delivery delivery,
        @DefaultValue Live live,
        @DefaultValue Events events) {

    public ZoneId zone(String districtId) {
        return zones.getOrDefault(districtId, defaultZone);
    }

    public Duration slaLead(String districtId) {
        return slaLeads.getOrDefault(districtId, slaLead);
    }

    /**
     * @param interval     how often the worker looks for due deliveries
     * @param batch        due notices taken per look
     * @param threads      deliveries sent side by side
     * @param lease        how long a worker holds a notice it works (another replica takes it after)
     * @param maxAttempts  attempts before a delivery goes to the dead-letter list
     * @param firstBackoff the wait after the first failure, doubled after each
     * @param maxBackoff   the longest wait between attempts
     * @param unlinkedWait how long a volunteer's delivery waits for the registry to link their account
     */
    public record Delivery(@DefaultValue("500ms") Duration interval, @DefaultValue("200") int batch,
                           @DefaultValue("4") int threads, @DefaultValue("60s") Duration lease,
                           @DefaultValue("6") int maxAttempts, @DefaultValue("30s") Duration firstBackoff,
                           @DefaultValue("30m") Duration maxBackoff, @DefaultValue("5m") Duration unlinkedWait) {

        /** The wait after the {@code attempts}-th failure. */
        public Duration backoff(int attempts) {
            long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
            Duration wait = firstBackoff.multipliedBy(factor);
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * @param maxStreams  open streams per replica
     * @param keepAlive   a comment this often keeps proxies from closing an idle stream
     * @param maxDuration a stream ends after this long; the client reconnects with a fresh token
     * @param poll        how often a replica looks for notices other replicas wrote
     * @param sendQueue   events waiting per stream before a slow client is cut off
     */
    public record Live(@DefaultValue("1000") int maxStreams, @DefaultValue("8s") Duration keepAlive,
                       @DefaultValue("30m") Duration maxDuration, @DefaultValue("500ms") Duration poll,
                       @DefaultValue("256") int sendQueue) {
    }

    /**
     * @param interval how often the relay looks for notices with events to publish
     * @param batch    notices taken per look (the relay looks again at once while it finds a full batch)
     */
    public record Events(@DefaultValue("500ms") Duration interval, @DefaultValue("200") int batch) {
    }
}
