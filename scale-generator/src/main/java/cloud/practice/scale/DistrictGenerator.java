package cloud.practice.scale;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.CommunityGridsDefined;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.matching.Candidate;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestLocationFlagged;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.events.request.Stage;
import cloud.practice.events.request.VisitStage;
import cloud.practice.events.volunteer.HourSource;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.scale.CityPlan.DistrictPlan;
import cloud.practice.support.privacy.Masking;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One district's history as a discrete-event simulation, streamed in time order: first its tree (center, nine
 * sub-centers, institutes, stations, every community's grids) and its menu, then day by day the volunteers who
 * registered, the requests submitted and every later step of each, and the stations' activities, each event emitted
 * when its moment comes. Only what is in flight is held (the open requests of the last days and the activities not
 * yet closed, a few thousand); everything else is derived from the seed when needed (volunteer ids from their
 * number), so a district of 150,000 volunteers and 1,000,000 requests runs in a small heap.
 *
 * <p>Causality holds because events are emitted in time order and choices only look back: a volunteer is named only
 * once registered (volunteers are numbered in registration order, so "registered so far" is a count), a unit exists
 * from the district's first moment, a request's later steps follow its earlier ones. Events after {@code until} are
 * never emitted: what is still in flight then stays open, in whatever state it reached.
 *
 * <p>Each request draws all its choices from a random stream of its own (seed, district, request number), so its fate
 * does not depend on what other requests drew; every draw uses {@link StrictMath}, so the stream is the same on every
 * JVM.
 */
