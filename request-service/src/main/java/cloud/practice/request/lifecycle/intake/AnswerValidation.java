package cloud.practice.request.lifecycle.intake;

import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.support.domain.RuleViolation;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a requester's answers against the menu item's extra fields (the Open311 attribute model), for every way an
 * order comes in ({@link OrderIntake}); a wrong answer is refused naming {@code answers.<code>}.
 */
@Component
class AnswerValidation {

    static final int MAX_STRING = 200;
    static final int MAX_TEXT = 4000;

    Map<String, Object> check(MenuItemView item, Map<String, Object> given) {
        Map<String, Object> answers = given == null ? Map.of() : given;
        Map<String, MenuField> fields = item.fields.stream()
                .collect(Collectors.toMap(MenuField::code, field -> field));
        for (String code : answers.keySet()) {
            if (!fields.containsKey(code)) {
                throw RuleViolation.invalid("answers." + code, "'" + code + "' is not a field of '" + item.code + "'");
            }
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        for (MenuField field : item.fields) {
            Object value = answers.get(field.code());
            String name = "answers." + field.code();
            if (value == null || value instanceof String text && text.isBlank()) {
                if (field.required()) {
                    throw RuleViolation.invalid(name, "'" + field.code() + "' (" + field.label() + ") is required");
                }
                continue;
            }
            checked.put(field.code(), checked(field, name, value));
        }
        return checked;
    }

    private static Object checked(MenuField field, String name, Object value) {
        Set<String> keys = field.values().stream().map(MenuField.Value::key).collect(Collectors.toSet());
        return switch (field.datatype()) {
            case STRING, TEXT -> {
                int max = field.datatype() == MenuField.Datatype.STRING ? MAX_STRING : MAX_TEXT;
                if (!(value instanceof String text) || text.length() > max) {
                    throw RuleViolation.invalid(name, "'" + field.code() + "' must be text of at most " + max + " characters");
                }
                yield text;
            }
            case NUMBER -> {
                if (!(value instanceof Number number)) {
                    throw RuleViolation.invalid(name, "'" + field.code() + "' must be a number");
                }
                yield number;
            }
            case DATETIME -> {
                try {
                    yield OffsetDateTime.parse(String.valueOf(value)).toInstant().toString();
                } catch (DateTimeParseException e) {
                    throw RuleViolation.invalid(name, "'" + field.code() + "' must be a date-time with a zone, like 2026-03-07T09:30:00+08:00");
                }
            }
            case SINGLEVALUELIST -> {
                if (!(value instanceof String key) || !keys.contains(key)) {
                    throw RuleViolation.invalid(name, "'" + field.code() + "' must be one of " + keys);
                }
                yield key;
            }
            case MULTIVALUELIST -> {
                if (!(value instanceof Collection<?> list) || list.isEmpty()
                        || !list.stream().allMatch(item -> item instanceof String key && keys.contains(key))) {
                    throw RuleViolation.invalid(name, "'" + field.code() + "' must be a list of " + keys);
                }
                yield List.copyOf(list);
            }
        };
    }
}
