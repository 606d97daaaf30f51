package cloud.practice.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every service validates bearer tokens itself (defence in depth behind the gateway): signature against the
 * issuer's JWKS, expiry, issuer and audience; the caller's identity from the configured claims; the scope each
 * endpoint needs from the service's {@link ScopeRules}. Anonymous are health, metrics (cluster-internal: the gateway
 * does not route them), API docs, and what a service's rules open with {@link ScopeRules#anonymous} (the issuer's
 * sign-up, Open311's public reads). ADR 0011.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecuritySettings.class)
public class ApiSecurityAutoConfiguration {

    /** Paths any caller may use without a token. */
    public static final String[] ANONYMOUS = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/open311/v2/discovery.json", "/open311/v2/discovery.xml", "/error"};

    @Bean
    public JwtDecoder practiceJwtDecoder(SecuritySettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256,
                        SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256)))
                .build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(settings.clockSkew()));
        if (settings.issuer() != null && !settings.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(settings.issuer()));
        }
        validators.add(new JwtClaimValidator<Collection<String>>("aud",
                audience -> audience != null && audience.contains(settings.audience())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new VerifiedTokens(decoder, settings.clockSkew(), Clock.systemUTC());
    }

    /** Spring Security's strict firewall, its character checks made cheap ({@link HeaderText}). */
    @Bean
    public HttpFirewall practiceFirewall() {
        return HeaderText.firewall();
    }

    @Bean
    public SecurityFilterChain practiceApiSecurity(HttpSecurity http, JwtDecoder decoder, SecuritySettings settings,
                                                   ObjectProvider<ScopeRules> scopeRules, ObjectMapper json,
                                                   ObjectProvider<WithdrawnGrants> withdrawn)
            throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(ANONYMOUS).permitAll();
                    scopeRules.orderedStream().forEach(rules -> rules.apply(requests));
                    // Not declared, not reachable: a forgotten endpoint is closed.
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtCallers(settings.claims(),
                                withdrawn.getIfAvailable(() -> WithdrawnGrants.NONE))))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyExchange(settings.grantUri(), json, Clock.systemUTC()),
                        BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** The API documents say how to authenticate: a bearer JWT on every operation. */
    @Bean
    @ConditionalOnClass(OpenApiCustomizer.class)
    public OpenApiCustomizer bearerTokenScheme() {
        // The caller comes from the token, never from a parameter: keep it out of the documents.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        return openApi -> openApi
                .components((openApi.getComponents() == null ? new Components() : openApi.getComponents())
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token of the platform's issuer with the operation's scope")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    public WebMvcConfigurer callerArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
