package cloud.practice.auth.people.web;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.Passwords;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.auth.roles.Standing;
import cloud.practice.auth.roles.Standings;
import cloud.practice.auth.tree.ManagerGrants;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import jakarta.validation.Valid;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person's own account ({@code GET /api/v1/people/me}, any person's token) and password
 * ({@code POST /api/v1/people/me/password}). The role shown is the one the directory derives now, which the next
 * token will carry. Machine clients have no account here (404). A city's analyst sees their city and no district.
 */
@RestController
@RequestMapping("/api/v1/people/me")
public class MeController {

    /**
     * The person's account as they see it: personal data masked, no secrets. {@code district} is null and
     * {@code city} set for a city's analyst only.
     */
    public record Me(String accountId, String district, String kind, String status, String role, String unit,
                     boolean treeGrant, String volunteerId, List<ManagerGrants.Grant> grants, String loginName,
                     String mobile, String name, String idNumber, boolean hasPassword, boolean mustChangePassword,
                     String city) {
    }

    /** A new password (JSON field {@code new}); the current one is needed when the account has one. */
    public record PasswordChange(@Size(max = 200) String current,
                                 @JsonProperty("new") String newPassword) {
    }

    private final Accounts accounts;
    private final Standings standings;
    private final Passwords passwords;
    private final PersonalDataSeal seal;
    private final PeopleAudit audit;

    public MeController(Accounts accounts, Standings standings, Passwords passwords, PersonalDataSeal seal,
                        PeopleAudit audit) {
        this.accounts = accounts;
        this.standings = standings;
        this.passwords = passwords;
        this.seal = seal;
        this.audit = audit;
    }

    @GetMapping
    public Me me(Caller caller) {
        Account account = own(caller);
        Standing standing = standings.of(account).orElse(null);
        return new Me(account.accountId(), account.districtId(), account.kind().name(), account.status().name(),
                standing == null ? null : standing.role().name(), standing == null ? null : standing.unitId(),
                standing != null && standing.treeGrant(), standing == null ? null : standing.volunteerId(),
                standings.grantsOf(account), account.loginName(), Masking.phone(account.mobile()),
                seal.open(account.sealedName()).map(Masking::name).orElse(null),
                seal.open(account.sealedIdNumber()).map(Masking::idNumber).orElse(null),
                account.passwordHash() != null, account.mustChangePassword(), account.cityId());
    }

    @PostMapping("/password")
    public ResponseEntity<Void> changePassword(Caller caller, @Valid @RequestBody PasswordChange body) {
        Account account = own(caller);
        if (account.passwordHash() != null && !passwords.matches(body.current(), account.passwordHash())) {
            throw ApiException.badRequest("current", "current is not the account's password");
        }
        accounts.setPassword(account.accountId(), passwords.hashChosen("new", body.newPassword()), false);
        audit.record(account.accountId(), "password-set", account);
        return ResponseEntity.noContent().build();
    }

    private Account own(Caller caller) {
        if (caller.isSystem()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "A machine client has no account",
                    Map.of("resource", "account"));
        }
        // The token's district (or city, for a city's analyst) must still be the account's.
        return accounts.byId(caller.userId())
                .filter(account -> Objects.equals(account.districtId(), caller.districtId())
                        && Objects.equals(account.cityId(), caller.cityId()))
                .filter(Account::active)
                .orElseThrow(() -> ApiException.notFound("account", caller.userId()));
    }
}
