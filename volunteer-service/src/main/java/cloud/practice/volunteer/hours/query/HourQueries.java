package cloud.practice.volunteer.hours.query;

import cloud.practice.support.web.Page;
import cloud.practice.volunteer.hours.query.HourDocuments.EntryDocument;
import cloud.practice.volunteer.hours.query.HourDocuments.Kind;
import cloud.practice.volunteer.hours.query.HourDocuments.LedgerDocument;
import cloud.practice.volunteer.hours.query.HourViews.Bucket;
import cloud.practice.volunteer.hours.query.HourViews.EntryView;
import cloud.practice.volunteer.hours.query.HourViews.HourTotals;
import cloud.practice.volunteer.hours.query.HourViews.LedgerView;
import cloud.practice.volunteer.hours.query.HourViews.ServiceRecord;
import cloud.practice.volunteer.hours.query.HourViews.Totals;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import static cloud.practice.volunteer.hours.query.HourViews.hours;

/** Ledgers, entries, service records and district totals. */
@Service
public class HourQueries {

    /** How hours are grouped by time. */
    public enum Period {
        DAY(10), MONTH(7), YEAR(4);

        private final int prefix;

        Period(int prefix) {
            this.prefix = prefix;
        }

        String of(String date) {
            return date.substring(0, prefix);
        }
    }

    private final MongoTemplate mongo;
    private final StarThresholds thresholds;
    private final Clock clock;

