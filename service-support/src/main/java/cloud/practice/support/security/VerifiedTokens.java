package cloud.practice.support.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JwtDecoder} that verifies each token's text once: a client sends the same token for minutes, and every
 * verification parses it, decodes its Base64 in constant time and checks an RSA signature — about a quarter of a
 * service's CPU on a request that does nothing else (docs/benchmarks.md, issue 24). The same bytes carry the same
 * signature, issuer and audience, so a token already verified is answered from here, after the checks that depend on
 * time (expiry and not-before, with the same skew as {@code JwtTimestampValidator}). What a token grants is still
 * decided on every request from its claims ({@link JwtCallers}, {@link WithdrawnGrants}). The gateway keeps its own
 * cache of the same kind in front of its reactive decoder.
 */
public final class VerifiedTokens implements JwtDecoder {

    /** Distinct live tokens kept; when full the cache starts again (each token then verified once more). */
    static final int LIMIT = 20_000;

    private final JwtDecoder verifier;
    private final Duration clockSkew;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder verifier, Duration clockSkew, Clock clock) {
        this.verifier = verifier;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            if (inForce(known)) {
                return known;
            }
            verified.remove(token); // expired: the verifier says so, in its own words
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= LIMIT) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    private boolean inForce(Jwt jwt) {
        Instant now = clock.instant();
        return (jwt.getExpiresAt() == null || !now.isAfter(jwt.getExpiresAt().plus(clockSkew)))
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore().minus(clockSkew)));
    }

    int size() {
        return verified.size();
    }
}
