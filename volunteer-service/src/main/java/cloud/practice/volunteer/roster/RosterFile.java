package cloud.practice.volunteer.roster;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.support.privacy.RealName;
import cloud.practice.support.web.ApiException;
import cloud.practice.volunteer.privacy.IdentityIndex;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.springframework.http.HttpStatus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A volunteer roster as an operator sends it (ADR 0025): CSV with a header row — the columns of the national volunteer
 * system's export, in Chinese or by the English names — or a JSON array of objects with the English names. Every row
 * is checked by the rules of a single registration, and every problem is named by row and column, so the whole file
 * can be mended at once. Rows are numbered as a spreadsheet shows them (the CSV header is row 1, the first volunteer
 * row 2); in JSON the first element is row 1.
 */
public final class RosterFile {

    /** The most rows one file may hold. */
    public static final int MAX_ROWS = 200_000;
    static final int MAX_HOURS = 100_000;
    static final int MINIMUM_AGE = 14;
    static final int ADULT_AGE = 18;

    /** Column → the header names that mean it (the first is the national export's). */
    static final Map<String, List<String>> COLUMNS = columns();
    /** A header name (lower case) → its column. */
    private static final Map<String, String> ALIASES = aliases();
    static final Set<String> REQUIRED = Set.of("name", "idNumber", "phone", "homeUnit");

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T].*)?");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SKILL = Pattern.compile("\\s*([^:：]+?)\\s*(?:[:：]\\s*([1-5]))?\\s*");

    private RosterFile() {
    }

    /** A problem with one row (row 0: the file as a whole). */
    public record Problem(int row, String field, String message) {
    }

    /** A guardian's consent for a volunteer under 18. */
    public record Guardian(String name, String phone, String relation, LocalDate consentedOn) {
    }

    /**
     * A row that passed every check.
     *
     * @param homeUnitId      the unit the row named, resolved to its id
     * @param registeredOn    the earlier system's registration date, null when not given (then: the import's day)
     * @param recordedHours   hours the earlier system recorded, as given (null or 0: none)
     */
    public record Row(int row, String name, String phone, String idNumber, LocalDate birthDate, Guardian guardian,
                      String homeUnitId, List<Skill> skills, boolean contactConsent, LocalDate registeredOn,
                      BigDecimal recordedHours) {

        /** Honour hours come in half hours: the recorded hours rounded down to one. */
        public int honourHalfHours() {
            return recordedHours == null ? 0 : recordedHours.multiply(BigDecimal.valueOf(2)).intValue();
        }

        @Override
        public String toString() {
            return "Row[" + row + "]"; // never personal data in a log
        }
    }

    /** The file's rows that passed and the problems of those that did not. */
    public record Checked(List<Row> rows, List<Problem> problems, int total) {
    }

    /** Names a home unit given by id or by exact name: the unit's id, or why not. */
    public interface Units {
        Resolved resolve(String idOrName);
    }

    public record Resolved(String unitId, String problem) {
        public static Resolved unit(String unitId) {
            return new Resolved(unitId, null);
        }

        public static Resolved refused(String problem) {
            return new Resolved(null, problem);
        }
    }

    /**
     * Reads and checks the whole file, a row at a time (a roster of 150,000 rows never sits in memory as text or
     * cells, only as the rows that passed); a file that cannot be read at all answers 400.
     */
    public static Checked check(byte[] content, boolean json, Units units, LocalDate today) {
        Checker checker = new Checker(units, today, json ? 1 : 2);
        try (Reader reader = utf8(content)) {
            if (json) {
                jsonRows(reader, checker);
            } else {
                csvRows(reader, checker);
            }
        } catch (IOException e) {
            throw unreadable(e, json);
        }
        if (checker.total == 0) {
            throw ApiException.badRequest("roster", "The roster has no volunteer rows");
        }
        return new Checked(checker.rows, checker.problems, checker.total);
    }

    /** Checks rows as they are read, numbering them; a blank line counts only when a row follows it. */
    private static final class Checker {
        private final Units units;
        private final LocalDate today;
        private final int first;
        private final List<Row> rows = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, Integer> phones = new HashMap<>();
        private final Map<String, Integer> idNumbers = new HashMap<>();
        private final Map<String, Resolved> resolved = new HashMap<>();
        private int total;
        private int blanks;

        Checker(Units units, LocalDate today, int first) {
            this.units = units;
            this.today = today;
            this.first = first;
        }

        void blank() {
            blanks++;
        }

        void accept(Map<String, String> cells) {
            while (blanks > 0) {
                blanks--;
                check(Map.of());
            }
            check(cells);
        }

        private void check(Map<String, String> cells) {
            if (++total > MAX_ROWS) {
                throw ApiException.badRequest("roster", "A roster holds at most " + MAX_ROWS + " rows: split it");
            }
            int number = first + total - 1;
            List<Problem> found = new ArrayList<>();
            Row row = row(number, cells, found, idOrName -> resolved.computeIfAbsent(idOrName, units::resolve), today);
            if (row != null) {
                Integer samePhone = phones.putIfAbsent(row.phone(), number);
                if (samePhone != null) {
                    found.add(new Problem(number, "phone", "the same phone number as row " + samePhone));
                }
                Integer sameId = idNumbers.putIfAbsent(row.idNumber(), number);
                if (sameId != null) {
                    found.add(new Problem(number, "idNumber", "the same ID number as row " + sameId));
                }
            }
            if (found.isEmpty()) {
                rows.add(row);
            } else {
                problems.addAll(found);
            }
        }
    }

    private static Row row(int number, Map<String, String> cells, List<Problem> problems, Units units,
                           LocalDate today) {
        String name = text(cells, "name");
        if (name == null) {
            problems.add(new Problem(number, "name", "a name is required"));
        } else if (name.length() > 50) {
            problems.add(new Problem(number, "name", "a name has at most 50 characters"));
        }
        String phone = text(cells, "phone");
        String mobile = null;
        if (phone == null) {
            problems.add(new Problem(number, "phone", "a mobile number is required"));
        } else {
            mobile = IdentityIndex.normalisePhone(phone);
            if (!MOBILE.matcher(mobile).matches()) {
                problems.add(new Problem(number, "phone", "not a mainland mobile number"));
            }
        }
        LocalDate birthDate = date(cells, "birthDate", number, problems);
        String idNumber = text(cells, "idNumber");
        if (idNumber == null) {
            problems.add(new Problem(number, "idNumber", "an ID number is required: it keys the row, so a repeated "
                    + "file finds the volunteer again"));
        } else {
            try {
                idNumber = RealName.checkIdNumber("idNumber", idNumber, birthDate);
                if (birthDate == null) {
                    birthDate = LocalDate.parse(idNumber.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                }
                gender(cells, idNumber, number, problems);
            } catch (ApiException e) {
                problems.add(new Problem(number, "idNumber", e.getMessage()));
            }
        }
        Guardian guardian = guardian(cells, number, problems, today);
        if (birthDate != null) {
            if (birthDate.isAfter(today)) {
                problems.add(new Problem(number, "birthDate", "lies in the future"));
            } else {
                int age = Period.between(birthDate, today).getYears();
                if (age < MINIMUM_AGE) {
                    problems.add(new Problem(number, "birthDate", "volunteers are at least " + MINIMUM_AGE
                            + " years old"));
                } else if (age < ADULT_AGE && guardian == null) {
                    problems.add(new Problem(number, "guardianName", "a volunteer under " + ADULT_AGE
                            + " needs their guardian's consent: guardianName, guardianPhone, guardianRelation, "
                            + "guardianConsentedOn"));
                }
            }
        }
        String unit = text(cells, "homeUnit");
        String homeUnitId = null;
        if (unit == null) {
            problems.add(new Problem(number, "homeUnit", "a home unit (station or institute, by id or name) is required"));
        } else {
            Resolved resolved = units.resolve(unit);
            if (resolved.problem() != null) {
                problems.add(new Problem(number, "homeUnit", resolved.problem()));
            }
            homeUnitId = resolved.unitId();
        }
        List<Skill> skills = skills(cells, number, problems);
        boolean consent = yesNo(cells, "contactConsent", number, problems);
        LocalDate registeredOn = date(cells, "registeredOn", number, problems);
        if (registeredOn != null && registeredOn.isAfter(today)) {
            problems.add(new Problem(number, "registeredOn", "lies in the future"));
        }
        BigDecimal hours = hours(cells, number, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Row(number, name, mobile, idNumber, birthDate, guardian, homeUnitId, skills, consent, registeredOn,
                hours);
    }

    private static void gender(Map<String, String> cells, String idNumber, int number, List<Problem> problems) {
        String gender = text(cells, "gender");
        if (gender == null) {
            return;
        }
        boolean male = (idNumber.charAt(16) - '0') % 2 == 1;
        String given = gender.toLowerCase(Locale.ROOT);
        Boolean saysMale = switch (given) {
            case "男", "m", "male" -> true;
            case "女", "f", "female" -> false;
            default -> null;
        };
        if (saysMale == null) {
            problems.add(new Problem(number, "gender", "男 or 女 (or M / F)"));
        } else if (saysMale != male) {
            // Kept only as the ID number says it: a mismatch means one of the two is wrong.
            problems.add(new Problem(number, "gender", "does not match the ID number"));
        }
    }

    private static Guardian guardian(Map<String, String> cells, int number, List<Problem> problems, LocalDate today) {
        String name = text(cells, "guardianName");
        String phone = text(cells, "guardianPhone");
        String relation = text(cells, "guardianRelation");
        LocalDate consented = date(cells, "guardianConsentedOn", number, problems);
        if (name == null && phone == null && relation == null && consented == null) {
            return null;
        }
        int before = problems.size();
        if (name == null || name.length() > 50) {
            problems.add(new Problem(number, "guardianName", "the guardian's name, at most 50 characters"));
        }
        if (phone == null || !MOBILE.matcher(IdentityIndex.normalisePhone(phone)).matches()) {
            problems.add(new Problem(number, "guardianPhone", "the guardian's mobile number"));
        }
        if (relation == null || relation.length() > 20) {
            problems.add(new Problem(number, "guardianRelation", "the guardian's relation, at most 20 characters"));
        }
        if (consented == null || consented.isAfter(today)) {
            problems.add(new Problem(number, "guardianConsentedOn", "the date the guardian consented, not in the future"));
        }
        return problems.size() > before ? null
                : new Guardian(name, IdentityIndex.normalisePhone(phone), relation, consented);
    }

    private static List<Skill> skills(Map<String, String> cells, int number, List<Problem> problems) {
        String given = text(cells, "skills");
        if (given == null) {
            return List.of();
        }
        List<Skill> skills = new ArrayList<>();
        Set<ServicePlatform> seen = EnumSet.noneOf(ServicePlatform.class);
        for (String part : given.split("[;；,，、|]")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher matcher = SKILL.matcher(part);
            Optional<ServicePlatform> platform = matcher.matches() ? platform(matcher.group(1)) : Optional.empty();
            if (platform.isEmpty()) {
                problems.add(new Problem(number, "skills", "'" + part.strip() + "' is none of the nine platforms "
                        + "(e.g. 理论宣讲, 卫生体育:3, CARE:2)"));
                return List.of();
            }
            if (!seen.add(platform.get())) {
                problems.add(new Problem(number, "skills", platform.get().chineseName() + " is named twice"));
                return List.of();
            }
            // A roster names a skill without a level: beginner until someone says more.
            skills.add(new Skill(platform.get(), matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2))));
        }
        return List.copyOf(skills);
    }

    private static Optional<ServicePlatform> platform(String given) {
        for (ServicePlatform platform : ServicePlatform.values()) {
            if (platform.chineseName().equals(given) || platform.name().equalsIgnoreCase(given)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    private static boolean yesNo(Map<String, String> cells, String column, int number, List<Problem> problems) {
        String given = text(cells, column);
        if (given == null) {
            return false;
        }
        return switch (given.toLowerCase(Locale.ROOT)) {
            case "是", "同意", "y", "yes", "true", "1" -> true;
            case "否", "不同意", "n", "no", "false", "0" -> false;
            default -> {
                problems.add(new Problem(number, column, "是 or 否 (or true / false)"));
                yield false;
            }
        };
    }

    private static BigDecimal hours(Map<String, String> cells, int number, List<Problem> problems) {
        String given = text(cells, "recordedHours");
        if (given == null) {
            return null;
        }
        try {
            BigDecimal hours = new BigDecimal(given.replace("小时", "").strip());
            if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(MAX_HOURS)) > 0) {
                problems.add(new Problem(number, "recordedHours", "between 0 and " + MAX_HOURS + " hours"));
                return null;
            }
            return hours;
        } catch (NumberFormatException e) {
            problems.add(new Problem(number, "recordedHours", "a number of hours, e.g. 12.5"));
            return null;
        }
    }

    private static LocalDate date(Map<String, String> cells, String column, int number, List<Problem> problems) {
        String given = text(cells, column);
        if (given == null) {
            return null;
        }
        Matcher matcher = DATE.matcher(given);
        Matcher compact = COMPACT_DATE.matcher(given);
        Matcher found = matcher.matches() ? matcher : compact.matches() ? compact : null;
        try {
            if (found != null) {
                return LocalDate.of(Integer.parseInt(found.group(1)), Integer.parseInt(found.group(2)),
                        Integer.parseInt(found.group(3)));
            }
        } catch (java.time.DateTimeException e) {
            // fall through: no such day
        }
        problems.add(new Problem(number, column, "a date such as 2019-03-01"));
        return null;
    }

    private static String text(Map<String, String> cells, String column) {
        String value = cells.get(column);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** A strict UTF-8 reader (a GBK export fails to read, never turns into wrong names), without the BOM. */
    private static Reader utf8(byte[] content) {
        int bom = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        return new InputStreamReader(new ByteArrayInputStream(content, bom, content.length - bom),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static ApiException unreadable(IOException e, boolean json) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return ApiException.badRequest("roster", "The roster is not UTF-8 text (save it as \"CSV UTF-8\")");
            }
        }
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                ? processing.getOriginalMessage() : e.getMessage();
        return ApiException.badRequest("roster", "The roster is not readable " + (json ? "JSON" : "CSV") + ": "
                + (message == null ? "" : message.lines().findFirst().orElse("")));
    }

    private static void csvRows(Reader reader, Checker checker) throws IOException {
        try (MappingIterator<String[]> records = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(reader)) {
            if (!records.hasNext()) {
                throw ApiException.badRequest("roster", "The roster is empty");
            }
            Map<Integer, String> columnAt = header(records.next());
            while (records.hasNext()) {
                String[] record = records.next();
                if (record.length == 0 || record.length == 1 && record[0].isBlank()) {
                    checker.blank();
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                columnAt.forEach((index, column) -> {
                    if (index < record.length) {
                        cells.put(column, record[index]);
                    }
                });
                checker.accept(cells);
            }
        } catch (RuntimeJsonMappingException e) {
            throw unreadable(new IOException(e.getMessage(), e), false);
        }
    }

    private static Map<Integer, String> header(String[] names) {
        Map<Integer, String> columnAt = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String column = ALIASES.get(names[i].strip().toLowerCase(Locale.ROOT));
            if (column == null) {
                continue; // the export's other columns (政治面貌, 学历, …) are not the registry's business
            }
            if (columnAt.containsValue(column)) {
                throw ApiException.badRequest("roster", "The header names " + column + " twice");
            }
            columnAt.put(i, column);
        }
        List<String> missing = REQUIRED.stream().filter(column -> !columnAt.containsValue(column)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "roster-columns", "The header lacks the columns "
                    + missing.stream().map(column -> COLUMNS.get(column).get(0) + " (" + column + ")").toList(),
                    Map.of("missing", missing));
        }
        return columnAt;
    }

    private static void jsonRows(Reader reader, Checker checker) throws IOException {
        try (JsonParser parser = new ObjectMapper().createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("roster", "A JSON roster is an array of rows");
            }
            int row = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                row++;
                Map<String, String> cells = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value.isStructStart()) {
                        throw ApiException.badRequest("roster", "Row " + row + ": " + field
                                + " is text or a number, not " + (value == JsonToken.START_ARRAY ? "a list" : "an object"));
                    }
                    String column = ALIASES.get(field.toLowerCase(Locale.ROOT));
                    if (column != null && value != JsonToken.VALUE_NULL) {
                        cells.put(column, parser.getText());
                    }
                }
                checker.accept(cells);
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw ApiException.badRequest("roster", "A JSON roster is an array of objects");
            }
        }
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>();
        COLUMNS.forEach((column, names) -> names.forEach(name -> aliases.put(name.toLowerCase(Locale.ROOT), column)));
        return Map.copyOf(aliases);
    }

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("name", List.of("姓名", "name"));
        columns.put("idNumber", List.of("证件号码", "身份证号", "身份证号码", "idNumber"));
        columns.put("phone", List.of("手机号码", "手机号", "联系电话", "phone"));
        columns.put("gender", List.of("性别", "gender"));
        columns.put("birthDate", List.of("出生日期", "birthDate"));
        columns.put("skills", List.of("服务技能", "专业特长", "skills"));
        columns.put("homeUnit", List.of("所属站点", "所属组织", "所属单位", "homeUnit", "homeUnitId"));
        columns.put("registeredOn", List.of("注册时间", "注册日期", "registeredOn"));
        columns.put("recordedHours", List.of("服务时长", "志愿服务时长", "累计服务时长", "recordedHours"));
        columns.put("contactConsent", List.of("同意联系", "contactConsent"));
        columns.put("guardianName", List.of("监护人姓名", "guardianName"));
        columns.put("guardianPhone", List.of("监护人手机", "监护人手机号码", "guardianPhone"));
        columns.put("guardianRelation", List.of("监护人关系", "guardianRelation"));
        columns.put("guardianConsentedOn", List.of("监护人同意日期", "guardianConsentedOn"));
        return Map.copyOf(columns);
    }
}
