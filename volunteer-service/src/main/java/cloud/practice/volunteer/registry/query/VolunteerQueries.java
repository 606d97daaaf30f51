package cloud.practice.volunteer.registry.query;

import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.web.Page;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ApplicationDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.ProfileDocument;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Volunteers and applications of a district: one by id or account, and filtered lists. */
@Service
@DistrictLookups
public class VolunteerQueries {

    private final MongoTemplate mongo;

    public VolunteerQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The volunteer if it exists in this district (another district's id is as good as unknown). */
    public Optional<VolunteerDocument> volunteer(String districtId, String volunteerId) {
        return Optional.ofNullable(mongo.findById(volunteerId, VolunteerDocument.class))
                .filter(volunteer -> volunteer.districtId.equals(districtId));
    }

    public Optional<ProfileDocument> profile(String districtId, String volunteerId) {
        return Optional.ofNullable(mongo.findById(volunteerId, ProfileDocument.class))
                .filter(profile -> profile.districtId.equals(districtId));
    }

    public VolunteerView view(VolunteerDocument volunteer, boolean withPersonalData) {
        VolunteerView.Personal personal = withPersonalData ? personal(volunteer.districtId, volunteer.volunteerId)
                : null;
        return new VolunteerView(volunteer.volunteerId, volunteer.districtId, volunteer.maskedName,
                volunteer.homeUnitId, volunteer.approximateLocation, volunteer.skills, volunteer.languages,
                volunteer.availability, volunteer.unavailableDates, volunteer.contactConsent, volunteer.status,
                volunteer.erased, volunteer.registeredAt, volunteer.erasedAt, volunteer.version,
                withPersonalData ? volunteer.accountId : null, personal);
    }

    /** The application if it exists in this district. */
    public Optional<ApplicationDocument> application(String districtId, String volunteerId) {
        return Optional.ofNullable(mongo.findById(volunteerId, ApplicationDocument.class))
                .filter(application -> application.districtId.equals(districtId));
    }

    /** A person's newest application in the district that was not erased. */
    public Optional<ApplicationDocument> latestApplication(String districtId, String accountId) {
        Query query = Query.query(Criteria.where("districtId").is(districtId).and("accountId").is(accountId)
                .and("status").ne(ApplicationStatus.ERASED))
                .with(Sort.by(Sort.Order.desc("appliedAt"), Sort.Order.desc("_id"))).limit(1);
        return Optional.ofNullable(mongo.findOne(query, ApplicationDocument.class));
    }

    public ApplicationView view(ApplicationDocument application, boolean withPersonalData) {
        VolunteerView.Personal personal = withPersonalData ? personal(application.districtId,
                application.volunteerId) : null;
        return new ApplicationView(application.volunteerId, application.districtId, application.maskedName,
                application.homeUnitId, application.skills, application.languages, application.availability,
                application.unavailableDates, application.status,
                application.reason, application.appliedAt, application.decidedAt, application.decidedBy,
                application.version, withPersonalData ? application.accountId : null, personal);
    }

    /** Applications of the district, oldest first (the order to review them in), without personal data. */
    public Page<ApplicationView> applications(String districtId, Collection<String> homeUnits, String homeUnitId,
                                              ApplicationStatus status, int page, int size) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("districtId").is(districtId)));
        if (homeUnits != null) {
            criteria.add(Criteria.where("homeUnitId").in(homeUnits));
        }
        if (homeUnitId != null) {
            criteria.add(Criteria.where("homeUnitId").is(homeUnitId));
        }
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        Query query = Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, ApplicationDocument.class);
        query.with(Sort.by(Sort.Order.asc("appliedAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
        List<ApplicationView> items = mongo.find(query, ApplicationDocument.class).stream()
                .map(application -> view(application, false)).toList();
        return new Page<>(items, page, size, total);
    }

    private VolunteerView.Personal personal(String districtId, String volunteerId) {
        return profile(districtId, volunteerId).map(profile -> new VolunteerView.Personal(profile.name,
                profile.phone, Masking.idNumber(profile.idNumber), profile.birthDate, profile.guardian)).orElse(null);
    }

    /**
     * Volunteers of the district, newest first, without personal data.
     *
     * @param homeUnits  only these home units (an admin's subtree), or null for all
     * @param minLevel   with {@code platform}: the least skill level
     */
    public Page<VolunteerView> search(String districtId, Collection<String> homeUnits, String homeUnitId,
                                      VolunteerStatus status, ServicePlatform platform, int minLevel,
                                      String language, String volunteerId, int page, int size) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("districtId").is(districtId)));
        if (homeUnits != null) {
            criteria.add(Criteria.where("homeUnitId").in(homeUnits));
        }
        if (homeUnitId != null) {
            criteria.add(Criteria.where("homeUnitId").is(homeUnitId));
        }
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        if (platform != null) {
            criteria.add(Criteria.where("skills").elemMatch(Criteria.where("platform").is(platform)
                    .and("level").gte(minLevel)));
        }
        if (language != null) {
            criteria.add(Criteria.where("languages").is(language));
        }
        if (volunteerId != null) {
            criteria.add(Criteria.where("_id").is(volunteerId));
        }
        Query query = Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, VolunteerDocument.class);
        query.with(Sort.by(Sort.Order.desc("registeredAt"), Sort.Order.asc("_id")))
                .skip((long) page * size).limit(size);
        List<VolunteerView> items = mongo.find(query, VolunteerDocument.class).stream()
                .map(volunteer -> view(volunteer, false)).toList();
        return new Page<>(items, page, size, total);
    }
}
