package cloud.practice.notification.channel.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * SMS through the issuer (ADR 0023): the people directory holds the numbers and sends; this service asks it with its
 * own machine client ({@code people:notify}).
 *
 * @param enabled        false: SMS deliveries are skipped as not configured
 * @param issuerUrl      the auth-server's base URL (token endpoint and people API)
 * @param clientId       this service's machine client
 * @param clientSecret   its secret (from the environment in deployments)
 * @param connectTimeout connecting to the issuer
 * @param readTimeout    waiting for its answer (the SMS provider's time included)
 * @param circuitOpenFor how long attempts stop once half of the last calls failed
 * @param receiptsEvery  how often the issuer's SMS receipts are read (whether each text reached the phone); zero:
 *                       never, the deliveries stay at sent
 */
@ConfigurationProperties("practice.notification.sms")
public record IssuerSmsSettings(@DefaultValue("true") boolean enabled,
                                @DefaultValue("http://127.0.0.1:9000") String issuerUrl,
                                @DefaultValue("notification-service") String clientId,
                                @DefaultValue("") String clientSecret,
                                @DefaultValue("2s") Duration connectTimeout,
                                @DefaultValue("10s") Duration readTimeout,
                                @DefaultValue("30s") Duration circuitOpenFor,
                                @DefaultValue("10s") Duration receiptsEvery) {

    public IssuerSmsSettings {
        if (receiptsEvery == null || receiptsEvery.isNegative()) {
            throw new IllegalArgumentException("practice.notification.sms.receipts-every must be zero (off) or "
                    + "positive, not " + receiptsEvery);
        }
    }
}
