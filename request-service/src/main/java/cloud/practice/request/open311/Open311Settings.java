package cloud.practice.request.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The Open311 GeoReport v2 surface ({@code practice.open311.*}, ADR 0012).
 *
 * @param jurisdictions the districts served through Open311; a {@code jurisdiction_id} is one of them. With exactly
 *                      one, {@code jurisdiction_id} may be left out; with several it is required
 * @param baseUrl       the public URL of {@code /open311/v2} for the discovery document (empty: derived from the
 *                      request, which honours forwarded headers behind the gateway)
 * @param contact       who integrators ask (discovery {@code contact})
 * @param keyService    how integrators get an {@code api_key} (discovery {@code key_service})
 * @param changeset     when this endpoint last changed (discovery {@code changeset})
 * @param endpointType  {@code production} or {@code test}
 * @param maxPageSize   the most requests or updates one answer carries (the spec's default of 1,000)
 * @param maxWindow     the widest {@code start_date}–{@code end_date} range (the spec's 90 days)
 * @param webhooks      status-change webhooks, an extension of the spec
 */
@ConfigurationProperties("practice.open311")
public record Open311Settings(
        @DefaultValue("cq-jiulongpo") List<String> jurisdictions,
        @DefaultValue("") String baseUrl,
        @DefaultValue("The district's Practice Cloud operators") String contact,
        @DefaultValue("An api_key is an integration client's client_id:client_secret, registered by the platform operator")
        String keyService,
        @DefaultValue("2026-11-28T00:00:00+08:00") String changeset,
        @DefaultValue("production") String endpointType,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("P90D") Duration maxWindow,
        @DefaultValue Webhooks webhooks) {

    /**
     * @param maxAttempts      deliveries tried this often before they go to the dead-letter list
     * @param initialBackoff   the wait after the first failure; doubled after each further one
     * @param maxBackoff       the longest wait between two attempts
     * @param timeout          how long one attempt may take
     * @param pollInterval     how often pending deliveries are looked for (by the dispatcher's own thread)
     * @param allowPlainHttp   accept {@code http://} callback URLs (local runs and tests); otherwise https only
     * @param maxSubscriptions subscriptions one client may hold per district
     * @param allowedInternalHosts callback hosts inside the platform's network that may still be subscribed (an
     *                         in-house system on a private address); every other local or internal address is
     *                         refused (no SSRF)
     */
    public record Webhooks(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("PT2S") Duration initialBackoff,
            @DefaultValue("PT10M") Duration maxBackoff,
            @DefaultValue("PT5S") Duration timeout,
            @DefaultValue("PT0.5S") Duration pollInterval,
            @DefaultValue("false") boolean allowPlainHttp,
            @DefaultValue("20") int maxSubscriptions,
            @DefaultValue List<String> allowedInternalHosts) {
    }
}
