package cloud.practice.notification.access;

import cloud.practice.notification.notice.Recipient;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who may read which notices — the only class that looks at the caller. A person reads what is addressed to their
 * account, to the volunteer their token says they are, and — staff who run a unit — to their unit's shared inbox.
 * Machine clients have no inbox. The dead-letter list is for the district's administrators and its systems.
 */
@Component
public class NoticeAccess {

    /** The recipient keys whose notices the caller reads in the district. */
    public List<String> inboxOf(Caller caller, String districtId) {
        if (caller.isSystem()) {
            throw forbidden("have an inbox: machine clients have none");
        }
        if (!caller.belongsTo(districtId)) {
            throw forbidden("read notices of district '" + districtId + "'");
        }
        List<String> recipients = new ArrayList<>();
        recipients.add(Recipient.account(caller.userId()).key());
        if (caller.role().isVolunteer() && caller.volunteerId() != null) {
            recipients.add(Recipient.volunteer(caller.volunteerId()).key());
        }
        if ((caller.role().isAdmin() || caller.role() == Role.SUBCENTER_ADMIN) && caller.unitId() != null) {
            recipients.add(Recipient.unit(caller.unitId()).key());
        }
        return recipients;
    }

    /** The caller's own account, whose preferences they set. */
    public String accountOf(Caller caller, String districtId) {
        inboxOf(caller, districtId);
        return caller.userId();
    }

    /** Reading and redelivering the district's dead letters. */
    public void operate(Caller caller, String districtId) {
        boolean districtAdmin = caller.role() == Role.DISTRICT_ADMIN && districtId.equals(caller.districtId());
        if (!districtAdmin && !caller.isSystemOf(districtId)) {
            throw forbidden("read or redeliver the dead letters of district '" + districtId + "'");
        }
    }

    private static ApiException forbidden(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "The caller may not " + what, Map.of());
    }
}
