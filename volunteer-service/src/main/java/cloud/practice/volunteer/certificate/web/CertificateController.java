package cloud.practice.volunteer.certificate.web;

import cloud.practice.events.ServicePlatform;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.security.Caller;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Versions;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.volunteer.certificate.api.CertificateCommands.IssueCertificateCommand;
import cloud.practice.volunteer.certificate.api.CertificateCommands.RecordVerificationCommand;
import cloud.practice.volunteer.certificate.api.CertificateCommands.RevokeCertificateCommand;
import cloud.practice.volunteer.certificate.api.VerificationCodes;
import cloud.practice.volunteer.certificate.config.CertificateSettings;
import cloud.practice.volunteer.certificate.query.CertificateCodes;
import cloud.practice.volunteer.certificate.query.CertificateDocument;
import cloud.practice.volunteer.certificate.query.CertificateQueries;
import cloud.practice.volunteer.certificate.query.CertificateViews.CertificateView;
import cloud.practice.volunteer.certificate.query.CertificateViews.Counted;
import cloud.practice.volunteer.certificate.query.CertificateViews.Validity;
import cloud.practice.volunteer.certificate.query.CertificateViews.Verification;
import cloud.practice.volunteer.hours.query.HourViews;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ProfileDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * Service certificates (志愿服务证明): the volunteer and the staff who administer them issue one over all time or a
 * range of days (by platform if they like), list and read them and download the PDF; staff revoke one. Anyone holding
 * a certificate's verification code checks it, without a token, and learns only the masked name and what it
 * certifies — and whether it still holds (revoked hours, erasure or a revocation end it).
 */
@RestController
@Validated
@RequestMapping("/api/v1")
@Tag(name = "certificates", description = "Service certificates: issue, PDF, revoke, public verification")
public class CertificateController {

    private static final int CODE_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final CertificateQueries certificates;
    private final CertificateCodes codes;
    private final VolunteerQueries volunteers;
    private final OrgUnitDirectory units;
    private final AccessPolicy access;
    private final IdempotentRequests idempotency;
    private final CertificatePdf pdf;
    private final CertificateSettings settings;
    private final Clock clock;

    public CertificateController(CommandGateway commands, CertificateQueries certificates, CertificateCodes codes,
                                 VolunteerQueries volunteers, OrgUnitDirectory units, AccessPolicy access,
                                 IdempotentRequests idempotency, CertificatePdf pdf, CertificateSettings settings,
                                 Clock clock) {
        this.commands = commands;
        this.certificates = certificates;
        this.codes = codes;
        this.volunteers = volunteers;
        this.units = units;
        this.access = access;
        this.idempotency = idempotency;
        this.pdf = pdf;
        this.settings = settings;
        this.clock = clock;
    }

    /** Days inclusive in the district's zone; absent: all time. With a platform only its credited sessions count. */
    public record Issue(LocalDate from, LocalDate to, ServicePlatform platform) {
    }

