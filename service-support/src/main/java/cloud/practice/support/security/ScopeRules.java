package cloud.practice.support.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

import java.util.ArrayList;
import java.util.List;

/**
 * Which scope each endpoint needs, declared by each service as one bean. Reads are GET and HEAD; writes are POST,
 * PUT, PATCH and DELETE. Anything not declared is refused, so a forgotten endpoint is closed, not open.
 */
public final class ScopeRules {

    private static final List<HttpMethod> READS = List.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final List<HttpMethod> WRITES = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    /** Who passes: anyone, any valid token, or a token with the scope. */
    private enum Access { ANYONE, ANY_TOKEN, SCOPE }

    private record Rule(HttpMethod method, String pattern, Access access, String scope) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public static ScopeRules of() {
        return new ScopeRules();
    }

    /** One method on the pattern needs the scope (e.g. a POST that only queries). Earlier rules win. */
    public ScopeRules on(HttpMethod method, String pattern, String scope) {
        rules.add(new Rule(method, pattern, Access.SCOPE, java.util.Objects.requireNonNull(scope, "scope")));
        return this;
    }

    /**
     * One method on the pattern is open to anyone, without a token: only for what must work before a person has
     * an account (asking for a sign-up code, signing up) or is public by a standard (Open311's public reads, which
     * answer a public view), each guarded by its own limits at the gateway.
     */
    public ScopeRules anonymous(HttpMethod method, String pattern) {
        rules.add(new Rule(method, pattern, Access.ANYONE, null));
        return this;
    }

    /** One method on the pattern needs a valid token of any scope (a person's own account). */
    public ScopeRules anyToken(HttpMethod method, String pattern) {
        rules.add(new Rule(method, pattern, Access.ANY_TOKEN, null));
        return this;
    }

    /** GET and HEAD on the pattern are open to anyone: static pages only, never data. */
    public ScopeRules openRead(String pattern) {
        READS.forEach(method -> rules.add(new Rule(method, pattern, Access.ANYONE, null)));
        return this;
    }

    /** GET and HEAD on the pattern need the scope. */
    public ScopeRules read(String pattern, String scope) {
        READS.forEach(method -> on(method, pattern, scope));
        return this;
    }

    /** POST, PUT, PATCH and DELETE on the pattern need the scope. */
    public ScopeRules write(String pattern, String scope) {
        WRITES.forEach(method -> on(method, pattern, scope));
        return this;
    }

    void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (Rule rule : rules) {
            var matched = registry.requestMatchers(rule.method(), rule.pattern());
            switch (rule.access()) {
                case ANYONE -> matched.permitAll();
                case ANY_TOKEN -> matched.authenticated();
                case SCOPE -> matched.hasAuthority("SCOPE_" + rule.scope());
            }
        }
    }
}
