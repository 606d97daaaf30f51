package cloud.practice.request.lifecycle.intake;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.request.Channel;
import cloud.practice.request.lifecycle.api.RequestCommands.OrderedItem;
import cloud.practice.request.lifecycle.api.RequestCommands.SubmitRequestCommand;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import cloud.practice.support.tree.OrgUnitDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every way an order comes in — the console and apps ({@code POST /api/v1/requests}), an imported history, Open311's
 * GeoReport — takes the same steps here: an orderable item of the district's menu, the answers checked against its
 * fields ({@link AnswerValidation}), the responsible station found in the tree copy, the possible-duplicate flag,
 * then {@link SubmitRequestCommand}, on which the aggregate applies every rule it applies to any order. The doors
 * only translate: their input to a {@link NewOrder}, the refusals here ({@link RuleViolation}s with the codes below)
 * to their own format.
 */
@Component
public class OrderIntake {

    /** The menu has no orderable item of that code (field {@code menuItem}). */
    public static final String UNKNOWN_MENU_ITEM = "unknown-menu-item";
    /** No open station covers where the order is (field {@code location}). */
    public static final String NO_RESPONSIBLE_UNIT = "no-responsible-unit";

    private final CommandGateway commands;
    private final MenuProjection menu;
    private final RequestProjection requests;
    private final OrgUnitDirectory units;
    private final AnswerValidation answers;

    OrderIntake(CommandGateway commands, MenuProjection menu, RequestProjection requests,
                OrgUnitDirectory units, AnswerValidation answers) {
        this.commands = commands;
        this.menu = menu;
        this.requests = requests;
        this.units = units;
        this.answers = answers;
    }

    /**
     * An order as the intake takes it, already checked for form by its door. {@code answers} reads the door's
     * answers against the item's fields (JSON comes typed; Open311's text attributes are typed by the fields).
     * The station is the one covering {@code community} when given, else the nearest to {@code location}; without
     * a location and with {@code stationFromAddress}, the one covering a community {@code address} names (Open311
     * has no community field). {@code keyedBy}: the caller's account or client id, never taken from a body.
     */
    public record NewOrder(String district, String menuItem, Function<MenuItemView, Map<String, Object>> answers,
                           GeoPoint location, String community, String address, boolean stationFromAddress,
                           String grid, Channel channel, String requesterId, String contact, String description,
                           Instant preferredFrom, Instant preferredTo, String keyedBy) {
    }

    /** The order submitted: its id, the station responsible for it, and the open order it may repeat (or null). */
    public record Placed(String requestId, OrgUnitDirectory.Unit responsible, String possibleDuplicateOf) {
    }

    /** A new order: checked, flagged when the requester has an open one of the same item, and submitted. */
    public Placed place(NewOrder order) {
        Submission submission = submission("req-" + UUID.randomUUID(), order, true);
        commands.sendAndWait(submission.command());
        return new Placed(submission.command().requestId(), submission.responsible(),
                submission.command().possibleDuplicateOf());
    }

    /**
     * The order an imported history starts with, checked as a new one but never flagged as a duplicate (it is
     * history); the caller sends it inside the import.
     */
    public SubmitRequestCommand pastOrder(String requestId, NewOrder order) {
        return submission(requestId, order, false).command();
    }

    /** The item a door names, if it is on the district's menu and orderable now. */
    public Optional<MenuItemView> orderable(String district, String menuItem) {
        return menu.item(MenuCommands.itemId(district, menuItem)).filter(MenuItemView::orderable);
    }

    private record Submission(SubmitRequestCommand command, OrgUnitDirectory.Unit responsible) {
    }

    private Submission submission(String requestId, NewOrder order, boolean flagDuplicates) {
        MenuItemView item = orderable(order.district(), order.menuItem())
                .orElseThrow(() -> new RuleViolation(Kind.REFUSED, UNKNOWN_MENU_ITEM, "menuItem",
                        "'" + order.menuItem() + "' is not on this district's menu", Map.of()));
        Map<String, Object> checked = answers.check(item, order.answers().apply(item));
        OrgUnitDirectory.Unit responsible = responsible(order).orElseThrow(() -> new RuleViolation(Kind.REFUSED,
                NO_RESPONSIBLE_UNIT, "location",
                "No open station covers this community or location; give a location or a community", Map.of()));
        String duplicateOf = flagDuplicates
                ? requests.openRequestFor(order.district(), order.requesterId(), item.itemId).orElse(null) : null;
        return new Submission(new SubmitRequestCommand(requestId, order.district(), OrderedItem.of(item),
                responsible.unitId(), order.location(), order.grid(), order.channel(), order.requesterId(),
                order.contact(), order.address(), order.description(), checked, order.preferredFrom(),
                order.preferredTo(), duplicateOf, order.keyedBy()), responsible);
    }

    private Optional<OrgUnitDirectory.Unit> responsible(NewOrder order) {
        String district = order.district();
        return (order.community() != null ? units.stationCovering(district, order.community())
                : Optional.<OrgUnitDirectory.Unit>empty())
                .or(() -> order.location() != null ? units.nearestStation(district, order.location())
                        : order.stationFromAddress() ? stationNamedIn(district, order.address()) : Optional.empty());
    }

    /**
     * The station covering a community the address names: every stretch of the address that ends in 社区
     * (community) or 村 (village) is tried, longest last, against the tree copy.
     */
    private Optional<OrgUnitDirectory.Unit> stationNamedIn(String district, String address) {
        if (address == null) {
            return Optional.empty();
        }
        Optional<OrgUnitDirectory.Unit> exact = units.stationCovering(district, address.strip());
        if (exact.isPresent()) {
            return exact;
        }
        for (String suffix : List.of("社区", "村")) {
            for (int end = address.indexOf(suffix); end >= 0; end = address.indexOf(suffix, end + 1)) {
                int stop = end + suffix.length();
                for (int start = Math.max(0, stop - 12); start < end; start++) {
                    Optional<OrgUnitDirectory.Unit> found = units.stationCovering(district,
                            address.substring(start, stop));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
