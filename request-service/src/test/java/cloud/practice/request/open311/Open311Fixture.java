package cloud.practice.request.open311;

import cloud.practice.request.KafkaFacts;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Test data of the Open311 tests: a district tree published on the hierarchy topic as hierarchy-service would
 * (center → institute i-jl → stations s-pl covering 盘龙社区 and s-jly covering 九龙园社区), and the menu items.
 */
public final class Open311Fixture {

    static final String ESCORT = """
            {"name":"陪同就医","description":"志愿者陪同老人就医","platform":"CARE","keywords":["陪同","就医"],
             "minimumSkillLevel":1,"expectedMinutes":120,"peopleNeeded":1,
             "fields":[{"code":"hospital","label":"医院","datatype":"STRING","required":true,"order":1},
                       {"code":"mobility","label":"行动能力","datatype":"SINGLEVALUELIST","required":false,"order":2,
                        "description":"老人如何行动","values":[{"key":"walk","name":"可步行"},{"key":"wheelchair","name":"轮椅"}]},
                       {"code":"needs","label":"需要","datatype":"MULTIVALUELIST","required":false,"order":3,
                        "values":[{"key":"translate","name":"方言翻译"},{"key":"carry","name":"搬运"}]},
                       {"code":"visitors","label":"人数","datatype":"NUMBER","required":false,"order":4},
                       {"code":"appointment","label":"预约时间","datatype":"DATETIME","required":false,"order":5}],
             "sla":{"REVIEW":"PT2H","DISPATCH":"PT4H","ACCEPT":"PT8H","COMPLETE":"P3D"}}""";
    static final String LECTURE = """
            {"name":"理论宣讲","platform":"THEORY_LECTURES","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1}""";

    private Open311Fixture() {
    }

    /** Open311 settings for parts built by hand: the given jurisdictions, quick webhook retries, plain HTTP allowed. */
    public static Open311Settings settings(List<String> jurisdictions) {
        return new Open311Settings(jurisdictions, "", "ops", "keys", "2026-11-28T00:00:00+08:00", "test", 1000,
                Duration.ofDays(90), new Open311Settings.Webhooks(3, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofMillis(100), true, 20, List.of()), null, null, null);
    }

    static void publishTree(String district) {
        List<DomainEvent> events = List.of(
                unit(district, "center", "九龙坡区新时代文明实践中心", OrgTier.CENTER, null, null, List.of()),
                unit(district, "i-jl", "九龙镇新时代文明实践所", OrgTier.INSTITUTE, "center", null, List.of()),
                unit(district, "s-pl", "盘龙社区新时代文明实践站", OrgTier.STATION, "i-jl",
                        new GeoPoint(29.5069, 106.5107), List.of("盘龙社区")),
                unit(district, "s-jly", "九龙园社区新时代文明实践站", OrgTier.STATION, "i-jl",
                        new GeoPoint(29.5400, 106.4600), List.of("九龙园社区")));
        KafkaFacts.publish("OrgTree", district, events);
    }

    private static OrgUnitEstablished unit(String district, String id, String name, OrgTier tier, String parent,
                                           GeoPoint location, List<String> communities) {
        return new OrgUnitEstablished(id, district, id.toUpperCase(), name, tier, parent, null, null, location,
                Set.of(ServicePlatform.CARE), communities, LocalDate.of(2026, 1, 1));
    }
}
