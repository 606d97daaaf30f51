package cloud.practice.request.open311.format;

import cloud.practice.events.request.Stage;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.open311.Open311Settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static cloud.practice.request.open311.format.Open311Writer.ordered;

/**
 * How our menu and our richer lifecycle look in GeoReport v2 (ADR 0012). Pure functions of the read models, so the
 * JSON and XML answers, the update feed and the webhooks say the same thing.
 *
 * <p>Status: a request is {@code closed} once the network is done with it — completed (the service was delivered;
 * the rating may follow), rated, rejected, cancelled or expired — and {@code open} before; a reopened request is open
 * again. {@code status_notes} says where in the four-order loop it is.
 */
public final class Open311Mapping {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    private static final Set<RequestStatus> CLOSED_STATES = Set.of(RequestStatus.COMPLETED, RequestStatus.RATED,
            RequestStatus.REJECTED, RequestStatus.CANCELLED, RequestStatus.EXPIRED);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Open311Mapping() {
    }

    // ------------------------------------------------------------------------------------------------ services

    public static Map<String, Object> service(MenuItemView item) {
        return ordered(
                "service_code", item.code,
                "service_name", item.name,
                "description", item.description,
                "metadata", !item.fields.isEmpty(),
                "type", "realtime",
                "keywords", item.keywords.isEmpty() ? null : String.join(",", item.keywords),
                "group", item.platform == null ? null : item.platform.chineseName());
    }

    public static Map<String, Object> definition(MenuItemView item) {
        List<Map<String, Object>> attributes = item.fields.stream()
                .sorted(Comparator.comparingInt(MenuField::order).thenComparing(MenuField::code))
                .map(Open311Mapping::attribute).toList();
        return ordered("service_code", item.code, "attributes", attributes);
    }

    static Map<String, Object> attribute(MenuField field) {
        Map<String, Object> attribute = ordered(
                "variable", true,
                "code", field.code(),
                "datatype", field.datatype().name().toLowerCase(Locale.ROOT),
                "required", field.required(),
                "datatype_description", datatypeDescription(field.datatype()),
                "order", field.order(),
                "description", field.description() == null || field.description().isBlank() ? field.label()
                        : field.label() + ": " + field.description());
        if (field.datatype() == MenuField.Datatype.SINGLEVALUELIST
                || field.datatype() == MenuField.Datatype.MULTIVALUELIST) {
            attribute.put("values", field.values().stream()
                    .map(value -> ordered("key", value.key(), "name", value.name())).toList());
        }
        return attribute;
    }