final class DistrictGenerator {

    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** The services' default SLA per stage (request-service's menu defaults). */
    static final long REVIEW_SLA = 2 * HOUR;
    static final long DISPATCH_SLA = 4 * HOUR;
    static final long ACCEPT_SLA = 8 * HOUR;
    static final long COMPLETE_SLA = 3 * DAY;
    /** How far from the request's location a visit may be reported before it is flagged (request-service default). */
    static final int LOCATION_LIMIT_METERS = 500;

    /** The share of the roster brought in at once on the district's first day (the old system's export). */
    static final double LAUNCH_ROSTER = 0.25;

    /** Requests by hour of day (local time): few at night, a morning peak, a second one after lunch. */
    static final double[] REQUEST_HOURS = {1, 0.5, 0.3, 0.3, 0.3, 0.5, 1.5, 4, 8, 10, 10, 9, 6, 6, 8, 9, 9, 8, 6, 5,
            4, 3, 2, 1.5};
    /** Registrations and publications: office hours. */
    static final double[] OFFICE_HOURS = {0, 0, 0, 0, 0, 0, 0, 0.5, 4, 10, 10, 8, 3, 3, 8, 10, 10, 8, 3, 1, 0.5, 0.3,
            0, 0};
    /**
     * Demand by month: fewer requests over the Spring Festival, most in March (学雷锋月, the volunteers' month),
     * a dip in the summer holidays and the National Day week.
     */
    static final double[] SEASON = {0.85, 0.6, 1.3, 1.0, 1.0, 1.0, 0.9, 0.9, 1.05, 0.95, 1.0, 1.1};
    /** Ratings 1..5: most requesters are satisfied. */
    static final double[] RATING_CUMULATIVE = cumulative(new double[]{0.02, 0.04, 0.08, 0.24, 0.62});

    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡",
            "郭", "何", "罗", "高", "林"};
    static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
            "超", "霞", "平", "刚"};
    static final String[] PLACE = {"杨", "家", "坪", "黄", "桷", "谢", "湾", "石", "桥", "铺", "龙", "华", "岩", "西", "彭",
            "陶", "走", "马", "双", "凤", "白", "市", "驿", "金", "山", "溪", "河", "新", "兴", "安"};
    static final String[] SUB_CENTERS = {"理论宣讲", "教育服务", "文化服务", "科技科普", "卫生健康", "法律服务", "关爱帮扶",
            "文明创建", "融媒体"};
    static final Channel[] CHANNELS = {Channel.APP, Channel.GRID_WORKER, Channel.PHONE, Channel.PC, Channel.KIOSK,
            Channel.TV, Channel.INTEGRATION};
    static final double[] CHANNEL_CUMULATIVE = cumulative(new double[]{45, 20, 12, 8, 6, 4, 5});

    /** The district's menu: two items per platform, with how often each is ordered. */
    record MenuItem(String id, String name, ServicePlatform platform, int minimumSkillLevel, int expectedMinutes,
                    int peopleNeeded, double demand) {
    }

    static final MenuItem[] MENU = {
            new MenuItem("THEORY-TALK", "理论宣讲进社区", ServicePlatform.THEORY_LECTURES, 2, 90, 1, 0.4),
            new MenuItem("THEORY-POLICY", "惠民政策解读", ServicePlatform.THEORY_LECTURES, 2, 60, 1, 0.3),
            new MenuItem("HOMEWORK-HELP", "课业辅导", ServicePlatform.EDUCATION, 2, 90, 1, 1.2),
            new MenuItem("EDU-PARENTING", "家庭教育讲座", ServicePlatform.EDUCATION, 3, 120, 1, 0.4),
            new MenuItem("CULTURE-SHOW", "文艺演出", ServicePlatform.CULTURE, 2, 120, 3, 0.5),
            new MenuItem("CULTURE-READING", "阅读推广", ServicePlatform.CULTURE, 1, 90, 1, 0.5),
            new MenuItem("SCIENCE-CLASS", "科普课堂", ServicePlatform.SCIENCE, 2, 90, 1, 0.5),
            new MenuItem("SCIENCE-PHONE", "智能手机教学", ServicePlatform.SCIENCE, 1, 60, 1, 0.9),
            new MenuItem("HEALTH-CHECK", "健康义诊", ServicePlatform.HEALTH_SPORTS, 3, 120, 2, 1.4),
            new MenuItem("HEALTH-FITNESS", "健身指导", ServicePlatform.HEALTH_SPORTS, 2, 60, 1, 0.5),
            new MenuItem("LEGAL-ADVICE", "法律咨询", ServicePlatform.LEGAL, 3, 60, 1, 1.0),
            new MenuItem("LEGAL-MEDIATION", "邻里纠纷调解", ServicePlatform.LEGAL, 3, 90, 1, 0.6),
            new MenuItem("CARE-ESCORT", "就医陪护", ServicePlatform.CARE, 2, 180, 1, 2.2),
            new MenuItem("CARE-SHOPPING", "代买代办", ServicePlatform.CARE, 1, 60, 1, 2.4),
            new MenuItem("CIVIL-CLEANUP", "环境卫生整治", ServicePlatform.CIVILIZATION, 1, 120, 3, 0.8),
            new MenuItem("CIVIL-TRAFFIC", "文明交通劝导", ServicePlatform.CIVILIZATION, 1, 120, 2, 0.5),
            new MenuItem("MEDIA-TRAINING", "新媒体技能培训", ServicePlatform.ALL_MEDIA, 3, 90, 1, 0.3),
            new MenuItem("MEDIA-RECORD", "活动拍摄记录", ServicePlatform.ALL_MEDIA, 3, 120, 1, 0.2)};

    /** Streams of the district's seed: each kind of choice draws from its own. */
    private static final long TREE = 1, DAYS = 2, VOLUNTEER = 3, VOLUNTEER_ID = 4, REQUEST = 5, REQUEST_ID = 6,
            ACTIVITY = 7, ACTIVITY_ID = 8, MESSAGE_IDS = 9;

    /** A unit of the tree; {@code seq} is its aggregate's next sequence number. */
    static final class Unit {
        final String id;
        final String code;
        final String name;
        final OrgTier tier;
        final Unit parent;
        final double lat;
        final double lon;
        /** A station's community; null for the other tiers. */
        final String community;
        /** A station's position in the district's list of stations. */
        int position = -1;
        int seq;

        Unit(String id, String code, String name, OrgTier tier, Unit parent, double lat, double lon, String community) {
            this.id = id;
            this.code = code;
            this.name = name;
            this.tier = tier;
            this.parent = parent;
            this.lat = lat;
            this.lon = lon;
            this.community = community;
        }
    }

    private final DistrictPlan plan;
    private final EventWriter out;
    private final DistrictTally tally;
    private final String district;
    private final long seed;
    private final ZoneId zone;
    private final LocalDate firstDay;
    private final LocalDate until;
    private final double activitiesPerStationMonth;

    private Unit center;
    private final List<Unit> subCenters = new ArrayList<>();
    private final List<Unit> institutes = new ArrayList<>();
    private final List<Unit> stations = new ArrayList<>();
    /** Volunteer n's home is station {@code stationOrder[n % stations]}; {@code stationRank} is its inverse. */
    private int[] stationOrder;
    private int[] stationRank;
    private double[] menuCumulative;
    private double baseLat;
    private double baseLon;

    /** Volunteers registered so far: numbers 0 .. registered-1. */
    private int registered;
    /** Next sequence number of each volunteer's hour ledger ({@code hours-<volunteerId>}). */
    private final int[] ledgerSeq;

    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private long order;

    DistrictGenerator(ScaleOptions options, DistrictPlan plan, EventWriter out, DistrictTally tally) {
        this.plan = plan;
        this.out = out;
        this.tally = tally;
        this.district = plan.districtId();
        this.seed = mix(options.seed(), 0x5CA1E, plan.index());
        this.zone = options.zone();
        this.until = options.until();
        this.firstDay = until.minusYears(options.years());
        this.activitiesPerStationMonth = options.activitiesPerStationMonth();
        this.ledgerSeq = new int[plan.volunteers()];
        out.startDistrict(tally, mix(seed, MESSAGE_IDS, 0));
    }

    void run() {
        SplittableRandom random = new SplittableRandom(mix(seed, TREE, 0));
        long at = startOfDay(firstDay) + 8 * HOUR;
        at = tree(random, at);
        menu(at);
        simulate();
    }

    // ------------------------------------------------------------------------------------------------ the tree

    /** The tree as hierarchy-service would publish an import of it: parents first, then the grids. */
    private long tree(SplittableRandom random, long at) {
        // Somewhere in Chongqing's municipality.
        baseLat = 28.6 + random.nextDouble() * 2.6;
        baseLon = 105.6 + random.nextDouble() * 4.0;
        String code = district.substring(district.indexOf('-') + 1).toUpperCase(Locale.ROOT);
        code = code.length() > 12 ? code.substring(0, 12) : code;
        String districtName = placeName(random) + "区";
        center = new Unit("center", code, districtName + "新时代文明实践中心", OrgTier.CENTER, null, round(baseLat),
                round(baseLon), null);
        at = established(center, Set.of(), List.of(), at);
        for (int c = 0; c < SUB_CENTERS.length; c++) {
            Unit subCenter = new Unit("sc-" + (c + 1), code + "-SC" + (c + 1), SUB_CENTERS[c] + "分中心",
                    OrgTier.SUB_CENTER, center, round(baseLat + jitter(random, 0.02)),
                    round(baseLon + jitter(random, 0.02)), null);
            subCenters.add(subCenter);
            at = established(subCenter, EnumSet.of(ServicePlatform.values()[c]), List.of(), at);
        }
        int[] perInstitute = stationsPerInstitute(random);
        // Community names are keys (grids, coverage): towns, and so their communities, are named once per district.
        Set<String> towns = new java.util.HashSet<>();
        for (int i = 0; i < plan.institutes(); i++) {
            String town;
            int tries = 0;
            do {
                town = placeName(random) + (++tries > 20 ? String.valueOf(i + 1) : "")
                        + (random.nextInt(3) == 0 ? "镇" : "街道");
            } while (!towns.add(town));
            double lat = baseLat + jitter(random, 0.15), lon = baseLon + jitter(random, 0.18);
            // The institute declares its town's communities: one per station, and now and then one still without.
            List<String> communities = new ArrayList<>();
            int count = perInstitute[i] + (random.nextInt(4) == 0 ? 1 : 0);
            for (int s = 1; s <= count; s++) {
                communities.add(town + "第" + s + "社区");
            }
            Unit institute = new Unit("i-" + (i + 1), code + "-I" + (i + 1), town + "新时代文明实践所",
                    OrgTier.INSTITUTE, center, round(lat), round(lon), null);
            institutes.add(institute);
            at = established(institute, Set.of(), communities, at);
            for (int s = 1; s <= perInstitute[i]; s++) {
                String community = communities.get(s - 1);
                Unit station = new Unit("s-" + (i + 1) + "-" + s, code + "-" + (i + 1) + "-" + s,
                        community + "新时代文明实践站", OrgTier.STATION, institute, round(lat + jitter(random, 0.03)),
                        round(lon + jitter(random, 0.03)), community);
                station.position = stations.size();
                stations.add(station);
                at = established(station, Set.of(), List.of(community), at);
            }
            for (String community : communities) {
                int grids = 4 + random.nextInt(5);
                List<String> names = new ArrayList<>(grids);
                for (int g = 1; g <= grids; g++) {
                    names.add(community + "第" + g + "网格");
                }
                out.emit("OrgUnit", institute.id, institute.seq++, new CommunityGridsDefined(institute.id, district,
                        community, names, firstDay), at);
                at += 50;
                tally.communities++;
                tally.grids += grids;
            }
        }
        stationOrder = new int[stations.size()];
        for (int s = 0; s < stationOrder.length; s++) {
            stationOrder[s] = s;
        }
        for (int s = stationOrder.length - 1; s > 0; s--) {
            int other = random.nextInt(s + 1);
            int swap = stationOrder[s];
            stationOrder[s] = stationOrder[other];
            stationOrder[other] = swap;
        }
        stationRank = new int[stationOrder.length];
        for (int rank = 0; rank < stationOrder.length; rank++) {
            stationRank[stationOrder[rank]] = rank;
        }
        return at;
    }

    /** The district's stations shared out over its institutes, unevenly (towns differ), at least one each. */
    private int[] stationsPerInstitute(SplittableRandom random) {
        double[] weights = new double[plan.institutes()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5 + random.nextDouble();
        }
        return CityPlan.shares(plan.stations(), weights, 1);
    }

    private long established(Unit unit, Set<ServicePlatform> platforms, List<String> communities, long at) {
        out.emit("OrgUnit", unit.id, unit.seq++, new OrgUnitEstablished(unit.id, district, unit.code, unit.name,
                unit.tier, unit.parent == null ? null : unit.parent.id, null, null, new GeoPoint(unit.lat, unit.lon),
                platforms, communities, firstDay), at);
        tally.unitsByTier.merge(unit.tier.name(), 1, Integer::sum);
        return at + 50;
    }

    private void menu(long at) {
        menuCumulative = new double[MENU.length];
        double sum = 0;
        for (int i = 0; i < MENU.length; i++) {
            MenuItem item = MENU[i];
            sum += item.demand();
            menuCumulative[i] = sum;
            Unit offering = subCenters.get(item.platform().ordinal());
            out.emit("MenuItem", item.id(), 0, new MenuItemPublished(item.id(), district, item.id(), item.name(),
                    item.platform(), item.minimumSkillLevel(), item.expectedMinutes(), item.peopleNeeded(),
                    List.of(offering.id)), at);
            at += 50;
            tally.menuItems++;
        }
    }

    // ------------------------------------------------------------------------------------------------ the days

    /** Something due at {@code at}; ties in the order they were scheduled, so the stream is the same every run. */
    private record Pending(long at, long order, Process process) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    /** A thing that happens in steps: each step emits its events and answers when the next one is due. */
    private abstract static class Process {
        static final long DONE = Long.MIN_VALUE;

        abstract long step(long now);
    }

    private void schedule(Process process, long at) {
        if (at != Process.DONE) {
            queue.add(new Pending(at, order++, process));
        }
    }

    private void simulate() {
        int days = (int) (until.toEpochDay() - firstDay.toEpochDay());
        double[] requestWeights = new double[days];
        double[] volunteerWeights = new double[days];
        double[] activityWeights = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            double season = SEASON[day.getMonthValue() - 1];
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            // Requests grow as the platform is adopted (a third of the last year's rate at the start); none on the
            // first day, while the roster is being brought in.
            requestWeights[d] = d == 0 ? 0 : (0.35 + 0.65 * d / days) * season * (weekend ? 0.75 : 1.0);
            volunteerWeights[d] = d == 0 ? 0 : season * (weekend ? 0.4 : 1.0)
                    * (day.getMonthValue() == 12 && day.getDayOfMonth() == 5 ? 8 : 1); // 国际志愿者日
            activityWeights[d] = d == 0 ? 0 : season * (weekend ? 0.6 : 1.0);
        }
        // At least one, so that the first requests (from the second day) find someone.
        int launchRoster = Math.max(1, (int) Math.round(plan.volunteers() * LAUNCH_ROSTER));
        long activityTotal = Math.round(stations.size() * activitiesPerStationMonth * days * 12.0 / 365.25);
        Allocation requests = new Allocation(plan.requests(), requestWeights);
        Allocation volunteers = new Allocation(plan.volunteers() - launchRoster, volunteerWeights);
        Allocation activities = new Allocation(activityTotal, activityWeights);
        int nextVolunteer = 0, nextRequest = 0, nextActivity = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            long dayStart = startOfDay(day);
            long dayEnd = startOfDay(day.plusDays(1));
            SplittableRandom random = new SplittableRandom(mix(seed, DAYS, d));
            int newVolunteers = (int) volunteers.count(d) + (d == 0 ? launchRoster : 0);
            if (newVolunteers > 0) {
                long[] times = d == 0 ? launchImport(dayStart, newVolunteers) : times(random, dayStart, newVolunteers,
                        OFFICE_HOURS);
                schedule(new Registrations(nextVolunteer, times), times[0]);
                nextVolunteer += newVolunteers;
            }
            int newRequests = (int) requests.count(d);
            if (newRequests > 0) {
                long[] times = times(random, dayStart, newRequests, REQUEST_HOURS);
                schedule(new Submissions(nextRequest, times), times[0]);
                nextRequest += newRequests;
            }
            int newActivities = (int) activities.count(d);
            if (newActivities > 0) {
                long[] times = times(random, dayStart, newActivities, OFFICE_HOURS);
                schedule(new Publications(nextActivity, times), times[0]);
                nextActivity += newActivities;
            }
            while (!queue.isEmpty() && queue.peek().at() < dayEnd) {
                Pending due = queue.poll();
                schedule(due.process(), due.process().step(due.at()));
            }
        }
        // Still in flight at the end: open requests stay in the state they reached.
        for (Pending left : queue) {
            if (left.process() instanceof Request request) {
                tally.finalState(request.state);
            }
        }
        queue.clear();
    }

    /**
     * A total shared out over days in proportion to their weights, exactly: day d gets
     * {@code floor(total * W(d+1) / W) - floor(total * W(d) / W)} with W the cumulative weight.
     */
    private static final class Allocation {
        private final long total;
        private final double[] cumulative;

        Allocation(long total, double[] weights) {
            this.total = total;
            this.cumulative = new double[weights.length + 1];
            for (int d = 0; d < weights.length; d++) {
                cumulative[d + 1] = cumulative[d] + weights[d];
            }
        }

        long count(int day) {
            double sum = cumulative[cumulative.length - 1];
            if (sum == 0) {
                return 0;
            }
            long upTo = day + 1 == cumulative.length - 1 ? total : (long) Math.floor(total * cumulative[day + 1] / sum);
            return upTo - (long) Math.floor(total * cumulative[day] / sum);
        }
    }

    /** {@code count} moments of the day, drawn by the hourly profile, in order. */
    private static long[] times(SplittableRandom random, long dayStart, int count, double[] hours) {
        double[] cumulative = new double[hours.length];
        double sum = 0;
        for (int h = 0; h < hours.length; h++) {
            sum += hours[h];
            cumulative[h] = sum;
        }
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            int hour = pick(cumulative, random.nextDouble() * sum);
            times[i] = dayStart + hour * HOUR + random.nextLong(HOUR);
        }
        Arrays.sort(times);
        return times;
    }

    /** The launch roster, imported in one go from 09:00: one volunteer every 20 ms. */
    private static long[] launchImport(long dayStart, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = dayStart + 9 * HOUR + 20L * i;
        }
        return times;
    }

    /** Emits one thing per moment of a sorted list; the next is due at the next moment. */
    private abstract static class Arrivals extends Process {
        private final int first;
        private final long[] times;
        private int next;

        Arrivals(int first, long[] times) {
            this.first = first;
            this.times = times;
        }

        @Override
        final long step(long now) {
            arrive(first + next, now);
            next++;
            return next < times.length ? times[next] : DONE;
        }

        abstract void arrive(int number, long now);
    }

    private final class Registrations extends Arrivals {
        Registrations(int first, long[] times) {
            super(first, times);
        }

        @Override
        void arrive(int number, long now) {
            register(number, now);
        }
    }

    private final class Submissions extends Arrivals {
        Submissions(int first, long[] times) {
            super(first, times);
        }

        @Override
        void arrive(int number, long now) {
            Request request = new Request(number);
            schedule(request, request.submit(now));
        }
    }

    private final class Publications extends Arrivals {
        Publications(int first, long[] times) {
            super(first, times);
        }

        @Override
        void arrive(int number, long now) {
            Activity activity = new Activity(number);
            schedule(activity, activity.publish(now));
        }
    }

    // ------------------------------------------------------------------------------------------------ volunteers

    String volunteerId(int number) {
        return "vol-" + uuid(mix(seed, VOLUNTEER_ID, number));
    }

    private Unit homeOf(int number) {
        return stations.get(stationOrder[number % stations.size()]);
    }

    private void register(int number, long now) {
        SplittableRandom random = new SplittableRandom(mix(seed, VOLUNTEER, number));
        Unit home = homeOf(number);
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextInt(3) > 0 ? GIVEN[random.nextInt(GIVEN.length)] : "");
        int skillCount = 1 + random.nextInt(3);
        EnumSet<ServicePlatform> chosen = EnumSet.noneOf(ServicePlatform.class);
        while (chosen.size() < skillCount) {
            chosen.add(ServicePlatform.values()[random.nextInt(ServicePlatform.values().length)]);
        }
        List<Skill> skills = new ArrayList<>(skillCount);
        for (ServicePlatform platform : chosen) {
            // Levels skew low: many beginners, few experts.
            skills.add(new Skill(platform, 1 + (int) (5 * random.nextDouble() * random.nextDouble())));
        }
        DayOfWeek day = DayOfWeek.of(1 + random.nextInt(7));
        List<WeeklySlot> availability = List.of(new WeeklySlot(day, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new WeeklySlot(day.plus(2), LocalTime.of(14, 0), LocalTime.of(18, 0)));
        List<String> languages = random.nextInt(10) == 0 ? List.of("zh-CN", "en") : List.of("zh-CN");
        GeoPoint location = new GeoPoint(round(home.lat + jitter(random, 0.01)), round(home.lon + jitter(random, 0.01)));
        String volunteerId = volunteerId(number);
        out.emit("Volunteer", volunteerId, 0, new VolunteerRegistered(volunteerId, district, Masking.name(name),
                home.id, location, skills, languages, availability, random.nextInt(10) > 0,
                Instant.ofEpochMilli(now)), now);
        registered = number + 1;
        tally.volunteers++;
        tally.month(now).volunteersRegistered++;
    }

    /**
     * A volunteer registered by now, of {@code station} where it has any: the longer registered the more often
     * chosen (the active core does most of the work).
     */
    private int volunteerNear(SplittableRandom random, Unit station) {
        int stationCount = stations.size();
        int rank = stationRank[station.position];
        int here = registered > rank ? (registered - 1 - rank) / stationCount + 1 : 0;
        double skew = random.nextDouble();
        skew *= skew;
        if (here > 0) {
            return rank + (int) (skew * here) * stationCount;
        }
        return (int) (skew * registered);
    }

    /** The credit volunteer-service's hour ledger publishes for a check-out: the hours served, capped at the plan. */
    private void credit(int volunteer, HourSource source, String sourceId, Unit unit, ServicePlatform platform,
                        long from, long to, int plannedMinutes) {
        long minutes = Math.min((to - from) / MINUTE, plannedMinutes);
        int halfHours = (int) Math.max(1, minutes / 30);
        String volunteerId = volunteerId(volunteer);
        String ledger = "hours-" + volunteerId;
        String creditId = source.name().toLowerCase(Locale.ROOT) + ":" + sourceId + ":" + volunteerId + ":" + from;
        out.emit("HourLedger", ledger, ledgerSeq[volunteer]++, new ServiceHoursCredited(volunteerId, district,
                creditId, source, sourceId, unit.id, platform, halfHours, Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to), false), to);
        tally.credits++;
        tally.creditedHalfHours += halfHours;
        tally.month(to).creditedHalfHours += halfHours;
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** What a request does next. */
    private enum Next {
        REVIEW, ESCALATE, MATCH_ANSWER, DISPATCH_BY_HAND, ACCEPT, CHECK_IN, CHECK_OUT, COMPLETE, RATE, REOPEN, CANCEL
    }

    /**
     * One order through request-service's lifecycle, emitting what its aggregate publishes at each step (the SLA
     * clock of each stage, match requests and matching's answers, escalations up the tree when a clock runs out) and
     * the credit volunteer-service's ledger publishes for each check-out.
     */
    private final class Request extends Process {
        final String id;
        final SplittableRandom random;
        final Unit station;
        final MenuItem item;
        final GeoPoint location;
        Unit unit;
        long seq;
        long matchSeq;
        int matchAttempt;
        int dispatchAttempt;
        String state;
        Next next;
        Stage clockStage;
        long clockDue;
        /** Nobody at any level reviews it: it climbs the tree and expires. */
        boolean ignored;
        boolean escalated;
        boolean rated;
        boolean reopened;
        boolean completed;
        String[] offered;
        int[] offeredNumbers;
        int volunteer = -1;
        long checkedInAt;

        Request(int number) {
            this.random = new SplittableRandom(mix(seed, REQUEST, number));
            this.id = "req-" + uuid(mix(seed, REQUEST_ID, number));
            this.station = stations.get(random.nextInt(stations.size()));
            this.item = MENU[pick(menuCumulative, random.nextDouble() * menuCumulative[menuCumulative.length - 1])];
            this.location = new GeoPoint(round(station.lat + jitter(random, 0.008)),
                    round(station.lon + jitter(random, 0.008)));
            this.unit = station;
        }

        private void emit(cloud.practice.events.DomainEvent event, long at) {
            out.emit("ServiceRequest", id, seq++, event, at);
        }

        private void clock(Stage stage, long now, long sla) {
            clockStage = stage;
            clockDue = now + sla;
            emit(new SlaClockStarted(id, district, stage, unit.id, Instant.ofEpochMilli(clockDue)), now);
        }

        long submit(long now) {
            Channel channel = CHANNELS[pick(CHANNEL_CUMULATIVE, random.nextDouble() * 100)];
            String grid = station.community + "第" + (1 + random.nextInt(6)) + "网格";
            int resident = random.nextInt(Math.max(100, plan.requests() / 8));
            String contact = String.format(Locale.ROOT, "13%d%08d", 5 + random.nextInt(5), random.nextInt(100_000_000));
            Instant preferredFrom = null, preferredTo = null;
            if (random.nextInt(3) == 0) {
                long from = now + DAY + random.nextLong(2 * DAY);
                preferredFrom = Instant.ofEpochMilli(from);
                preferredTo = Instant.ofEpochMilli(from + 4 * HOUR);
            }
            emit(new RequestSubmitted(id, district, item.id(), item.platform(), station.id, location, grid, channel,
                    "resident-" + resident, Masking.phone(contact), preferredFrom, preferredTo,
                    Instant.ofEpochMilli(now)), now);
            state = "SUBMITTED";
            tally.requests++;
            tally.month(now).requestsSubmitted++;
            clock(Stage.REVIEW, now, REVIEW_SLA);
            double fate = random.nextDouble();
            if (fate < 0.03) {
                next = Next.CANCEL;
                return now + 5 * MINUTE + random.nextLong(100 * MINUTE);
            }
            ignored = fate < 0.036;
            return planReview(now);
        }

        private long planReview(long now) {
            if (ignored) {
                return escalateAt(clockDue);
            }
            long delay = logNormal(random, 35 * MINUTE, 0.8);
            if (now + delay >= clockDue) {
                return escalateAt(clockDue);
            }
            next = Next.REVIEW;
            return now + delay;
        }

        private long escalateAt(long due) {
            next = Next.ESCALATE;
            // The clock store's scheduler fires within seconds of the due time.
            return due + 1 + random.nextLong(20 * SECOND);
        }

        private long planDispatchByHand(long now) {
            long delay = logNormal(random, 80 * MINUTE, 0.9);
            if (now + delay >= clockDue) {
                return escalateAt(clockDue);
            }
            next = Next.DISPATCH_BY_HAND;
            return now + delay;
        }

        private long planAccept(long now) {
            double fate = random.nextDouble();
            if (fate < 0.01) {
                next = Next.CANCEL;
                return now + 10 * MINUTE + random.nextLong(3 * HOUR);
            }
            long delay = logNormal(random, 25 * MINUTE, 1.1);
            if (fate < 0.035 || now + delay >= clockDue) {
                return escalateAt(clockDue);
            }
            next = Next.ACCEPT;
            return now + delay;
        }

        @Override
        long step(long now) {
            long then = switch (next) {
                case REVIEW -> review(now);
                case ESCALATE -> escalate(now);
                case MATCH_ANSWER -> answerMatch(now);
                case DISPATCH_BY_HAND -> dispatchByHand(now);
                case ACCEPT -> accept(now);
                case CHECK_IN -> checkIn(now);
                case CHECK_OUT -> checkOut(now);
                case COMPLETE -> complete(now);
                case RATE -> rate(now);
                case REOPEN -> reopen(now);
                case CANCEL -> cancel(now);
            };
            if (then == DONE) {
                tally.finalState(state);
            }
            return then;
        }

        private long review(long now) {
            if (random.nextDouble() < 0.05) {
                emit(new RequestRejected(id, district, unit.id, "不属于服务范围", Instant.ofEpochMilli(now)), now);
                state = "REJECTED";
                return DONE;
            }
            emit(new RequestReviewed(id, district, unit.id, "admin-" + unit.id, Instant.ofEpochMilli(now)), now);
            state = "REVIEWED";
            clock(Stage.DISPATCH, now, DISPATCH_SLA);
            return requestMatch(now);
        }

        private long requestMatch(long now) {
            emit(new MatchRequested(id, district, ++matchAttempt, item.id(), item.platform(), item.minimumSkillLevel(),
                    location, unit.id, null, null, item.peopleNeeded()), now);
            next = Next.MATCH_ANSWER;
            return now + 150 + random.nextLong(900);
        }

        /** volunteer-service's answer (its own aggregate, keyed by the request id), then the automatic dispatch. */
        private long answerMatch(long now) {
            if (registered == 0 || random.nextDouble() < 0.05) {
                out.emit("MatchAnswer", id, matchSeq++, new NoMatchFound(id, district, matchAttempt,
                        "no active volunteer with the skill within 10 km, nor after widening to the district",
                        List.of(), Instant.ofEpochMilli(now)), now);
                return planDispatchByHand(now);
            }
            int wanted = Math.min(registered, 1 + random.nextInt(3));
            offered(wanted);
            List<Candidate> candidates = new ArrayList<>(offered.length);
            for (String candidate : offered) {
                double distance = round2(0.2 + random.nextDouble() * 6), distanceScore = round4(0.35 - distance / 20);
                double skill = round4(0.1 + random.nextDouble() * 0.2), fairness = round4(random.nextDouble() * 0.2);
                double rating = round4(random.nextDouble() * 0.15);
                candidates.add(new Candidate(candidate, round4(distanceScore + skill + fairness + rating), distance,
                        distanceScore, skill, fairness, rating, 0));
            }
            candidates.sort((a, b) -> Double.compare(b.score(), a.score()));
            out.emit("MatchAnswer", id, matchSeq++, new MatchProposed(id, district, matchAttempt, candidates,
                    List.of(), Instant.ofEpochMilli(now)), now);
            long dispatched = now + 100 + random.nextLong(400);
            emit(new RequestDispatched(id, district, unit.id, List.of(offered), null, "AUTOMATIC", ++dispatchAttempt,
                    Instant.ofEpochMilli(dispatched)), dispatched);
            state = "DISPATCHED";
            clock(Stage.ACCEPT, dispatched, ACCEPT_SLA);
            return planAccept(dispatched);
        }

        /** Up to {@code wanted} distinct volunteers near the request (fewer when the draws repeat). */
        private void offered(int wanted) {
            int[] numbers = new int[wanted];
            int found = 0;
            for (int tries = 0; tries < wanted * 2 && found < wanted; tries++) {
                int number = volunteerNear(random, station);
                boolean repeated = false;
                for (int k = 0; k < found; k++) {
                    repeated |= numbers[k] == number;
                }
                if (!repeated) {
                    numbers[found++] = number;
                }
            }
            offeredNumbers = Arrays.copyOf(numbers, found);
            offered = new String[found];
            for (int k = 0; k < found; k++) {
                offered[k] = volunteerId(offeredNumbers[k]);
            }
        }

        private long dispatchByHand(long now) {
            offered(1);
            emit(new RequestDispatched(id, district, unit.id, List.of(offered), null, "MANUAL", ++dispatchAttempt,
                    Instant.ofEpochMilli(now)), now);
            state = "DISPATCHED";
            clock(Stage.ACCEPT, now, ACCEPT_SLA);
            return planAccept(now);
        }

        /** The clock ran out: up one level (an ACCEPT runs the matching again there), or expired at the top. */
        private long escalate(long now) {
            Unit above = unit.parent;
            if (above == null) {
                emit(new RequestExpired(id, district, clockStage, Instant.ofEpochMilli(now)), now);
                state = "EXPIRED";
                return DONE;
            }
            emit(new RequestEscalated(id, district, clockStage, unit.id, above.id, Instant.ofEpochMilli(clockDue),
                    Instant.ofEpochMilli(now)), now);
            if (!escalated) {
                escalated = true;
                tally.escalated++;
            }
            unit = above;
            return switch (clockStage) {
                case ACCEPT -> {
                    clock(Stage.DISPATCH, now, DISPATCH_SLA);
                    yield requestMatch(now);
                }
                case REVIEW -> {
                    clock(Stage.REVIEW, now, REVIEW_SLA);
                    yield planReview(now);
                }
                case DISPATCH -> {
                    clock(Stage.DISPATCH, now, DISPATCH_SLA);
                    yield planDispatchByHand(now);
                }
                case COMPLETE -> throw new IllegalStateException("visits are planned within the COMPLETE clock");
            };
        }

        private long accept(long now) {
            volunteer = offeredNumbers[random.nextInt(offeredNumbers.length)];
            emit(new RequestAccepted(id, district, volunteerId(volunteer), null, Instant.ofEpochMilli(now)), now);
            state = "ACCEPTED";
            clock(Stage.COMPLETE, now, COMPLETE_SLA);
            if (random.nextDouble() < 0.015) {
                next = Next.CANCEL;
                return now + HOUR + random.nextLong(DAY);
            }
            next = Next.CHECK_IN;
            // The visit: usually the next day, never so late that the COMPLETE clock runs out.
            return now + Math.min(logNormal(random, 18 * HOUR, 0.9), 60 * HOUR);
        }

        private long checkIn(long now) {
            String volunteerId = volunteerId(volunteer);
            boolean far = random.nextDouble() < 0.015;
            GeoPoint at = far ? new GeoPoint(round(location.latitude() + 0.02), location.longitude())
                    : new GeoPoint(round(location.latitude() + jitter(random, 0.0008)),
                    round(location.longitude() + jitter(random, 0.0008)));
            emit(new RequestCheckedIn(id, district, volunteerId, Instant.ofEpochMilli(now), at), now);
            if (far) {
                emit(new RequestLocationFlagged(id, district, unit.id, volunteerId, VisitStage.CHECK_IN,
                        2_200 + random.nextInt(300), LOCATION_LIMIT_METERS, Instant.ofEpochMilli(now)), now);
            }
            state = "IN_SERVICE";
            checkedInAt = now;
            next = Next.CHECK_OUT;
            return now + Math.max(30 * MINUTE, (long) (item.expectedMinutes() * MINUTE * (0.6 + 0.9 * random.nextDouble())));
        }

        private long checkOut(long now) {
            emit(new RequestCheckedOut(id, district, volunteerId(volunteer), unit.id, item.platform(),
                    Instant.ofEpochMilli(checkedInAt), Instant.ofEpochMilli(now), item.expectedMinutes()), now);
            credit(volunteer, HourSource.REQUEST, id, unit, item.platform(), checkedInAt, now, item.expectedMinutes());
            next = Next.COMPLETE;
            return now + MINUTE + random.nextLong(30 * MINUTE);
        }

        private long complete(long now) {
            emit(new RequestCompleted(id, district, Instant.ofEpochMilli(now)), now);
            state = "COMPLETED";
            if (!completed) {
                completed = true;
                tally.month(now).requestsCompleted++;
            }
            if (random.nextDouble() < 0.75) {
                next = Next.RATE;
                return now + Math.min(logNormal(random, 5 * HOUR, 1.2), 6 * DAY);
            }
            return DONE;
        }

        private long rate(long now) {
            int rating = 1 + pick(RATING_CUMULATIVE, random.nextDouble());
            boolean solved = rating >= 3 || random.nextDouble() < 0.2;
            emit(new RequestRated(id, district, rating, solved, rating <= 2 ? "志愿者来晚了" : null,
                    Instant.ofEpochMilli(now)), now);
            if (!rated) {
                rated = true;
                tally.rated++;
            }
            if (rating <= 2 && !reopened && random.nextDouble() < 0.6) {
                next = Next.REOPEN;
                return now + 10 * MINUTE + random.nextLong(36 * HOUR);
            }
            return DONE;
        }

        private long reopen(long now) {
            emit(new RequestReopened(id, district, "问题没有解决", Instant.ofEpochMilli(now)), now);
            state = "REOPENED";
            reopened = true;
            tally.reopened++;
            clock(Stage.DISPATCH, now, DISPATCH_SLA);
            return planDispatchByHand(now);
        }

        private long cancel(long now) {
            emit(new RequestCancelled(id, district, "已自行解决", Instant.ofEpochMilli(now)), now);
            state = "CANCELLED";
            return DONE;
        }
    }

    // ------------------------------------------------------------------------------------------------ activities

    /**
     * A station's activity (文明实践活动): published, volunteers and residents sign up (a few cancel), the volunteers
     * who came are checked out and credited, and it is closed with its figures.
     */
    private final class Activity extends Process {
        private static final int SIGN_UP = 0, CANCEL = 1, CHECK_OUT = 2, CLOSE = 3;

        final String id;
        final SplittableRandom random;
        final Unit station;
        final ServicePlatform platform;
        long seq;
        long startsAt;
        long endsAt;
        /** The moments planned at publication, in time order: when, what, who, in which role, which volunteer. */
        long[] times;
        int[] kinds;
        String[] who;
        int[] roles;
        int[] volunteerK;
        int next;
        int volunteersAttended;
        int residentsSignedUp;
        int[] volunteerNumbers;

        Activity(int number) {
            this.random = new SplittableRandom(mix(seed, ACTIVITY, number));
            this.id = "act-" + uuid(mix(seed, ACTIVITY_ID, number));
            this.station = stations.get(random.nextInt(stations.size()));
            this.platform = ServicePlatform.values()[random.nextInt(ServicePlatform.values().length)];
        }

        private void emit(cloud.practice.events.DomainEvent event, long at) {
            out.emit("Activity", id, seq++, event, at);
        }

        long publish(long now) {
            LocalDate day = Instant.ofEpochMilli(now).atZone(zone).toLocalDate().plusDays(3 + random.nextInt(12));
            int[] startHours = {9, 14, 19};
            startsAt = startOfDay(day) + startHours[random.nextInt(3)] * HOUR;
            endsAt = startsAt + 2 * HOUR;
            int volunteerCapacity = 5 + random.nextInt(11), residentCapacity = 20 + random.nextInt(41);
            long closes = startsAt - HOUR;
            emit(new ActivityPublished(id, district, station.id, platform, station.community + "志愿服务活动",
                    station.community + "活动室", new GeoPoint(station.lat, station.lon), Instant.ofEpochMilli(startsAt),
                    Instant.ofEpochMilli(endsAt), volunteerCapacity, residentCapacity, Instant.ofEpochMilli(now),
                    Instant.ofEpochMilli(closes), null), now);
            tally.activities++;
            plan(now, closes, volunteerCapacity, residentCapacity);
            return times.length == 0 ? DONE : times[0];
        }

        /** Sign-ups between publication and closing; cancellations before the start; check-outs at the end. */
        private void plan(long now, long closes, int volunteerCapacity, int residentCapacity) {
            // Each moment: {time, kind, person (index into people), role (1 volunteer, 0 resident), volunteer k}.
            List<long[]> moments = new ArrayList<>();
            List<String> people = new ArrayList<>();
            int volunteers = Math.min(registered, (int) (volunteerCapacity * (0.4 + 0.6 * random.nextDouble())));
            int[] chosen = new int[volunteers];
            int count = 0;
            for (int tries = 0; tries < volunteers * 2 && count < volunteers; tries++) {
                int number = volunteerNear(random, station);
                boolean repeated = false;
                for (int k = 0; k < count; k++) {
                    repeated |= chosen[k] == number;
                }
                if (!repeated) {
                    chosen[count++] = number;
                }
            }
            volunteerNumbers = Arrays.copyOf(chosen, count);
            for (int k = 0; k < count; k++) {
                long signedUp = now + 1 + random.nextLong(closes - now);
                moments.add(new long[]{signedUp, SIGN_UP, people.size(), 1, k});
                double fate = random.nextDouble();
                if (fate < 0.06) {
                    moments.add(new long[]{signedUp + 1 + random.nextLong(startsAt - signedUp - 1), CANCEL,
                            people.size(), 1, k});
                } else if (fate < 0.9) {
                    moments.add(new long[]{endsAt + random.nextLong(15 * MINUTE), CHECK_OUT, people.size(), 1, k});
                }
                people.add(volunteerId(volunteerNumbers[k]));
            }
            // Most residents just come; some sign up in the app first.
            int residents = (int) (residentCapacity * (0.1 + 0.3 * random.nextDouble()));
            int firstResident = random.nextInt(Math.max(100, plan.requests() / 8));
            for (int r = 0; r < residents; r++) {
                moments.add(new long[]{now + 1 + random.nextLong(closes - now), SIGN_UP, people.size(), 0, -1});
                people.add("resident-" + (firstResident + r));
            }
            residentsSignedUp = residents;
            moments.add(new long[]{endsAt + 20 * MINUTE + random.nextLong(100 * MINUTE), CLOSE, -1, 0, -1});
            // In time order; List.sort is stable, so equal times keep the order planned.
            moments.sort((a, b) -> Long.compare(a[0], b[0]));
            int size = moments.size();
            times = new long[size];
            kinds = new int[size];
            who = new String[size];
            roles = new int[size];
            volunteerK = new int[size];
            for (int m = 0; m < size; m++) {
                long[] moment = moments.get(m);
                times[m] = moment[0];
                kinds[m] = (int) moment[1];
                who[m] = moment[2] < 0 ? null : people.get((int) moment[2]);
                roles[m] = (int) moment[3];
                volunteerK[m] = (int) moment[4];
            }
        }

        @Override
        long step(long now) {
            int m = next++;
            switch (kinds[m]) {
                case SIGN_UP -> emit(new ActivitySignedUp(id, district, who[m], roles[m] == 1 ? "VOLUNTEER" : "RESIDENT",
                        Instant.ofEpochMilli(now)), now);
                case CANCEL -> emit(new ActivitySignUpCancelled(id, district, who[m], "VOLUNTEER",
                        Instant.ofEpochMilli(now)), now);
                case CHECK_OUT -> {
                    int volunteer = volunteerNumbers[volunteerK[m]];
                    long checkedIn = startsAt - random.nextLong(20 * MINUTE);
                    emit(new ActivityCheckedOut(id, district, who[m], station.id, platform,
                            Instant.ofEpochMilli(checkedIn), Instant.ofEpochMilli(now), 120), now);
                    credit(volunteer, HourSource.ACTIVITY, id, station, platform, checkedIn, now, 120);
                    volunteersAttended++;
                }
                case CLOSE -> {
                    int residentsAttended = (int) Math.round(residentsSignedUp * (1.5 + 2 * random.nextDouble()));
                    emit(new ActivityClosed(id, district, volunteersAttended, residentsAttended, null,
                            Instant.ofEpochMilli(now)), now);
                    tally.activitiesClosed++;
                }
                default -> throw new IllegalStateException("unknown moment " + kinds[m]);
            }
            return next < times.length ? times[next] : DONE;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private long startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private String placeName(SplittableRandom random) {
        return PLACE[random.nextInt(PLACE.length)] + PLACE[random.nextInt(PLACE.length)];
    }

    /** A log-normal duration: {@code median} times e to a normal draw of spread {@code sigma} (Box–Muller). */
    static long logNormal(SplittableRandom random, long median, double sigma) {
        double u1 = 1 - random.nextDouble(), u2 = random.nextDouble();
        double normal = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
        return Math.max(SECOND, (long) (median * StrictMath.exp(sigma * normal)));
    }

    static int pick(double[] cumulative, double value) {
        for (int i = 0; i < cumulative.length; i++) {
            if (value < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static double jitter(SplittableRandom random, double range) {
        return (random.nextDouble() * 2 - 1) * range;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** A 64-bit mix of three numbers (murmur3's finaliser over each): the seed of one stream. */
    static long mix(long a, long b, long c) {
        return fmix(fmix(fmix(a) ^ b * 0x9E3779B97F4A7C15L) ^ c * 0xC2B2AE3D27D4EB4FL);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB93FE53A87C5L;
        k ^= k >>> 33;
        return k;
    }

    /** A version-4 UUID derived from one number. */
    static String uuid(long from) {
        long most = (fmix(from) & ~0xF000L) | 0x4000L;
        long least = (fmix(from ^ 0x632BE59BD9B4E019L) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
