package cloud.practice.localplatform.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo district's menu: one or two items per platform, as {@code PUT /api/v1/menu/items/{code}} bodies. Some
 * items ask extra questions — between them every datatype of the attribute model (string, number, datetime, text,
 * single- and multi-value lists), so Open311 clients see services with {@code metadata=true} and their definitions.
 * The items the loader orders requests from answer none of them, so their questions are optional; one item the
 * loader never orders from, {@link #HOME_REPAIR}, has required ones.
 */
final class DemoMenu {

    static final String HOME_REPAIR = "HOME-REPAIR";

    private DemoMenu() {
    }

    /** Code → body, in the order they are defined. */
    static Map<String, ObjectNode> items(ObjectMapper json) {
        Map<String, ObjectNode> items = new LinkedHashMap<>();
        items.put("THEORY-TALK", item(json, "理论宣讲进社区", "THEORY_LECTURES", 1));
        items.put("HOMEWORK-HELP", item(json, "课后辅导", "EDUCATION", 2));
        items.put("CULTURE-SHOW", item(json, "文艺演出", "CULTURE", 1));
        items.put("SCIENCE-CLASS", item(json, "科普讲座", "SCIENCE", 2));
        items.put("HEALTH-CHECK", item(json, "义诊与健康咨询", "HEALTH_SPORTS", 3));

        ObjectNode legal = item(json, "法律咨询", "LEGAL", 3);
        ArrayNode legalFields = legal.putArray("fields");
        field(legalFields, "matter", "咨询事项", "TEXT", false, 1, "简要说明需要咨询的问题");
        items.put("LEGAL-ADVICE", legal);

        ObjectNode escort = item(json, "陪同就医", "CARE", 2);
        escort.put("description", "志愿者陪同老人往返医院、挂号取药");
        escort.putArray("keywords").add("陪同").add("就医");
        ArrayNode escortFields = escort.putArray("fields");
        field(escortFields, "hospital", "医院", "STRING", false, 1, null);
        field(escortFields, "appointment", "预约时间", "DATETIME", false, 2, "带时区的日期时间，如 2026-03-07T09:30:00+08:00");
        values(field(escortFields, "mobility", "行动能力", "SINGLEVALUELIST", false, 3, "老人如何行动"),
                "walk", "可步行", "cane", "需拐杖", "wheelchair", "轮椅");
        values(field(escortFields, "needs", "需要的帮助", "MULTIVALUELIST", false, 4, null),
                "register", "挂号", "medicine", "取药", "translate", "方言翻译");
        field(escortFields, "companions", "同行家属人数", "NUMBER", false, 5, null);
        items.put("CARE-ESCORT", escort);

        ObjectNode shopping = item(json, "代买代办", "CARE", 1);
        // a short review clock: these escalate while the demo runs
        shopping.putObject("sla").put("REVIEW", "PT2M").put("DISPATCH", "PT10M");
        items.put("CARE-SHOPPING", shopping);

        items.put("CIVIL-CLEANUP", item(json, "环境整治", "CIVILIZATION", 1));
        items.put("MEDIA-TRAINING", item(json, "智能手机培训", "ALL_MEDIA", 1));

        ObjectNode repair = item(json, "家电维修", "SCIENCE", 2);
        repair.put("description", "志愿者上门检修小家电");
        ArrayNode repairFields = repair.putArray("fields");
        values(field(repairFields, "appliance", "电器", "SINGLEVALUELIST", true, 1, null),
                "tv", "电视", "fridge", "冰箱", "washer", "洗衣机", "other", "其他");
        field(repairFields, "symptom", "故障描述", "TEXT", true, 2, null);
        items.put(HOME_REPAIR, repair);
        return items;
    }

    private static ObjectNode item(ObjectMapper json, String name, String platform, int minimumSkillLevel) {
        return json.createObjectNode().put("name", name).put("platform", platform)
                .put("minimumSkillLevel", minimumSkillLevel).put("expectedMinutes", 90).put("peopleNeeded", 1);
    }

    private static ObjectNode field(ArrayNode fields, String code, String label, String datatype, boolean required,
                                    int order, String description) {
        ObjectNode field = fields.addObject().put("code", code).put("label", label).put("datatype", datatype)
                .put("required", required).put("order", order);
        if (description != null) {
            field.put("description", description);
        }
        return field;
    }

    private static void values(ObjectNode field, String... keysAndNames) {
        ArrayNode values = field.putArray("values");
        for (int i = 0; i < keysAndNames.length; i += 2) {
            values.addObject().put("key", keysAndNames[i]).put("name", keysAndNames[i + 1]);
        }
    }

    /** The datatypes the items' questions use, for the test that every one is shown. */
    static List<String> datatypes(ObjectMapper json) {
        return items(json).values().stream().flatMap(item -> java.util.stream.StreamSupport.stream(
                item.path("fields").spliterator(), false)).map(field -> field.get("datatype").asText()).distinct()
                .toList();
    }
}