    static String datatypeDescription(MenuField.Datatype datatype) {
        return switch (datatype) {
            case STRING -> "Text of at most 200 characters";
            case TEXT -> "Text of at most 4000 characters";
            case NUMBER -> "A number, like 3 or 2.5";
            case DATETIME -> "An ISO 8601 date and time with its offset, like 2026-03-07T09:30:00+08:00";
            case SINGLEVALUELIST -> "One key of the listed values";
            case MULTIVALUELIST -> "One or more keys of the listed values, each as attribute[code][]=key";
        };
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * A request as GET requests answers it. Never the requester's phone, e-mail, name or id: GeoReport has fields
     * for them only on the way in.
     *
     * @param item     the menu item it was ordered from (null if it no longer exists)
     * @param agency   the responsible unit's name
     * @param mediaUrl the photo URL the submitting client sent, if any
     */
    public static Map<String, Object> request(RequestView view, MenuItemView item, String agency, String mediaUrl,
                                              ZoneId zone) {
        return ordered(
                "service_request_id", view.requestId,
                "status", status(view.status),
                "status_notes", notes(view.status, view.rejectionReason, view.rating, view.escalations),
                "service_name", item == null ? null : item.name,
                "service_code", code(view.menuItemId),
                "description", view.description,
                "agency_responsible", agency,
                "service_notice", null,
                "requested_datetime", datetime(view.submittedAt, zone),
                "updated_datetime", datetime(updated(view), zone),
                "expected_datetime", datetime(expected(view, item), zone),
                "address", view.address,
                "address_id", null,
                "zipcode", null,
                "lat", view.location == null ? null : view.location.latitude(),
                "long", view.location == null ? null : view.location.longitude(),
                "media_url", mediaUrl);
    }

    /**
     * The same request as a caller without credentials sees it (GeoReport's public data, ADR 0012): the same fields,
     * so a client reads both alike, but no {@code address} (free text that may name a door, which no rounding can
     * coarsen), {@code lat}/{@code long} rounded to the jurisdiction's decimals, and {@code description} and
     * {@code media_url} only where the jurisdiction shows them. Contact and requester are in no answer at all.
     */
    public static Map<String, Object> publicRequest(Map<String, Object> request, Open311Settings.PublicView view) {
        Map<String, Object> shown = new java.util.LinkedHashMap<>(request);
        shown.put("address", null);
        shown.computeIfPresent("lat", (field, value) -> rounded(value, view.locationDecimals()));
        shown.computeIfPresent("long", (field, value) -> rounded(value, view.locationDecimals()));
        if (!view.descriptions()) {
            shown.put("description", null);
            shown.put("media_url", null);
        }
        return shown;
    }

    private static Object rounded(Object coordinate, int decimals) {
        return coordinate instanceof Number number
                ? BigDecimal.valueOf(number.doubleValue()).setScale(decimals, RoundingMode.HALF_UP).doubleValue()
                : coordinate;
    }

    public static String status(RequestStatus status) {
        return CLOSED_STATES.contains(status) ? CLOSED : OPEN;
    }

    public static boolean closed(RequestStatus status) {
        return CLOSED_STATES.contains(status);
    }

    /** Where the request stands, in words an integrating system can show its user. */
    public static String notes(RequestStatus status, String rejectionReason, Integer rating, int escalations) {
        String notes = switch (status) {
            case SUBMITTED -> "Received; waiting for review by the responsible unit";
            case REVIEWED -> "Accepted; looking for volunteers";
            case DISPATCHED -> "Offered to volunteers; waiting for one to accept";
            case ACCEPTED -> "A volunteer has taken the request";
            case IN_SERVICE -> "A volunteer is serving now";
            case SERVED -> "Served; waiting for the volunteer to complete the request";
            case COMPLETED -> "Completed; the requester may still rate the service";
            case RATED -> "Completed and rated" + (rating == null ? "" : " " + rating + "/5");
            case REJECTED -> "Rejected" + (rejectionReason == null || rejectionReason.isBlank() ? ""
                    : ": " + rejectionReason);
            case CANCELLED -> "Cancelled";
            case EXPIRED -> "Expired: not handled in time at any level of the network";
        };
        if (escalations > 0 && !closed(status)) {
            notes += " (escalated " + escalations + (escalations == 1 ? " time" : " times") + ")";
        }
        return notes;
    }

    /** A menu item id is {@code <district>/<code>}; the service code is the code. */
    public static String code(String menuItemId) {
        if (menuItemId == null) {
            return null;
        }
        int slash = menuItemId.indexOf('/');
        return slash < 0 ? menuItemId : menuItemId.substring(slash + 1);
    }

    static Instant updated(RequestView view) {
        return view.history.isEmpty() ? view.submittedAt : view.history.get(view.history.size() - 1).at();
    }

    /**
     * When the request is expected to be fulfilled: the running SLA clock's due time plus the item's targets for the
     * stages after it (a request waiting for review at 10:00 with dispatch 4 h, accept 8 h and complete 3 days is
     * expected 3 days 12 hours after 10:00). None once closed or without a running clock.
     */
    public static Instant expected(RequestView view, MenuItemView item) {
        if (closed(view.status) || view.clockDueAt == null || view.clockStage == null) {
            return null;
        }
        Instant expected = view.clockDueAt;
        if (item != null) {
            Stage running = Stage.valueOf(view.clockStage);
            for (Stage later : Stage.values()) {
                String target = later.ordinal() > running.ordinal() ? item.sla.get(later.name()) : null;
                if (target != null) {
                    expected = expected.plus(Duration.parse(target));
                }
            }
        }
        return expected;
    }

    /** ISO 8601 with the district's offset, to the second: {@code 2026-11-28T17:05:04+08:00}. */
    public static String datetime(Instant instant, ZoneId zone) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone).format(ISO);
    }
}
