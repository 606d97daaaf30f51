package cloud.practice.auth.notices.web;

import cloud.practice.auth.notices.NoticeSms;
import cloud.practice.auth.people.Ids;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/people/accounts/{accountId}/sms} (scope {@code people:notify}; machine clients only): the
 * notification service's notice to an account's own number, which never leaves the issuer (ADR 0023). A person's
 * token is refused whatever its scopes (403 {@code forbidden}); a client bound to a district sends only to its
 * district's accounts. Idempotent by {@code reference}; see {@link NoticeSms} for the answers.
 */
@RestController
public class NoticeSmsController {

    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9:._|-]{1,120}");
    static final Pattern KIND = Pattern.compile("[a-z-]{1,40}");
    static final int MAX_TEXT = 300;

    /**
     * A notice to send (the account's district is the call's {@code district} parameter).
     *
     * @param reference  the caller's delivery id: 1–120 of {@code A-Z a-z 0-9 : . _ | -}; a repeat sends nothing
     * @param kind       the notice's kind ({@code order-offered}, …): 1–40 of {@code a-z -}
     * @param text       what the person reads: 1–300 characters once trimmed, no control characters
     */
    public record NoticeRequest(String reference, String kind, String text) {

        /** The notice with its text trimmed; 400 naming the first field that is wrong. */
        NoticeSms.Notice checked(String districtId) {
            if (reference == null || !REFERENCE.matcher(reference).matches()) {
                throw ApiException.badRequest("reference",
                        "reference must be 1-120 characters of A-Z a-z 0-9 : . _ | -");
            }
            if (kind == null || !KIND.matcher(kind).matches()) {
                throw ApiException.badRequest("kind", "kind must be 1-40 characters of a-z and -");
            }
            String trimmed = text == null ? "" : text.strip();
            if (trimmed.isEmpty()) {
                throw ApiException.badRequest("text", "text must not be empty");
            }
            if (trimmed.codePointCount(0, trimmed.length()) > MAX_TEXT) {
                throw ApiException.badRequest("text", "text must be at most " + MAX_TEXT + " characters");
            }
            if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("text", "text must not hold control characters (line breaks, tabs…)");
            }
            return new NoticeSms.Notice(districtId, reference, kind, trimmed);
        }
    }

    private final NoticeSms notices;

    public NoticeSmsController(NoticeSms notices) {
        this.notices = notices;
    }

    /** 200 with the send (the first one's, for a repeat of its reference). */
    @PostMapping("/api/v1/people/accounts/{accountId}/sms")
    public NoticeSms.NoticeSent send(Caller caller, District district, @PathVariable String accountId,
                                     @RequestBody NoticeRequest body) {
        if (!caller.isSystem()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "Only a machine client sends notices; a person's token never does");
        }
        if (!Ids.valid(accountId)) {
            throw ApiException.badRequest("accountId", "accountId must be an account id");
        }
        return notices.send(caller.userId(), caller.districtId(), accountId, body.checked(district.id()));
    }
}
