package cloud.practice.request.open311.intake;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.request.Channel;
import cloud.practice.request.lifecycle.intake.OrderIntake;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.open311.Open311Exception;
import cloud.practice.request.open311.Open311Settings;
import cloud.practice.support.domain.RuleViolation;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A GeoReport {@code POST requests} is placed through the same {@link OrderIntake} as {@code POST /api/v1/requests},
 * with channel {@link Channel#INTEGRATION}: the same checks (an active menu item of the district, the answers, the
 * responsible station, the possible-duplicate flag), the same command, every rule of the aggregate. What is Open311's
 * own stays here: the attributes typed by the item's fields, the station also found from a community the address
 * names (the spec has no community field), the requester's pseudonym, and the refusals in the spec's words.
 *
 * <p>What Open311 adds and the command has no field for — e-mail, first and last name, device id, the photo URL —
 * stays in request-service's own {@code open311_submissions} collection; none of it is ever answered by a GET
 * except the photo URL. The phone number goes into the command's contact, which the aggregate masks in every event
 * that leaves the service.
 *
 * <p>Read-your-write (ADR 0012): the answer goes out once the request view shows the new request, so that the id a
 * client gets is found at once by {@code GET requests/{id}} and every other read; the view follows the event store
 * within milliseconds, and {@code practice.open311.read-your-write} bounds the wait should it stall.
 */
@Component
public class RequestIntake {

