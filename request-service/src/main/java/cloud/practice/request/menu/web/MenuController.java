package cloud.practice.request.menu.web;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.support.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Stage;
import cloud.practice.request.menu.api.LocationRule;
import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.request.menu.api.MenuCommands.PublishMenuItemCommand;
import cloud.practice.request.menu.api.MenuCommands.RetireMenuItemCommand;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.api.PhotoRule;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.support.axon.ExpectedVersion;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static cloud.practice.support.web.ApiFormats.CODE;

/** The service menu of a district, grouped by the nine platforms. */
@RestController
@Validated
@RequestMapping("/api/v1/menu")
@Tag(name = "menu", description = "The service menu (点单菜单)")
public class MenuController {

    private final RequestAccess access;

    /** Used where neither the item nor its district sets a target. */
    static final Map<Stage, Duration> PLATFORM_DEFAULTS = Map.of(Stage.REVIEW, Duration.ofHours(2),
            Stage.DISPATCH, Duration.ofHours(4), Stage.ACCEPT, Duration.ofHours(8), Stage.COMPLETE, Duration.ofDays(3));

    private final CommandGateway commands;
    private final MenuProjection menu;

    public MenuController(RequestAccess access, CommandGateway commands, MenuProjection menu) {
        this.access = access;
        this.commands = commands;
        this.menu = menu;
    }

    public record FieldRequest(@NotBlank @Pattern(regexp = CODE) String code, @NotBlank @Size(max = 100) String label,
                               @NotNull MenuField.Datatype datatype, boolean required, @Min(0) @Max(1000) int order,
                               @Size(max = 500) String description,
                               @Size(max = 100) List<@Valid ValueRequest> values) {
    }

    public record ValueRequest(@NotBlank @Size(max = 60) String key, @NotBlank @Size(max = 100) String name) {
    }

    public record ItemRequest(@NotBlank @Size(max = 100) String name, @Size(max = 2000) String description,
                              @NotNull ServicePlatform platform,
                              @Size(max = 20) List<@NotBlank @Size(max = 30) String> keywords,
                              @Min(1) @Max(5) int minimumSkillLevel, @Min(1) @Max(24 * 60) int expectedMinutes,
                              @Min(1) @Max(100) int peopleNeeded,
                              @Size(max = 50) List<@Valid FieldRequest> fields,
                              @Size(max = 500) List<@NotBlank @Size(max = 64) String> offeringUnitIds,
                              Map<Stage, @NotBlank String> sla, String reopenWindow) {
    }

    public record Defaults(Map<Stage, @NotBlank String> sla, String reopenWindow) {
    }

    /** A menu item's version published; {@code itemId} is how orders and requests name it. */
    public record ItemPublished(String itemId, String code) {
    }

    /** A menu item retired ({@code active} is always false). */
    public record ItemRetired(String itemId, boolean active) {
    }

