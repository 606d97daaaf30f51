package cloud.practice.hierarchy.pairing.query;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.Activity;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.PairingDocument;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.PartnerDocument;
import cloud.practice.hierarchy.tree.query.OrgUnitView;
import cloud.practice.hierarchy.tree.query.TreeSnapshot;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Partners, pairings, and the programme's health below a unit. */
@Service
public class PairingQueries {

    private final MongoTemplate mongo;

    public PairingQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The district's partners by id. */
    public List<PartnerDocument> partners(String districtId) {
        return mongo.find(Query.query(Criteria.where("districtId").is(districtId)), PartnerDocument.class).stream()
                .sorted(Comparator.comparing(partner -> partner.partnerId)).toList();
    }

    public Optional<PartnerDocument> partner(String districtId, String partnerId) {
        return Optional.ofNullable(mongo.findById(PairingDocuments.key(districtId, partnerId), PartnerDocument.class))
                .filter(partner -> partner.districtId.equals(districtId));
    }

    /** The district's pairings by id. */
    public List<PairingDocument> pairings(String districtId) {
        return mongo.find(Query.query(Criteria.where("districtId").is(districtId)), PairingDocument.class).stream()
                .sorted(Comparator.comparing(pairing -> pairing.pairingId)).toList();
    }

    public Optional<PairingDocument> pairing(String districtId, String pairingId) {
        return Optional.ofNullable(mongo.findById(PairingDocuments.key(districtId, pairingId), PairingDocument.class))
                .filter(pairing -> pairing.districtId.equals(districtId));
    }

    /**
     * Health of the programme below {@code unitId} on {@code date}: partners with no running pairing, open
     * stations with none, and running pairings whose last activity is older than {@code inactiveDays}.
     */
    public PairingHealth health(TreeSnapshot tree, String unitId, LocalDate date, int inactiveDays) {
        String day = date.toString();
        Set<String> stationsInScope = tree.subtree(unitId, Integer.MAX_VALUE).stream()
                .map(TreeSnapshot.SubtreeEntry::unit)
                .filter(unit -> unit.tier() == OrgTier.STATION && unit.status() != OrgUnitStatus.CLOSED)
                .map(OrgUnitView::unitId).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        String districtId = tree.unit(unitId).map(OrgUnitView::districtId).orElseThrow();
        List<PairingDocument> running = pairings(districtId).stream()
                .filter(pairing -> pairing.startDate.compareTo(day) <= 0
                        && (pairing.endDate == null || pairing.endDate.compareTo(day) >= 0))
                .filter(pairing -> pairing.stationIds.stream().anyMatch(stationsInScope::contains))
                .toList();
        Set<String> pairedStations = running.stream().flatMap(pairing -> pairing.stationIds.stream())
                .collect(Collectors.toSet());
        Set<String> activePartners = running.stream().map(pairing -> pairing.partnerId).collect(Collectors.toSet());
        List<String> partnersWithout = partners(districtId).stream().map(partner -> partner.partnerId)
                .filter(partner -> !activePartners.contains(partner)).sorted().toList();
        List<String> stationsWithout = stationsInScope.stream().filter(s -> !pairedStations.contains(s)).toList();
        String cutoff = date.minusDays(inactiveDays).toString();
        List<PairingHealth.Dormant> dormant = running.stream()
                .map(pairing -> new PairingHealth.Dormant(pairing.pairingId, pairing.activities.stream()
                        .map(Activity::heldOn).filter(held -> held.compareTo(day) <= 0).max(String::compareTo)
                        .orElse(null)))
                .filter(d -> (d.lastActivity() == null ? "" : d.lastActivity()).compareTo(cutoff) < 0)
                .filter(d -> running.stream().filter(p -> p.pairingId.equals(d.pairingId())).findFirst()
                        .map(p -> p.startDate.compareTo(cutoff) < 0).orElse(false))
                .sorted(java.util.Comparator.comparing(PairingHealth.Dormant::pairingId)).toList();
        return new PairingHealth(unitId, day, inactiveDays, running.size(), stationsInScope.size(),
                stationsInScope.size() - stationsWithout.size(), partnersWithout, stationsWithout, dormant);
    }
}