    static final String SUBMISSIONS = "open311_submissions";
    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);
    private static final long FIRST_LOOK_NANOS = Duration.ofMillis(5).toNanos();
    private static final long LONGEST_LOOK_NANOS = Duration.ofMillis(50).toNanos();

    private final OrderIntake orders;
    private final RequestProjection requests;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration readYourWrite;

    public RequestIntake(OrderIntake orders, RequestProjection requests, MongoTemplate mongo, Clock clock,
                         Open311Settings settings) {
        this.orders = orders;
        this.requests = requests;
        this.mongo = mongo;
        this.clock = clock;
        this.readYourWrite = settings.readYourWrite();
    }

    /** What the client sent, already checked for form (lengths, patterns, coordinate ranges). */
    public record Intake(String district, String clientId, String serviceCode, GeoPoint location, String address,
                         String description, Map<String, List<String>> attributes, String email, String phone,
                         String firstName, String lastName, String accountId, String deviceId, String mediaUrl) {
    }

    public record Submitted(String requestId, String unitId, String unitName, String duplicateOf, String accountId) {
    }

    public Submitted submit(Intake intake) {
        OrderIntake.Placed placed;
        try {
            placed = orders.place(new OrderIntake.NewOrder(intake.district(), intake.serviceCode(),
                    item -> typed(item, intake.attributes()), intake.location(), null, intake.address(), true, null,
                    Channel.INTEGRATION, requesterId(intake), intake.phone(), intake.description(), null, null,
                    intake.clientId()));
        } catch (RuleViolation refused) {
            throw inSpecTerms(refused, intake);
        }
        String requestId = placed.requestId();
        mongo.getCollection(SUBMISSIONS).insertOne(new Document("_id", requestId)
                .append("districtId", intake.district()).append("clientId", intake.clientId())
                .append("mediaUrl", intake.mediaUrl()).append("email", intake.email())
                .append("firstName", intake.firstName()).append("lastName", intake.lastName())
                .append("deviceId", intake.deviceId()).append("accountId", intake.accountId())
                .append("submittedAt", Date.from(clock.instant())));
        awaitReadable(intake.district(), requestId);
        return new Submitted(requestId, placed.responsible().unitId(), placed.responsible().name(),
                placed.possibleDuplicateOf(), intake.accountId());
    }

    /**
     * The intake's refusals of what the client named, in the spec's words; any other refusal (an answer, a rule of
     * the aggregate) is answered as every refusal is ({@code Open311Errors}).
     */
    private static RuntimeException inSpecTerms(RuleViolation refused, Intake intake) {
        return switch (refused.code()) {
            case OrderIntake.UNKNOWN_MENU_ITEM -> Open311Exception.badRequest("service_code '" + intake.serviceCode()
                    + "' was not found in jurisdiction '" + intake.district() + "'");
            case OrderIntake.NO_RESPONSIBLE_UNIT -> Open311Exception.badRequest(intake.location() != null
                    ? "No open station of jurisdiction '" + intake.district() + "' serves this location"
                    : "address_string names no community the jurisdiction serves; send lat and long");
            default -> refused;
        };
    }

    /**
     * Until the request view shows the request, at most {@code readYourWrite}: looks after 5 ms, then ever less
     * often (at most every 50 ms) — a point read by id each time. Past the bound the request is answered anyway: it
     * is accepted and stored (answering an error would make the client send it again), only not yet readable.
     */
    private void awaitReadable(String district, String requestId) {
        long deadline = System.nanoTime() + readYourWrite.toNanos();
        long pause = FIRST_LOOK_NANOS;
        while (requests.request(district, requestId).isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn("request {} not yet in the request view after {}; answered before it is readable",
                        requestId, readYourWrite);
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, LONGEST_LOOK_NANOS);
        }
    }

    /** The photo URLs the submitting clients sent, by request id (for the GET answers). */
    public Map<String, String> mediaUrls(List<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> urls = new LinkedHashMap<>();
        mongo.getCollection(SUBMISSIONS).find(new Document("_id", new Document("$in", requestIds)))
                .forEach(found -> {
                    if (found.getString("mediaUrl") != null) {
                        urls.put(found.getString("_id"), found.getString("mediaUrl"));
                    }
                });
        return urls;
    }

    public Optional<MenuItemView> activeItem(String district, String serviceCode) {
        return orders.orderable(district, serviceCode);
    }

    /**
     * {@code attribute[code]=v} (or repeated, or {@code attribute[code][]=v}) as the typed answers the menu's
     * validation expects: a list for multi-value lists, a number for numbers, text otherwise.
     */
    static Map<String, Object> typed(MenuItemView item, Map<String, List<String>> given) {
        Map<String, MenuField> fields = item.fields.stream()
                .collect(Collectors.toMap(MenuField::code, Function.identity()));
        Map<String, Object> typed = new LinkedHashMap<>();
        given.forEach((code, values) -> {
            MenuField field = fields.get(code);
            if (field == null) {
                throw Open311Exception.badRequest("attribute[" + code + "] is not an attribute of service_code '"
                        + item.code + "'");
            }
            if (field.datatype() == MenuField.Datatype.MULTIVALUELIST) {
                typed.put(code, List.copyOf(values));
                return;
            }
            if (values.size() != 1) {
                throw Open311Exception.badRequest("attribute[" + code + "] takes exactly one value");
            }
            String value = values.get(0);
            typed.put(code, field.datatype() == MenuField.Datatype.NUMBER ? number(code, value) : value);
        });
        return typed;
    }

    private static Number number(String code, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException(text);
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest("attribute[" + code + "] must be a number");
        }
    }

    /**
     * The requester: the client's {@code account_id} when it sends one; else a stable pseudonym of the person the
     * client names by e-mail or phone (so their repeated orders are recognised without keeping who they are in the
     * id); else the client itself.
     */
    static String requesterId(Intake intake) {
        if (intake.accountId() != null) {
            return intake.accountId();
        }
        String person = intake.email() != null ? intake.email().strip().toLowerCase(Locale.ROOT)
                : intake.phone() != null ? intake.phone().replaceAll("[^0-9+]", "") : null;
        if (person != null) {
            return "o311-" + sha256(intake.clientId() + "|" + person).substring(0, 24);
        }
        String client = intake.clientId().replaceAll("[^A-Za-z0-9._:-]", "-");
        return "o311-" + (client.length() > 40 ? client.substring(0, 40) : client);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
