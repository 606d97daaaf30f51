package cloud.practice.auth.login;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.Accounts;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.UUID;

/**
 * Password login: the name typed is a login name or a mobile number; the authenticated principal is the account id
 * (the tokens' subject). An account without a password (residents who use codes) gets a hash of a random secret
 * nobody knows; disabled and closed accounts are refused.
 */
public final class AccountLogins implements UserDetailsService {

    private final Accounts accounts;
    private final String unusable;

    public AccountLogins(Accounts accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.unusable = passwords.encode(UUID.randomUUID().toString());
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        return accounts.byLoginOrMobile(name).map(this::user)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    UserDetails user(Account account) {
        return User.withUsername(account.accountId())
                .password(account.passwordHash() == null ? unusable : account.passwordHash())
                .disabled(!account.active())
                .authorities(AuthorityUtils.NO_AUTHORITIES)
                .build();
    }
}
