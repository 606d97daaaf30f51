package cloud.practice.volunteer.privacy;

import cloud.practice.support.privacy.Masking;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A volunteer's real-name data. It exists in plain text only in commands (in memory), in the sealed internal event
 * (encrypted with the volunteer's own key) and in the plain-text profile read model; erasure deletes the key and the
 * read model. The precise home location is never kept (only an approximate one, ~1 km, is).
 *
 * @param idNumber resident ID number, optional
 * @param guardian required under 18
 */
public record PersonalData(String name, String phone, String idNumber, LocalDate birthDate, Guardian guardian) {

    /** Masked, so that a logged command never prints personal data. */
    @Override
    public String toString() {
        return "PersonalData[name=" + Masking.name(name) + ", phone=" + Masking.phone(phone) + ", idNumber="
                + Masking.idNumber(idNumber) + ", birthDate=****, guardian=" + guardian + "]";
    }

    /** A minor's guardian and when they consented. */
    public record Guardian(String name, String phone, String relation, Instant consentedAt) {

        @Override
        public String toString() {
            return "Guardian[name=" + Masking.name(name) + ", phone=" + Masking.phone(phone) + ", relation="
                    + relation + ", consentedAt=" + consentedAt + "]";
        }
    }
}
