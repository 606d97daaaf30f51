package cloud.practice.request.menu.api;

import cloud.practice.events.request.Stage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parts of a menu item only request-service needs (description, keywords, extra fields, SLA targets); kept
 * beside the published {@code MenuItemPublished}, not published itself.
 */
public record MenuItemDefined(String itemId, String districtId, String description, List<String> keywords,
                              List<MenuField> fields, Map<Stage, Duration> sla, Duration reopenWindow) {
}
