package cloud.practice.auth.people;

import cloud.practice.support.security.Role;

import java.time.Instant;

/**
 * A person's account in the people directory. {@code accountId} is opaque ({@code acc-<uuid>}; seeded staff keep
 * their user name) and is the tokens' subject — never a phone number or a name. One account per mobile number across
 * the whole platform (a number identifies one person wherever they live), one per login name.
 *
 * <p>Every account belongs to one district but a city's analyst's: a STAFF account with the role CITY_ANALYST, no
 * district, no unit and the city it reads ({@code cityId}). Such an account never has tree grants, a volunteer link
 * or a place in a district's lists.
 *
 * @param accountId         the subject of the person's tokens
 * @param districtId        the district the person belongs to; null only for a city's analyst
 * @param kind              RESIDENT (signed themselves up) or STAFF (created by an admin)
 * @param status            only ACTIVE accounts log in and refresh
 * @param loginName         staff's login name (residents seeded from configuration have one too); null otherwise
 * @param mobile            a resident's mobile number without +86; null for staff without one and once erased
 * @param passwordHash      an adaptive hash ({@code {bcrypt}…}); null for code-only residents
 * @param staffRole         the role an admin gave a staff account; null for residents
 * @param staffUnit         the unit of that role
 * @param sealedName        the resident's real name, sealed ({@link PersonalDataSeal}); null if not given
 * @param sealedIdNumber    the resident's ID number, sealed; null if not given
 * @param mustChangePassword a password an admin set (shown once) that the person should replace
 * @param createdAt         when the account was made
 * @param cityId            the city a CITY_ANALYST reads; null for every other account (and stored ones without it)
 */
public record Account(String accountId, String districtId, AccountKind kind, AccountStatus status, String loginName,
                      String mobile, String passwordHash, Role staffRole, String staffUnit, String sealedName,
                      String sealedIdNumber, boolean mustChangePassword, Instant createdAt, String cityId) {

    /** An account of a district (every account but a city's analyst's). */
    public Account(String accountId, String districtId, AccountKind kind, AccountStatus status, String loginName,
                   String mobile, String passwordHash, Role staffRole, String staffUnit, String sealedName,
                   String sealedIdNumber, boolean mustChangePassword, Instant createdAt) {
        this(accountId, districtId, kind, status, loginName, mobile, passwordHash, staffRole, staffUnit, sealedName,
                sealedIdNumber, mustChangePassword, createdAt, null);
    }

    /** A city's analyst's new account: active staff of no district and no unit, reading the city. */
    public static Account newCityAnalyst(String accountId, String cityId, String loginName, String passwordHash,
                                         String sealedName, boolean mustChangePassword, Instant createdAt) {
        return new Account(accountId, null, AccountKind.STAFF, AccountStatus.ACTIVE, loginName, null, passwordHash,
                Role.CITY_ANALYST, null, sealedName, null, mustChangePassword, createdAt, cityId);
    }

    public boolean active() {
        return status == AccountStatus.ACTIVE;
    }

    /** A city's analyst's account (role CITY_ANALYST); it belongs to no district. */
    public boolean cityAnalyst() {
        return staffRole == Role.CITY_ANALYST;
    }

    public Account withPassword(String hash, boolean mustChange) {
        return new Account(accountId, districtId, kind, status, loginName, mobile, hash, staffRole, staffUnit,
                sealedName, sealedIdNumber, mustChange, createdAt, cityId);
    }
}
