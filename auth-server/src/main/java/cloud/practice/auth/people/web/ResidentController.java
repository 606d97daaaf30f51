package cloud.practice.auth.people.web;

import cloud.practice.auth.codes.CodePurpose;
import cloud.practice.auth.codes.OneTimeCodes;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.Ids;
import cloud.practice.auth.people.Passwords;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.support.privacy.RealName;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/people/residents} (anonymous): a resident signs themselves up with a mobile number and the
 * SIGN_UP code sent to it. The input is checked first (nothing is used up by a malformed request), then the code
 * (a wrong one counts an attempt: 400 {@code code-invalid}), then the number (409 {@code mobile-taken}: one account
 * per number across the platform). Optional: a password (≥ the configured length), the real name (≤ 50 characters)
 * and the ID number (GB 11643, checked like the volunteer registry's, against {@code birthDate} when given), both
 * sealed before they are stored.
 */
@RestController
@RequestMapping("/api/v1/people/residents")
public class ResidentController {

    /** The sign-up form. */
    public record SignUp(@NotBlank @Pattern(regexp = Ids.PATTERN) String district,
                         @NotBlank @Pattern(regexp = RealName.PHONE) String mobile,
                         @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the six digits of the code")
                         String code,
                         String password,
                         @Size(min = 1, max = 50) String name,
                         String idNumber,
                         LocalDate birthDate) {
    }

    /** The new account. */
    public record SignedUp(String accountId, String district) {
    }

    private final Accounts accounts;
    private final OneTimeCodes codes;
    private final OrgUnitDirectory districts;
    private final Passwords passwords;
    private final PersonalDataSeal seal;
    private final PeopleAudit audit;
    private final Clock clock;

    public ResidentController(Accounts accounts, OneTimeCodes codes, OrgUnitDirectory districts, Passwords passwords,
                              PersonalDataSeal seal, PeopleAudit audit, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.districts = districts;
        this.passwords = passwords;
        this.seal = seal;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<SignedUp> signUp(@Valid @RequestBody SignUp body) {
        String passwordHash = body.password() == null ? null : passwords.hashChosen("password", body.password());
        String name = body.name() == null ? null : body.name().strip();
        if (name != null && (name.isEmpty() || name.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest("name", "name must be a name");
        }
        String idNumber = body.idNumber() == null ? null
                : RealName.checkIdNumber("idNumber", body.idNumber(), body.birthDate());
        if (!districts.hasDistrict(body.district())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-district",
                    "District '" + body.district() + "' does not exist", Map.of("field", "district"));
        }
        String mobile = RealName.mobile(body.mobile());
        if (!codes.verify(mobile, CodePurpose.SIGN_UP, body.code())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "code-invalid",
                    "The code is wrong, expired or used up; ask for a new one", Map.of("field", "code"));
        }
        String accountId = "acc-" + UUID.randomUUID();
        try {
            accounts.create(new Account(accountId, body.district(), AccountKind.RESIDENT, AccountStatus.ACTIVE, null,
                    mobile, passwordHash, null, null, seal.seal(name), seal.seal(idNumber), false, clock.instant()));
        } catch (Accounts.NameTaken taken) {
            throw new ApiException(HttpStatus.CONFLICT, "mobile-taken",
                    "This mobile number already has an account; log in instead", Map.of("field", "mobile"));
        }
        audit.record("self", "sign-up", body.district(), accountId);
        if (passwordHash != null) {
            audit.record("self", "password-set", body.district(), accountId);
        }
        return ResponseEntity.created(URI.create("/api/v1/people/me")).body(new SignedUp(accountId, body.district()));
    }
}
