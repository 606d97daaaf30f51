package cloud.practice.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the gateway validates bearer tokens: the same {@code practice.security.*} settings (and environment variables)
 * as every service, so one issuer configuration serves the whole platform.
 */
@ConfigurationProperties("practice.security")
public record TokenSettings(
        @DefaultValue("http://localhost:9000/oauth2/jwks") String jwkSetUri,
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("practice-cloud") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue Claims claims) {

    /** The claim names, as service-support's SecuritySettings.Claims (PRACTICE_SECURITY_CLAIMS_USER, _ROLE). */
    public record Claims(@DefaultValue("sub") String user, @DefaultValue("practice_role") String role) {
    }
}
