package cloud.practice.request.menu.api;

/** A district's photo rule changed (internal); it applies to photos uploaded from then on. */
public record PhotoRuleSet(String districtId, boolean keepLocation) {
}
