package cloud.practice.hierarchy.tree.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads a district's units and answers from the tree of the asked date (today in the district by default). */
@Service
public class TreeQueries {

    private final MongoTemplate mongo;
    private final Clock districtClock;

    public TreeQueries(MongoTemplate mongo, Clock districtClock) {
        this.mongo = mongo;
        this.districtClock = districtClock;
    }

    /** The tree with its units' managers (for the service's own rules and its admins). */
    public TreeSnapshot snapshot(String districtId, LocalDate asOf) {
        return snapshot(districtId, asOf, true);
    }

    /** @param withManagers false: each unit's {@code managers} is null (callers who may not see them) */
    public TreeSnapshot snapshot(String districtId, LocalDate asOf, boolean withManagers) {
        LocalDate date = asOf == null ? LocalDate.now(districtClock) : asOf;
        Query ofDistrict = Query.query(Criteria.where("districtId").is(districtId));
        Map<String, List<String>> grids = new HashMap<>();
        for (CommunityGridsDocument register : mongo.find(ofDistrict, CommunityGridsDocument.class)) {
            List<String> inForce = register.gridsAt(date.toString());
            if (!inForce.isEmpty()) {
                grids.put(register.community, inForce);
            }
        }
        return new TreeSnapshot(date.toString(), mongo.find(ofDistrict, OrgUnitDocument.class), grids,
                withManagers);
    }

    /** The unit's current document, including its raw contact (for the owning service's own use only). */
    OrgUnitDocument document(String districtId, String unitId) {
        return mongo.findById(OrgUnitDocument.key(districtId, unitId), OrgUnitDocument.class);
    }
}
