package cloud.practice.volunteer.certificate.api;

import cloud.practice.events.ServicePlatform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Commands of a service certificate (志愿服务证明). The web side counts the hours (from the ledger's read model) and
 * the certificate freezes what it counted: the hour entries' ids and their total.
 */
public final class CertificateCommands {

    private CertificateCommands() {
    }

    /**
     * @param from             first day counted (district zone), null: since the first record
     * @param to               last day counted, null: up to the day of issue
     * @param platform         only credited sessions of this platform (honour hours have none), null: all records
     * @param entryIds         the hour entries counted ({@code credit|…}, {@code grant|…}), at least one
     * @param firstServiceDate the earliest day among them, for the period printed when {@code from} is null
     * @param lastServiceDate  the latest day among them
     * @param issuedAt         when the caller was answered (the same instant in the answer and the event)
     */
    public record IssueCertificateCommand(@TargetAggregateIdentifier String certificateId, String districtId,
                                          String volunteerId, String verificationCode, LocalDate from, LocalDate to,
                                          ServicePlatform platform, int halfHours, List<String> entryIds,
                                          LocalDate firstServiceDate, LocalDate lastServiceDate,
                                          String issuingUnitId, String issuingUnitName, String issuedBy,
                                          Instant issuedAt) {
    }

    /** A public verification and what it answered (computed by the query side, recorded as it was answered). */
    public record RecordVerificationCommand(@TargetAggregateIdentifier String certificateId, boolean valid,
                                            String invalidReason) {
    }

    public record RevokeCertificateCommand(@TargetAggregateIdentifier String certificateId, String districtId,
                                           String reason, String revokedBy) {
    }
}
