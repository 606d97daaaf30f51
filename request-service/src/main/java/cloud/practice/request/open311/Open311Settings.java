package cloud.practice.request.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Open311 GeoReport v2 surface ({@code practice.open311.*}, ADR 0012).
 *
 * @param jurisdictions the districts served through Open311; a {@code jurisdiction_id} is one of them. With exactly
 *                      one, {@code jurisdiction_id} may be left out; with several it is required
 * @param baseUrl       the public URL of {@code /open311/v2}, which discovery announces (empty: derived from the
 *                      request's forwarded headers, which the gateway sets, else from the request itself)
 * @param contact       who integrators ask (discovery {@code contact})
 * @param keyService    how integrators get an {@code api_key} (discovery {@code key_service})
 * @param changeset     when this endpoint last changed (discovery {@code changeset})
 * @param endpointType  {@code production} or {@code test}
 * @param maxPageSize   the most requests or updates one answer carries (the spec's default of 1,000)
 * @param maxWindow     the widest {@code start_date}–{@code end_date} range (the spec's 90 days)
 * @param webhooks      status-change webhooks, an extension of the spec
 * @param publicView    what callers without an {@code api_key} may read, in every jurisdiction
 * @param publicViewOverrides per jurisdiction id, the settings of {@code publicView} it sets otherwise (each optional)
 * @param readYourWrite how long {@code POST requests} waits for the request to be readable (ADR 0012); past it the
 *                      request is answered anyway (it is accepted and stored) and may be readable moments later
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
        @DefaultValue Webhooks webhooks,
        @DefaultValue PublicView publicView,
        Map<String, PublicView> publicViewOverrides,
        @DefaultValue("PT5S") Duration readYourWrite) {

    public Open311Settings {
        publicView = publicView == null ? new PublicView(null, null, null) : publicView;
        publicViewOverrides = publicViewOverrides == null ? Map.of() : Map.copyOf(publicViewOverrides);
        readYourWrite = readYourWrite == null ? Duration.ofSeconds(5) : readYourWrite;
        // Fail at start-up, not on the first anonymous read.
        publicView.over(PublicView.BUILT_IN);
        publicViewOverrides.values().forEach(view -> view.over(PublicView.BUILT_IN));
    }

    /** The jurisdiction's public view: its overrides, over the common setting, over the built-in defaults. */
    public PublicView publicView(String district) {
        PublicView common = publicView.over(PublicView.BUILT_IN);
        PublicView own = publicViewOverrides.get(district);
        return own == null ? common : own.over(common);
    }

    /**
     * GeoReport's public data for anonymous callers (ADR 0012): the service list and definitions, and requests
     * without contact or requester, without the address, at a coarser location and, where a jurisdiction wants, without
     * the requester's description and photo. Each value may be left out (null) to take the one beneath.
     *
     * @param enabled          whether callers without a key may read at all (else 403, as before)
     * @param locationDecimals decimal places of {@code lat}/{@code long} (0-6; 3 ≈ 110 m, 2 ≈ 1.1 km)
     * @param descriptions     whether {@code description} and {@code media_url} (what the requester wrote and
     *                         photographed) are shown
     */
    public record PublicView(Boolean enabled, Integer locationDecimals, Boolean descriptions) {

        public static final PublicView BUILT_IN = new PublicView(true, 3, true);

        /** This view with what it leaves out taken from {@code beneath}; checked. */
        public PublicView over(PublicView beneath) {
            PublicView merged = new PublicView(enabled != null ? enabled : beneath.enabled(),
                    locationDecimals != null ? locationDecimals : beneath.locationDecimals(),
                    descriptions != null ? descriptions : beneath.descriptions());
            if (merged.locationDecimals() != null && (merged.locationDecimals() < 0 || merged.locationDecimals() > 6)) {
                throw new IllegalArgumentException("practice.open311 public view: location-decimals must be 0 to 6, not "
                        + merged.locationDecimals());
            }
            return merged;
        }
    }

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
