package cloud.practice.auth.people.web;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.Ids;
import cloud.practice.auth.people.Passwords;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.auth.roles.Standing;
import cloud.practice.auth.roles.Standings;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Staff administration and the district's lists, for the district's admins and machine clients ({@link AdminRights};
 * scope {@code people:admin}): create a staff account (a generated password shown once, to be changed), reset its
 * password (a new one shown once), disable it (its next refresh and login fail), list the district's accounts
 * (mobiles masked) and the audit trail. Staff roles: DISTRICT_ADMIN, SUBCENTER_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN,
 * GRID_WORKER, ANALYST, each with a unit of the district.
 */
@RestController
public class StaffController {

    /** The roles an admin may give a staff account. */
    public enum StaffRole {
        DISTRICT_ADMIN, SUBCENTER_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN, GRID_WORKER, ANALYST
    }

    /** A new staff account. */
    public record NewStaff(@NotBlank @Pattern(regexp = Ids.PATTERN) String loginName,
                           @NotBlank @Size(max = 50) String displayName,
                           @NotNull StaffRole role,
                           @NotBlank @Pattern(regexp = Ids.PATTERN) String unitId) {
    }

    /** The account and its first password, shown this once. */
    public record StaffCreated(String accountId, String loginName, String initialPassword) {
    }

    /** A new password, shown this once. */
    public record PasswordReset(String accountId, String password) {
    }

    /** An account in the district's list. */
    public record AccountSummary(String accountId, String kind, String status, String loginName, String mobile,
                                 String role, String unit, String volunteerId, Instant createdAt) {
    }

    private final Accounts accounts;
    private final Standings standings;
    private final OrgUnitDirectory units;
    private final Passwords passwords;
    private final PersonalDataSeal seal;
    private final PeopleAudit audit;
    private final Clock clock;

    public StaffController(Accounts accounts, Standings standings, OrgUnitDirectory units, Passwords passwords,
                           PersonalDataSeal seal, PeopleAudit audit, Clock clock) {
        this.accounts = accounts;
        this.standings = standings;
        this.units = units;
        this.passwords = passwords;
        this.seal = seal;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/api/v1/people/staff")
    public ResponseEntity<StaffCreated> create(Caller caller, @RequestParam String district,
                                               @Valid @RequestBody NewStaff body) {
        AdminRights.require(caller, district);
        if (body.displayName().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("displayName", "displayName must be a name");
        }
        if (units.unit(district, body.unitId()).filter(OrgUnitDirectory.Unit::active).isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit",
                    "Unit '" + body.unitId() + "' is not an open unit of " + district, Map.of("field", "unitId"));
        }
        String password = passwords.generate();
        String accountId = "acc-" + UUID.randomUUID();
        try {
            accounts.create(new Account(accountId, district, AccountKind.STAFF, AccountStatus.ACTIVE,
                    body.loginName(), null, passwords.hash(password), Role.valueOf(body.role().name()),
                    body.unitId(), seal.seal(body.displayName().strip()), null, true, clock.instant()));
        } catch (Accounts.NameTaken taken) {
            throw new ApiException(HttpStatus.CONFLICT, "login-name-taken",
                    "Login name '" + body.loginName() + "' is taken", Map.of("field", "loginName"));
        }
        audit.record(caller.userId(), "staff-created", district, accountId);
        return ResponseEntity.created(URI.create("/api/v1/people/accounts/" + accountId))
                .body(new StaffCreated(accountId, body.loginName(), password));
    }

    @PostMapping("/api/v1/people/staff/{accountId}/reset")
    public PasswordReset reset(Caller caller, @RequestParam String district, @PathVariable String accountId) {
        Account account = staff(caller, district, accountId);
        String password = passwords.generate();
        accounts.setPassword(account.accountId(), passwords.hash(password), true);
        audit.record(caller.userId(), "password-reset", district, account.accountId());
        return new PasswordReset(account.accountId(), password);
    }

    @PostMapping("/api/v1/people/staff/{accountId}/disable")
    public ResponseEntity<Void> disable(Caller caller, @RequestParam String district, @PathVariable String accountId) {
        Account account = staff(caller, district, accountId);
        if (account.status() == AccountStatus.ACTIVE) {
            accounts.setStatus(account.accountId(), AccountStatus.DISABLED);
            audit.record(caller.userId(), "staff-disabled", district, account.accountId());
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/people/accounts")
    public Page<AccountSummary> accounts(Caller caller, @RequestParam String district,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        AdminRights.require(caller, district);
        AdminRights.checkPage(page, size);
        return new Page<>(accounts.page(district, page, size).stream().map(this::summary).toList(), page, size,
                accounts.count(district));
    }

    @GetMapping("/api/v1/people/audit")
    public Page<PeopleAudit.Entry> audit(Caller caller, @RequestParam String district,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        AdminRights.require(caller, district);
        AdminRights.checkPage(page, size);
        return new Page<>(audit.page(district, page, size), page, size, audit.count(district));
    }

    private AccountSummary summary(Account account) {
        Standing standing = standings.of(account).orElse(null);
        return new AccountSummary(account.accountId(), account.kind().name(), account.status().name(),
                account.loginName(), Masking.phone(account.mobile()),
                standing == null ? null : standing.role().name(), standing == null ? null : standing.unitId(),
                standing == null ? null : standing.volunteerId(), account.createdAt());
    }

    /** A staff account of the district; anything else (another district's, a resident's, none) answers as missing. */
    private Account staff(Caller caller, String district, String accountId) {
        AdminRights.require(caller, district);
        return accounts.inDistrict(district, accountId).filter(account -> account.kind() == AccountKind.STAFF)
                .orElseThrow(() -> ApiException.notFound("staff account", accountId));
    }
}
