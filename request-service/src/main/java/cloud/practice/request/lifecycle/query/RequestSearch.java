package cloud.practice.request.lifecycle.query;

import cloud.practice.events.request.Channel;
import cloud.practice.events.ServicePlatform;
import cloud.practice.request.lifecycle.api.RequestStatus;
import org.springframework.data.mongodb.core.query.Criteria;

import java.time.Instant;
import java.util.Collection;

/**
 * What a list of requests asks for, every part optional but the district: done by the store, so a page of a queue of
 * thousands reads one page. A null collection means "any"; an empty one matches nothing.
 *
 * @param statuses       any of these statuses
 * @param unitIds        a responsible unit among these (a subtree)
 * @param platforms      a platform among these (a sub-center's, intersected with the caller's choice)
 * @param menuItemIds    one of these items (full ids, {@code <district>/<code>})
 * @param channels       ordered through one of these channels
 * @param submittedFrom  submitted at or after
 * @param submittedTo    submitted before
 * @param overdueAt      its current stage's clock ran out before this instant (null: any)
 * @param escalatedOnly  escalated at least once
 */
public record RequestSearch(String districtId, Collection<RequestStatus> statuses, Collection<String> unitIds,
                            String requesterId, String volunteerId, String keyedBy,
                            Collection<ServicePlatform> platforms, Collection<String> menuItemIds,
                            Collection<Channel> channels, Instant submittedFrom, Instant submittedTo,
                            Instant overdueAt, boolean escalatedOnly) {

    /** Everything of the district; narrowed with the {@code with…} methods. */
    public static RequestSearch of(String districtId) {
        return new RequestSearch(districtId, null, null, null, null, null, null, null, null, null, null, null, false);
    }

    public RequestSearch withStatuses(Collection<RequestStatus> value) {
        return new RequestSearch(districtId, value, unitIds, requesterId, volunteerId, keyedBy, platforms,
                menuItemIds, channels, submittedFrom, submittedTo, overdueAt, escalatedOnly);
    }

    public RequestSearch withUnits(Collection<String> value) {
        return new RequestSearch(districtId, statuses, value, requesterId, volunteerId, keyedBy, platforms,
                menuItemIds, channels, submittedFrom, submittedTo, overdueAt, escalatedOnly);
    }

    public RequestSearch withPeople(String requester, String volunteer, String keyer) {
        return new RequestSearch(districtId, statuses, unitIds, requester, volunteer, keyer, platforms,
                menuItemIds, channels, submittedFrom, submittedTo, overdueAt, escalatedOnly);
    }

    public RequestSearch withPlatforms(Collection<ServicePlatform> value) {
        return new RequestSearch(districtId, statuses, unitIds, requesterId, volunteerId, keyedBy, value,
                menuItemIds, channels, submittedFrom, submittedTo, overdueAt, escalatedOnly);
    }

    public RequestSearch withItemsAndChannels(Collection<String> items, Collection<Channel> through) {
        return new RequestSearch(districtId, statuses, unitIds, requesterId, volunteerId, keyedBy, platforms,
                items, through, submittedFrom, submittedTo, overdueAt, escalatedOnly);
    }

    public RequestSearch submitted(Instant from, Instant to) {
        return new RequestSearch(districtId, statuses, unitIds, requesterId, volunteerId, keyedBy, platforms,
                menuItemIds, channels, from, to, overdueAt, escalatedOnly);
    }

    public RequestSearch clocks(Instant overdueBefore, boolean escalated) {
        return new RequestSearch(districtId, statuses, unitIds, requesterId, volunteerId, keyedBy, platforms,
                menuItemIds, channels, submittedFrom, submittedTo, overdueBefore, escalated);
    }

    Criteria criteria() {
        Criteria criteria = Criteria.where("districtId").is(districtId);
        if (statuses != null) {
            criteria = criteria.and("status").in(statuses);
        }
        if (unitIds != null) {
            criteria = criteria.and("unitId").in(unitIds);
        }
        if (requesterId != null) {
            criteria = criteria.and("requesterId").is(requesterId);
        }
        if (keyedBy != null) {
            criteria = criteria.and("keyedBy").is(keyedBy);
        }
        if (platforms != null) {
            criteria = criteria.and("platform").in(platforms);
        }
        if (menuItemIds != null) {
            criteria = criteria.and("menuItemId").in(menuItemIds);
        }
        if (channels != null) {
            criteria = criteria.and("channel").in(channels);
        }
        if (submittedFrom != null || submittedTo != null) {
            Criteria submitted = criteria.and("submittedAt");
            if (submittedFrom != null) {
                submitted = submitted.gte(submittedFrom);
            }
            if (submittedTo != null) {
                submitted.lt(submittedTo);
            }
        }
        if (overdueAt != null) {
            criteria = criteria.and("clockDueAt").lt(overdueAt);
        }
        if (escalatedOnly) {
            criteria = criteria.and("escalations").gt(0);
        }
        if (volunteerId != null) {
            criteria = criteria.orOperator(Criteria.where("volunteerId").is(volunteerId),
                    Criteria.where("offeredTo").is(volunteerId));
        }
        return criteria;
    }
}
