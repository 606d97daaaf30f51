package cloud.practice.volunteer.certificate.query;

import cloud.practice.events.ServicePlatform;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An issued certificate as its events left it. No personal data: the volunteer is the opaque id (the name on the
 * PDF and the masked name on the public page are read when asked, so erasure leaves nothing here to clean). Dates
 * are ISO days of the district's zone.
 */
@Document("volunteer_certificates")
public class CertificateDocument {
    @Id
    public String certificateId;
    public String districtId;
    public String volunteerId;
    /** The canonical 16 characters (no hyphens); unique. */
    public String verificationCode;
    public String from;
    public String to;
    public ServicePlatform platform;
    public int halfHours;
    public List<String> entryIds = new ArrayList<>();
    public String firstServiceDate;
    public String lastServiceDate;
    public String issuingUnitId;
    public String issuingUnitName;
    public Instant issuedAt;
    public String issuedBy;
    public boolean revoked;
    public String revocationReason;
    public String revokedBy;
    public Instant revokedAt;
    public long verifications;
    public Instant lastVerifiedAt;
    /** The aggregate's last sequence number applied. */
    public long version = -1;
}
