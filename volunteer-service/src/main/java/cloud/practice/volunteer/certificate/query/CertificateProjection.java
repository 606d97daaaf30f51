package cloud.practice.volunteer.certificate.query;

import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateIssued;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateRevoked;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateVerified;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * {@code volunteer_certificates} from the certificates' events. Each document remembers the last sequence applied,
 * so a replay changes nothing.
 */
@Component
@ProcessingGroup(CertificateProjection.GROUP)
class CertificateProjection {

    public static final String GROUP = "certificate-view";

    private final MongoTemplate mongo;
    private final BatchedViews views;

    CertificateProjection(MongoTemplate mongo, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
        indexes();
    }

    private void indexes() {
        var index = mongo.indexOps(CertificateDocument.class);
        index.ensureIndex(new Index().on("verificationCode", Sort.Direction.ASC).unique()
                .named("certificate_by_code"));
        index.ensureIndex(new Index().on("volunteerId", Sort.Direction.ASC).on("issuedAt", Sort.Direction.DESC)
                .named("certificates_of_volunteer"));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(CertificateDocument.class);
        indexes();
    }

    @EventHandler
    void on(CertificateIssued event, @SequenceNumber long sequence) {
        if (views.find(CertificateDocument.class, event.certificateId()) != null) {
            return;
        }
        CertificateDocument certificate = new CertificateDocument();
        certificate.certificateId = event.certificateId();
        certificate.districtId = event.districtId();
        certificate.volunteerId = event.volunteerId();
        certificate.verificationCode = event.verificationCode();
        certificate.from = day(event.from());
        certificate.to = day(event.to());
        certificate.platform = event.platform();
        certificate.halfHours = event.halfHours();
        certificate.entryIds = new ArrayList<>(event.entryIds());
        certificate.firstServiceDate = day(event.firstServiceDate());
        certificate.lastServiceDate = day(event.lastServiceDate());
        certificate.issuingUnitId = event.issuingUnitId();
        certificate.issuingUnitName = event.issuingUnitName();
        certificate.issuedAt = event.issuedAt();
        certificate.issuedBy = event.issuedBy();
        certificate.version = sequence;
        views.save(certificate);
    }

    @EventHandler
    void on(CertificateVerified event, @SequenceNumber long sequence) {
        apply(event.certificateId(), sequence, certificate -> {
            certificate.verifications++;
            certificate.lastVerifiedAt = event.checkedAt();
        });
    }

    @EventHandler
    void on(CertificateRevoked event, @SequenceNumber long sequence) {
        apply(event.certificateId(), sequence, certificate -> {
            certificate.revoked = true;
            certificate.revocationReason = event.reason();
            certificate.revokedBy = event.revokedBy();
            certificate.revokedAt = event.revokedAt();
        });
    }

    private void apply(String certificateId, long sequence, Consumer<CertificateDocument> change) {
        CertificateDocument certificate = views.find(CertificateDocument.class, certificateId);
        if (certificate == null || certificate.version >= sequence) {
            return;
        }
        change.accept(certificate);
        certificate.version = sequence;
        views.save(certificate);
    }

    private static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
