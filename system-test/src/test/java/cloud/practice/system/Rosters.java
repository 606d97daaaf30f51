package cloud.practice.system;

import java.time.LocalDate;

/**
 * Volunteer rosters as a district's earlier system exports them (the national volunteer system's columns), for the
 * roster-import tests and benchmark: {@code rows} people with valid ID numbers and mobile numbers that no other run
 * uses (the {@code run}, 10-99, from {@link #newRun}, is in both), homed by id or by a station's Chinese name, a third
 * with recorded hours.
 */
final class Rosters {

    static final String HEADER = "序号,姓名,性别,证件号码,出生日期,手机号码,政治面貌,服务技能,所属站点,注册时间,服务时长\n";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "明华建国丽娟伟芳敏静强磊军洋勇艳杰娜涛超秀英";

    /** The runs handed out in this JVM (one platform): a run's people are no other test's. */
    private static final java.util.Set<Integer> RUNS = new java.util.HashSet<>();

    private Rosters() {
    }

    /** A run (10-99) no other test of this platform has. */
    static synchronized int newRun() {
        int run;
        do {
            run = java.util.concurrent.ThreadLocalRandom.current().nextInt(10, 100);
        } while (!RUNS.add(run));
        return run;
    }

    /** Every {@code badEvery}-th row (0: none) has a mobile number that is none. */
    static String csv(int rows, int run, int badEvery) {
        StringBuilder csv = new StringBuilder(rows * 120).append(HEADER);
        LocalDate firstBirth = LocalDate.of(1950, 1, 1);
        for (int i = 0; i < rows; i++) {
            LocalDate born = firstBirth.plusDays(i / 1000);
            int serial = i % 1000;
            String idNumber = idNumber("5001" + run, born, serial);
            String phone = badEvery > 0 && i % badEvery == badEvery - 1 ? "12345" : "17" + run + "%07d".formatted(i);
            String name = "" + SURNAMES.charAt(i % SURNAMES.length()) + GIVEN.charAt((i / 7) % GIVEN.length())
                    + GIVEN.charAt((i / 3) % GIVEN.length());
            String unit = switch (i % 3) {
                case 0 -> "s-3-2";
                case 1 -> "九龙园社区新时代文明实践站";
                default -> "i-3";
            };
            String hours = i % 3 == 0 ? String.valueOf((i % 97) / 2.0 + 0.5) : "";
            csv.append(i + 1).append(',').append(name).append(',').append(serial % 2 == 1 ? "男" : "女").append(',')
                    .append(idNumber).append(',').append(born).append(',').append(phone).append(",群众,")
                    .append(i % 2 == 0 ? "\"关爱帮扶:3;文化服务\"" : "").append(',').append(unit).append(',')
                    .append(LocalDate.of(2015, 1, 1).plusDays(i % 3650)).append(',').append(hours).append('\n');
        }
        return csv.toString();
    }

    /** The phone of row {@code i} (0-based) in a roster of this run. */
    static String phone(int run, int i) {
        return "17" + run + "%07d".formatted(i);
    }

    private static String idNumber(String region, LocalDate born, int serial) {
        String body = region + born.toString().replace("-", "") + "%03d".formatted(serial);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
