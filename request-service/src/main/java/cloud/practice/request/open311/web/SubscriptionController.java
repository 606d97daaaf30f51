package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Exception;
import cloud.practice.request.open311.Open311Settings;
import cloud.practice.request.open311.format.Format;
import cloud.practice.request.open311.format.Open311Mapping;
import cloud.practice.request.open311.format.Open311Writer;
import cloud.practice.request.open311.intake.RequestIntake;
import cloud.practice.request.open311.webhook.CallbackAddresses;
import cloud.practice.request.open311.webhook.Deliveries;
import cloud.practice.request.open311.webhook.Subscriptions;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.web.ApiFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static cloud.practice.request.open311.format.Open311Writer.ordered;

/**
 * Beyond the spec: webhook subscriptions, so an integrating system is told of status changes instead of polling.
 * Every operation needs {@code requests:write} (managing what the platform sends out is a change). A client sees
 * and changes only its own subscriptions; the signing secret is answered once, when the subscription is made.
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "open311", description = "Open311 GeoReport v2 for other district systems")
public class SubscriptionController {

    private static final Pattern CODE = Pattern.compile(ApiFormats.CODE);
    private static final Pattern ID = Pattern.compile("sub-[0-9a-f-]{36}");
    private static final Pattern DELIVERY = Pattern.compile("sub-[0-9a-f-]{36}_[A-Za-z0-9-]{1,64}");

    private final Jurisdictions jurisdictions;
    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final RequestIntake intake;
    private final Open311Writer writer;
    private final Open311Settings settings;
    private final CallbackAddresses addresses;
    private final Clock clock;
    private final ZoneId zone;

    public SubscriptionController(Jurisdictions jurisdictions, Subscriptions subscriptions, Deliveries deliveries,
                                  RequestIntake intake, Open311Writer writer, Open311Settings settings,
                                  CallbackAddresses addresses, Clock clock) {
        this.jurisdictions = jurisdictions;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.intake = intake;
        this.writer = writer;
        this.settings = settings;
        this.addresses = addresses;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    @PostMapping("/subscriptions.{format}")
    @Operation(summary = "Subscribe a callback_url to status changes (optionally of some service_codes); the answer "
            + "carries the signing secret, once")
    public ResponseEntity<String> subscribe(Caller caller, @PathVariable String format,
                                            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                            @RequestParam(name = "callback_url", required = false) String callbackUrl,
                                            @RequestParam(name = "service_code", required = false) String codes) {
        Format as = GeoReportParameters.format(format);
        String district = jurisdictions.authorise(caller, jurisdiction, Scopes.REQUESTS_WRITE);
        String url = callbackUrl(callbackUrl);
        List<String> serviceCodes = GeoReportParameters.list("service_code", codes, CODE, 100);
        for (String code : serviceCodes) {
            if (intake.activeItem(district, code).isEmpty()) {
                throw Open311Exception.badRequest("service_code '" + code + "' was not found in jurisdiction '"
                        + district + "'");
            }
        }
        Document made = subscriptions.create(district, caller.userId(), url, serviceCodes);
        Map<String, Object> answer = subscription(made);
        answer.put("secret", made.getString("secret"));
        return answer(as, HttpStatus.CREATED, List.of(answer));
    }

    @GetMapping("/subscriptions.{format}")
    @Operation(summary = "The caller's subscriptions (without secrets)")
    public ResponseEntity<String> list(Caller caller, @PathVariable String format,
                                       @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        Format as = GeoReportParameters.format(format);
        String district = jurisdictions.authorise(caller, jurisdiction, Scopes.REQUESTS_WRITE);
        return answer(as, HttpStatus.OK, subscriptions.of(district, caller.userId()).stream()
                .map(this::subscription).toList());
    }

    @GetMapping("/subscriptions/{file}")
    public ResponseEntity<String> one(Caller caller, @PathVariable String file,
                                      @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        String[] parts = GeoReportParameters.file(file);
        Format as = GeoReportParameters.format(parts[1]);
        String district = jurisdictions.authorise(caller, jurisdiction, Scopes.REQUESTS_WRITE);
        return answer(as, HttpStatus.OK, List.of(subscription(owned(district, caller, parts[0]))));
    }

    @DeleteMapping("/subscriptions/{file}")
    @Operation(summary = "Unsubscribe; deliveries still pending are cancelled")
    public ResponseEntity<String> delete(Caller caller, @PathVariable String file,
                                         @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        String[] parts = GeoReportParameters.file(file);
        Format as = GeoReportParameters.format(parts[1]);
        String district = jurisdictions.authorise(caller, jurisdiction, Scopes.REQUESTS_WRITE);
        Document subscription = owned(district, caller, parts[0]);
        subscriptions.delete(district, caller.userId(), parts[0]);
        deliveries.cancelAll(parts[0]);
        return answer(as, HttpStatus.OK, List.of(subscription(subscription)));
    }

    @GetMapping("/subscriptions/{id}/dead_letters.{format}")
    @Operation(summary = "Deliveries that failed every attempt, with the payload that was signed and the last error")
    public ResponseEntity<String> deadLetters(Caller caller, @PathVariable String id, @PathVariable String format,
                                              @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        Format as = GeoReportParameters.format(format);
        String district = jurisdictions.authorise(caller, jurisdiction, Scopes.REQUESTS_WRITE);
        owned(district, caller, id);
        List<Map<String, Object>> letters = deliveries.deadLetters(id).stream().map(letter -> ordered(
                "delivery_id", letter.getString("_id"),
                "update_id", letter.getString("updateId"),
                "service_request_id", letter.getString("requestId"),
                "attempts", letter.getInteger("attempts"),
                "last_status", letter.getInteger("lastStatus"),
                "last_error", letter.getString("lastError"),
                "created_datetime", Open311Mapping.datetime(letter.getDate("createdAt").toInstant(), zone),
                "dead_datetime", letter.getDate("deadAt") == null ? null
                        : Open311Mapping.datetime(letter.getDate("deadAt").toInstant(), zone),
                "payload", letter.getString("payload"))).toList();
        return ResponseEntity.ok().contentType(as.mediaType()).body(writer.write(as, "dead_letters", letters));
    }

    @PostMapping("/subscriptions/{id}/redeliveries.{format}")
    @Operation(summary = "Queue a dead letter (delivery_id) again with a fresh set of attempts")
    public ResponseEntity<String> redeliver(Caller caller, @PathVariable String id, @PathVariable String format,
                                            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                            @RequestParam(name = "delivery_id", required = false) String deliveryId) {
        Format as = GeoReportParameters.format(format);
        String district = jurisdictions.authorise(caller, jurisdiction, Scopes.REQUESTS_WRITE);
        owned(district, caller, id);
        if (deliveryId == null || !DELIVERY.matcher(deliveryId).matches()
                || !deliveries.redeliver(id, deliveryId, clock.instant())) {
            throw Open311Exception.notFound("delivery_id '" + Jurisdictions.shorten(String.valueOf(deliveryId))
                    + "' is not a dead letter of subscription '" + id + "'");
        }
        return ResponseEntity.ok().contentType(as.mediaType()).body(writer.write(as, "redeliveries",
                List.of(ordered("delivery_id", deliveryId, "state", Deliveries.PENDING))));
    }

    private Document owned(String district, Caller caller, String id) {
        return (ID.matcher(id).matches() ? subscriptions.find(district, caller.userId(), id)
                : java.util.Optional.<Document>empty())
                .orElseThrow(() -> Open311Exception.notFound("subscription '" + Jurisdictions.shorten(id)
                        + "' was not found"));
    }

    private Map<String, Object> subscription(Document subscription) {
        return ordered("subscription_id", subscription.getString("_id"),
                "jurisdiction_id", subscription.getString("districtId"),
                "callback_url", subscription.getString("callbackUrl"),
                "service_codes", subscription.getList("serviceCodes", String.class, List.of()),
                "created_datetime", Open311Mapping.datetime(subscription.getDate("createdAt").toInstant(), zone));
    }

    /** An absolute https URL (http too where configured), with a host outside the platform's network, no credentials. */
    private String callbackUrl(String given) {
        if (given == null || given.isBlank()) {
            throw Open311Exception.badRequest("callback_url was not provided");
        }
        boolean http = settings.webhooks().allowPlainHttp();
        String must = "callback_url must be an absolute " + (http ? "http or https" : "https") + " URL with a host";
        if (given.length() > 500) {
            throw Open311Exception.badRequest(must + " of at most 500 characters");
        }
        try {
            URI uri = new URI(given.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || http && scheme.equals("http")) || uri.getHost() == null
                    || uri.getUserInfo() != null || uri.getFragment() != null) {
                throw Open311Exception.badRequest(must);
            }
            addresses.refusalAsWritten(uri).ifPresent(refusal -> {
                throw Open311Exception.badRequest(refusal);
            });
            return uri.toString();
        } catch (URISyntaxException e) {
            throw Open311Exception.badRequest(must);
        }
    }

    private ResponseEntity<String> answer(Format format, HttpStatus status, List<Map<String, Object>> body) {
        return ResponseEntity.status(status).contentType(format.mediaType())
                .body(writer.write(format, "subscriptions", body));
    }
}
