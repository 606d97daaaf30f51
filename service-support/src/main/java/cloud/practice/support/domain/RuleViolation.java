package cloud.practice.support.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain rule refused a change, said in the domain's words: a stable code (kebab-case, published as the problem
 * type's last segment and never changed), the field it concerns when there is one, a sentence, and what else helps
 * the caller. Aggregates and domain services throw it and know nothing of HTTP; the web layer's
 * {@code ProblemHandling} answers it as problem+json, the {@link Kind} deciding the status.
 */
public class RuleViolation extends RuntimeException {

    /** What kind of refusal it is (the web layer maps each to one status). */
    public enum Kind {
        /** The input itself is wrong (a field's value). */
        INVALID,
        /** What it names does not exist (in this district). */
        NOT_FOUND,
        /** The caller may not do this to this object. */
        FORBIDDEN,
        /** It clashes with the current state (a duplicate, an illegal transition, a race lost). */
        CONFLICT,
        /** The caller's view of the object is out of date (If-Match). */
        STALE,
        /** A rule of the domain refuses it (a station under a station, a tree cycle). */
        REFUSED
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Map<String, Object> properties;

    public RuleViolation(Kind kind, String code, String field, String message, Map<String, Object> properties) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.properties = Map.copyOf(properties);
    }

    public RuleViolation(Kind kind, String code, String message) {
        this(kind, code, null, message, Map.of());
    }

    /** A field's value is wrong: code {@code invalid-field}. */
    public static RuleViolation invalid(String field, String message) {
        return new RuleViolation(Kind.INVALID, "invalid-field", field, message, Map.of());
    }

    public static RuleViolation notFound(String what, String id) {
        return new RuleViolation(Kind.NOT_FOUND, "not-found", null, what + " '" + id + "' does not exist",
                Map.of("resource", what, "id", id));
    }

    public static RuleViolation conflict(String code, String message) {
        return new RuleViolation(Kind.CONFLICT, code, message);
    }

    public static RuleViolation refused(String code, String message) {
        return new RuleViolation(Kind.REFUSED, code, message);
    }

    /** The same refusal with one more property for the caller (e.g. the field, a limit). */
    public RuleViolation with(String property, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(property, value);
        String named = "field".equals(property) && value != null ? value.toString() : field;
        more.remove("field");
        return new RuleViolation(kind, code, named, getMessage(), more);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The field it concerns, or null. */
    public String field() {
        return field;
    }

    /** What else the caller is told (never the field: that is {@link #field()}). */
    public Map<String, Object> properties() {
        return properties;
    }
}
