package cloud.practice.request.menu.api;

/** A district's check-in location rule changed (internal); it applies to check-ins and check-outs from then on. */
public record LocationRuleSet(String districtId, int limitMeters, LocationRule.Beyond beyond) {
}
