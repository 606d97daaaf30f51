package cloud.practice.request.menu.web;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Stage;
import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.request.menu.api.MenuCommands.PublishMenuItemCommand;
import cloud.practice.request.menu.api.MenuCommands.RetireMenuItemCommand;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.support.web.ApiException;
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
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The service menu of a district, grouped by the nine platforms. */
@RestController
@Validated
@RequestMapping("/api/v1/menu")
@Tag(name = "menu", description = "The service menu (点单菜单)")
public class MenuController {

    static final String DISTRICT = "[a-z0-9][a-z0-9-]{1,39}";
    static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";

    private final CommandGateway commands;
    private final MenuProjection menu;

    public MenuController(CommandGateway commands, MenuProjection menu) {
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

    @PutMapping("/items/{code}")
    @Operation(summary = "Publish a menu item or a new version of it; SLA targets per stage as ISO-8601 durations")
    public ResponseEntity<Map<String, Object>> publish(@RequestParam @Pattern(regexp = DISTRICT) String district,
                                                       @PathVariable @Pattern(regexp = CODE) String code,
                                                       @Valid @RequestBody ItemRequest body) {
        Map<Stage, Duration> sla = new EnumMap<>(Stage.class);
        Map<Stage, Duration> defaults = Map.of(Stage.REVIEW, Duration.ofHours(2), Stage.DISPATCH, Duration.ofHours(4),
                Stage.ACCEPT, Duration.ofHours(8), Stage.COMPLETE, Duration.ofDays(3));
        for (Stage stage : Stage.values()) {
            String given = body.sla() == null ? null : body.sla().get(stage);
            sla.put(stage, given == null ? defaults.get(stage) : duration("sla." + stage, given));
        }
        String itemId = MenuCommands.itemId(district, code);
        commands.sendAndWait(new PublishMenuItemCommand(itemId, district, code, body.name().strip(),
                body.description(), body.platform(), body.keywords() == null ? List.of() : body.keywords(),
                body.minimumSkillLevel(), body.expectedMinutes(), body.peopleNeeded(),
                body.fields() == null ? List.of() : body.fields().stream().map(f -> new MenuField(f.code(), f.label(),
                        f.datatype(), f.required(), f.order(), f.description(), f.values() == null ? List.of()
                        : f.values().stream().map(v -> new MenuField.Value(v.key(), v.name())).toList())).toList(),
                body.offeringUnitIds() == null ? List.of() : body.offeringUnitIds(), sla,
                body.reopenWindow() == null ? Duration.ofDays(7) : duration("reopenWindow", body.reopenWindow())));
        return ResponseEntity.ok(Map.of("itemId", itemId, "code", code));
    }

    @PostMapping("/items/{code}/retire")
    public ResponseEntity<Map<String, Object>> retire(@RequestParam @Pattern(regexp = DISTRICT) String district,
                                                      @PathVariable @Pattern(regexp = CODE) String code) {
        String itemId = MenuCommands.itemId(district, code);
        if (menu.item(itemId).isEmpty()) {
            throw ApiException.notFound("menu item", code);
        }
        commands.sendAndWait(new RetireMenuItemCommand(itemId, district));
        return ResponseEntity.ok(Map.of("itemId", itemId, "active", false));
    }

    @GetMapping("/items")
    public List<MenuItemView> items(@RequestParam @Pattern(regexp = DISTRICT) String district,
                                    @RequestParam(required = false) ServicePlatform platform,
                                    @RequestParam(defaultValue = "false") boolean includeRetired) {
        return menu.menu(district).stream()
                .filter(item -> platform == null || item.platform == platform)
                .filter(item -> includeRetired || item.active)
                .sorted(java.util.Comparator.comparing((MenuItemView item) -> item.platform).thenComparing(item -> item.code))
                .toList();
    }

    @GetMapping("/items/{code}")
    public MenuItemView item(@RequestParam @Pattern(regexp = DISTRICT) String district,
                             @PathVariable @Pattern(regexp = CODE) String code) {
        return menu.item(MenuCommands.itemId(district, code)).orElseThrow(() -> ApiException.notFound("menu item", code));
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
