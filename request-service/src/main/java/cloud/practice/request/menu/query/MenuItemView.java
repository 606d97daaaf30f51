package cloud.practice.request.menu.query;

import cloud.practice.events.ServicePlatform;
import cloud.practice.request.menu.api.MenuField;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A menu item as requesters and integrators see it; SLA targets as ISO-8601 durations per stage. */
@Document("menu_items")
public class MenuItemView {
    @Id
    public String itemId;
    public String districtId;
    public String code;
    public String name;
    public String description;
    public ServicePlatform platform;
    public List<String> keywords = new ArrayList<>();
    public int minimumSkillLevel;
    public int expectedMinutes;
    public int peopleNeeded;
    public List<MenuField> fields = new ArrayList<>();
    public List<String> offeringUnitIds = new ArrayList<>();
    public Map<String, String> sla = new LinkedHashMap<>();
    public String reopenWindow;
    public boolean active = true;
    public long version;

    /**
     * Open for orders: active, and its terms (SLA, reopen window) projected. A new item arrives as two events —
     * published, then defined — so for a moment the view holds the first without the second; an order then would
     * have no terms to copy.
     */
    public boolean orderable() {
        return active && reopenWindow != null && sla != null;
    }
}