    public record Revocation(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/volunteers/{volunteerId}/certificates")
    @Operation(summary = "Issue a certificate of the volunteer's hours (the volunteer or their admins; "
            + "Idempotency-Key supported)")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CertificateView.class)))
    public ResponseEntity<?> issue(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                   District district,
                                   @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                   @Parameter(hidden = true) Caller caller,
                                   @RequestBody(required = false) Issue requested) {
        Issue body = requested == null ? new Issue(null, null, null) : requested;
        // Access is decided before a replay could answer for someone else.
        VolunteerDocument volunteer = holder(caller, district.id(), volunteerId);
        if (body.from() != null && body.to() != null && body.to().isBefore(body.from())) {
            throw ApiException.badRequest("to", "'to' lies before 'from'");
        }
        if (volunteer.erased) {
            throw ApiException.conflict("volunteer-erased", "Volunteer '" + volunteerId + "' was erased");
        }
        return idempotency.run(district.id(), key, body, () -> {
            Counted counted = certificates.counted(district.id(), volunteerId, body.from(), body.to(), body.platform());
            if (counted.empty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "no-hours-in-range",
                        "The volunteer has no service hours to certify in this range",
                        range(body));
            }
            String certificateId = "cert-" + UUID.randomUUID();
            String code = reserveCode(certificateId);
            String unitName = units.unit(district.id(), volunteer.homeUnitId).map(OrgUnitDirectory.Unit::name)
                    .orElse(volunteer.homeUnitId);
            Instant issuedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            commands.sendAndWait(new IssueCertificateCommand(certificateId, district.id(), volunteerId, code,
                    body.from(), body.to(), body.platform(), counted.halfHours(), counted.entryIds(),
                    counted.firstServiceDate(), counted.lastServiceDate(), volunteer.homeUnitId, unitName,
                    caller.userId(), issuedAt));
            CertificateView view = new CertificateView(certificateId, VerificationCodes.grouped(code), volunteerId,
                    district.id(), body.from(), body.to(), body.platform(), HourViews.hours(counted.halfHours()),
                    counted.entryIds().size(), volunteer.homeUnitId, unitName, issuedAt, caller.userId(), true,
                    null, settings.verifyUrl(code));
            return ResponseEntity.created(URI.create("/api/v1/volunteers/" + volunteerId + "/certificates/"
                    + certificateId + "?district=" + district.id())).body(view);
        });
    }

    @GetMapping("/volunteers/{volunteerId}/certificates")
    @Operation(summary = "The volunteer's certificates, newest first, each with whether it still holds")
    public List<CertificateView> list(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                      District district,
                                      @Parameter(hidden = true) Caller caller) {
        holder(caller, district.id(), volunteerId);
        return certificates.certificates(district.id(), volunteerId).stream().map(this::view).toList();
    }

    @GetMapping("/volunteers/{volunteerId}/certificates/{certificateId}")
    @Operation(summary = "One certificate and whether it still holds")
    public CertificateView certificate(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                       @PathVariable @Pattern(regexp = ID) String certificateId,
                                       District district,
                                       @Parameter(hidden = true) Caller caller) {
        holder(caller, district.id(), volunteerId);
        return view(find(district.id(), volunteerId, certificateId));
    }

    @GetMapping("/volunteers/{volunteerId}/certificates/{certificateId}/pdf")
    @Operation(summary = "The printable certificate (A4 PDF with the full name, masked ID number and a QR code of "
            + "the verification page); one that no longer holds says 已失效")
    public ResponseEntity<byte[]> pdf(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                      @PathVariable @Pattern(regexp = ID) String certificateId,
                                      District district,
                                      @Parameter(hidden = true) Caller caller) {
        holder(caller, district.id(), volunteerId);
        CertificateDocument certificate = find(district.id(), volunteerId, certificateId);
        Validity validity = certificates.validity(certificate);
        // The name is read from the profile now, never kept with the certificate: after erasure there is none.
        ProfileDocument profile = volunteers.profile(district.id(), volunteerId).orElse(null);
        byte[] document = pdf.render(new CertificatePdf.Content(
                profile == null ? "（信息已注销）" : profile.name,
                profile == null ? null : Masking.idNumber(profile.idNumber),
                period(certificate),
                certificate.platform == null ? "全部" : certificate.platform.chineseName(),
                new BigDecimal(certificate.halfHours).divide(BigDecimal.valueOf(2)).stripTrailingZeros()
                        .toPlainString(),
                certificate.entryIds.size(), certificate.issuingUnitName,
                LocalDate.ofInstant(certificate.issuedAt, clock.getZone()).toString(),
                VerificationCodes.grouped(certificate.verificationCode),
                settings.verifyUrl(certificate.verificationCode), validity.valid(), validity.invalidReason()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("certificate-" + certificateId + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document);
    }

    @PostMapping("/volunteers/{volunteerId}/certificates/{certificateId}/revoke")
    @Operation(summary = "Revoke a certificate with a reason (the volunteer's admins)")
    public ResponseEntity<CertificateView> revoke(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                                  @PathVariable @Pattern(regexp = ID) String certificateId,
                                                  District district,
                                                  @Parameter(hidden = true) Caller caller,
                                                  @Valid @RequestBody Revocation body) {
        VolunteerDocument volunteer = access.visibleVolunteer(caller, district.id(), volunteerId,
                volunteers.volunteer(district.id(), volunteerId));
        access.administerVolunteer(caller, district.id(), volunteerId, volunteer.homeUnitId);
        CertificateDocument certificate = find(district.id(), volunteerId, certificateId);
        long version = ((Number) ConflictRetry.onConflict(() -> commands.sendAndWait(new RevokeCertificateCommand(
                certificateId, district.id(), body.reason().strip(), caller.userId())))).longValue();
        certificate.revoked = true;
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(view(certificate));
    }

    /**
     * The public verification page's question: no token, the code alone (any case, hyphens optional). Every check
     * is recorded as an event. An unknown or malformed code is one and the same 404.
     */
    @GetMapping("/certificates/verify/{code}")
    @SecurityRequirements
    @Operation(summary = "Verify a certificate by its code (public, no token): masked name, hours, period, unit, "
            + "and whether it still holds")
    public Verification verify(@PathVariable String code) {
        CertificateDocument certificate = VerificationCodes.normalise(code).flatMap(certificates::byCode)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
                        "No certificate has this verification code", Map.of("resource", "certificate")));
        Validity validity = certificates.validity(certificate);
        Instant checkedAt = (Instant) ConflictRetry.onConflict(() -> commands.sendAndWait(
                new RecordVerificationCommand(certificate.certificateId, validity.valid(),
                        validity.invalidReason())));
        return new Verification(VerificationCodes.grouped(certificate.verificationCode), validity.valid(),
                validity.invalidReason(), certificates.maskedName(certificate).orElse(null),
                HourViews.hours(certificate.halfHours), certificate.entryIds.size(), day(certificate.from),
                day(certificate.to), certificate.platform, certificate.issuingUnitName, certificate.issuedAt,
                checkedAt);
    }

    /** The volunteer (seen by the caller, else 404) if the caller may hold their certificates (else 403). */
    private VolunteerDocument holder(Caller caller, String district, String volunteerId) {
        VolunteerDocument volunteer = access.visibleVolunteer(caller, district, volunteerId,
                volunteers.volunteer(district, volunteerId));
        access.certifyVolunteer(caller, district, volunteerId, volunteer.homeUnitId);
        return volunteer;
    }

    private CertificateDocument find(String district, String volunteerId, String certificateId) {
        return certificates.certificate(district, volunteerId, certificateId)
                .orElseThrow(() -> ApiException.notFound("certificate", certificateId));
    }

    private CertificateView view(CertificateDocument certificate) {
        return CertificateQueries.view(certificate, certificates.validity(certificate),
                settings.verifyUrl(certificate.verificationCode));
    }

    private String reserveCode(String certificateId) {
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            String code = VerificationCodes.generate();
            if (codes.reserve(code, certificateId)) {
                return code;
            }
        }
        throw new IllegalStateException("no free verification code after " + CODE_ATTEMPTS + " attempts");
    }

    /** The days printed: the range asked for, its open ends filled with the first and last day counted. */
    private static String period(CertificateDocument certificate) {
        String from = certificate.from != null ? certificate.from : certificate.firstServiceDate;
        String to = certificate.to != null ? certificate.to : certificate.lastServiceDate;
        return from + " 至 " + to;
    }

    private static Map<String, Object> range(Issue body) {
        Map<String, Object> range = new java.util.LinkedHashMap<>();
        range.put("from", body.from() == null ? "" : body.from().toString());
        range.put("to", body.to() == null ? "" : body.to().toString());
        range.put("platform", body.platform() == null ? "" : body.platform().name());
        return range;
    }

    private static LocalDate day(String date) {
        return date == null ? null : LocalDate.parse(date);
    }
}
