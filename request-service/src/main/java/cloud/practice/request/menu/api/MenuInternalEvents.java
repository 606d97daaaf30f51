package cloud.practice.request.menu.api;

import cloud.practice.events.request.Stage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A district's menu settings as they change — kept in request-service's store, never published. Moved here from
 * files of their own: {@code config.MovedInternalEvents} reads the events stored under the old names (ADR 0022).
 */
public final class MenuInternalEvents {

    private MenuInternalEvents() {
    }

    /** A district's menu defaults changed. */
    public record MenuDefaultsSet(String districtId, Map<Stage, Duration> sla, Duration reopenWindow) {
    }

    /** A district's check-in location rule changed; it applies to check-ins and check-outs from then on. */
    public record LocationRuleSet(String districtId, int limitMeters, LocationRule.Beyond beyond) {
    }

    /** A district's photo rule changed; it applies to photos uploaded from then on. */
    public record PhotoRuleSet(String districtId, boolean keepLocation) {
    }

    /**
     * The parts of a menu item only request-service needs (description, keywords, extra fields, SLA targets); kept
     * beside the published {@code MenuItemPublished}, not published itself.
     */
    public record MenuItemDefined(String itemId, String districtId, String description, List<String> keywords,
                                  List<MenuField> fields, Map<Stage, Duration> sla, Duration reopenWindow) {
    }
}
