package cloud.practice.auth.brake;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.SpringSecurityMessageSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * The login form's password check behind the brake. While the account or the address is locked the password is
 * not checked at all and the answer is exactly a wrong password's (the same exception and message, so the same
 * redirect to {@code /login?error}): a guesser learns nothing, not even that the lock is on.
 */
public final class BrakedLogin implements AuthenticationProvider {

    private static final MessageSourceAccessor MESSAGES = SpringSecurityMessageSource.getAccessor();
    private final AuthenticationProvider passwords;
    private final GuessingBrake brake;

    public BrakedLogin(AuthenticationProvider passwords, GuessingBrake brake) {
        this.passwords = passwords;
        this.brake = brake;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String account = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Duration locked = brake.lockedFor(GuessingBrake.Kind.LOGIN, account, address);
        if (!locked.isZero()) {
            brake.refused(GuessingBrake.Kind.LOGIN, account, address, locked);
            throw new BadCredentialsException(MESSAGES.getMessage(
                    "AbstractUserDetailsAuthenticationProvider.badCredentials", "Bad credentials"));
        }
        try {
            Authentication authenticated = passwords.authenticate(attempt);
            brake.succeeded(GuessingBrake.Kind.LOGIN, account);
            return authenticated;
        } catch (AuthenticationException refused) {
            brake.failed(GuessingBrake.Kind.LOGIN, account, address);
            throw refused;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
