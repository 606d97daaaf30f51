package cloud.practice.auth.people.web;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.Ids;
import cloud.practice.auth.people.Passwords;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.auth.people.web.StaffController.PasswordReset;
import cloud.practice.auth.people.web.StaffController.StaffCreated;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.ApiFormats;
import cloud.practice.support.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
 * Cities' analysts (issue 25), for the platform's operators only ({@link AdminRights#requirePlatform}: a
 * platform-wide machine client with scope {@code people:admin}; a district's admins and clients are refused, since
 * such an account belongs to no district). A city's analyst reads the reports of the city's districts and nothing
 * else: a STAFF account of no district with the role CITY_ANALYST and the city's id. Create one (a generated password
 * shown once, to be changed), list a city's, reset a password (a new one shown once), disable one (its next login and
 * refresh fail). Each change is audited in the city. Which districts a city groups is reporting-service's setting
 * ({@code practice.reporting.cities}); the directory only keeps the id.
 */
@RestController
@Validated
public class CityAnalystController {

    /** A new city's analyst; {@code cityId} is shaped like a district's id. */
    public record NewCityAnalyst(@NotBlank @Pattern(regexp = Ids.PATTERN) String loginName,
                                 @NotBlank @Size(max = 50) String displayName,
                                 @NotBlank @Pattern(regexp = ApiFormats.DISTRICT) String cityId) {
    }

    /** A city's analyst in the city's list (no mobile: they have none). */
    public record CityAnalystSummary(String accountId, String loginName, String cityId, String status,
                                     boolean mustChangePassword, Instant createdAt) {
    }

    private final Accounts accounts;
    private final Passwords passwords;
    private final PersonalDataSeal seal;
    private final PeopleAudit audit;
    private final Clock clock;

    public CityAnalystController(Accounts accounts, Passwords passwords, PersonalDataSeal seal, PeopleAudit audit,
                                 Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.seal = seal;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/api/v1/people/city-analysts")
    @Operation(summary = "Creates a city's analyst (platform-wide machine clients with people:admin only): an account "
            + "of no district that reads the reports of the city's districts. The first password is in the answer, "
            + "shown this once, and is to be changed.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created; the first password shown once"),
                    @ApiResponse(responseCode = "400", description = "A field missing or malformed (field named); "
                            + "nothing stored"),
                    @ApiResponse(responseCode = "403", description = "No people:admin (insufficient-scope), or not "
                            + "a platform-wide machine client (not-people-admin)"),
                    @ApiResponse(responseCode = "409", description = "The login name is taken (login-name-taken); "
                            + "nothing stored")})
    public ResponseEntity<StaffCreated> createCityAnalyst(Caller caller, @Valid @RequestBody NewCityAnalyst body) {
        AdminRights.requirePlatform(caller);
        if (body.displayName().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("displayName", "displayName must be a name");
        }
        String password = passwords.generate();
        Account analyst = Account.newCityAnalyst("acc-" + UUID.randomUUID(), body.cityId(), body.loginName(),
                passwords.hash(password), seal.seal(body.displayName().strip()), true, clock.instant());
        try {
            accounts.create(analyst);
        } catch (Accounts.NameTaken taken) {
            throw new ApiException(HttpStatus.CONFLICT, "login-name-taken",
                    "Login name '" + body.loginName() + "' is taken", Map.of("field", "loginName"));
        }
        audit.record(caller.userId(), "city-analyst-created", analyst);
        return ResponseEntity.created(URI.create("/api/v1/people/accounts/" + analyst.accountId()))
                .body(new StaffCreated(analyst.accountId(), analyst.loginName(), password));
    }

    @GetMapping("/api/v1/people/city-analysts")
    @Operation(summary = "A page of the city's analysts, oldest first (platform-wide machine clients with "
            + "people:admin only)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The page"),
                    @ApiResponse(responseCode = "400", description = "city, page or size out of bounds (field "
                            + "named)"),
                    @ApiResponse(responseCode = "403", description = "No people:admin (insufficient-scope), or not "
                            + "a platform-wide machine client (not-people-admin)")})
    public Page<CityAnalystSummary> cityAnalysts(Caller caller,
                                                 @Parameter(description = "the city's id")
                                                 @RequestParam @Pattern(regexp = ApiFormats.DISTRICT) String city,
                                                 @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                                 @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE)
                                                 int size) {
        AdminRights.requirePlatform(caller);
        return new Page<>(accounts.cityAnalysts(city, page, size).stream().map(CityAnalystController::summary)
                .toList(), page, size, accounts.countCityAnalysts(city));
    }

    @PostMapping("/api/v1/people/city-analysts/{accountId}/reset")
    @Operation(summary = "Gives a city's analyst a new password, shown this once and to be changed (platform-wide "
            + "machine clients with people:admin only)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The new password"),
                    @ApiResponse(responseCode = "403", description = "No people:admin (insufficient-scope), or not "
                            + "a platform-wide machine client (not-people-admin)"),
                    @ApiResponse(responseCode = "404", description = "No city's analyst has this id")})
    public PasswordReset resetCityAnalyst(Caller caller,
                                          @PathVariable @Pattern(regexp = Ids.PATTERN) String accountId) {
        Account analyst = cityAnalyst(caller, accountId);
        String password = passwords.generate();
        accounts.setPassword(analyst.accountId(), passwords.hash(password), true);
        audit.record(caller.userId(), "password-reset", analyst);
        return new PasswordReset(analyst.accountId(), password);
    }

    @PostMapping("/api/v1/people/city-analysts/{accountId}/disable")
    @Operation(summary = "Disables a city's analyst: their next login and token refresh fail (platform-wide machine "
            + "clients with people:admin only)",
            responses = {
                    @ApiResponse(responseCode = "204", description = "Disabled (or already not active)"),
                    @ApiResponse(responseCode = "403", description = "No people:admin (insufficient-scope), or not "
                            + "a platform-wide machine client (not-people-admin)"),
                    @ApiResponse(responseCode = "404", description = "No city's analyst has this id")})
    public ResponseEntity<Void> disableCityAnalyst(Caller caller,
                                                   @PathVariable @Pattern(regexp = Ids.PATTERN) String accountId) {
        Account analyst = cityAnalyst(caller, accountId);
        if (analyst.status() == AccountStatus.ACTIVE) {
            accounts.setStatus(analyst.accountId(), AccountStatus.DISABLED);
            audit.record(caller.userId(), "city-analyst-disabled", analyst);
        }
        return ResponseEntity.noContent().build();
    }

    private static CityAnalystSummary summary(Account account) {
        return new CityAnalystSummary(account.accountId(), account.loginName(), account.cityId(),
                account.status().name(), account.mustChangePassword(), account.createdAt());
    }

    /** A city's analyst's account; any other account (a district's, none) answers as missing. */
    private Account cityAnalyst(Caller caller, String accountId) {
        AdminRights.requirePlatform(caller);
        return accounts.cityAnalyst(accountId).orElseThrow(() -> ApiException.notFound("city analyst", accountId));
    }
}
