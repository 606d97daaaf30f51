package cloud.practice.volunteer.registry;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.registry.api.ConsentMethod;
import cloud.practice.volunteer.registry.api.VolunteerCommands.AccountLink;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ApplyAsVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.RegisterVolunteerCommand;
import cloud.practice.volunteer.support.Clocks;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Volunteers for tests: 张小明, an adult of Jiulongpo living near the Panlong station. */
public final class VolunteerMother {

    public static final String DISTRICT = "cq-jiulongpo";
    public static final String HOME_UNIT = "s-pl";
    public static final GeoPoint HOME = new GeoPoint(29.506912, 106.510734);
    public static final GeoPoint APPROXIMATE_HOME = new GeoPoint(29.51, 106.51);
    public static final List<Skill> SKILLS = List.of(new Skill(ServicePlatform.CARE, 3),
            new Skill(ServicePlatform.CULTURE, 2));
    public static final List<String> LANGUAGES = List.of("zh-CN", "zh-CQ");
    public static final List<WeeklySlot> WEEKENDS = List.of(
            new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new WeeklySlot(DayOfWeek.SUNDAY, LocalTime.of(14, 0), LocalTime.of(17, 30)));
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private VolunteerMother() {
    }

    public static PersonalData adult() {
        LocalDate born = LocalDate.of(1990, 5, 4);
        return new PersonalData("张小明", "13812345678", idNumber(born, 123), born, null);
    }

    public static PersonalData agedOn(LocalDate today, int years, int extraDays) {
        LocalDate born = today.minusYears(years).minusDays(extraDays);
        return new PersonalData("李小华", "13987654321", null, born, null);
    }

    public static PersonalData withGuardian(PersonalData minor) {
        return new PersonalData(minor.name(), minor.phone(), minor.idNumber(), minor.birthDate(),
                new PersonalData.Guardian("李大华", "13700001111", "父亲", Clocks.NOW.minusSeconds(3600)));
    }

    public static PersonalData withPhone(PersonalData data, String phone) {
        return new PersonalData(data.name(), phone, data.idNumber(), data.birthDate(), data.guardian());
    }

    public static PersonalData withName(PersonalData data, String name) {
        return new PersonalData(name, data.phone(), data.idNumber(), data.birthDate(), data.guardian());
    }

    public static RegisterVolunteerCommand register(String volunteerId, PersonalData personal) {
        return new RegisterVolunteerCommand(volunteerId, DISTRICT, personal, HOME_UNIT, HOME, SKILLS, LANGUAGES,
                WEEKENDS, List.of(), true);
    }

    /** A person applying for themselves with their account. */
    public static ApplyAsVolunteerCommand apply(String volunteerId, PersonalData personal, String accountId) {
        return new ApplyAsVolunteerCommand(volunteerId, DISTRICT, personal, HOME_UNIT, HOME, SKILLS, LANGUAGES,
                WEEKENDS, List.of(), true, accountId);
    }

    /** Staff registering someone and linking their account with the consent recorded on paper. */
    public static RegisterVolunteerCommand registerLinked(String volunteerId, PersonalData personal,
                                                          String accountId, String recordedBy) {
        return new RegisterVolunteerCommand(volunteerId, DISTRICT, personal, HOME_UNIT, HOME, SKILLS, LANGUAGES,
                WEEKENDS, List.of(), true, new AccountLink(accountId, ConsentMethod.PAPER_FORM,
                Clocks.NOW.minusSeconds(86_400), recordedBy));
    }

    /** A valid 18-character resident ID number (Jiulongpo area code, GB 11643 check character). */
    public static String idNumber(LocalDate born, int serial) {
        String body = "500107" + born.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", serial % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
