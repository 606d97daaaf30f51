package cloud.practice.auth.brake;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * Client secrets (client_secret_basic and client_secret_post, at the token endpoint and wherever a client
 * authenticates) behind the brake: while locked, {@code invalid_client} without checking the secret — the standard
 * answer, as for a wrong secret — with Retry-After ({@link ClientAuthenticationErrors}).
 */
public final class BrakedClientSecret implements AuthenticationProvider {

    private final AuthenticationProvider secrets;
    private final GuessingBrake brake;

    public BrakedClientSecret(AuthenticationProvider secrets, GuessingBrake brake) {
        this.secrets = secrets;
        this.brake = brake;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) attempt;
        ClientAuthenticationMethod method = client.getClientAuthenticationMethod();
        if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
                && !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
            return secrets.authenticate(attempt); // not a secret: the delegate declines it (null)
        }
        String account = String.valueOf(client.getPrincipal());
        String address = client.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Duration locked = brake.lockedFor(GuessingBrake.Kind.CLIENT, account, address);
        if (!locked.isZero()) {
            brake.refused(GuessingBrake.Kind.CLIENT, account, address, locked);
            throw new LockedOut(locked);
        }
        try {
            Authentication authenticated = secrets.authenticate(attempt);
            if (authenticated != null) {
                brake.succeeded(GuessingBrake.Kind.CLIENT, account);
            }
            return authenticated;
        } catch (OAuth2AuthenticationException refused) {
            if (OAuth2ErrorCodes.INVALID_CLIENT.equals(refused.getError().getErrorCode())) {
                brake.failed(GuessingBrake.Kind.CLIENT, account, address);
            }
            throw refused;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return secrets.supports(authentication);
    }

    /** invalid_client, like a wrong secret, carrying how long the lock lasts for the Retry-After header. */
    static final class LockedOut extends OAuth2AuthenticationException {
        private final Duration remaining;

        LockedOut(Duration remaining) {
            super(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", null));
            this.remaining = remaining;
        }

        long retryAfterSeconds() {
            return Math.max(1, remaining.toSeconds() + (remaining.toMillisPart() > 0 ? 1 : 0));
        }
    }
}
