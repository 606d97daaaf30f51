package cloud.practice.notification.notice;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whom a notice is for (ADR 0023): a person by their account ({@code acc:<id>}), a volunteer by their registry id
 * ({@code vol:<id>}, whose token carries it as {@code practice_volunteer}, so no link to an account is needed to read
 * the inbox), or a unit's staff ({@code unit:<id>}, one shared inbox).
 */
public record Recipient(Type type, String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    public enum Type {
        ACC, VOL, UNIT
    }

    public Recipient {
        Objects.requireNonNull(type, "type");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a recipient id: " + id);
        }
    }

    public static Recipient account(String accountId) {
        return new Recipient(Type.ACC, accountId);
    }

    public static Recipient volunteer(String volunteerId) {
        return new Recipient(Type.VOL, volunteerId);
    }

    public static Recipient unit(String unitId) {
        return new Recipient(Type.UNIT, unitId);
    }

    /** {@code vol:vol-1}: how notices store it. */
    public String key() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }

    public static Recipient parse(String key) {
        int colon = key.indexOf(':');
        Type type = Type.valueOf(key.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
        return new Recipient(type, key.substring(colon + 1));
    }

    @Override
    public String toString() {
        return key();
    }
}
