package cloud.practice.volunteer.certificate.command;

import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.certificate.api.CertificateCommands.IssueCertificateCommand;
import cloud.practice.volunteer.certificate.api.CertificateCommands.RecordVerificationCommand;
import cloud.practice.volunteer.certificate.api.CertificateCommands.RevokeCertificateCommand;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateIssued;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateRevoked;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateVerified;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One issued service certificate: what it counted (frozen at issue), its public verifications and its revocation by
 * staff. Whether it is still valid is not kept here: revoked hours and erasure happen in other aggregates, so the
 * query side decides validity when it is asked (see {@code CertificateQueries#validity}). Verifications are appended
 * for every public check; a snapshot every 100 events keeps loading cheap.
 */
@Aggregate(snapshotTriggerDefinition = "certificateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class Certificate {

    @AggregateIdentifier
    private String certificateId;
    private String districtId;
    private String volunteerId;
    private boolean revoked;

    protected Certificate() {
    }

    @CommandHandler
    public Certificate(IssueCertificateCommand command) {
        List<String> entries = command.entryIds() == null ? List.of() : List.copyOf(command.entryIds());
        if (entries.isEmpty() || command.halfHours() < 1) {
            throw RuleViolation.refused("no-hours-in-range", "There are no service hours to certify in this range");
        }
        apply(new CertificateIssued(command.certificateId(), command.districtId(), command.volunteerId(),
                command.verificationCode(), command.from(), command.to(), command.platform(), command.halfHours(),
                entries, command.firstServiceDate(), command.lastServiceDate(), command.issuingUnitId(),
                command.issuingUnitName(), command.issuedBy(), command.issuedAt()));
    }

    @CommandHandler
    /** @return when it was checked */
    public Instant handle(RecordVerificationCommand command, Clock clock) {
        Instant now = clock.instant();
        apply(new CertificateVerified(certificateId, districtId, command.valid(), command.invalidReason(), now));
        return now;
    }

    @CommandHandler
    public long handle(RevokeCertificateCommand command, Clock clock) {
        if (!districtId.equals(command.districtId())) {
            throw RuleViolation.notFound("certificate", command.certificateId());
        }
        if (revoked) {
            throw RuleViolation.conflict("already-revoked", "Certificate '" + certificateId + "' was revoked already");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.invalid("reason", "A revocation needs a reason");
        }
        Instant now = clock.instant();
        apply(new CertificateRevoked(certificateId, districtId, volunteerId, command.reason(), command.revokedBy(),
                now));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(CertificateIssued event) {
        certificateId = event.certificateId();
        districtId = event.districtId();
        volunteerId = event.volunteerId();
    }

    @EventSourcingHandler
    void on(CertificateRevoked event) {
        revoked = true;
    }
}
