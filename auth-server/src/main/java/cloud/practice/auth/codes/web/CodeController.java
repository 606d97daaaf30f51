package cloud.practice.auth.codes.web;

import cloud.practice.auth.codes.CodePurpose;
import cloud.practice.auth.codes.OneTimeCodes;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.Ids;
import cloud.practice.support.privacy.RealName;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code POST /api/v1/people/codes} (anonymous): a one-time code by SMS for signing up in a district or logging in.
 * 202 either way; a login code for a number without an active account is answered alike and sent nowhere, so the
 * answer says nothing about who has an account. Too soon or too many: 429 with Retry-After.
 */
@RestController
@RequestMapping("/api/v1/people/codes")
public class CodeController {

    /** What is asked for. */
    public record CodeRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String district,
                              @NotBlank @Pattern(regexp = RealName.PHONE) String mobile,
                              @NotNull CodePurpose purpose) {
    }

    private final OneTimeCodes codes;
    private final Accounts accounts;
    private final OrgUnitDirectory districts;

    public CodeController(OneTimeCodes codes, Accounts accounts, OrgUnitDirectory districts) {
        this.codes = codes;
        this.accounts = accounts;
        this.districts = districts;
    }

    @PostMapping
    public ResponseEntity<OneTimeCodes.Issued> send(@Valid @RequestBody CodeRequest body, HttpServletRequest request) {
        String mobile = RealName.mobile(body.mobile());
        boolean deliver = true;
        if (body.purpose() == CodePurpose.SIGN_UP) {
            if (!districts.hasDistrict(body.district())) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-district",
                        "District '" + body.district() + "' does not exist", Map.of("field", "district"));
            }
        } else {
            deliver = accounts.byMobile(mobile).filter(account -> account.active()).isPresent();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(codes.issue(mobile, body.purpose(), request.getRemoteAddr(), deliver));
    }
}
