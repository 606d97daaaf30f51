package cloud.practice.volunteer.certificate.api;

import cloud.practice.events.ServicePlatform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Events of service certificates, kept inside volunteer-service (never published). They carry no personal data: the
 * opaque volunteer id only — the name printed on a certificate is read from the profile when the PDF is made, so
 * erasure leaves no name behind.
 */
public final class CertificateInternalEvents {

    private CertificateInternalEvents() {
    }

    /** Sessions are {@code entryIds.size()}; hours are {@code halfHours / 2}. */
    public record CertificateIssued(String certificateId, String districtId, String volunteerId,
                                    String verificationCode, LocalDate from, LocalDate to, ServicePlatform platform,
                                    int halfHours, List<String> entryIds, LocalDate firstServiceDate,
                                    LocalDate lastServiceDate, String issuingUnitId, String issuingUnitName,
                                    String issuedBy, Instant issuedAt) {
    }

    /** Someone checked the code on the public verification page; what they were told. Nothing about who asked. */
    public record CertificateVerified(String certificateId, String districtId, boolean valid, String invalidReason,
                                      Instant checkedAt) {
    }

    public record CertificateRevoked(String certificateId, String districtId, String volunteerId, String reason,
                                     String revokedBy, Instant revokedAt) {
    }
}
