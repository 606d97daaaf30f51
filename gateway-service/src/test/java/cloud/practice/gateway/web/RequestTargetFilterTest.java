package cloud.practice.gateway.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetFilterTest {

    @Test
    void shouldLetTheApisOwnPathsThrough() {
        for (String path : List.of("/api/v1/org-units/s-3-2/move", "/api/v1/requests/req-1b2c/accept",
                "/api/v1/menu/items/CARE-ESCORT", "/api/v1/teams/t:1/members/v.2", "/open311/v2/requests.json",
                "/api/v1/volunteers/%E5%BC%A0%E4%B8%89", "/")) {
            assertThat(RequestTargetFilter.refusal(path)).as(path).isNull();
        }
    }

    @Test
    void shouldRefuseSeparatorsTraversalControlAndMarkup() {
        for (String path : List.of("/api/v1/pairings/..%2F..%2Fetc%2Fpasswd/end", "/api/v1/org-units/../admin",
                "/api/v1/org-units/%2E%2E/x", "/api/v1/org-units/%00", "/api/v1/org-units/%2500",
                "/api/v1/org-units/%3Cscript%3E", "/api/v1/org-units/%27%3B%20DROP%20TABLE%20units%3B%20--",
                "/api/v1/org-units/a%5Cb", "/api/v1/org-units/%ZZ", "/api/v1/org-units/%ED%A0%80")) {
            assertThat(RequestTargetFilter.refusal(path)).as(path).isNotNull();
        }
    }
}
