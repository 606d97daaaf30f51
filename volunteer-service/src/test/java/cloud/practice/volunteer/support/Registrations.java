package cloud.practice.volunteer.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Registration bodies for the API tests; each volunteer gets a phone number no other test uses. */
public final class Registrations {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private Registrations() {
    }

    public static String uniquePhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static Map<String, Object> personal(String name, String phone, LocalDate birthDate, String idNumber) {
        Map<String, Object> personal = new LinkedHashMap<>();
        personal.put("name", name);
        personal.put("phone", phone);
        if (idNumber != null) {
            personal.put("idNumber", idNumber);
        }
        personal.put("birthDate", birthDate.toString());
        return personal;
    }

    public static Map<String, Object> adult(String name, String phone, String homeUnit) {
        return registration(personal(name, phone, LocalDate.of(1990, 5, 4), null), homeUnit);
    }

    public static Map<String, Object> registration(Map<String, Object> personal, String homeUnit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personal", personal);
        body.put("homeUnitId", homeUnit);
        body.put("homeLocation", Map.of("latitude", 29.506912, "longitude", 106.510734));
        body.put("skills", List.of(Map.of("platform", "CARE", "level", 3), Map.of("platform", "CULTURE", "level", 2)));
        body.put("languages", List.of("zh-CN", "zh-CQ"));
        body.put("availability", List.of(Map.of("day", "SATURDAY", "from", "09:00", "to", "12:00")));
        body.put("unavailableDates", List.of());
        body.put("contactConsent", true);
        return body;
    }

    /** A valid resident ID number for the birth date (GB 11643 check character). */
    public static String idNumber(LocalDate born, int serial) {
        String body = "500107" + born.toString().replace("-", "") + String.format("%03d", serial % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
