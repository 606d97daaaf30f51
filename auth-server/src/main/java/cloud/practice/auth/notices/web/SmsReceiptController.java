package cloud.practice.auth.notices.web;

import cloud.practice.auth.notices.NoticeReceipts;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/people/sms/receipts?district=&after=&limit=} (scope {@code people:notify}; machine clients
 * only): what became of the notices the calling client sent by SMS — {@code delivered} or {@code undelivered} with
 * the provider's reason — for the notification service's delivery log (issue 26). Only the caller's own references,
 * only the district asked for; a client bound to a district only its own (another district answers 404, like a
 * missing one, as the notices themselves do). A person's token is refused whatever its scopes (403
 * {@code forbidden}). Paged by an opaque cursor; receipts appear once they are a few seconds old
 * ({@link NoticeReceipts#SETTLE}), so that nothing is ever listed before a receipt the cursor already passed.
 */
@RestController
public class SmsReceiptController {

    private final NoticeReceipts receipts;

    public SmsReceiptController(NoticeReceipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/api/v1/people/sms/receipts")
    @Operation(summary = "What became of the caller's notices by SMS (machine clients with people:notify; a "
            + "person's token 403 forbidden): delivered or undelivered (reason: the provider's code and message), "
            + "in the order they were recorded, after the cursor `after` (absent: from the beginning of the 7 days "
            + "kept). `next` is always there: the cursor after the last receipt listed, or `after` itself when "
            + "nothing is new — ask with it again. A receipt is listed once it is 5 s old. Only the caller's own "
            + "references in `district`; a client bound to another district 404.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The receipts after the cursor, oldest first"),
                    @ApiResponse(responseCode = "400", description = "`after` is not a cursor of this feed, or "
                            + "`limit` not 1-1000 (field named)"),
                    @ApiResponse(responseCode = "403", description = "No people:notify (insufficient-scope), or "
                            + "a person's token (forbidden)"),
                    @ApiResponse(responseCode = "404", description = "A district the client is not bound to")})
    public NoticeReceipts.ReceiptPage receipts(Caller caller, District district,
                                               @Parameter(description = "the `next` of the previous answer; "
                                                       + "absent = from the beginning")
                                               @RequestParam(required = false) String after,
                                               @Parameter(description = "at most this many receipts, 1-1000")
                                               @RequestParam(defaultValue = "" + NoticeReceipts.DEFAULT_LIMIT)
                                               int limit) {
        if (!caller.isSystem()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "Only a machine client reads its notices' receipts; a person's token never does");
        }
        if (caller.districtId() != null && !caller.districtId().equals(district.id())) {
            throw ApiException.notFound("district", district.id());
        }
        return receipts.after(caller.userId(), district.id(), after, limit);
    }
}
