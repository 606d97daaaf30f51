package cloud.practice.request.menu.api;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Stage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Commands of the service menu (点单菜单). A menu item's id is {@code <district>/<code>}. */
public final class MenuCommands {

    private MenuCommands() {
    }

    /** Publishes a new item or a new version of an existing one. */
    public record PublishMenuItemCommand(@TargetAggregateIdentifier String itemId, String districtId, String code,
                                         String name, String description, ServicePlatform platform,
                                         List<String> keywords, int minimumSkillLevel, int expectedMinutes,
                                         int peopleNeeded, List<MenuField> fields, List<String> offeringUnitIds,
                                         Map<Stage, Duration> sla, Duration reopenWindow) {
    }

    /** The district's defaults for items that set no SLA target or reopen window of their own. */
    public record SetMenuDefaultsCommand(@TargetAggregateIdentifier String districtId, Map<Stage, Duration> sla,
                                         Duration reopenWindow) {
    }

    /** The district's check-in location rule (the limit already checked: {@link LocationRule#MIN_METERS} to max). */
    public record SetLocationRuleCommand(@TargetAggregateIdentifier String districtId, int limitMeters,
                                         LocationRule.Beyond beyond) {
    }

    /** The district's photo rule: whether evidence photos keep where they were taken. */
    public record SetPhotoRuleCommand(@TargetAggregateIdentifier String districtId, boolean keepLocation) {
    }

    public record RetireMenuItemCommand(@TargetAggregateIdentifier String itemId, String districtId) {
    }

    public static String itemId(String districtId, String code) {
        return districtId + "/" + code;
    }
}
