package cloud.practice.auth.notices.web;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.notices.NoticeReceipts;
import cloud.practice.auth.notices.NoticeSupport;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.BoundedBodies;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/people/sms/reports?token=}: Alibaba Cloud SMS's delivery reports (短信发送状态报告, SmsReport),
 * pushed in batches — the "HTTP 批量推送" receipt mode of the SMS console, with this URL as its address.
 *
 * <p><b>Alibaba's contract</b> (https://help.aliyun.com/zh/sms/developer-reference/smsreport-2, the same as
 * https://help.aliyun.com/document_detail/101867.html): a POST of {@code application/json}, UTF-8, whose body is a
 * JSON array — one request may carry several reports, of single and group sends alike — of objects
 * <pre>{"phone_number": "1381111****", "send_time": "2017-01-01 00:00:00", "report_time": "2017-01-01 00:00:00",
 *  "success": true, "err_code": "DELIVERED", "err_msg": "用户接收成功", "sms_size": "1", "biz_id": "12345…",
 *  "out_id": "67890…"}</pre>
 * ({@code success} a boolean, every other field a string; {@code biz_id} SendSms's BizId, {@code out_id} the OutId
 * given to SendSms; times without a zone, Beijing time). The receiver answers HTTP 200 with
 * {@code {"code": 0, "msg": "接收成功"}} — Alibaba checks only that {@code code} is a number. Any other status, or
 * no answer in time, is pushed again after 1, 5 and 10 minutes, then given up; the documentation asks for a 5xx when
 * the receiver cannot take the batch (here: the store is away), and a batch pushed again changes nothing.
 *
 * <p><b>Who may post</b>: the gateway lets it through without a token (Alibaba has none of ours), so the URL carries a
 * shared secret, {@code PRACTICE_AUTH_SMS_REPORT_TOKEN} ({@code practice.auth.sms.report-token}), compared in constant
 * time. Not configured: 404, as if there were no such endpoint. Missing or wrong: 401 {@code unauthenticated} — the
 * endpoint exists but the caller is not the provider (and the operator sees at once that the URL in the console is
 * wrong); nothing is read or recorded either way — the token is checked before the body is touched, so an anonymous
 * caller cannot make the issuer read up to the shared request limit. The token is never logged; the gateway's access
 * log should not keep query strings of this path.
 *
 * <p><b>Strict body</b>: over {@value #MAX_BODY} bytes (1000 reports are about 300 KB; refused by its Content-Length,
 * or once one byte more has been read), not JSON, not an array, more than {@value #MAX_REPORTS} reports, a report that
 * is not an object, without {@code out_id}, without a boolean {@code success} or a readable {@code report_time} — 400
 * problem, nothing recorded (Alibaba pushes the batch again, and it fails again: a format change shows in the log and
 * metrics rather than as silently lost receipts). An empty or null {@code out_id} is a message sent without one — a
 * one-time code — and is skipped; an {@code out_id} no notice has is counted ({@code outcome=unmatched}) and skipped.
 * Phone numbers are never logged unmasked.
 */
@RestController
public class SmsReportController {

    static final int MAX_REPORTS = 1000;
    /** The body's own cap, well under the shared request limit: {@value #MAX_REPORTS} reports are about 300 KB. */
    static final int MAX_BODY = 512 * 1024;
    /** Alibaba's times carry no zone: they are Beijing time. */
    static final ZoneId PROVIDER_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter PROVIDER_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final Logger log = LoggerFactory.getLogger(SmsReportController.class);

    /** The answer Alibaba expects: {@code {"code":0,"msg":"接收成功"}}. */
    public record Received(@Schema(example = "0") int code, @Schema(example = "接收成功") String msg) {

        static final Received OK = new Received(0, "接收成功");
    }

    /** One report as Alibaba pushes it (documentation only; the body is read and checked by hand). */
    @Schema(name = "AliyunSmsReport")
    public record AliyunSmsReport(@JsonProperty("phone_number") String phoneNumber,
                                  @JsonProperty("send_time") @Schema(example = "2026-12-07 10:00:00") String sendTime,
                                  @JsonProperty("report_time") @Schema(example = "2026-12-07 10:00:03",
                                          description = "Beijing time when without a zone") String reportTime,
                                  @JsonProperty("success") boolean success,
                                  @JsonProperty("err_code") @Schema(example = "DELIVERED") String errCode,
                                  @JsonProperty("err_msg") @Schema(example = "用户接收成功") String errMsg,
                                  @JsonProperty("sms_size") String smsSize,
                                  @JsonProperty("biz_id") String bizId,
                                  @JsonProperty("out_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                          description = "the notice's OutId; empty for a message sent without one")
                                  String outId) {
    }

    private enum Result { RECORDED, REPEATED, UNMATCHED, NOT_A_NOTICE }

    /** A report read from the batch; {@code outId} null for a message sent without one. */
    private record Read(NoticeReceipts.Report report, String phone) {
    }

    private final NoticeReceipts receipts;
    private final byte[] tokenHash;
    private final MeterRegistry meters;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public SmsReportController(NoticeReceipts receipts, AuthSettings settings, MeterRegistry meters) {
        this.receipts = receipts;
        String token = settings.sms().reportToken();
        // Hashed so that both sides of the comparison have one length whatever was sent: its time says nothing.
        this.tokenHash = token.isEmpty() ? null : NoticeSupport.sha256(token);
        this.meters = meters;
    }

    @PostMapping(path = "/api/v1/people/sms/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "The SMS provider's delivery reports (Alibaba Cloud SMS's HTTP batch push of SmsReport): "
            + "no bearer token; the shared secret PRACTICE_AUTH_SMS_REPORT_TOKEN as the token parameter (404 when the "
            + "issuer has none configured, 401 when missing or wrong). A JSON array of at most 1000 reports; each "
            + "notice's first report records delivered or undelivered, a repeat changes nothing, reports of other "
            + "messages are skipped. Answers Alibaba's {\"code\":0,\"msg\":\"接收成功\"}.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = AliyunSmsReport.class),
                                    maxItems = MAX_REPORTS))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Received (recorded, repeated or skipped)"),
                    @ApiResponse(responseCode = "400", description = "Not a batch of reports, or over 512 KB "
                            + "(field named); nothing recorded"),
                    @ApiResponse(responseCode = "401", description = "The token is missing or wrong"),
                    @ApiResponse(responseCode = "404", description = "No report token is configured"),
                    @ApiResponse(responseCode = "503", description = "The store is away; pushed again later")})
    public Received reports(@RequestParam(required = false) String token, HttpServletRequest request)
            throws IOException {
        // The request, not a @RequestBody: Spring would read the body before the token below is looked at.
        if (tokenHash == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "No such resource");
        }
        if (token == null || !MessageDigest.isEqual(tokenHash, NoticeSupport.sha256(token))) {
            meters.counter("practice.auth.notice.sms.reports", "outcome", "refused").increment();
            log.warn("SMS delivery reports refused: the token is {}", token == null ? "missing" : "wrong");
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Delivery reports need the issuer's report token");
        }
        List<Read> batch = read(body(request));
        Map<Result, Integer> results = new EnumMap<>(Result.class);
        for (Read read : batch) {
            Result result = record(read);
            results.merge(result, 1, Integer::sum);
        }
        log.info("SMS delivery reports: {} in the batch, {}", batch.size(), results);
        return Received.OK;
    }

    private Result record(Read read) {
        if (read.report().outId() == null) {
            meters.counter("practice.auth.notice.sms.reports", "outcome", "not-a-notice").increment();
            return Result.NOT_A_NOTICE;
        }
        return switch (receipts.record(read.report())) {
            case RECORDED -> Result.RECORDED;
            case REPEATED -> Result.REPEATED;
            case UNMATCHED -> {
                log.info("SMS delivery report for out_id {} (to {}) matches no notice; skipped",
                        read.report().outId(), Masking.phone(read.phone()));
                yield Result.UNMATCHED;
            }
        };
    }

    /** At most {@value #MAX_BODY} bytes, read only once the caller is known; 400 {@code body} beyond. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        return BoundedBodies.read(request, MAX_BODY, "A batch of delivery reports");
    }

    /** The whole batch checked before anything is recorded; 400 naming the first thing wrong. */
    private List<Read> read(byte[] body) {
        JsonNode batch;
        try {
            batch = body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not valid JSON");
        }
        if (batch == null || !batch.isArray()) {
            throw ApiException.badRequest("body", "The body must be a JSON array of delivery reports");
        }
        if (batch.size() > MAX_REPORTS) {
            throw ApiException.badRequest("body", "At most " + MAX_REPORTS + " reports in one request, not "
                    + batch.size());
        }
        List<Read> reports = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            reports.add(report(batch.get(i), "[" + i + "]"));
        }
        return reports;
    }

    private static Read report(JsonNode report, String at) {
        if (!report.isObject()) {
            throw ApiException.badRequest(at, at + " must be a delivery report object");
        }
        if (!report.has("out_id")) {
            throw ApiException.badRequest(at + ".out_id", at + ".out_id is missing");
        }
        String outId = text(report, at, "out_id");
        JsonNode success = report.get("success");
        if (success == null || !success.isBoolean()) {
            throw ApiException.badRequest(at + ".success", at + ".success must be true or false");
        }
        Instant reportTime = reportTime(text(report, at, "report_time"), at);
        String errCode = text(report, at, "err_code");
        String errMsg = text(report, at, "err_msg");
        String phone = text(report, at, "phone_number");
        String reason = String.join(" ", Stream.of(errCode, errMsg)
                .filter(part -> part != null && !part.isBlank()).map(String::strip).toList());
        return new Read(new NoticeReceipts.Report(outId == null || outId.isBlank() ? null : outId.strip(),
                success.booleanValue(), reason.isEmpty() ? null : reason, reportTime), phone);
    }

    /** A string field, or null when absent or null; 400 for any other type. */
    private static String text(JsonNode report, String at, String field) {
        JsonNode value = report.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(at + "." + field, at + "." + field + " must be a string");
        }
        return value.textValue();
    }

    /** {@code 2017-01-01 00:00:00} (Beijing time, Alibaba's form), or ISO-8601 with or without an offset. */
    static Instant reportTime(String text, String at) {
        if (text != null) {
            String value = text.strip();
            try {
                return LocalDateTime.parse(value, PROVIDER_TIME).atZone(PROVIDER_ZONE).toInstant();
            } catch (DateTimeParseException notAlibabas) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException noOffset) {
                    try {
                        return LocalDateTime.parse(value).atZone(PROVIDER_ZONE).toInstant();
                    } catch (DateTimeParseException unreadable) {
                        // below
                    }
                }
            }
        }
        throw ApiException.badRequest(at + ".report_time", at + ".report_time must be a time like "
                + "2026-12-07 10:00:00 (Beijing time)");
    }
}
