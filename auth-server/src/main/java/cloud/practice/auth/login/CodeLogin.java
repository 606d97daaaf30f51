package cloud.practice.auth.login;

import cloud.practice.auth.codes.CodePurpose;
import cloud.practice.auth.codes.OneTimeCodes;
import cloud.practice.auth.people.Accounts;
import cloud.practice.support.privacy.RealName;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Login with a one-time code at {@code POST /login/code} (form fields {@code mobile}, {@code code}, {@code _csrf}):
 * the filter, its token and the provider that checks the code. The provider runs behind the guessing brake like the
 * password check (the account counted is the number typed), and a refusal looks exactly like a wrong password's
 * ({@code /login?error}). A right code of a number without an active account is refused the same way.
 */
public final class CodeLogin {

    private CodeLogin() {
    }

    /** What the person typed: the number and the code. */
    public static final class Attempt extends AbstractAuthenticationToken {
        private final String mobile;
        private final String code;

        Attempt(String mobile, String code) {
            super(AuthorityUtils.NO_AUTHORITIES);
            this.mobile = mobile;
            this.code = code;
        }

        @Override
        public Object getCredentials() {
            return code;
        }

        @Override
        public Object getPrincipal() {
            return mobile;
        }

        @Override
        public String getName() {
            return mobile;
        }
    }

    /** Checks the code (purpose LOGIN) and finds the number's active account. */
    public static final class Provider implements AuthenticationProvider {
        private final OneTimeCodes codes;
        private final Accounts accounts;
        private final AccountLogins logins;

        public Provider(OneTimeCodes codes, Accounts accounts, AccountLogins logins) {
            this.codes = codes;
            this.accounts = accounts;
            this.logins = logins;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            Attempt attempt = (Attempt) authentication;
            String mobile = attempt.mobile == null ? "" : attempt.mobile.strip();
            if (!mobile.matches(RealName.PHONE) || attempt.code == null
                    || !codes.verify(RealName.mobile(mobile), CodePurpose.LOGIN, attempt.code.strip())) {
                throw new BadCredentialsException("Bad credentials");
            }
            return accounts.byMobile(mobile).filter(account -> account.active())
                    .map(account -> UsernamePasswordAuthenticationToken.authenticated(logins.user(account), null,
                            AuthorityUtils.NO_AUTHORITIES))
                    .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Attempt.class.isAssignableFrom(authentication);
        }
    }

    /** The filter at POST /login/code; success returns to the authorization request that sent the person here. */
    public static AbstractAuthenticationProcessingFilter filter(AuthenticationManager manager) {
        AbstractAuthenticationProcessingFilter filter = new AbstractAuthenticationProcessingFilter(
                new AntPathRequestMatcher("/login/code", HttpMethod.POST.name())) {
            @Override
            public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
                Attempt attempt = new Attempt(request.getParameter("mobile"), request.getParameter("code"));
                attempt.setDetails(authenticationDetailsSource.buildDetails(request));
                return getAuthenticationManager().authenticate(attempt);
            }
        };
        filter.setAuthenticationManager(manager);
        filter.setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error"));
        filter.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
        filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        return filter;
    }
}
