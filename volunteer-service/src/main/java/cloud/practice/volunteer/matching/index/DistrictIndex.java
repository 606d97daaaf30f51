package cloud.practice.volunteer.matching.index;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.matching.Candidate;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The volunteers of one district, held as parallel primitive arrays (one slot per volunteer, never reused; ~150
 * bytes each) plus a grid of ~1 km cells that lists, per service platform, the slots living in the cell with that
 * skill, sorted by an upper bound of their score apart from distance (skill, rating, team-if-any, full fairness).
 *
 * <p>A query ranks exactly: it pops cells from a max-heap keyed by the distance score at the cell's nearest edge plus
 * its best member bound, walks each cell's members while their bound can still reach the k-th best score, and stops
 * when the next cell's bound cannot. The brute-force scan ({@link #scan}) runs the same filters and arithmetic over
 * every slot, so both give equal lists.
 *
 * <p>Readers share a fair read lock; writers take the write lock briefly and should batch ({@link #upsertAll}).
 * A query's pieces live beside it: the resolved query ({@link Probe}), the running top list ({@link TopK}), the grid
 * cells ({@link Cell}) and the interned weekly patterns' key ({@link PatternKey}).
 */
final class DistrictIndex {

    /** Grid cell size in degrees: ~1.1 km north-south, ~1 km east-west at Chongqing's latitude. */
    static final double CELL_DEGREES = 0.01;
    static final int PLATFORMS = ServicePlatform.values().length;
    private static final byte ACTIVE = 1;
    private static final byte CONSENT = 2;
    private static final long NO_TIME = Long.MIN_VALUE;
    /** Slack for bounds: they are summed in another order than scores (cells add their own for rounded edges). */
    private static final double BOUND_SLACK = 1e-9;

    final String districtId;
    private final Scoring scoring;
    private final ZoneId zone;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    private int size;
    /** Ids of the registry's form {@code vol-<uuid>} as two longs (16 bytes instead of ~80 for a String). */
    private long[] idHigh = new long[16];
    private long[] idLow = new long[16];
    /** Sparse: any other id as it is, or null when the id is compact. */
    private String[] otherIds = new String[16];
    private int[] table = new int[32];
    private float[] lat = new float[16];
    private float[] lon = new float[16];
    private int[] homeUnit = new int[16];
    /** 3 bits per platform (level 0-5), by ordinal. */
    private int[] skills = new int[16];
    private int[] pattern = new int[16];
    private byte[] flags = new byte[16];
    private int[] cellOf = new int[16];
    private long[] version = new long[16];
    private float[] ratingSum = new float[16];
    private int[] ratingCount = new int[16];
    /** Sparse: epoch days away (sorted), or null. */
    private int[][] awayDays = new int[16][];
    /** Sparse: groups of 4 longs (from, to, acceptedAt in epoch seconds, minutes served), or null. */
    private long[][] engagements = new long[16][];
    /** Sparse: unit codes of the active teams the volunteer belongs to, or null. */
    private int[][] teamUnits = new int[16][];

    private final Map<String, Integer> unitCodes = new HashMap<>();
    private final List<long[]> patterns = new ArrayList<>();
    private final Map<PatternKey, Integer> patternIds = new HashMap<>();
    private final List<Cell> cells = new ArrayList<>();
    private final Map<Long, Integer> cellIds = new HashMap<>();

    DistrictIndex(String districtId, Scoring scoring, ZoneId zone) {
        this.districtId = districtId;
        this.scoring = scoring;
        this.zone = zone;
        cells.add(new Cell(0, 0, true)); // cell 0: volunteers without a location
        internPattern(new long[WeeklyCells.WORDS]);
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- writes

    /** Applies the profiles that are newer than what the index holds; returns how many changed it. */
    int upsertAll(Collection<VolunteerProfile> profiles) {
        lock.writeLock().lock();
        try {
            int changed = 0;
            for (VolunteerProfile profile : profiles) {
                changed += upsertLocked(profile) ? 1 : 0;
            }
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    long version(String volunteerId) {
        lock.readLock().lock();
        try {
            int slot = find(volunteerId);
            return slot < 0 ? -1 : version[slot];
        } finally {
            lock.readLock().unlock();
        }
    }

    private boolean upsertLocked(VolunteerProfile profile) {
        int slot = find(profile.volunteerId());
        if (slot >= 0 && version[slot] >= profile.version()) {
            return false;
        }
        if (slot < 0) {
            slot = add(profile.volunteerId());
        } else {
            leaveCell(slot);
        }
        GeoPoint location = profile.location();
        lat[slot] = location == null ? Float.NaN : (float) location.latitude();
        lon[slot] = location == null ? Float.NaN : (float) location.longitude();
        homeUnit[slot] = unitCode(profile.homeUnitId());
        int packed = 0;
        if (profile.skills() != null) {
            for (Map.Entry<ServicePlatform, Integer> skill : profile.skills().entrySet()) {
                int level = Math.max(0, Math.min(5, skill.getValue()));
                packed |= level << (3 * skill.getKey().ordinal());
            }
        }
        skills[slot] = packed;
        pattern[slot] = internPattern(WeeklyCells.of(profile.availability()));
        awayDays[slot] = profile.unavailableDates() == null || profile.unavailableDates().isEmpty() ? null
                : profile.unavailableDates().stream().mapToInt(day -> (int) day.toEpochDay()).sorted().distinct()
                .toArray();
        flags[slot] = (byte) ((profile.active() ? ACTIVE : 0) | (profile.contactConsent() ? CONSENT : 0));
        version[slot] = profile.version();
        enterCell(slot);
        return true;
    }

    /** Replaces the volunteer's engagements (unknown volunteers are ignored: they have no profile yet). */
    void engagements(String volunteerId, Collection<Engagement> taken) {
        lock.writeLock().lock();
        try {
            int slot = find(volunteerId);
            if (slot < 0) {
                return;
            }
            if (taken == null || taken.isEmpty()) {
                engagements[slot] = null;
                return;
            }
            long[] packed = new long[taken.size() * 4];
            int i = 0;
            for (Engagement engagement : taken) {
                packed[i++] = engagement.from() == null ? NO_TIME : engagement.from().getEpochSecond();
                packed[i++] = engagement.to() == null ? NO_TIME : engagement.to().getEpochSecond();
                packed[i++] = engagement.acceptedAt().getEpochSecond();
                packed[i++] = engagement.minutesServed();
            }
            engagements[slot] = packed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void rating(String volunteerId, double sum, int count) {
        lock.writeLock().lock();
        try {
            int slot = find(volunteerId);
            if (slot >= 0) {
                ratingSum[slot] = (float) sum;
                ratingCount[slot] = count;
                rekey(slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void teamUnits(String volunteerId, Set<String> units) {
        lock.writeLock().lock();
        try {
            int slot = find(volunteerId);
            if (slot >= 0) {
                teamUnits[slot] = units == null || units.isEmpty() ? null
                        : units.stream().mapToInt(this::unitCode).sorted().distinct().toArray();
                rekey(slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int add(String volunteerId) {
        if (size == cellOf.length) {
            grow(cellOf.length + (cellOf.length >> 1) + 16);
        }
        if ((size + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        int slot = size++;
        CompactId compact = CompactId.parse(volunteerId);
        if (compact != null) {
            idHigh[slot] = compact.high();
            idLow[slot] = compact.low();
        } else {
            otherIds[slot] = volunteerId;
        }
        cellOf[slot] = -1;
        place(slot, table);
        return slot;
    }

    private int find(String volunteerId) {
        CompactId compact = CompactId.parse(volunteerId);
        int hash = compact != null ? compact.hash() : mix(volunteerId.hashCode());
        int mask = table.length - 1;
        int at = hash & mask;
        while (table[at] != 0) {
            int slot = table[at] - 1;
            if (compact != null ? otherIds[slot] == null && idHigh[slot] == compact.high()
                    && idLow[slot] == compact.low() : volunteerId.equals(otherIds[slot])) {
                return slot;
            }
            at = (at + 1) & mask;
        }
        return -1;
    }

    private int hashOf(int slot) {
        return otherIds[slot] != null ? mix(otherIds[slot].hashCode()) : CompactId.hash(idHigh[slot], idLow[slot]);
    }

    private void place(int slot, int[] into) {
        int mask = into.length - 1;
        int at = hashOf(slot) & mask;
        while (into[at] != 0) {
            at = (at + 1) & mask;
        }
        into[at] = slot + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int slot = 0; slot < size; slot++) {
            place(slot, table);
        }
    }

    static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The volunteer id of a slot, as given. */
    String id(int slot) {
        return otherIds[slot] != null ? otherIds[slot] : CompactId.format(idHigh[slot], idLow[slot]);
    }

    /** Id order without building strings where both are compact (canonical hex sorts as unsigned numbers). */
    int compareIds(int a, int b) {
        if (otherIds[a] == null && otherIds[b] == null) {
            int high = Long.compareUnsigned(idHigh[a], idHigh[b]);
            return high != 0 ? high : Long.compareUnsigned(idLow[a], idLow[b]);
        }
        return id(a).compareTo(id(b));
    }

    /** Sizes the arrays for {@code expected} volunteers at once (a rebuild knows the count). */
    void reserve(int expected) {
        lock.writeLock().lock();
        try {
            if (expected > cellOf.length) {
                grow(expected);
            }
            int capacity = table.length;
            while (capacity < expected * 2) {
                capacity *= 2;
            }
            if (capacity != table.length) {
                rehash(capacity);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void grow(int capacity) {
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        otherIds = Arrays.copyOf(otherIds, capacity);
        lat = Arrays.copyOf(lat, capacity);
        lon = Arrays.copyOf(lon, capacity);
        homeUnit = Arrays.copyOf(homeUnit, capacity);
        skills = Arrays.copyOf(skills, capacity);
        pattern = Arrays.copyOf(pattern, capacity);
        flags = Arrays.copyOf(flags, capacity);
        cellOf = Arrays.copyOf(cellOf, capacity);
        version = Arrays.copyOf(version, capacity);
        ratingSum = Arrays.copyOf(ratingSum, capacity);
        ratingCount = Arrays.copyOf(ratingCount, capacity);
        awayDays = Arrays.copyOf(awayDays, capacity);
        engagements = Arrays.copyOf(engagements, capacity);
        teamUnits = Arrays.copyOf(teamUnits, capacity);
    }

    private int unitCode(String unitId) {
        return unitId == null ? -1 : unitCodes.computeIfAbsent(unitId, id -> unitCodes.size());
    }

    private int internPattern(long[] cells) {
        return patternIds.computeIfAbsent(new PatternKey(cells), key -> {
            patterns.add(cells);
            return patterns.size() - 1;
        });
    }

    private void enterCell(int slot) {
        int cellId;
        if (Float.isNaN(lat[slot]) || Float.isNaN(lon[slot])) {
            cellId = 0;
        } else {
            int cx = (int) Math.floor(lon[slot] / CELL_DEGREES);
            int cy = (int) Math.floor(lat[slot] / CELL_DEGREES);
            cellId = cellIds.computeIfAbsent(key(cx, cy), key -> {
                cells.add(new Cell(cx, cy, false));
                return cells.size() - 1;
            });
        }
        cellOf[slot] = cellId;
        Cell cell = cells.get(cellId);
        for (int platform = 0; platform < PLATFORMS; platform++) {
            if (level(slot, platform) > 0) {
                cell.add(platform, slot, staticBound(slot, platform));
            }
        }
    }

    private void leaveCell(int slot) {
        if (cellOf[slot] < 0) {
            return;
        }
        Cell cell = cells.get(cellOf[slot]);
        for (int platform = 0; platform < PLATFORMS; platform++) {
            if (level(slot, platform) > 0) {
                cell.remove(platform, slot);
            }
        }
        cellOf[slot] = -1;
    }

    /** Re-sorts the slot in its cell's lists after its rating or teams changed. */
    private void rekey(int slot) {
        if (cellOf[slot] >= 0) {
            leaveCell(slot);
            enterCell(slot);
        }
    }

    /**
     * The most the slot can score on the platform apart from distance: its skill and rating, the team score if it
     * is in any team, the full fairness score (load only falls as the window rolls). Rounded up to a float.
     */
    private float staticBound(int slot, int platform) {
        double bound = scoring.skill(level(slot, platform)) + scoring.rating(ratingSum[slot], ratingCount[slot])
                + scoring.team(teamUnits[slot] != null) + scoring.weights().fairness();
        float rounded = (float) bound;
        return rounded < bound ? Math.nextUp(rounded) : rounded;
    }

    private int level(int slot, int platform) {
        return (skills[slot] >>> (3 * platform)) & 7;
    }

    private static long key(int cx, int cy) {
        return ((long) cx << 32) | (cy & 0xffffffffL);
    }

    // ---------------------------------------------------------------- reads

    /** The best {@code limit} candidates, exactly as {@link #scan} ranks them. */
    List<Candidate> top(MatchQuery query) {
        lock.readLock().lock();
        try {
            Probe probe = probe(query);
            int platform = query.platform().ordinal();
            List<Cell> reachable = reachableCells(probe);
            int n = 0;
            double[] bounds = new double[reachable.size()];
            double[] nearest = new double[reachable.size()];
            Cell[] order = new Cell[reachable.size()];
            for (Cell cell : reachable) {
                if (cell.counts[platform] == 0) {
                    continue;
                }
                double minKm = cell.nowhere || !probe.hasLocation ? Double.NaN : cell.minKm(probe);
                if (probe.reach == Reach.RADIUS && !(minKm <= probe.radiusKm)) {
                    continue;
                }
                nearest[n] = scoring.distance(minKm, probe.radiusKm);
                bounds[n] = nearest[n] + cell.keys[platform][0] + BOUND_SLACK;
                order[n++] = cell;
            }
            // A max-heap of cells by bound: usually only the first few are ever popped.
            int[] heap = new int[n];
            for (int i = 0; i < n; i++) {
                heap[i] = i;
            }
            for (int i = n / 2 - 1; i >= 0; i--) {
                siftDown(heap, n, i, bounds);
            }
            TopK best = new TopK(query.limit(), this);
            for (int left = n; left > 0; left--) {
                int i = heap[0];
                heap[0] = heap[left - 1];
                siftDown(heap, left - 1, 0, bounds);
                if (best.full() && bounds[i] < best.worstScore()) {
                    break; // nothing left can beat (or tie) the k-th best
                }
                Cell cell = order[i];
                int[] members = cell.members[platform];
                float[] keys = cell.keys[platform];
                double distanceBound = nearest[i] + BOUND_SLACK;
                for (int m = 0, count = cell.counts[platform]; m < count; m++) {
                    if (best.full() && distanceBound + keys[m] < best.worstScore()) {
                        break; // members are sorted by their bound: the rest of the cell cannot make it
                    }
                    offer(members[m], probe, best);
                }
            }
            return candidates(best, probe);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Brute force: every slot through the same filters and score. The reference the index must equal. */
    List<Candidate> scan(MatchQuery query) {
        lock.readLock().lock();
        try {
            Probe probe = probe(query);
            TopK best = new TopK(query.limit(), this);
            for (int slot = 0; slot < size; slot++) {
                offer(slot, probe, best);
            }
            return candidates(best, probe);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Probe probe(MatchQuery query) {
        return new Probe(query, unitCodes, zone, scoring.weights().loadWindow());
    }

    /** The top list as candidates, each score taken apart into its components. */
    private List<Candidate> candidates(TopK best, Probe probe) {
        List<Candidate> result = new ArrayList<>(best.count);
        double[] parts = new double[5];
        for (int i = 0; i < best.count; i++) {
            int slot = best.slots[i];
            double km = best.kms[i];
            probe.km = km;
            double score = score(slot, probe, parts);
            result.add(new Candidate(id(slot), score, Double.isNaN(km) ? -1 : km, parts[0], parts[1], parts[2],
                    parts[3], parts[4]));
        }
        return result;
    }

    private static void siftDown(int[] heap, int size, int at, double[] bounds) {
        while (true) {
            int largest = at;
            int left = 2 * at + 1;
            int right = left + 1;
            if (left < size && bounds[heap[left]] > bounds[heap[largest]]) {
                largest = left;
            }
            if (right < size && bounds[heap[right]] > bounds[heap[largest]]) {
                largest = right;
            }
            if (largest == at) {
                return;
            }
            int swap = heap[at];
            heap[at] = heap[largest];
            heap[largest] = swap;
            at = largest;
        }
    }

    private List<Cell> reachableCells(Probe probe) {
        if (probe.reach != Reach.RADIUS) {
            return cells;
        }
        double latSpan = probe.radiusKm / Scoring.KM_PER_DEGREE;
        double lonSpan = latSpan / Math.max(probe.cosLat, 1e-6);
        int cy0 = (int) Math.floor((probe.lat - latSpan) / CELL_DEGREES) - 1;
        int cy1 = (int) Math.floor((probe.lat + latSpan) / CELL_DEGREES) + 1;
        int cx0 = (int) Math.floor((probe.lon - lonSpan) / CELL_DEGREES) - 1;
        int cx1 = (int) Math.floor((probe.lon + lonSpan) / CELL_DEGREES) + 1;
        if ((long) (cy1 - cy0 + 1) * (cx1 - cx0 + 1) > cells.size()) {
            return cells;
        }
        List<Cell> found = new ArrayList<>();
        for (int cy = cy0; cy <= cy1; cy++) {
            for (int cx = cx0; cx <= cx1; cx++) {
                Integer id = cellIds.get(key(cx, cy));
                if (id != null) {
                    found.add(cells.get(id));
                }
            }
        }
        return found;
    }

    /** Filters then scores one slot; offers it to the top list when it qualifies. */
    private void offer(int slot, Probe probe, TopK best) {
        if (!qualifies(slot, probe)) {
            return;
        }
        double score = score(slot, probe, null);
        best.offer(slot, score, probe.km);
    }

    /** All filters; leaves the slot's distance in {@code probe.km} (NaN when unknown). */
    private boolean qualifies(int slot, Probe probe) {
        if ((flags[slot] & (ACTIVE | CONSENT)) != (ACTIVE | CONSENT)) {
            return false;
        }
        if (level(slot, probe.platform) < probe.minLevel) {
            return false;
        }
        probe.km = Float.isNaN(lat[slot]) || !probe.hasLocation ? Double.NaN
                : Scoring.distanceKm(probe.lat, probe.lon, probe.cosLat, lat[slot], lon[slot]);
        if (probe.reach == Reach.RADIUS ? !(probe.km <= probe.radiusKm)
                : homeUnit[slot] < 0 || !probe.reachUnits.get(homeUnit[slot])) {
            return false;
        }
        return !probe.hasWindow || available(slot, probe);
    }

    private boolean available(int slot, Probe probe) {
        if (!WeeklyCells.covers(patterns.get(pattern[slot]), probe.neededCells)) {
            return false;
        }
        int[] away = awayDays[slot];
        if (away != null) {
            for (int day : probe.days) {
                if (Arrays.binarySearch(away, day) >= 0) {
                    return false;
                }
            }
        }
        long[] taken = engagements[slot];
        if (taken != null) {
            for (int i = 0; i < taken.length; i += 4) {
                if (taken[i] != NO_TIME && taken[i + 1] != NO_TIME
                        && taken[i] < probe.toSecond && taken[i + 1] > probe.fromSecond) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The score of a qualified slot ({@code probe.km} set); fills {@code parts} when given. */
    private double score(int slot, Probe probe, double[] parts) {
        int recent = 0;
        double hours = 0;
        long[] taken = engagements[slot];
        if (taken != null) {
            for (int i = 0; i < taken.length; i += 4) {
                if (taken[i + 2] > probe.loadFromSecond && taken[i + 2] <= probe.nowSecond) {
                    recent++;
                    hours += taken[i + 3] / 60.0;
                }
            }
        }
        double distance = scoring.distance(probe.km, probe.radiusKm);
        double skill = scoring.skill(level(slot, probe.platform));
        double fairness = scoring.fairness(recent, hours);
        double rating = scoring.rating(ratingSum[slot], ratingCount[slot]);
        double team = scoring.team(inTeamOfUnits(slot, probe));
        if (parts != null) {
            parts[0] = distance;
            parts[1] = skill;
            parts[2] = fairness;
            parts[3] = rating;
            parts[4] = team;
        }
        return Scoring.total(distance, skill, fairness, rating, team);
    }

    private boolean inTeamOfUnits(int slot, Probe probe) {
        int[] units = teamUnits[slot];
        if (units == null) {
            return false;
        }
        for (int unit : units) {
            if (probe.teamUnits.get(unit)) {
                return true;
            }
        }
        return false;
    }
}