    public HourQueries(MongoTemplate mongo, StarThresholds thresholds, Clock clock) {
        this.mongo = mongo;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    public LedgerView ledger(String districtId, String volunteerId) {
        LedgerDocument ledger = Optional.ofNullable(mongo.findById(volunteerId, LedgerDocument.class))
                .filter(found -> found.districtId.equals(districtId)).orElseGet(() -> {
                    LedgerDocument empty = new LedgerDocument();
                    empty.volunteerId = volunteerId;
                    empty.districtId = districtId;
                    return empty;
                });
        List<Integer> inForce = thresholds.of(districtId);
        Integer next = inForce.stream().filter(hours -> hours * 2 > ledger.totalHalfHours()).findFirst().orElse(null);
        return new LedgerView(volunteerId, districtId, hours(ledger.creditHalfHours), hours(ledger.honourHalfHours),
                hours(ledger.totalHalfHours()), ledger.totalHalfHours(), ledger.stars, next, inForce,
                ledger.starHistory, ledger.lastServedAt, ledger.version);
    }

    public Page<EntryView> entries(String districtId, String volunteerId, Kind kind, int page, int size) {
        Criteria criteria = Criteria.where("volunteerId").is(volunteerId).and("districtId").is(districtId);
        if (kind != null) {
            criteria = criteria.and("kind").is(kind);
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, EntryDocument.class);
        query.with(Sort.by(Sort.Order.desc("date"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
        return new Page<>(mongo.find(query, EntryDocument.class).stream().map(EntryView::of).toList(), page, size,
                total);
    }

    public Optional<EntryView> grant(String districtId, String volunteerId, String grantId) {
        return Optional.ofNullable(mongo.findById(HourProjection.grantEntryId(grantId), EntryDocument.class))
                .filter(entry -> entry.districtId.equals(districtId) && entry.volunteerId.equals(volunteerId))
                .map(EntryView::of);
    }

    public List<EntryView> honour(String districtId, String volunteerId) {
        return mongo.find(Query.query(Criteria.where("volunteerId").is(volunteerId).and("districtId").is(districtId)
                        .and("kind").is(Kind.HONOUR)).with(Sort.by("grantedAt", "_id")), EntryDocument.class)
                .stream().map(EntryView::of).toList();
    }

    /** All of a volunteer's entries between two days (inclusive, either may be null), grouped for a certificate. */
    public ServiceRecord serviceRecord(String districtId, String volunteerId, String maskedName, boolean erased,
                                       LocalDate from, LocalDate to, Period period) {
        List<EntryDocument> entries = between(mongo.find(Query.query(Criteria.where("volunteerId").is(volunteerId)
                .and("districtId").is(districtId)), EntryDocument.class), from, to);
        entries.sort(Comparator.comparing((EntryDocument entry) -> entry.date).thenComparing(entry -> entry.entryId));
        List<EntryDocument> counted = entries.stream().filter(entry -> !entry.revoked).toList();
        return new ServiceRecord(volunteerId, districtId, maskedName, erased, from, to, period.name(),
                ledger(districtId, volunteerId).stars(), totals(counted),
                buckets(counted, entry -> period.of(entry.date)),
                buckets(counted, entry -> entry.platform == null ? "NONE" : entry.platform.name()),
                buckets(counted, entry -> entry.source),
                entries.stream().filter(entry -> entry.kind == Kind.CREDIT).map(EntryView::of).toList(),
                entries.stream().filter(entry -> entry.kind == Kind.HONOUR).map(EntryView::of).toList(),
                clock.instant());
    }

    /**
     * The district's hours, including those of erased volunteers. With {@code units} (an admin's subtree) only
     * credits served at those units count; honour hours have no unit and count district-wide only. The entries are
     * streamed (only the fields summed), so memory stays flat however many there are; district-wide reporting at
     * scale is reporting-service's, from the published events.
     */
    public HourTotals totals(String districtId, String scopeUnitId, Collection<String> units, LocalDate from,
                             LocalDate to, Period period) {
        Criteria criteria = Criteria.where("districtId").is(districtId).and("revoked").is(false);
        if (from != null || to != null) {
            Criteria dates = Criteria.where("date");
            if (from != null) {
                dates = dates.gte(from.toString());
            }
            if (to != null) {
                dates = dates.lte(to.toString());
            }
            criteria = new Criteria().andOperator(criteria, dates);
        }
        Query query = Query.query(criteria);
        query.fields().include("kind", "volunteerId", "halfHours", "date", "platform", "source", "unitId");
        Sums byPeriod = new Sums();
        Sums byPlatform = new Sums();
        Sums bySource = new Sums();
        java.util.Set<String> volunteers = new java.util.HashSet<>();
        int[] total = new int[2];
        try (java.util.stream.Stream<EntryDocument> entries = mongo.stream(query, EntryDocument.class)) {
            entries.filter(entry -> units == null || entry.unitId != null && units.contains(entry.unitId))
                    .forEach(entry -> {
                        volunteers.add(entry.volunteerId);
                        total[entry.kind == Kind.CREDIT ? 0 : 1] += entry.halfHours;
                        byPeriod.add(period.of(entry.date), entry);
                        byPlatform.add(entry.platform == null ? "NONE" : entry.platform.name(), entry);
                        bySource.add(entry.source, entry);
                    });
        }
        return new HourTotals(districtId, scopeUnitId, from, to, period.name(), volunteers.size(),
                Totals.of(total[0], total[1]), byPeriod.buckets(), byPlatform.buckets(), bySource.buckets());
    }

    /** Half-hours per key: credit, honour, entries. */
    private static final class Sums {
        private final TreeMap<String, int[]> sums = new TreeMap<>();

        void add(String key, EntryDocument entry) {
            int[] sum = sums.computeIfAbsent(key, k -> new int[3]);
            sum[entry.kind == Kind.CREDIT ? 0 : 1] += entry.halfHours;
            sum[2]++;
        }

        List<Bucket> buckets() {
            return sums.entrySet().stream().map(bucket -> new Bucket(bucket.getKey(), hours(bucket.getValue()[0]),
                    hours(bucket.getValue()[1]), hours(bucket.getValue()[0] + bucket.getValue()[1]),
                    bucket.getValue()[2])).toList();
        }
    }

    private static List<EntryDocument> between(List<EntryDocument> entries, LocalDate from, LocalDate to) {
        List<EntryDocument> kept = new ArrayList<>();
        for (EntryDocument entry : entries) {
            if ((from == null || entry.date.compareTo(from.toString()) >= 0)
                    && (to == null || entry.date.compareTo(to.toString()) <= 0)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    private static Totals totals(List<EntryDocument> entries) {
        int credit = entries.stream().filter(entry -> entry.kind == Kind.CREDIT).mapToInt(entry -> entry.halfHours).sum();
        int honour = entries.stream().filter(entry -> entry.kind == Kind.HONOUR).mapToInt(entry -> entry.halfHours).sum();
        return Totals.of(credit, honour);
    }

    private static List<Bucket> buckets(List<EntryDocument> entries, Function<EntryDocument, String> key) {
        Sums sums = new Sums();
        entries.forEach(entry -> sums.add(key.apply(entry), entry));
        return sums.buckets();
    }
}
