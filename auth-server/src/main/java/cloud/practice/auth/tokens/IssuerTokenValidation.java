package cloud.practice.auth.tokens;

import cloud.practice.auth.AuthSettings;
import cloud.practice.support.security.SecuritySettings;
import cloud.practice.support.security.VerifiedTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

/**
 * The bearer tokens of the issuer's own API ({@code /api/**}, service-support's resource-server chain) are checked
 * exactly as the services check them — signature, expiry (with the same clock skew), issuer and audience — but
 * against the issuer's own keys rather than its JWKS over HTTP, and with this issuer's {@code iss}. It is the primary
 * decoder, so service-support's {@code practiceJwtDecoder} (which would fetch {@code practice.security.jwk-set-uri})
 * is left unused here.
 */
@Configuration
public class IssuerTokenValidation {

    @Bean
    @Primary
    public JwtDecoder issuerJwtDecoder(JWKSource<SecurityContext> keys, AuthSettings settings,
                                       SecuritySettings security) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256), keys));
        // Claims are checked by Spring's validators below, as in the services.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(
                new JwtTimestampValidator(security.clockSkew()),
                new JwtIssuerValidator(settings.issuer()),
                new JwtClaimValidator<Collection<String>>("aud",
                        audience -> audience != null && audience.contains(settings.audience()))));
        return new VerifiedTokens(decoder, security.clockSkew(), Clock.systemUTC());
    }
}
