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

    /** {@code scope} null: open to anyone (static pages whose data calls need a token themselves). */
    private record Rule(HttpMethod method, String pattern, String scope) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public static ScopeRules of() {
        return new ScopeRules();
    }

    /** One method on the pattern needs the scope (e.g. a POST that only queries). Earlier rules win. */
    public ScopeRules on(HttpMethod method, String pattern, String scope) {
        rules.add(new Rule(method, pattern, scope));
        return this;
    }

    /** GET and HEAD on the pattern are open to anyone: static pages only, never data. */
    public ScopeRules openRead(String pattern) {
        READS.forEach(method -> rules.add(new Rule(method, pattern, null)));
        return this;
    }

    /** GET and HEAD on the pattern need the scope. */
    public ScopeRules read(String pattern, String scope) {
        READS.forEach(method -> rules.add(new Rule(method, pattern, scope)));
        return this;
    }

    /** POST, PUT, PATCH and DELETE on the pattern need the scope. */
    public ScopeRules write(String pattern, String scope) {
        WRITES.forEach(method -> rules.add(new Rule(method, pattern, scope)));
        return this;
    }

    void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (Rule rule : rules) {
            if (rule.scope() == null) {
                registry.requestMatchers(rule.method(), rule.pattern()).permitAll();
            } else {
                registry.requestMatchers(rule.method(), rule.pattern()).hasAuthority("SCOPE_" + rule.scope());
            }
        }
    }
}
