package cloud.practice.volunteer.certificate.query;

import cloud.practice.events.ServicePlatform;
import cloud.practice.volunteer.certificate.api.VerificationCodes;
import cloud.practice.volunteer.certificate.query.CertificateViews.CertificateView;
import cloud.practice.volunteer.certificate.query.CertificateViews.Counted;
import cloud.practice.volunteer.certificate.query.CertificateViews.Validity;
import cloud.practice.volunteer.hours.query.HourDocuments.EntryDocument;
import cloud.practice.volunteer.hours.query.HourDocuments.Kind;
import cloud.practice.volunteer.hours.query.HourViews;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Certificates of a volunteer, one by its verification code, what a new one would count, and their validity. */
@Service
public class CertificateQueries {

    private final MongoTemplate mongo;

    public CertificateQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<CertificateDocument> certificate(String districtId, String volunteerId, String certificateId) {
        return Optional.ofNullable(mongo.findById(certificateId, CertificateDocument.class))
                .filter(found -> found.districtId.equals(districtId) && found.volunteerId.equals(volunteerId));
    }

    /** Newest first. */
    public List<CertificateDocument> certificates(String districtId, String volunteerId) {
        return mongo.find(Query.query(Criteria.where("volunteerId").is(volunteerId).and("districtId").is(districtId))
                .with(Sort.by(Sort.Order.desc("issuedAt"), Sort.Order.desc("_id"))), CertificateDocument.class);
    }

    /** Codes identify certificates across every district: the public page knows no district. */
    public Optional<CertificateDocument> byCode(String code) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("verificationCode").is(code)),
                CertificateDocument.class));
    }

    /**
     * The records a certificate over these days (inclusive, district zone, either may be null) would count: the
     * ledger's entries that are not revoked — with a platform, only credited sessions of that platform (honour
     * grants have no platform), as the service record groups them.
     */
    public Counted counted(String districtId, String volunteerId, LocalDate from, LocalDate to,
                           ServicePlatform platform) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("volunteerId").is(volunteerId),
                Criteria.where("districtId").is(districtId), Criteria.where("revoked").is(false)));
        if (platform != null) {
            criteria.add(Criteria.where("kind").is(Kind.CREDIT));
            criteria.add(Criteria.where("platform").is(platform));
        }
        if (from != null) {
            criteria.add(Criteria.where("date").gte(from.toString()));
        }
        if (to != null) {
            criteria.add(Criteria.where("date").lte(to.toString()));
        }
        Query query = Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)))
                .with(Sort.by("date", "_id"));
        query.fields().include("halfHours", "date");
        List<EntryDocument> entries = mongo.find(query, EntryDocument.class).stream()
                .filter(entry -> entry.halfHours > 0).toList();
        int halfHours = entries.stream().mapToInt(entry -> entry.halfHours).sum();
        return new Counted(halfHours, entries.stream().map(entry -> entry.entryId).toList(),
                entries.isEmpty() ? null : LocalDate.parse(entries.get(0).date),
                entries.isEmpty() ? null : LocalDate.parse(entries.get(entries.size() - 1).date));
    }

    /**
     * Validity is decided when asked, never stored: the certificate's own revocation, then the volunteer's erasure
     * (the registry's read model), then any counted record revoked since (the ledger's read model). Revoked hours
     * and erasure are other aggregates' events, so a stored flag would need a projection of each kept in step; a
     * check at read time is always as current as the read models, costs two look-ups by id, and still holds if the
     * certificates' view is rebuilt. An unknown volunteer fails closed, as erased.
     */
    public Validity validity(CertificateDocument certificate) {
        if (certificate.revoked) {
            return Validity.invalid("revoked");
        }
        VolunteerDocument volunteer = mongo.findById(certificate.volunteerId, VolunteerDocument.class);
        if (volunteer == null || volunteer.erased) {
            return Validity.invalid("volunteer-erased");
        }
        if (mongo.exists(Query.query(Criteria.where("_id").in(certificate.entryIds).and("revoked").is(true)),
                EntryDocument.class)) {
            return Validity.invalid("hours-revoked");
        }
        return Validity.VALID;
    }

    /** The masked name the registry keeps (null once erased). */
    public Optional<String> maskedName(CertificateDocument certificate) {
        return Optional.ofNullable(mongo.findById(certificate.volunteerId, VolunteerDocument.class))
                .filter(volunteer -> !volunteer.erased).map(volunteer -> volunteer.maskedName);
    }

    public static CertificateView view(CertificateDocument certificate, Validity validity, String verifyUrl) {
        return new CertificateView(certificate.certificateId, VerificationCodes.grouped(certificate.verificationCode),
                certificate.volunteerId, certificate.districtId, day(certificate.from), day(certificate.to),
                certificate.platform, HourViews.hours(certificate.halfHours), certificate.entryIds.size(),
                certificate.issuingUnitId, certificate.issuingUnitName, certificate.issuedAt, certificate.issuedBy,
                validity.valid(), validity.invalidReason(), verifyUrl);
    }

    private static LocalDate day(String date) {
        return date == null ? null : LocalDate.parse(date);
    }
}
