package cloud.practice.localplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads a demo district shaped like the seed document's (one center, 9 sub-centers, 13 institutes, ~150 stations,
 * points and bases, communities) through the public API only — the gateway, with the demo operator client's token,
 * as an integrating system would — then partners and pairings, volunteers with skills and availability, teams, a
 * menu over the nine platforms, months of earlier requests brought in with their histories (as a district moving
 * from its old system would, through {@code POST /api/v1/requests/history}: served and rated, rejected, cancelled,
 * escalated and rescued, escalated to the top and expired, reopened and served again), today's requests driven live
 * into every state of the four-order loop, and activities. The menu ({@link DemoMenu}) asks extra questions of every
 * datatype, so the Open311 service definitions have something to show. Deterministic by seed; the size scales the people and the
 * requests (not the tree).
 *
 * <pre>
 * java -Dloader.main=cloud.practice.localplatform.demo.DemoDistrictMain -jar local-platform.jar \
 *      [--gateway http://127.0.0.1:8080] [--district cq-jiulongpo] [--seed 42] [--volunteers 600] [--requests 120]
 *      [--history 480] [--months 6]
 * </pre>
 * A district that already has its center is left alone.
 */
public final class DemoDistrictMain {

    static final String[] TOWNS = {"杨家坪", "黄桷坪", "谢家湾", "石坪桥", "石桥铺", "二郎", "中梁山", "华岩", "九龙",
            "西彭", "铜罐驿", "陶家", "走马"};
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"};
    static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛"};
    static final String[] PLATFORMS = {"THEORY_LECTURES", "EDUCATION", "CULTURE", "SCIENCE", "HEALTH_SPORTS", "LEGAL",
            "CARE", "CIVILIZATION", "ALL_MEDIA"};
    static final double LAT = 29.50, LON = 106.45;
    /** The menu items today's requests are ordered from (they answer no extra questions: DemoMenu). */
    static final String[] LIVE_ITEMS = {"CARE-ESCORT", "CARE-SHOPPING", "LEGAL-ADVICE", "HEALTH-CHECK", "HOMEWORK-HELP",
            "MEDIA-TRAINING"};
    /** The menu items the earlier requests were ordered from. */
    static final String[] PAST_ITEMS = {"CARE-ESCORT", "CARE-SHOPPING", "LEGAL-ADVICE", "HEALTH-CHECK", "HOMEWORK-HELP",
            "MEDIA-TRAINING", "THEORY-TALK", "CULTURE-SHOW", "SCIENCE-CLASS", "CIVIL-CLEANUP"};
    /** The fates of a past request that no volunteer served. */
    static final String[] UNSERVED = {"REJECTED", "CANCELLED", "EXPIRED"};

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String district;
    private final Random random;
    private final int volunteerCount;
    private final int requestCount;
    private final int historyCount;
    private final int months;
    private final String token;
    private final List<String> stations = new ArrayList<>();
    private final Map<String, String> communityOf = new java.util.HashMap<>();
    /** Institute → the communities of its town it declares. */
    private final Map<String, List<String>> communities = new java.util.LinkedHashMap<>();
    private final Map<String, List<String>> volunteersOf = new java.util.HashMap<>();
    /** Every volunteer registered, in the order they were: the ones a past request may name where a station has none. */
    private final List<String> everyVolunteer = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("--gateway", "http://127.0.0.1:8080",
                "--district", "cq-jiulongpo", "--seed", "42", "--volunteers", "600", "--requests", "120",
                "--history", "480", "--months", "6", "--client", "local-ops", "--secret", "local-ops-secret"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (known: " + options.keySet() + ")");
            }
            options.put(args[i], args[i + 1]);
        }
        long start = System.nanoTime();
        DemoDistrictMain loader = new DemoDistrictMain(options);
        Map<String, Integer> loaded = loader.load();
        System.out.printf("demo district %s: %s in %.1f s%n", options.get("--district"), loaded,
                (System.nanoTime() - start) / 1e9);
    }

    DemoDistrictMain(Map<String, String> options) throws Exception {
        this.gateway = options.get("--gateway");
        this.district = options.get("--district");
        this.random = new Random(Long.parseLong(options.get("--seed")));
        this.volunteerCount = Integer.parseInt(options.get("--volunteers"));
        this.requestCount = Integer.parseInt(options.get("--requests"));
        this.historyCount = Integer.parseInt(options.get("--history"));
        this.months = Integer.parseInt(options.get("--months"));
        this.token = token(options.get("--client"), options.get("--secret"));
    }

    Map<String, Integer> load() throws Exception {
        Map<String, Integer> loaded = new java.util.LinkedHashMap<>();
        if (send("GET", "/api/v1/org-units/center?district=" + district, null).statusCode() == 200) {
            System.out.println("district " + district + " already has its center: nothing loaded");
            return loaded;
        }
        loaded.put("units", tree());
        awaitUnits(loaded.get("units"));
        loaded.put("grids", grids());
        loaded.put("pairings", partnersAndPairings());
        loaded.put("menuItems", menu());
        loaded.put("volunteers", volunteers());
        loaded.put("teams", teams());
        loaded.put("pastRequests", history());
        loaded.put("requests", requests());
        loaded.put("activities", activities());
        return loaded;
    }

    // ----------------------------------------------------------------------------------------------- tree

    private int tree() throws Exception {
        ArrayNode units = json.createArrayNode();
        units.add(unit("center", "JLP", "九龙坡区新时代文明实践中心", "CENTER", null, LAT, LON, List.of()));
        String[] subCenters = {"理论宣讲", "教育服务", "文化服务", "科技科普", "卫生健康", "法律服务", "关爱帮扶", "文明创建", "融媒体"};
        for (int c = 1; c <= 9; c++) {
            units.add(unit("sc-" + c, "JLP-SC" + c, subCenters[c - 1] + "分中心", "SUB_CENTER", "center",
                    LAT + jitter(0.02), LON + jitter(0.02), List.of()));
        }
        int stationsTotal = 0;
        for (int i = 1; i <= 13; i++) {
            double lat = LAT + jitter(0.12), lon = LON + jitter(0.15);
            int count = i <= 6 ? 12 : 11;
            // The institute declares its town's communities: one station each, and one community still without.
            List<String> town = new java.util.ArrayList<>();
            for (int s = 1; s <= count + 1; s++) {
                town.add(TOWNS[i - 1] + "第" + s + "社区");
            }
            communities.put("i-" + i, town);
            units.add(unit("i-" + i, "JLP-I" + i, TOWNS[i - 1] + "新时代文明实践所", "INSTITUTE", "center", lat, lon, town));
            units.add(unit("p-" + i, "JLP-P" + i, TOWNS[i - 1] + "文明实践基地", "POINT", "i-" + i, lat + jitter(0.01),
                    lon + jitter(0.01), List.of()));
            for (int s = 1; s <= count; s++) {
                String id = "s-" + i + "-" + s;
                String community = TOWNS[i - 1] + "第" + s + "社区";
                units.add(unit(id, "JLP-" + i + "-" + s, community + "新时代文明实践站", "STATION", "i-" + i,
                        lat + jitter(0.03), lon + jitter(0.03), List.of(community)));
                stations.add(id);
                communityOf.put(id, community);
                stationsTotal++;
            }
        }
        HttpResponse<String> imported = send("POST", "/api/v1/org-units/import?district=" + district
                + "&effectiveDate=2020-01-01", units);
        expect(imported, 200);
        return 1 + 9 + 13 * 2 + stationsTotal;
    }

    /** Every community's grids, registered by its institute: six where a station serves, four where none does yet. */
    private int grids() throws Exception {
        int registered = 0;
        for (Map.Entry<String, List<String>> institute : communities.entrySet()) {
            for (String community : institute.getValue()) {
                boolean served = communityOf.containsValue(community);
                ArrayNode grids = json.createArrayNode();
                for (int g = 1; g <= (served ? 6 : 4); g++) {
                    grids.add(community + "第" + g + "网格");
                }
                ObjectNode body = json.createObjectNode().put("community", community).put("effectiveDate", "2020-01-01");
                body.set("grids", grids);
                expect(send("POST", "/api/v1/org-units/" + institute.getKey() + "/grids?district=" + district, body), 200);
                registered += grids.size();
            }
        }
        return registered;
    }

    private ObjectNode unit(String id, String code, String name, String tier, String parent, double lat, double lon,
                            List<String> communities) {
        ObjectNode unit = json.createObjectNode().put("unitId", id).put("code", code).put("name", name).put("tier", tier);
        if (parent != null) {
            unit.put("parentId", parent);
        }
        unit.putObject("location").put("latitude", round(lat)).put("longitude", round(lon));
        unit.putPOJO("communities", communities);
        return unit;
    }

    private void awaitUnits(int total) throws Exception {
        for (int i = 0; i < 120; i++) {
            JsonNode page = json.readTree(send("GET", "/api/v1/org-units?size=1&district=" + district, null).body());
            if (page.path("total").asInt() == total) {
                // the services' tree copies follow over Kafka: give them a moment
                Thread.sleep(2_000);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the tree did not appear");
    }

    // ----------------------------------------------------------------------------------------------- pairings

    private int partnersAndPairings() throws Exception {
        String[][] partners = {{"PARTY_ORGANISATION", "区委组织部机关党支部"}, {"CIVILIZED_UNIT", "区人民医院"},
                {"SOCIAL_WORK_ORGANISATION", "彩虹社工服务中心"}, {"VOLUNTEER_ORGANISATION", "九龙坡区志愿者协会"},
                {"CIVILIZED_UNIT", "区图书馆"}, {"PARTY_CADRE", "区司法局党员干部"}};
        String[] models = {"ORGANISATION_PAIRING", "COMMUNITY_ALLIANCE", "SOCIAL_GROUP_TIES"};
        int pairings = 0;
        for (int i = 0; i < partners.length; i++) {
            ObjectNode partner = json.createObjectNode().put("partnerId", "partner-" + (i + 1))
                    .put("type", partners[i][0]).put("name", partners[i][1]);
            expect(send("POST", "/api/v1/partners?district=" + district, partner), 201);
            ArrayNode stationIds = json.createArrayNode();
            for (int k = 0; k < 3; k++) {
                stationIds.add(stations.get(random.nextInt(stations.size())));
            }
            ObjectNode pairing = json.createObjectNode().put("pairingId", "pairing-" + (i + 1))
                    .put("partnerId", "partner-" + (i + 1)).put("model", models[i % 3])
                    .put("activitiesPerQuarter", 2 + i % 3).put("startDate", "2025-01-01");
            pairing.set("stationIds", distinct(stationIds));
            expect(send("POST", "/api/v1/pairings?district=" + district, pairing), 201);
            pairings++;
        }
        return pairings;
    }

    private ArrayNode distinct(ArrayNode values) {
        ArrayNode out = json.createArrayNode();
        new java.util.LinkedHashSet<String>() {{
            values.forEach(value -> add(value.asText()));
        }}.forEach(out::add);
        return out;
    }

    // ----------------------------------------------------------------------------------------------- menu

    private int menu() throws Exception {
        Map<String, ObjectNode> items = DemoMenu.items(json);
        for (Map.Entry<String, ObjectNode> item : items.entrySet()) {
            int status = send("PUT", "/api/v1/menu/items/" + item.getKey() + "?district=" + district, item.getValue())
                    .statusCode();
            if (status != 200 && status != 201) {
                throw new IllegalStateException("menu item " + item.getKey() + ": " + status);
            }
        }
        return items.size();
    }

    // ----------------------------------------------------------------------------------------------- volunteers

    private int volunteers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String[]>> registered = new ArrayList<>();
        for (int n = 0; n < volunteerCount; n++) {
            String station = stations.get(random.nextInt(stations.size()));
            ObjectNode body = volunteer(n, station);
            registered.add(pool.submit(() -> {
                HttpResponse<String> answer = send("POST", "/api/v1/volunteers?district=" + district, body);
                expect(answer, 201);
                return new String[]{station, json.readTree(answer.body()).get("volunteerId").asText()};
            }));
        }
        for (Future<String[]> future : registered) {
            String[] done = future.get();
            volunteersOf.computeIfAbsent(done[0], key -> new ArrayList<>()).add(done[1]);
            everyVolunteer.add(done[1]);
        }
        pool.shutdown();
        return registered.size() + demoPeopleAsVolunteers();
    }

    /** The demo identities' volunteer ids, once registered: volunteer-li at 盘龙 (s-3-2), leader-zhang at s-3-1. */
    private final Map<String, String> demoVolunteers = new java.util.HashMap<>();

    /**
     * The local issuer's demo people volunteer-li and leader-zhang, registered by the district with their accounts
     * linked (and the consent a station records on paper), so they log in to the volunteers' pages as volunteers;
     * leader-zhang leads the 九龙镇 team (teams()). Only in the district their accounts belong to.
     */
    private int demoPeopleAsVolunteers() throws Exception {
        if (!"cq-jiulongpo".equals(district)) {
            return 0;
        }
        String[][] people = {{"volunteer-li", "李志愿", "13700000001", "s-3-2"}, {"leader-zhang", "张队长", "13700000002", "s-3-1"}};
        for (String[] person : people) {
            ObjectNode body = volunteer(volunteerCount + demoVolunteers.size(), person[3]);
            ((ObjectNode) body.get("personal")).put("name", person[1]).put("phone", person[2]);
            body.put("contactConsent", true).put("accountId", person[0]);
            body.putObject("consent").put("method", "PAPER_FORM").put("recordedAt", Instant.now().minusSeconds(60).toString());
            ArrayNode skills = body.putArray("skills");
            for (String platform : PLATFORMS) {
                skills.addObject().put("platform", platform).put("level", 3);
            }
            HttpResponse<String> answer = send("POST", "/api/v1/volunteers?district=" + district, body);
            expect(answer, 201);
            String volunteerId = json.readTree(answer.body()).get("volunteerId").asText();
            demoVolunteers.put(person[0], volunteerId);
            volunteersOf.computeIfAbsent(person[3], key -> new ArrayList<>()).add(volunteerId);
            everyVolunteer.add(volunteerId);
        }
        return people.length;
    }

    private ObjectNode volunteer(int n, String station) {
        ObjectNode body = json.createObjectNode();
        LocalDate birth = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
        body.putObject("personal").put("name", SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                        + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : ""))
                .put("phone", String.format("13%d%08d", 5 + random.nextInt(5), n))
                .put("birthDate", birth.toString());
        body.put("homeUnitId", station);
        body.putObject("homeLocation").put("latitude", round(LAT + jitter(0.12))).put("longitude", round(LON + jitter(0.15)));
        ArrayNode skills = body.putArray("skills");
        int skillCount = 1 + random.nextInt(3);
        java.util.Set<String> chosen = new java.util.HashSet<>();
        while (chosen.size() < skillCount) {
            chosen.add(PLATFORMS[random.nextInt(PLATFORMS.length)]);
        }
        chosen.stream().sorted().forEach(platform -> skills.addObject().put("platform", platform)
                .put("level", 1 + random.nextInt(5)));
        ArrayNode slots = body.putArray("availability");
        DayOfWeek day = DayOfWeek.of(1 + random.nextInt(7));
        slots.addObject().put("day", day.name()).put("from", "09:00").put("to", "12:00");
        slots.addObject().put("day", day.plus(2).name()).put("from", "14:00").put("to", "18:00");
        body.putArray("languages").add("zh-CN");
        body.put("contactConsent", random.nextInt(10) > 0);
        return body;
    }

    private int teams() throws Exception {
        int teams = 0;
        for (int i = 1; i <= 13; i++) {
            String station = "s-" + i + "-1";
            List<String> members = volunteersOf.getOrDefault(station, List.of());
            ObjectNode body = json.createObjectNode().put("name", TOWNS[i - 1] + "志愿服务队").put("unitId", "i-" + i)
                    .put("capacity", 30);
            body.putArray("platforms").add("CARE").add("CULTURE");
            HttpResponse<String> formed = send("POST", "/api/v1/teams?district=" + district, body);
            expect(formed, 201);
            String teamId = json.readTree(formed.body()).get("teamId").asText();
            for (String member : members.subList(0, Math.min(5, members.size()))) {
                send("POST", "/api/v1/teams/" + teamId + "/members?district=" + district,
                        json.createObjectNode().put("volunteerId", member));
            }
            String leader = demoVolunteers.get("leader-zhang");
            if (i == 3 && leader != null) {
                send("POST", "/api/v1/teams/" + teamId + "/members?district=" + district,
                        json.createObjectNode().put("volunteerId", leader));
                expect(send("PUT", "/api/v1/teams/" + teamId + "/leader?district=" + district,
                        json.createObjectNode().put("leaderVolunteerId", leader)), 200);
            }
            teams++;
        }
        return teams;
    }

    // ----------------------------------------------------------------------------------------------- requests

    /** Target states in turn, so every state of the loop is represented. */
    private int requests() throws Exception {
        String[] items = LIVE_ITEMS;
        String[] channels = {"APP", "PC", "TV", "KIOSK", "PHONE", "GRID_WORKER"};
        String[] targets = {"SUBMITTED", "REJECTED", "REVIEWED", "DISPATCHED", "ACCEPTED", "COMPLETED", "RATED",
                "REOPENED", "CANCELLED"};
        int placed = 0;
        for (int n = 0; n < requestCount; n++) {
            String station = stations.get(random.nextInt(stations.size()));
            ObjectNode order = json.createObjectNode().put("menuItem", items[random.nextInt(items.length)])
                    .put("community", communityOf.get(station)).put("channel", channels[random.nextInt(channels.length)])
                    .put("requesterId", "resident-" + (1 + random.nextInt(400)))
                    .put("description", "需要志愿者上门帮助").put("grid", communityOf.get(station) + "第" + (1 + random.nextInt(6)) + "网格");
            HttpResponse<String> answer = send("POST", "/api/v1/requests?district=" + district, order);
            expect(answer, 201);
            placed++;
            String id = json.readTree(answer.body()).get("requestId").asText();
            drive(id, order.get("requesterId").asText(), station, targets[n % targets.length]);
        }
        return placed;
    }

    /**
     * Earlier requests, spread over the last {@code months} months, each with a history that ends where the old
     * system left it; step times are plausible (a review within hours, the service a couple of hours long).
     */
    private int history() throws Exception {
        String[] items = PAST_ITEMS;
        String[] channels = {"APP", "PC", "TV", "KIOSK", "PHONE", "GRID_WORKER"};
        // Most requests are served and rated; the rest end every other way the loop allows.
        String[] fates = {"RATED", "RATED", "RATED", "RATED", "RATED", "RATED", "COMPLETED", "REJECTED", "CANCELLED",
                "RESCUED", "EXPIRED", "REOPENED_AND_SERVED"};
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long span = Duration.ofDays(30L * months).toMinutes();
        int imported = 0;
        for (int n = 0; n < historyCount; n++) {
            String station = stations.get(random.nextInt(stations.size()));
            // A past request names a volunteer registered in this district (request-service refuses any other): one
            // of the station's, else any; with no volunteers at all, only the fates nobody served.
            List<String> pool = volunteersOf.getOrDefault(station, List.of());
            if (pool.isEmpty()) {
                pool = everyVolunteer;
            }
            String volunteer = pool.isEmpty() ? null : pool.get(random.nextInt(pool.size()));
            String fate = volunteer == null ? UNSERVED[random.nextInt(UNSERVED.length)]
                    : fates[random.nextInt(fates.length)];
            Instant at = now.minus(Duration.ofMinutes(span - random.nextLong(span - Duration.ofDays(3).toMinutes())));
            ObjectNode body = json.createObjectNode();
            body.putObject("order").put("menuItem", items[random.nextInt(items.length)])
                    .put("community", communityOf.get(station)).put("channel", channels[random.nextInt(channels.length)])
                    .put("requesterId", "resident-" + (1 + random.nextInt(400))).put("description", "需要志愿者上门帮助")
                    .put("grid", communityOf.get(station) + "第" + (1 + random.nextInt(6)) + "网格");
            body.put("submittedAt", at.toString());
            ArrayNode steps = body.putArray("steps");
            Instant[] clock = {at};
            java.util.function.Function<String, ObjectNode> step = action -> {
                clock[0] = clock[0].plus(Duration.ofMinutes(5 + random.nextInt(175)));
                return steps.addObject().put("action", action).put("at", clock[0].toString());
            };
            switch (fate) {
                case "CANCELLED" -> step.apply("cancel").put("reason", "已自行解决");
                case "REJECTED" -> step.apply("review").put("accept", false).put("reviewerId", "admin-" + station)
                        .put("reason", "不属于服务范围");
                case "EXPIRED" -> {
                    for (int level = 0; level < 3; level++) {
                        step.apply("escalate");
                    }
                }
                default -> {
                    if (fate.equals("RESCUED")) {
                        step.apply("escalate"); // nobody reviewed it at the station in time: the institute did
                    }
                    step.apply("review").put("accept", true).put("reviewerId", "admin-" + station);
                    serve(step, volunteer);
                    if (!fate.equals("COMPLETED")) {
                        boolean reopen = fate.equals("REOPENED_AND_SERVED");
                        step.apply("rate").put("rating", reopen ? 2 : 3 + random.nextInt(3)).put("solved", !reopen);
                        if (reopen) {
                            step.apply("reopen").put("reason", "问题没有解决");
                            serve(step, volunteer);
                            step.apply("rate").put("rating", 4 + random.nextInt(2)).put("solved", true);
                        }
                    }
                }
            }
            expect(send("POST", "/api/v1/requests/history?district=" + district, body), 201);
            imported++;
        }
        return imported;
    }

    private static void serve(java.util.function.Function<String, ObjectNode> step, String volunteer) {
        step.apply("dispatch").putArray("volunteerIds").add(volunteer);
        for (String action : List.of("accept", "check-in", "check-out", "complete")) {
            step.apply(action).put("volunteerId", volunteer);
        }
    }

    private void drive(String id, String requester, String station, String target) throws Exception {
        String base = "/api/v1/requests/" + id;
        String q = "?district=" + district;
        if (target.equals("SUBMITTED")) {
            return;
        }
        if (target.equals("CANCELLED")) {
            send("POST", base + "/cancel" + q, json.createObjectNode().put("requesterId", requester).put("reason", "已自行解决"));
            return;
        }
        boolean accept = !target.equals("REJECTED");
        send("POST", base + "/review" + q, json.createObjectNode().put("accept", accept).put("reviewerId", "local-ops")
                .put("reason", accept ? "同意" : "不属于服务范围"));
        if (!accept || target.equals("REVIEWED")) {
            return;
        }
        // Matching may have dispatched it already; otherwise dispatch to the station's volunteers by hand.
        List<String> pool = volunteersOf.getOrDefault(station, List.of());
        String volunteer = offered(base + q);
        if (volunteer == null && !pool.isEmpty()) {
            send("POST", base + "/dispatch" + q, json.createObjectNode().set("volunteerIds",
                    json.createArrayNode().add(pool.get(0))));
            volunteer = pool.get(0);
        }
        if (volunteer == null || target.equals("DISPATCHED")) {
            return;
        }
        ObjectNode self = json.createObjectNode().put("volunteerId", volunteer);
        send("POST", base + "/accept" + q, self);
        if (target.equals("ACCEPTED")) {
            return;
        }
        send("POST", base + "/check-in" + q, self);
        send("POST", base + "/check-out" + q, self);
        send("POST", base + "/complete" + q, self);
        if (target.equals("COMPLETED")) {
            return;
        }
        int rating = target.equals("REOPENED") ? 2 : 3 + random.nextInt(3);
        send("POST", base + "/rate" + q, json.createObjectNode().put("requesterId", requester).put("rating", rating)
                .put("solved", rating >= 3));
        if (target.equals("REOPENED")) {
            send("POST", base + "/reopen" + q, json.createObjectNode().put("requesterId", requester).put("reason", "问题没有解决"));
        }
    }

    private String offered(String path) throws Exception {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> view = send("GET", path, null);
            if (view.statusCode() == 200) {
                JsonNode offered = json.readTree(view.body()).path("offeredTo");
                if (offered.size() > 0) {
                    return offered.get(0).asText();
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------- activities

    private int activities() throws Exception {
        int published = 0;
        for (int i = 0; i < 26; i++) {
            String station = stations.get(random.nextInt(stations.size()));
            Instant starts = Instant.now().plus(Duration.ofDays(3 + random.nextInt(60))).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            ObjectNode body = json.createObjectNode().put("unitId", station)
                    .put("platform", PLATFORMS[random.nextInt(PLATFORMS.length)])
                    .put("title", communityOf.get(station) + "志愿服务活动").put("place", communityOf.get(station) + "活动室")
                    .put("startsAt", starts.toString()).put("endsAt", starts.plus(Duration.ofHours(2)).toString())
                    .put("volunteerCapacity", 5 + random.nextInt(10)).put("residentCapacity", 20 + random.nextInt(40));
            HttpResponse<String> answer = send("POST", "/api/v1/activities?district=" + district, body);
            expect(answer, 201);
            published++;
            String activity = "/api/v1/activities/" + json.readTree(answer.body()).get("activityId").asText();
            for (int k = 0; k < 20 && send("GET", activity + "?district=" + district, null).statusCode() != 200; k++) {
                Thread.sleep(100);
            }
            for (String volunteer : volunteersOf.getOrDefault(station, List.of()).stream().limit(3).toList()) {
                send("POST", activity + "/sign-ups?district=" + district,
                        json.createObjectNode().put("participantId", volunteer).put("role", "VOLUNTEER"));
            }
        }
        return published;
    }

    // ----------------------------------------------------------------------------------------------- HTTP

    private String token(String client, String secret) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(answer, 200);
        return json.readTree(answer.body()).get("access_token").asText();
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (attempt == 40) {
                return answer;
            }
            if (answer.statusCode() == 429) {
                // the gateway's per-client limit: wait as it says and go on
                Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
            } else if (answer.statusCode() == 422 && (answer.body().contains("/unknown-")
                    || answer.body().contains("/no-responsible-unit"))) {
                // what this call refers to was just created elsewhere; the service's copy follows over Kafka
                Thread.sleep(500);
            } else {
                return answer;
            }
        }
    }

    private static void expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + ": "
                    + answer.statusCode() + " " + answer.body());
        }
    }

    private double jitter(double range) {
        return (random.nextDouble() * 2 - 1) * range;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
