package cloud.practice.volunteer.roster;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.support.web.ApiException;
import cloud.practice.volunteer.roster.RosterFile.Checked;
import cloud.practice.volunteer.roster.RosterFile.Problem;
import cloud.practice.volunteer.roster.RosterFile.Resolved;
import cloud.practice.volunteer.roster.RosterFile.Row;
import cloud.practice.volunteer.support.Registrations;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and checking a roster file: the national export's columns, every bad row named by number and column. */
class RosterFileTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    static final RosterFile.Units UNITS = idOrName -> switch (idOrName) {
        case "s-pl", "盘龙社区站" -> Resolved.unit("s-pl");
        case "i-yj" -> Resolved.unit("i-yj");
        default -> Resolved.refused("'" + idOrName + "' is not a unit of this district where you may register volunteers");
    };
    static final String MALE_1990 = Registrations.idNumber(LocalDate.of(1990, 5, 4), 123); // serial 123: odd, male
    static final String FEMALE_1985 = Registrations.idNumber(LocalDate.of(1985, 1, 2), 124);

    @Test
    void shouldReadTheNationalExportWithItsChineseHeaderQuotedCellsAndColumnsItDoesNotNeed() {
        String csv = "\uFEFF序号,姓名,性别,证件号码,出生日期,手机号码,政治面貌,服务技能,所属站点,注册时间,服务时长\r\n"
                + "1,张小明,男," + MALE_1990 + ",1990/5/4,138 1234 5678,群众,\"理论宣讲:3;卫生体育\",盘龙社区站,2019-03-01 10:20:00,12.3\r\n"
                + "2,\"李,红\",女," + FEMALE_1985 + ",,+8613912345678,党员,,i-yj,2020年7月8日,\r\n";
        Checked checked = RosterFile.check(csv.getBytes(StandardCharsets.UTF_8), false, UNITS, TODAY);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.total()).isEqualTo(2);
        Row first = checked.rows().get(0);
        assertThat(first.row()).isEqualTo(2);
        assertThat(first.name()).isEqualTo("张小明");
        assertThat(first.phone()).isEqualTo("13812345678");
        assertThat(first.birthDate()).isEqualTo(LocalDate.of(1990, 5, 4));
        assertThat(first.homeUnitId()).isEqualTo("s-pl");
        assertThat(first.skills()).containsExactly(new Skill(ServicePlatform.THEORY_LECTURES, 3),
                new Skill(ServicePlatform.HEALTH_SPORTS, 1));
        assertThat(first.registeredOn()).isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(first.recordedHours()).isEqualByComparingTo("12.3");
        assertThat(first.honourHalfHours()).as("12.3 hours are 24 whole half hours").isEqualTo(24);
        assertThat(first.contactConsent()).isFalse();
        Row second = checked.rows().get(1);
        assertThat(second.row()).isEqualTo(3);
        assertThat(second.name()).isEqualTo("李,红");
        assertThat(second.phone()).isEqualTo("13912345678");
        assertThat(second.birthDate()).as("from the ID number").isEqualTo(LocalDate.of(1985, 1, 2));
        assertThat(second.registeredOn()).isEqualTo(LocalDate.of(2020, 7, 8));
        assertThat(second.honourHalfHours()).isZero();
        assertThat(second.toString()).doesNotContain("李");
    }

    @Test
    void shouldNameEveryBadRowByItsNumberAndColumn() {
        String young = Registrations.idNumber(LocalDate.of(2010, 1, 1), 201);
        String minor = Registrations.idNumber(LocalDate.of(2010, 1, 1), 203);
        String wrongCheck = MALE_1990.substring(0, 17) + (MALE_1990.charAt(17) == '1' ? "2" : "1");
        String csv = "name,idNumber,phone,gender,homeUnit,skills,registeredOn,recordedHours,contactConsent\n"
                + "张一," + MALE_1990 + ",13800000001,男,s-pl,CARE:2,2020-01-01,5,是\n"          // 2: good
                + "," + wrongCheck + ",12345,女,s-xx,园艺,2030-01-01,-1,也许\n"                    // 3: everything wrong
                + "张三," + MALE_1990 + ",13800000001,男,s-pl,,,,\n"                              // 4: same as row 2
                + "张四," + FEMALE_1985 + ",13800000004,男,s-pl,CARE;关爱帮扶,,,\n"                 // 5: gender, skill twice
                + "张五," + Registrations.idNumber(LocalDate.of(2020, 1, 1), 205) + ",13800000005,,s-pl,,,,\n" // 6: too young
                + "张六," + minor + ",13800000006,,s-pl,,,,\n";                                    // 7: no guardian
        Checked checked = RosterFile.check(csv.getBytes(StandardCharsets.UTF_8), false, UNITS, TODAY);

        assertThat(checked.rows()).extracting(Row::row).containsExactly(2);
        assertThat(checked.problems()).extracting(Problem::row, Problem::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(3, "name"), org.assertj.core.groups.Tuple.tuple(3, "phone"),
                org.assertj.core.groups.Tuple.tuple(3, "idNumber"), org.assertj.core.groups.Tuple.tuple(3, "homeUnit"),
                org.assertj.core.groups.Tuple.tuple(3, "skills"), org.assertj.core.groups.Tuple.tuple(3, "registeredOn"),
                org.assertj.core.groups.Tuple.tuple(3, "recordedHours"),
                org.assertj.core.groups.Tuple.tuple(3, "contactConsent"),
                org.assertj.core.groups.Tuple.tuple(4, "phone"), org.assertj.core.groups.Tuple.tuple(4, "idNumber"),
                org.assertj.core.groups.Tuple.tuple(5, "gender"), org.assertj.core.groups.Tuple.tuple(5, "skills"),
                org.assertj.core.groups.Tuple.tuple(6, "birthDate"),
                org.assertj.core.groups.Tuple.tuple(7, "guardianName"));
        assertThat(checked.problems()).filteredOn(p -> p.row() == 4 && p.field().equals("phone"))
                .extracting(Problem::message).containsExactly("the same phone number as row 2");
        assertThat(young).isNotEqualTo(minor);
    }

    @Test
    void shouldTakeAMinorWithTheirGuardiansConsent() {
        String minor = Registrations.idNumber(LocalDate.of(2010, 1, 1), 203);
        String csv = "姓名,证件号码,手机号码,所属站点,监护人姓名,监护人手机,监护人关系,监护人同意日期\n"
                + "王小二," + minor + ",13800000006,s-pl,王大,13800000007,父亲,2026-11-30\n";
        Row row = RosterFile.check(csv.getBytes(StandardCharsets.UTF_8), false, UNITS, TODAY).rows().get(0);
        assertThat(row.guardian()).isEqualTo(new RosterFile.Guardian("王大", "13800000007", "父亲",
                LocalDate.of(2026, 11, 30)));
    }

    @Test
    void shouldReadAJsonArrayOfRowsNumberedFromOne() {
        String json = "[{\"name\":\"张小明\",\"idNumber\":\"" + MALE_1990 + "\",\"phone\":\"13812345678\","
                + "\"homeUnitId\":\"s-pl\",\"recordedHours\":7.5,\"contactConsent\":true,\"skills\":\"LEGAL:4\"},"
                + "{\"name\":\"李红\",\"idNumber\":\"" + FEMALE_1985 + "\",\"phone\":\"1391234\",\"homeUnit\":\"s-pl\"}]";
        Checked checked = RosterFile.check(json.getBytes(StandardCharsets.UTF_8), true, UNITS, TODAY);
        assertThat(checked.rows()).singleElement().satisfies(row -> {
            assertThat(row.row()).isEqualTo(1);
            assertThat(row.recordedHours()).isEqualByComparingTo(new BigDecimal("7.5"));
            assertThat(row.honourHalfHours()).isEqualTo(15);
            assertThat(row.contactConsent()).isTrue();
            assertThat(row.skills()).containsExactly(new Skill(ServicePlatform.LEGAL, 4));
        });
        assertThat(checked.problems()).containsExactly(new Problem(2, "phone", "not a mainland mobile number"));
    }

    @Test
    void shouldRefuseAFileItCannotReadAsAWhole() {
        assertThatThrownBy(() -> RosterFile.check("姓名,手机号码\n张三,13800000001\n".getBytes(StandardCharsets.UTF_8),
                false, UNITS, TODAY)).isInstanceOf(ApiException.class).hasMessageContaining("证件号码 (idNumber)")
                .hasMessageContaining("所属站点 (homeUnit)");
        byte[] gbk = ("姓名,证件号码,手机号码,所属站点\n张三," + MALE_1990 + ",13800000001,s-pl\n")
                .getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> RosterFile.check(gbk, false, UNITS, TODAY)).isInstanceOf(ApiException.class)
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> RosterFile.check("姓名,证件号码,手机号码,所属站点\n\n".getBytes(StandardCharsets.UTF_8),
                false, UNITS, TODAY)).hasMessageContaining("no volunteer rows");
        assertThatThrownBy(() -> RosterFile.check("{\"name\":1}".getBytes(StandardCharsets.UTF_8), true, UNITS, TODAY))
                .hasMessageContaining("array");
        assertThatThrownBy(() -> RosterFile.check("[{\"name\":[1]}]".getBytes(StandardCharsets.UTF_8), true, UNITS,
                TODAY)).hasMessageContaining("Row 1: name is text or a number");
    }

    @Test
    void shouldCountABlankLineInTheMiddleAsARowThatLacksEverything() {
        String csv = "姓名,证件号码,手机号码,所属站点\n\n张三," + MALE_1990 + ",13800000001,s-pl\n\n\n";
        Checked checked = RosterFile.check(csv.getBytes(StandardCharsets.UTF_8), false, UNITS, TODAY);
        assertThat(checked.total()).isEqualTo(2);
        assertThat(checked.rows()).extracting(Row::row).containsExactly(3);
        assertThat(checked.problems()).extracting(Problem::row).containsOnly(2);
        assertThat(checked.problems()).hasSize(4);
    }
}
