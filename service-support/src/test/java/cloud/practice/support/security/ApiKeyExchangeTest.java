package cloud.practice.support.security;

import cloud.practice.testing.TestIdentity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The api_key → client credentials exchange against a real token endpoint (the test issuer's). */
class ApiKeyExchangeTest {

    final TestIdentity identity = TestIdentity.get();
    final ApiKeyExchange exchange = new ApiKeyExchange(identity.tokenUri(), new ObjectMapper(), Clock.systemUTC());

    String authorizationSeenDownstream(MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        exchange.doFilter(request, new MockHttpServletResponse(), chain);
        return ((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getHeader("Authorization");
    }

    @Test
    void shouldTurnAValidApiKeyIntoTheClientsBearerToken() throws Exception {
        identity.registerClient("hotline-12345", "s3cret:with-colon", "jlp", List.of("requests:write"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/open311/v2/requests.json");
        request.setParameter("api_key", "hotline-12345:s3cret:with-colon");
        String authorization = authorizationSeenDownstream(request);
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT token = SignedJWT.parse(authorization.substring(7));
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("hotline-12345");
        assertThat(token.getJWTClaimsSet().getStringClaim("practice_district")).isEqualTo("jlp");
        // cached: the same key gives the same token without another exchange
        assertThat(authorizationSeenDownstream(request)).isEqualTo(authorization);
    }

    @Test
    void shouldLeaveRequestsWithWrongKeysOrOutsideOpen311Unauthenticated() throws Exception {
        identity.registerClient("hotline-2", "right", "jlp", List.of("requests:read"));
        MockHttpServletRequest wrongSecret = new MockHttpServletRequest("GET", "/open311/v2/requests.json");
        wrongSecret.setParameter("api_key", "hotline-2:wrong");
        assertThat(authorizationSeenDownstream(wrongSecret)).isNull();
        MockHttpServletRequest malformed = new MockHttpServletRequest("GET", "/open311/v2/requests.json");
        malformed.setParameter("api_key", "no-colon-here");
        assertThat(authorizationSeenDownstream(malformed)).isNull();
        MockHttpServletRequest elsewhere = new MockHttpServletRequest("GET", "/api/v1/requests");
        elsewhere.setParameter("api_key", "hotline-2:right");
        assertThat(authorizationSeenDownstream(elsewhere)).as("api keys are only for the Open311 surface").isNull();
    }
}
