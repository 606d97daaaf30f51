package cloud.practice.volunteer.certificate.query;

import cloud.practice.events.ServicePlatform;

import java.time.Instant;
import java.time.LocalDate;

/** What the certificate API answers. Hours are decimals in half-hour steps; sessions count the records certified. */
public final class CertificateViews {

    private CertificateViews() {
    }

    /**
     * A certificate as the volunteer and staff see it. {@code verificationCode} in groups of four; {@code from}/
     * {@code to} null when the certificate covers all time on that side; {@code invalidReason} {@code revoked},
     * {@code volunteer-erased} or {@code hours-revoked} (null while valid).
     */
    public record CertificateView(String certificateId, String verificationCode, String volunteerId,
                                  String districtId, LocalDate from, LocalDate to, ServicePlatform platform,
                                  double hours, int sessions, String issuingUnitId, String issuingUnitName,
                                  Instant issuedAt, String issuedBy, boolean valid, String invalidReason,
                                  String verifyUrl) {
    }

    /** The public verification page's answer: the masked name and the facts printed, nothing that identifies. */
    public record Verification(String code, boolean valid, String invalidReason, String maskedName, double hours,
                               int sessions, LocalDate from, LocalDate to, ServicePlatform platform,
                               String issuingUnitName, Instant issuedAt, Instant checkedAt) {
    }

    /** Whether a certificate still holds, and why not. */
    public record Validity(boolean valid, String invalidReason) {

        public static final Validity VALID = new Validity(true, null);

        static Validity invalid(String reason) {
            return new Validity(false, reason);
        }
    }

    /** The hour entries a new certificate would count. */
    public record Counted(int halfHours, java.util.List<String> entryIds, LocalDate firstServiceDate,
                          LocalDate lastServiceDate) {

        public boolean empty() {
            return entryIds.isEmpty() || halfHours < 1;
        }
    }
}