    @PutMapping("/defaults")
    @Operation(summary = "The district's SLA targets and reopen window for items that set none")
    public Map<String, String> setDefaults(@Parameter(hidden = true) Caller caller, District district,
                                           @Valid @RequestBody Defaults body) {
        access.manageMenu(caller, district.id());
        Map<Stage, Duration> sla = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            String given = body.sla() == null ? null : body.sla().get(stage);
            sla.put(stage, given == null ? PLATFORM_DEFAULTS.get(stage) : duration("sla." + stage, given));
        }
        Duration reopen = body.reopenWindow() == null ? Duration.ofDays(7) : duration("reopenWindow", body.reopenWindow());
        commands.sendAndWait(new MenuCommands.SetMenuDefaultsCommand(district.id(), sla, reopen));
        Map<String, String> answer = new java.util.LinkedHashMap<>();
        sla.forEach((stage, duration) -> answer.put(stage.name(), duration.toString()));
        answer.put("reopenWindow", reopen.toString());
        return answer;
    }

    @GetMapping("/defaults")
    public Map<String, String> defaults(@Parameter(hidden = true) Caller caller, District district) {
        access.readDistrict(caller, district.id());
        return menu.defaults(district.id());
    }

    /** A district's check-in location rule; a field left out takes its default (500 m, FLAG). */
    public record LocationRuleRequest(@Min(LocationRule.MIN_METERS) @Max(LocationRule.MAX_METERS) Integer limitMeters,
                                      LocationRule.Beyond beyond) {
    }

    @PutMapping("/defaults/location-rule")
    @Operation(summary = "The district's check-in location rule: how far (limitMeters, " + LocationRule.MIN_METERS
            + "-" + LocationRule.MAX_METERS + ", default 500) from the request's location a volunteer's check-in or "
            + "check-out may be reported, and what happens beyond it: FLAG (default: recorded and flagged for the "
            + "station's review, a location-flagged history entry and a RequestLocationFlagged event) or REFUSE (422 "
            + "too-far-from-the-request naming location, nothing recorded). District admins and the district's "
            + "systems; a field left out takes its default; a bad value is 400 naming the field and changes nothing. "
            + "Applies to check-ins and check-outs from then on (once GET shows it, within moments)")
    public LocationRule setLocationRule(@Parameter(hidden = true) Caller caller,
                                        District district,
                                        @Valid @RequestBody LocationRuleRequest body) {
        access.manageMenu(caller, district.id());
        LocationRule rule = new LocationRule(
                body.limitMeters() == null ? LocationRule.DEFAULT.limitMeters() : body.limitMeters(),
                body.beyond() == null ? LocationRule.DEFAULT.beyond() : body.beyond());
        commands.sendAndWait(new MenuCommands.SetLocationRuleCommand(district.id(), rule.limitMeters(), rule.beyond()));
        return rule;
    }

    @GetMapping("/defaults/location-rule")
    @Operation(summary = "The district's check-in location rule (500 m, FLAG until the district sets its own)")
    public LocationRule locationRule(@Parameter(hidden = true) Caller caller,
                                     District district) {
        access.readDistrict(caller, district.id());
        return menu.locationRule(district.id());
    }

    /** {@code keepLocation} left out: the default (false). */
    public record PhotoRuleRequest(Boolean keepLocation) {
    }

    @PutMapping("/defaults/photo-rule")
    @Operation(summary = "The district's photo rule (issue 27): keepLocation (default false) keeps the GPS position a "
            + "photo's EXIF carried as fields of its evidence record (never inside the stored file). District admins "
            + "and the district's systems; applies to photos uploaded from then on (once GET shows it)")
    public PhotoRule setPhotoRule(@Parameter(hidden = true) Caller caller,
                                  District district,
                                  @Valid @RequestBody PhotoRuleRequest body) {
        access.manageMenu(caller, district.id());
        PhotoRule rule = new PhotoRule(body.keepLocation() == null ? PhotoRule.DEFAULT.keepLocation()
                : body.keepLocation());
        commands.sendAndWait(new MenuCommands.SetPhotoRuleCommand(district.id(), rule.keepLocation()));
        return rule;
    }

    @GetMapping("/defaults/photo-rule")
    @Operation(summary = "The district's photo rule ({\"keepLocation\":false} until the district sets its own)")
    public PhotoRule photoRule(@Parameter(hidden = true) Caller caller,
                               District district) {
        access.readDistrict(caller, district.id());
        return menu.photoRule(district.id());
    }

    @PutMapping("/items/{code}")
    @Operation(summary = "Publish a menu item or a new version of it; SLA targets per stage as ISO-8601 durations")
    public ResponseEntity<ItemPublished> publish(@Parameter(hidden = true) Caller caller, District district,
                                                       @PathVariable @Pattern(regexp = CODE) String code,
                                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                       @Valid @RequestBody ItemRequest body) {
        access.manageMenu(caller, district.id());
        Map<Stage, Duration> sla = new EnumMap<>(Stage.class);
        Map<String, String> districtDefaults = menu.defaults(district.id());
        for (Stage stage : Stage.values()) {
            String given = body.sla() == null ? null : body.sla().get(stage);
            sla.put(stage, given != null ? duration("sla." + stage, given)
                    : districtDefaults.containsKey(stage.name()) ? Duration.parse(districtDefaults.get(stage.name()))
                    : PLATFORM_DEFAULTS.get(stage));
        }
        String itemId = MenuCommands.itemId(district.id(), code);
        commands.sendAndWait(ExpectedVersion.attach(new PublishMenuItemCommand(itemId, district.id(), code, body.name().strip(),
                body.description(), body.platform(), body.keywords() == null ? List.of() : body.keywords(),
                body.minimumSkillLevel(), body.expectedMinutes(), body.peopleNeeded(),
                body.fields() == null ? List.of() : body.fields().stream().map(f -> new MenuField(f.code(), f.label(),
                        f.datatype(), f.required(), f.order(), f.description(), f.values() == null ? List.of()
                        : f.values().stream().map(v -> new MenuField.Value(v.key(), v.name())).toList())).toList(),
                body.offeringUnitIds() == null ? List.of() : body.offeringUnitIds(), sla,
                body.reopenWindow() != null ? duration("reopenWindow", body.reopenWindow())
                        : Duration.parse(districtDefaults.getOrDefault("reopenWindow", "P7D"))),
                Versions.expectedVersion(ifMatch), Map.of()));
        return ResponseEntity.ok(new ItemPublished(itemId, code));
    }

    @PostMapping("/items/{code}/retire")
    public ResponseEntity<ItemRetired> retire(@Parameter(hidden = true) Caller caller, District district,
                                                      @PathVariable @Pattern(regexp = CODE) String code) {
        access.manageMenu(caller, district.id());
        String itemId = MenuCommands.itemId(district.id(), code);
        if (menu.item(itemId).isEmpty()) {
            throw ApiException.notFound("menu item", code);
        }
        commands.sendAndWait(new RetireMenuItemCommand(itemId, district.id()));
        return ResponseEntity.ok(new ItemRetired(itemId, false));
    }

    @GetMapping("/items")
    public List<MenuItemView> items(@Parameter(hidden = true) Caller caller, District district,
                                    @RequestParam(required = false) ServicePlatform platform,
                                    @RequestParam(defaultValue = "false") boolean includeRetired) {
        access.readDistrict(caller, district.id());
        return menu.menu(district.id()).stream()
                .filter(item -> platform == null || item.platform == platform)
                .filter(item -> includeRetired || item.active)
                .sorted(java.util.Comparator.comparing((MenuItemView item) -> item.platform).thenComparing(item -> item.code))
                .toList();
    }

    @GetMapping("/items/{code}")
    @Operation(summary = "One item; its ETag is what If-Match on a new version expects")
    public ResponseEntity<MenuItemView> item(@Parameter(hidden = true) Caller caller, District district,
                                             @PathVariable @Pattern(regexp = CODE) String code) {
        access.readDistrict(caller, district.id());
        MenuItemView item = menu.item(MenuCommands.itemId(district.id(), code))
                .orElseThrow(() -> ApiException.notFound("menu item", code));
        return ResponseEntity.ok().eTag(Versions.etag(item.version)).body(item);
    }

    private static Duration duration(String field, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(30)) > 0) {
                throw ApiException.badRequest(field, field + " must be between PT1S and P30D");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO-8601 duration like PT2H");
        }
    }
}
