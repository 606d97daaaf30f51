package cloud.practice.system;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smallest district a scenario needs, set up through the gateway: a center, one institute and one station
 * covering one community (established 2026-01-01), and a CARE menu item {@code VISIT} anyone may serve.
 */
final class OneStationDistrict {

    private OneStationDistrict() {
    }

    /** {@code district}'s tree with center, {@code i-<suffix>} and station {@code s-<suffix>} covering {@code community}. */
    static void create(Api ops, String district, String suffix, String name, String community, double latitude,
                       double longitude) throws Exception {
        String d = "?district=" + district;
        String code = suffix.toUpperCase();
        Api.Answer imported = ops.post("/api/v1/org-units/import" + d + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"%1$s","name":"%2$s中心","tier":"CENTER"},
                 {"unitId":"i-%3$s","code":"%1$s-1","name":"%2$s所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-%3$s","code":"%1$s-1-1","name":"%2$s站","tier":"STATION","parentId":"i-%3$s",
                  "communities":["%4$s"],"location":{"latitude":%5$s,"longitude":%6$s}}]"""
                .formatted(code, name, suffix, community, latitude, longitude));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        Api.Answer menu = ops.put("/api/v1/menu/items/VISIT" + d, """
                {"name":"探访","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1}""");
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
    }
}
