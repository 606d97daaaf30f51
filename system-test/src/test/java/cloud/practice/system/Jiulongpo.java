package cloud.practice.system;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo district the local identities belong to ({@code cq-jiulongpo}: admin-district, admin-station,
 * analyst-chen, the demo hotline's Open311 key). Several system tests work in it; its base tree is imported once per
 * platform, by whichever test needs it first.
 */
final class Jiulongpo {

    static final String DISTRICT = "cq-jiulongpo";
    static final String D = "?district=" + DISTRICT;

    private Jiulongpo() {
    }

    /** The center, two institutes and two stations (s-3-2 covers 盘龙社区, s-3-1 九龙园社区), established 2026-01-01. */
    static synchronized void ensureTree(Api ops) throws Exception {
        if (ops.get("/api/v1/org-units/center" + D).status() == 200) {
            return;
        }
        Api.Answer imported = ops.post("/api/v1/org-units/import" + D + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"JLP","name":"九龙坡区新时代文明实践中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"JLP-1","name":"杨家坪新时代文明实践所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"i-3","code":"JLP-3","name":"九龙镇新时代文明实践所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-3-2","code":"JLP-3-2","name":"盘龙社区新时代文明实践站","tier":"STATION","parentId":"i-3",
                  "communities":["盘龙社区"],"location":{"latitude":29.5069,"longitude":106.5107}},
                 {"unitId":"s-3-1","code":"JLP-3-1","name":"九龙园社区新时代文明实践站","tier":"STATION","parentId":"i-3",
                  "communities":["九龙园社区"],"location":{"latitude":29.54,"longitude":106.46}}]""");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    }
}
