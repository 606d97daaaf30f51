package cloud.practice.auth;

import cloud.practice.auth.brake.BrakedClientSecret;
import cloud.practice.auth.brake.BrakedLogin;
import cloud.practice.auth.brake.ClientAuthenticationErrors;
import cloud.practice.auth.brake.GuessingBrake;
import com.nimbusds.jose.jwk.source.JWKSource;
import io.micrometer.core.instrument.MeterRegistry;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.time.Clock;

/**
 * Two filter chains: the authorization server's endpoints (token, JWKS, authorize, discovery, OIDC), and the login
 * form people use during the authorization code flow. Health and metrics are open; everything else needs a login.
 * Passwords and client secrets are both checked behind the {@link GuessingBrake}.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    @Order(1)
    public SecurityFilterChain authorizationServer(HttpSecurity http, GuessingBrake brake) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer.oidc(Customizer.withDefaults())
                        // Client secrets behind the brake; Retry-After on a locked client's invalid_client.
                        .clientAuthentication(clients -> clients
                                .authenticationProviders(providers -> providers.replaceAll(provider ->
                                        provider instanceof ClientSecretAuthenticationProvider
                                                ? new BrakedClientSecret(provider, brake) : provider))
                                .errorResponseHandler(new ClientAuthenticationErrors())))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // Browsers go to the login form; API clients get a plain 401, never a redirect.
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /** Requests that ask for HTML; a request without an Accept header is not a browser. */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return html;
    }

    @Bean
    @Order(2)
    public SecurityFilterChain login(HttpSecurity http, Directory directory, PasswordEncoder passwords,
                                     GuessingBrake brake) throws Exception {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(directory);
        checkPassword.setPasswordEncoder(passwords);
        // This chain's only authentication manager, without a parent: nothing checks a password around the brake.
        http.authenticationManager(new ProviderManager(new BrakedLogin(checkPassword, brake)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    public Directory directory(AuthSettings settings) {
        return new Directory(settings);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public GuessingBrake guessingBrake(AuthSettings settings, Directory directory, Clock clock, MeterRegistry meters) {
        return new GuessingBrake(settings.brake(), clock, meters, name -> directory.user(name).isPresent(),
                id -> directory.client(id).isPresent());
    }

    @Bean
    public RegisteredClientRepository registeredClientRepository(Directory directory) {
        return directory.registeredClients();
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public JWKSource<SecurityContext> jwkSource(AuthSettings settings) {
        return SigningKeys.load(settings.keyFile());
    }

    @Bean
    public JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(Directory directory, AuthSettings settings) {
        return new TokenClaims(directory, settings.audience());
    }

    @Bean
    public AuthorizationServerSettings authorizationServerSettings(AuthSettings settings) {
        return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
    }
}
