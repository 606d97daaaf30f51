package cloud.practice.hierarchy.tree.web;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.hierarchy.tree.api.ManagerRole;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.web.Location;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;
import static cloud.practice.support.web.ApiFormats.CODE;

/**
 * The HTTP bodies of the org-unit API: what a change sends, validated field by field before anything changes, and
 * what it answers. (Bodies, not "requests": in this platform a request is a resident's order.)
 */
public final class UnitBodies {

    /** A person's account id as tokens carry it (service-support's JwtCallers accepts this shape as the subject). */
    public static final String ACCOUNT_ID = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}";

    private UnitBodies() {
    }

    public record EstablishUnit(
            @Pattern(regexp = ID) String unitId,
            @NotBlank @Pattern(regexp = CODE) String code,
            @NotBlank @Size(max = 100) String name,
            @NotNull OrgTier tier,
            @Pattern(regexp = ID) String parentId,
            @Pattern(regexp = "\\d{6,12}") String divisionCode,
            @Size(max = 200) String address,
            @Valid Location location,
            @Pattern(regexp = "[0-9+\\- ]{5,20}") String contact,
            @Size(max = 100) String openingHours,
            Set<@NotNull ServicePlatform> platforms,
            @Size(max = 500) List<@NotBlank @Size(max = 60) String> communities,
            LocalDate effectiveDate) {

        UnitSpec toSpec() {
            return new UnitSpec(unitId == null ? "unit-" + UUID.randomUUID() : unitId, code, name.strip(), tier,
                    parentId, divisionCode, address, Location.toPoint(location), contact, openingHours,
                    platforms == null ? Set.of() : platforms, communities == null ? List.of() : communities);
        }
    }

    public record Rename(@NotBlank @Size(max = 100) String name, LocalDate effectiveDate) {
    }

    public record Relocate(@NotBlank @Size(max = 200) String address, @NotNull @Valid Location location,
                           LocalDate effectiveDate) {
    }

    public record ChangeDetails(
            @Pattern(regexp = "\\d{6,12}") String divisionCode,
            @Pattern(regexp = "[0-9+\\- ]{5,20}") String contact,
            @Size(max = 100) String openingHours,
            Set<@NotNull ServicePlatform> platforms,
            @Size(max = 500) List<@NotBlank @Size(max = 60) String> communities,
            LocalDate effectiveDate) {
    }

    public record Move(@NotBlank @Pattern(regexp = ID) String parentId, LocalDate effectiveDate) {
    }

    public record StatusChange(@Size(max = 500) String reason, LocalDate effectiveDate) {
    }

    public record Merge(@NotBlank @Pattern(regexp = ID) String survivorId, LocalDate effectiveDate) {
    }

    public record Split(@Pattern(regexp = ID) String newUnitId, @NotBlank @Pattern(regexp = CODE) String code,
                        @NotBlank @Size(max = 100) String name,
                        @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 60) String> communities,
                        LocalDate effectiveDate) {
    }

    /** The grids (网格) of a community the unit declares; the list replaces the earlier one. */
    public record DefineGrids(@NotBlank @Size(max = 60) String community,
                              @NotNull @Size(max = 200) List<@NotBlank @Size(max = 60) String> grids,
                              LocalDate effectiveDate) {
    }

    /**
     * A manager to assign. {@code userId} is the person's account id ({@code acc-<uuid>}, or a staff login name): the
     * shape every service accepts as a token's subject, so the grant reaches the token. {@code role} may be left out:
     * one role fits each tier.
     */
    public record AssignManager(@NotBlank @Pattern(regexp = ACCOUNT_ID) String userId, ManagerRole role,
                                LocalDate effectiveDate) {
    }

    /** The answer to establishing a unit. */
    public record UnitEstablished(String unitId, String districtId, long version) {
    }

    /** The answer to a change of a unit: its new version, also the answer's ETag. */
    public record UnitChanged(String unitId, long version) {
    }

    /** The answer to a split: the new unit and the unit it was split from. */
    public record UnitSplit(String unitId, String splitFrom) {
    }

    /** The grids (网格) of the community as registered: stripped, in the order given. */
    public record GridsDefined(String unitId, String community, List<String> grids) {
    }
}
