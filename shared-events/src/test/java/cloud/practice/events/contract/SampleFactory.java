package cloud.practice.events.contract;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a plausible, deterministic instance of an event record from its field names: the source of new golden
 * samples. Once written, a sample is frozen: this factory may change, committed samples may not.
 */
final class SampleFactory {

    private static final Instant BASE_TIME = Instant.parse("2026-03-07T01:30:00Z");
    private static final LocalDate BASE_DATE = LocalDate.parse("2026-03-07");

    private static final Map<String, Object> TEXT = Map.ofEntries(
            Map.entry("districtId", "cq-jiulongpo"),
            Map.entry("name", "九龙镇新时代文明实践所"),
            Map.entry("maskedName", "张*明"),
            Map.entry("title", "盘龙社区垃圾分类宣传活动"),
            Map.entry("code", "JLP-JL-001"),
            Map.entry("address", "重庆市九龙坡区九龙镇盘龙大道1号"),
            Map.entry("place", "九龙镇文化广场"),
            Map.entry("maskedContact", "138****5678"),
            Map.entry("reason", "志愿者人手不足"),
            Map.entry("comment", "服务很及时，谢谢！"),
            Map.entry("summary", "参与居民86人，发放宣传资料300份"),
            Map.entry("divisionCode", "500107102000"),
            Map.entry("openingHours", "周一至周五 09:00-17:00"),
            Map.entry("grid", "盘龙社区第3网格"),
            Map.entry("owningDepartment", "区委宣传部"),
            Map.entry("reference", "2020年度志愿服务表彰"),
            Map.entry("mode", "AUTOMATIC"),
            Map.entry("role", "VOLUNTEER"),
            Map.entry("grantedBy", "user-district-admin"),
            Map.entry("revokedBy", "user-district-admin"),
            Map.entry("removedBy", "user-team-leader"),
            Map.entry("requesterId", "resident-000042"),
            Map.entry("noticeId", "ntc-5d1b7f0c9a2e4c3b8f6a1d0e7c4b2a96"),
            Map.entry("kind", "sla-warning"),
            Map.entry("recipientType", "unit"),
            Map.entry("recipientId", "unit-000001"),
            Map.entry("causeId", "request-000001"),
            Map.entry("channel", "sms"),
            Map.entry("outcome", "sent"));

    private static final Map<String, List<String>> LISTS = Map.of(
            "communities", List.of("盘龙社区", "九龙园社区"),
            "movedCommunities", List.of("盘龙社区"),
            "languages", List.of("zh-CN", "zh-CQ"));

    private SampleFactory() {
    }

    static Object sampleOf(Class<?> recordClass) {
        RecordComponent[] components = recordClass.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = valueFor(components[i].getName(), components[i].getGenericType(), i);
        }
        try {
            return recordClass.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build a sample of " + recordClass.getName(), e);
        }
    }

    private static Object valueFor(String name, Type type, int position) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[0];
            Collection<Object> values = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
            if (LISTS.containsKey(name)) {
                values.addAll(LISTS.get(name));
            } else if (element instanceof Class<?> elementClass && elementClass.isEnum()) {
                Object[] constants = elementClass.getEnumConstants();
                values.add(constants[0]);
                values.add(constants[Math.min(2, constants.length - 1)]);
            } else if (element == String.class && name.endsWith("Ids")) {
                String base = name.substring(0, name.length() - 3).replaceAll("([A-Z])", "-$1").toLowerCase();
                values.add(idOf(base, 1));
                values.add(idOf(base, 2));
            } else if (element == LocalDate.class) {
                values.add(BASE_DATE.plusDays(7));
            } else {
                values.add(valueFor(singular(name), element, position));
            }
            return values;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            if (TEXT.containsKey(name)) {
                return TEXT.get(name);
            }
            if (name.endsWith("Id")) {
                return idOf(name.substring(0, name.length() - 2).replaceAll("([A-Z])", "-$1").toLowerCase(), 1);
            }
            return name + "示例";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            int value = switch (name) {
                case "level", "minimumSkillLevel" -> 3;
                case "rating" -> 5;
                case "stars", "attempt", "peopleNeeded" -> 1;
                case "halfHours" -> 4;
                case "totalHalfHours" -> 200;
                case "expectedMinutes", "plannedMinutes" -> 120;
                case "volunteerCapacity", "capacity" -> 20;
                case "residentCapacity" -> 100;
                case "distanceMeters" -> 1240;
                case "limitMeters" -> 500;
                default -> 2;
            };
            return raw == long.class || raw == Long.class ? (Object) (long) value : (Object) value;
        }
        if (raw == double.class || raw == Double.class) {
            return switch (name) {
                case "latitude" -> 29.5069;
                case "longitude" -> 106.5107;
                case "distanceKm" -> 1.2;
                default -> 0.25;
            };
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return !name.equals("overlapFlagged");
        }
        if (raw == Instant.class) {
            return BASE_TIME.plusSeconds(600L * position);
        }
        if (raw == LocalDate.class) {
            return BASE_DATE;
        }
        if (raw == LocalTime.class) {
            return name.equals("to") ? LocalTime.of(12, 0) : LocalTime.of(9, 0);
        }
        if (raw == DayOfWeek.class) {
            return DayOfWeek.SATURDAY;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw.isRecord()) {
            return sampleOf(raw);
        }
        throw new IllegalArgumentException("No sample value for " + name + ": " + raw.getName());
    }

    private static String idOf(String base, int n) {
        return String.format("%s-%06d", base.startsWith("-") ? base.substring(1) : base, n);
    }

    private static String singular(String plural) {
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
