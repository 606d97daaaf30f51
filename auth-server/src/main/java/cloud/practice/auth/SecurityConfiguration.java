package cloud.practice.auth;

import cloud.practice.auth.brake.BrakedClientSecret;
import cloud.practice.auth.brake.BrakedLogin;
import cloud.practice.auth.brake.ClientAuthenticationErrors;
import cloud.practice.auth.brake.GuessingBrake;
import cloud.practice.auth.clients.MachineClients;
import cloud.practice.auth.clients.StoredClientRepository;
import cloud.practice.auth.codes.OneTimeCodes;
import cloud.practice.auth.login.AccountLogins;
import cloud.practice.auth.login.CodeLogin;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.roles.Standings;
import cloud.practice.auth.tokens.TokenClaims;
import cloud.practice.support.security.ScopeRules;
import cloud.practice.support.security.Scopes;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import java.time.Clock;

/**
 * Three filter chains:
 * <ol>
 *   <li>the authorization server's endpoints (token, JWKS, authorize, discovery, OIDC); client secrets behind the
 *       {@link GuessingBrake};</li>
 *   <li>the login pages (everything but {@code /api/**}): password ({@code POST /login}) and one-time code
 *       ({@code POST /login/code}) logins, both behind the brake, and sending a login code; health, metrics and the
 *       API documents are open, everything else needs a login;</li>
 *   <li>{@code /api/**}: service-support's bearer-token chain, as in every service, with this issuer's
 *       {@link ScopeRules} below (tokens checked by {@code IssuerTokenValidation}).</li>
 * </ol>
 * Authorizations (codes, refresh tokens) are kept in memory (Spring's default): a restart of the issuer ends every
 * session, and people log in again.
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
    public SecurityFilterChain login(HttpSecurity http, AccountLogins logins, PasswordEncoder passwords,
                                     GuessingBrake brake, OneTimeCodes codes, Accounts accounts) throws Exception {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(logins);
        checkPassword.setPasswordEncoder(passwords);
        // This chain's only authentication manager, without a parent: nothing checks a secret around the brake.
        AuthenticationManager manager = new ProviderManager(new BrakedLogin(checkPassword, brake),
                new BrakedLogin(new CodeLogin.Provider(codes, accounts, logins), brake));
        http.securityMatcher(new NegatedRequestMatcher(new AntPathRequestMatcher("/api/**")))
                .authenticationManager(manager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/login", "/login/code", "/login/code/send").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .addFilterBefore(CodeLogin.filter(manager), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** What each endpoint of the issuer's API needs (service-support's chain refuses anything not listed). */
    @Bean
    public ScopeRules peopleScopeRules() {
        return ScopeRules.of()
                // Anonymous: asking for a code and signing up (the code is the proof).
                .anonymous(HttpMethod.POST, "/api/v1/people/codes")
                .anonymous(HttpMethod.POST, "/api/v1/people/residents")
                // Any person's valid token, no particular scope: their own account.
                .anyToken(HttpMethod.GET, "/api/v1/people/me")
                .anyToken(HttpMethod.POST, "/api/v1/people/me/password")
                .write("/api/v1/people/staff", Scopes.PEOPLE_ADMIN)
                .write("/api/v1/people/staff/**", Scopes.PEOPLE_ADMIN)
                // Cities' analysts: the platform's operators only (CityAnalystController checks who).
                .read("/api/v1/people/city-analysts", Scopes.PEOPLE_ADMIN)
                .write("/api/v1/people/city-analysts", Scopes.PEOPLE_ADMIN)
                .write("/api/v1/people/city-analysts/**", Scopes.PEOPLE_ADMIN)
                // The notification service's notices to an account's own number (machine clients only, ADR 0023),
                // and what became of them.
                .on(HttpMethod.POST, "/api/v1/people/accounts/*/sms", Scopes.PEOPLE_NOTIFY)
                .read("/api/v1/people/sms/receipts", Scopes.PEOPLE_NOTIFY)
                // The SMS provider's delivery reports: no token of ours, a shared secret in the URL instead
                // (SmsReportController checks it).
                .anonymous(HttpMethod.POST, "/api/v1/people/sms/reports")
                .read("/api/v1/people/accounts", Scopes.PEOPLE_ADMIN)
                .read("/api/v1/people/audit", Scopes.PEOPLE_ADMIN)
                .read("/api/v1/clients", Scopes.PEOPLE_ADMIN)
                .write("/api/v1/clients", Scopes.PEOPLE_ADMIN)
                .write("/api/v1/clients/**", Scopes.PEOPLE_ADMIN);
    }

    @Bean
    public AccountLogins accountLogins(Accounts accounts, PasswordEncoder passwords) {
        return new AccountLogins(accounts, passwords);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public GuessingBrake guessingBrake(AuthSettings settings, Accounts accounts, MachineClients clients, Clock clock,
                                       MeterRegistry meters) {
        return new GuessingBrake(settings.brake(), clock, meters, accounts::known,
                id -> clients.byId(id).isPresent());
    }

    @Bean
    public RegisteredClientRepository registeredClientRepository(MachineClients clients, AuthSettings settings) {
        return new StoredClientRepository(clients, settings.accessTokenTtl());
    }

    /** Adaptive hashes only: bcrypt by default, argon2, scrypt and pbkdf2 read too. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public JWKSource<SecurityContext> jwkSource(AuthSettings settings) {
        return SigningKeys.load(settings.keyFile());
    }

    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(Accounts accounts, Standings standings,
                                                                 AuthSettings settings) {
        return new TokenClaims(accounts, standings, settings.audience());
    }

    @Bean
    public AuthorizationServerSettings authorizationServerSettings(AuthSettings settings) {
        return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
    }
}
