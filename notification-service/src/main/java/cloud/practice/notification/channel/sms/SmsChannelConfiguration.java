package cloud.practice.notification.channel.sms;

import cloud.practice.notification.delivery.Receipts;
import cloud.practice.notification.directory.query.Directory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/**
 * SMS through the issuer, and its receipts, unless {@code practice.notification.sms.enabled=false} (then SMS deliveries
 * are skipped as not configured and no receipts are read). The settings are bound and checked either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IssuerSmsSettings.class)
public class SmsChannelConfiguration {

    /** The issuer's largest page: fewest calls for a backlog. */
    static final int RECEIPTS_PAGE = IssuerSmsReceipts.MAX_PAGE;

    @Bean
    @ConditionalOnProperty(name = "practice.notification.sms.enabled", matchIfMissing = true)
    public IssuerClient issuerClient(IssuerSmsSettings settings, ObjectMapper json, Clock clock) {
        return new IssuerClient(settings, json, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "practice.notification.sms.enabled", matchIfMissing = true)
    public IssuerSmsSender issuerSmsSender(IssuerClient issuer, ObjectMapper json) {
        return new IssuerSmsSender(issuer, json);
    }

    @Bean
    @ConditionalOnProperty(name = "practice.notification.sms.enabled", matchIfMissing = true)
    public SmsReceiptCursors smsReceiptCursors(MongoTemplate mongo) {
        return new SmsReceiptCursors(mongo);
    }

    /** Read on a beat of the service's (NotificationConfiguration), for every district the directory knows. */
    @Bean
    @ConditionalOnProperty(name = "practice.notification.sms.enabled", matchIfMissing = true)
    public IssuerSmsReceipts issuerSmsReceipts(IssuerSmsSettings settings, IssuerClient issuer, ObjectMapper json,
                                               Receipts receipts, SmsReceiptCursors cursors, Directory directory,
                                               Clock clock) {
        return new IssuerSmsReceipts(settings, issuer, json, receipts, cursors, directory::districts, RECEIPTS_PAGE,
                clock);
    }
}
