package cloud.practice.request.open311.web;

import cloud.practice.events.GeoPoint;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.request.open311.Open311Exception;
import cloud.practice.request.open311.Open311Settings;
import cloud.practice.request.open311.format.Format;
import cloud.practice.request.open311.format.Open311Mapping;
import cloud.practice.request.open311.format.Open311Writer;
import cloud.practice.request.evidence.EvidenceStore;
import cloud.practice.request.open311.intake.RequestIntake;
import cloud.practice.request.open311.updates.RequestUpdates;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiFormats;
import cloud.practice.support.web.IdempotentRequests;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cloud.practice.request.open311.format.Open311Writer.ordered;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the service menu and the request lifecycle:
 * discovery, services, service definitions, POST/GET requests, plus the common extensions page/page_size and
 * servicerequestupdates. Every answer in XML or JSON by the resource's extension; every error as the spec's
 * {@code errors} document (ADR 0012).
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "open311", description = "Open311 GeoReport v2 for other district systems (api_key = client_id:client_secret)")
public class GeoReportController {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final Pattern CODE = Pattern.compile(ApiFormats.CODE);
    private static final Pattern ID = Pattern.compile(ApiFormats.ID);
    private static final Pattern STATUS = Pattern.compile("open|closed");
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]{1,64})](\\[])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]{1,1990}");
    private static final int MAX_IDS = 1000;

    private final Jurisdictions jurisdictions;
    private final PublicBaseUrl baseUrl;
    private final Open311Writer writer;
    private final Open311Settings settings;
    private final MenuProjection menu;
    private final RequestProjection requests;
    private final RequestIntake intake;
    private final EvidenceStore evidence;
    private final RequestUpdates updates;
    private final OrgUnitDirectory units;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public GeoReportController(Jurisdictions jurisdictions, PublicBaseUrl baseUrl, Open311Writer writer,
                               Open311Settings settings,
                               MenuProjection menu, RequestProjection requests, RequestIntake intake,
                               EvidenceStore evidence, RequestUpdates updates, OrgUnitDirectory units, IdempotentRequests idempotency,
                               ObjectMapper json, Clock clock) {
        this.jurisdictions = jurisdictions;
        this.baseUrl = baseUrl;
        this.writer = writer;
        this.settings = settings;
        this.menu = menu;
        this.requests = requests;
        this.intake = intake;
        this.evidence = evidence;
        this.updates = updates;
        this.units = units;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    // ------------------------------------------------------------------------------------------------ discovery

    @GetMapping("/discovery.{format}")
    @Operation(summary = "Service discovery (anonymous): where the endpoint is, its formats and how to get a key")
    public ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
        Format as = GeoReportParameters.format(format);
        Map<String, Object> endpoint = ordered("specification", SPECIFICATION, "url", baseUrl.of(request),
                "changeset", settings.changeset(), "type", settings.endpointType(),
                "formats", List.of(Format.XML.mimeType(), Format.JSON.mimeType()));
        return answer(as, HttpStatus.OK, "discovery", ordered("changeset", settings.changeset(),
                "contact", settings.contact(), "key_service", settings.keyService(),
                "endpoints", List.of(endpoint)));
    }

    // ------------------------------------------------------------------------------------------------ services

    @GetMapping("/services.{format}")
    @Operation(summary = "The jurisdiction's service list: one service per active menu item (anonymous where the "
            + "jurisdiction allows it)")
    public ResponseEntity<String> services(HttpServletRequest request, @PathVariable String format,
                                           @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        Format as = GeoReportParameters.format(format);
        String district = jurisdictions.reading(jurisdiction, request).district();
        List<Map<String, Object>> services = menu.menu(district).stream().filter(item -> item.active)
                .sorted(Comparator.comparing((MenuItemView item) -> item.platform).thenComparing(item -> item.code))
                .map(Open311Mapping::service).toList();
        return answer(as, HttpStatus.OK, "services", services);
    }

    @GetMapping("/services/{file}")
    @Operation(summary = "A service definition: the menu item's extra fields as attributes (anonymous where the "
            + "jurisdiction allows it)")
    public ResponseEntity<String> definition(HttpServletRequest request, @PathVariable String file,
                                             @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        String[] parts = GeoReportParameters.file(file);
        Format as = GeoReportParameters.format(parts[1]);
        String district = jurisdictions.reading(jurisdiction, request).district();
        MenuItemView item = (CODE.matcher(parts[0]).matches() ? intake.activeItem(district, parts[0])
                : java.util.Optional.<MenuItemView>empty())
                .orElseThrow(() -> Open311Exception.notFound("service_code '" + Jurisdictions.shorten(parts[0])
                        + "' was not found in jurisdiction '" + district + "'"));
        return answer(as, HttpStatus.OK, "service_definition", Open311Mapping.definition(item));
    }

    // ------------------------------------------------------------------------------------------------ POST

    @PostMapping("/requests.{format}")
    @Operation(summary = "Create a service request (form-urlencoded): service_code, lat/long or address_string, "
            + "attribute[code]=value, contact details; Idempotency-Key supported")
    public ResponseEntity<String> submit(Caller caller, @PathVariable String format, HttpServletRequest request,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        Format as = GeoReportParameters.format(format);
        Map<String, String[]> params = request.getParameterMap();
        String district = jurisdictions.authorise(caller, single(params, "jurisdiction_id"), Scopes.REQUESTS_WRITE);
        RequestIntake.Intake given = intake(district, caller.userId(), params);
        Map<String, Object> fingerprint = new TreeMap<>();
        params.forEach((name, values) -> {
            if (!"api_key".equals(name)) {
                fingerprint.put(name, List.of(values));
            }
        });
        ResponseEntity<?> done = idempotency.run(district + "|open311|" + caller.userId(), key, fingerprint, () -> {
            RequestIntake.Submitted submitted = intake.submit(given);
            String notice = "Received by " + submitted.unitName()
                    + (submitted.duplicateOf() == null ? ""
                    : "; it may repeat the client's open request " + submitted.duplicateOf());
            return ResponseEntity.ok(ordered("service_request_id", submitted.requestId(), "service_notice", notice,
                    "account_id", submitted.accountId()));
        });
        Object body = done.getBody();
        Map<?, ?> created;
        try {
            created = body instanceof Map<?, ?> map ? map : json.readValue(String.valueOf(body), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a replayed answer", e);
        }
        ResponseEntity<String> answer = answer(as, HttpStatus.OK, "service_requests", List.of(created));
        return done.getHeaders().containsKey(IdempotentRequests.REPLAYED_HEADER)
                ? ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(IdempotentRequests.REPLAYED_HEADER, "true").body(answer.getBody())
                : answer;
    }

    private RequestIntake.Intake intake(String district, String clientId, Map<String, String[]> params) {
        String serviceCode = single(params, "service_code");
        if (serviceCode == null || serviceCode.isBlank()) {
            throw Open311Exception.badRequest("service_code was not provided");
        }
        if (!CODE.matcher(serviceCode).matches()) {
            throw Open311Exception.badRequest("service_code '" + Jurisdictions.shorten(serviceCode)
                    + "' was not found in jurisdiction '" + district + "'");
        }
        GeoPoint location = location(single(params, "lat"), single(params, "long"));
        String address = GeoReportParameters.text("address_string", single(params, "address_string"), 200);
        if (location == null && address == null) {
            throw Open311Exception.badRequest(single(params, "address_id") != null
                    ? "address_id is not supported here; send lat and long or address_string"
                    : "A location is required: lat and long, or address_string");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith("attribute")) {
                Matcher matcher = ATTRIBUTE.matcher(name);
                if (!matcher.matches()) {
                    throw Open311Exception.badRequest("'" + Jurisdictions.shorten(name)
                            + "' is not an attribute; use attribute[code]=value or attribute[code][]=value");
                }
                attributes.computeIfAbsent(matcher.group(1), code -> new ArrayList<>()).addAll(List.of(values));
            }
        });
        if (attributes.size() > 50) {
            throw Open311Exception.badRequest("At most 50 attributes may be sent");
        }
        return new RequestIntake.Intake(district, clientId, serviceCode, location, address,
                GeoReportParameters.text("description", single(params, "description"), 4000), attributes,
                GeoReportParameters.matching("email", single(params, "email"), EMAIL, "an e-mail address"),
                GeoReportParameters.matching("phone", single(params, "phone"), PHONE, "a phone number of 5-20 digits"),
                GeoReportParameters.text("first_name", single(params, "first_name"), 100),
                GeoReportParameters.text("last_name", single(params, "last_name"), 100),
                GeoReportParameters.matching("account_id", single(params, "account_id"), ID,
                        "an id of letters, digits and ._:-"),
                GeoReportParameters.text("device_id", single(params, "device_id"), 100),
                GeoReportParameters.matching("media_url", single(params, "media_url"), URL, "an http or https URL"));
    }

    static GeoPoint location(String lat, String lon) {
        boolean none = (lat == null || lat.isBlank()) && (lon == null || lon.isBlank());
        if (none) {
            return null;
        }
        if (lat == null || lat.isBlank() || lon == null || lon.isBlank()) {
            throw Open311Exception.badRequest("lat and long must be sent together");
        }
        try {
            double latitude = Double.parseDouble(lat.strip());
            double longitude = Double.parseDouble(lon.strip());
            if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
                throw new NumberFormatException();
            }
            return new GeoPoint(latitude, longitude);
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest("lat must be a WGS84 latitude (-90 to 90) and long a longitude "
                    + "(-180 to 180), in decimal degrees");
        }
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    // ------------------------------------------------------------------------------------------------ GET requests

    @GetMapping("/requests.{format}")
    @Operation(summary = "Requests by ids, or by service_code, status and a requested_datetime window of at most "
            + "90 days (default: the last 90 days); newest first; page/page_size extension. Anonymous callers get the "
            + "public view where the jurisdiction allows it")
    public ResponseEntity<String> search(HttpServletRequest request, @PathVariable String format,
                                         @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                         @RequestParam(name = "service_request_id", required = false) String ids,
                                         @RequestParam(name = "service_code", required = false) String codes,
                                         @RequestParam(name = "start_date", required = false) String start,
                                         @RequestParam(name = "end_date", required = false) String end,
                                         @RequestParam(name = "status", required = false) String status,
                                         @RequestParam(name = "page", required = false) String page,
                                         @RequestParam(name = "page_size", required = false) String pageSize) {
        Format as = GeoReportParameters.format(format);
        Jurisdictions.Reading reading = jurisdictions.reading(jurisdiction, request);
        String district = reading.district();
        List<String> requestIds = GeoReportParameters.list("service_request_id", ids, ID, MAX_IDS);
        List<String> serviceCodes = GeoReportParameters.list("service_code", codes, CODE, 100);
        Set<String> statuses = Set.copyOf(GeoReportParameters.list("status", status == null ? null
                : status.toLowerCase(java.util.Locale.ROOT), STATUS, 2));
        Instant[] window = window(start, end);
        int pageNumber = GeoReportParameters.integer("page", page, 1, 1, 1_000_000);
        int size = GeoReportParameters.integer("page_size", pageSize, settings.maxPageSize(), 1,
                settings.maxPageSize());
        List<RequestView> found;
        if (!requestIds.isEmpty()) {
            // The spec: service_request_id overrides every other argument.
            found = requests.requests(district, requestIds).stream()
                    .sorted(Comparator.comparing((RequestView view) -> view.submittedAt).reversed()).toList();
        } else {
            found = requests.submittedBetween(district, window[0], window[1].plusMillis(1)).stream()
                    .filter(view -> serviceCodes.isEmpty() || serviceCodes.contains(Open311Mapping.code(view.menuItemId)))
                    .filter(view -> statuses.isEmpty() || statuses.contains(Open311Mapping.status(view.status)))
                    .toList();
        }
        int from = (int) Math.min(found.size(), (long) (pageNumber - 1) * size);
        List<RequestView> shown = found.subList(from, Math.min(found.size(), from + size));
        return ResponseEntity.status(HttpStatus.OK).header("X-Total-Count", Integer.toString(found.size()))
                .contentType(as.mediaType())
                .body(writer.write(as, "service_requests", documents(request, reading, shown)));
    }

    @GetMapping("/requests/{file}")
    @Operation(summary = "One request (as a list of one, as the spec has it); anonymous callers get the public view "
            + "where the jurisdiction allows it")
    public ResponseEntity<String> request(HttpServletRequest request, @PathVariable String file,
                                          @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        String[] parts = GeoReportParameters.file(file);
        Format as = GeoReportParameters.format(parts[1]);
        Jurisdictions.Reading reading = jurisdictions.reading(jurisdiction, request);
        String district = reading.district();
        RequestView view = (ID.matcher(parts[0]).matches() ? requests.request(district, parts[0])
                : java.util.Optional.<RequestView>empty())
                .orElseThrow(() -> Open311Exception.notFound("service_request_id '" + Jurisdictions.shorten(parts[0])
                        + "' was not found in jurisdiction '" + district + "'"));
        return answer(as, HttpStatus.OK, "service_requests", documents(request, reading, List.of(view)));
    }

    /**
     * Each request as GeoReport has it; for anonymous callers, its public view. {@code media_url}: the photo URL the
     * submitting client sent, if it sent one; else the request's first evidence photo (issue 27), as an absolute URL
     * of its content through the platform's public address.
     */
    private List<Map<String, Object>> documents(HttpServletRequest request, Jurisdictions.Reading reading,
                                                List<RequestView> views) {
        String district = reading.district();
        Map<String, MenuItemView> items = new HashMap<>();
        Map<String, String> agencies = new HashMap<>();
        List<String> ids = views.stream().map(view -> view.requestId).toList();
        Map<String, String> media = new HashMap<>();
        Map<String, EvidenceStore.Evidence> photos = evidence.firstOfRequests(district, ids);
        if (!photos.isEmpty()) {
            String origin = baseUrl.platform(request);
            photos.forEach((id, photo) -> media.put(id, origin + photo.contentPath("full")));
        }
        media.putAll(intake.mediaUrls(ids));
        return views.stream().map(view -> Open311Mapping.request(view,
                items.computeIfAbsent(view.menuItemId, id -> menu.item(id).orElse(null)),
                agency(district, view, agencies), media.get(view.requestId), zone))
                .map(document -> reading.anonymous() ? Open311Mapping.publicRequest(document, reading.publicView())
                        : document)
                .toList();
    }

    /** The responsible unit by name, and the team when a team serves it. */
    private String agency(String district, RequestView view, Map<String, String> names) {
        if (view.unitId == null) {
            return null;
        }
        String unit = names.computeIfAbsent(view.unitId, id -> units.unit(district, id)
                .map(OrgUnitDirectory.Unit::name).orElse(id));
        return view.teamId == null ? unit : unit + " / team " + view.teamId;
    }

    // ------------------------------------------------------------------------------------------------ updates

    @GetMapping("/servicerequestupdates.{format}")
    @Operation(summary = "Status updates in a window of at most 90 days (default: the last 90 days), oldest first "
            + "(the FixMyStreet extension); page/page_size. Anonymous where the jurisdiction allows it (updates carry "
            + "no personal data)")
    public ResponseEntity<String> updates(HttpServletRequest request, @PathVariable String format,
                                          @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                          @RequestParam(name = "service_request_id", required = false) String ids,
                                          @RequestParam(name = "start_date", required = false) String start,
                                          @RequestParam(name = "end_date", required = false) String end,
                                          @RequestParam(name = "page", required = false) String page,
                                          @RequestParam(name = "page_size", required = false) String pageSize) {
        Format as = GeoReportParameters.format(format);
        String district = jurisdictions.reading(jurisdiction, request).district();
        List<String> requestIds = GeoReportParameters.list("service_request_id", ids, ID, MAX_IDS);
        Instant[] window = window(start, end);
        int pageNumber = GeoReportParameters.integer("page", page, 1, 1, 1_000_000);
        int size = GeoReportParameters.integer("page_size", pageSize, settings.maxPageSize(), 1,
                settings.maxPageSize());
        List<Map<String, Object>> found = updates.between(district, window[0], window[1].plusMillis(1), requestIds,
                pageNumber, size).stream().map(update -> RequestUpdates.update(update, zone)).toList();
        return answer(as, HttpStatus.OK, "service_request_updates", found);
    }

    /**
     * [start, end]: both given, at most the maximum window apart; only one given, the window beside it; neither, the
     * last 90 days (the spec's default).
     */
    private Instant[] window(String start, String end) {
        Instant from = GeoReportParameters.datetime("start_date", start);
        Instant to = GeoReportParameters.datetime("end_date", end);
        Duration max = settings.maxWindow();
        if (from == null && to == null) {
            to = clock.instant();
            from = to.minus(max);
        } else if (from == null) {
            from = to.minus(max);
        } else if (to == null) {
            to = from.plus(max);
        }
        if (from.isAfter(to)) {
            throw Open311Exception.badRequest("start_date must not be after end_date");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw Open311Exception.badRequest("start_date and end_date may not be more than " + max.toDays()
                    + " days apart");
        }
        return new Instant[]{from, to};
    }

    private ResponseEntity<String> answer(Format format, HttpStatus status, String root, Object body) {
        return ResponseEntity.status(status).contentType(format.mediaType()).body(writer.write(format, root, body));
    }
}
