package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.delivery.DeliveryFailure;
import cloud.practice.notification.delivery.Outgoing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One template of the settings, checked: each key's value type (the key's name without its number, as WeChat names
 * them) and the part of the notice that fills it; and one notice written into the template's {@code data} within the
 * limits WeChat documents for each type (subscribeMessage.send, 订阅消息参数值内容限制说明).
 */
final class TemplateMapping {

    /** {@code thing1}, {@code number01}, {@code character_string4}: the type, then its number. */
    private static final Pattern KEY = Pattern.compile("([a-z_]+?)(\\d+)");
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final String templateId;
    private final List<Slot> slots;

    private TemplateMapping(String templateId, List<Slot> slots) {
        this.templateId = templateId;
        this.slots = slots;
    }

    /** @throws IllegalArgumentException naming {@code where} when the template cannot be sent as configured */
    static TemplateMapping compile(String where, WeChatSettings.Template template) {
        if (template == null || template.templateId() == null || template.templateId().isBlank()) {
            throw new IllegalArgumentException(where + ": template-id is missing");
        }
        if (template.fields().isEmpty()) {
            throw new IllegalArgumentException(where + ": fields is empty (WeChat refuses a message without data)");
        }
        List<Slot> slots = new ArrayList<>();
        template.fields().forEach((key, source) -> {
            Matcher name = KEY.matcher(key == null ? "" : key);
            ValueType type = name.matches() ? ValueType.named(name.group(1)).orElse(null) : null;
            if (type == null) {
                throw new IllegalArgumentException(where + ".fields: '" + key + "' is not a template key of a type "
                        + "WeChat documents (" + Arrays.stream(ValueType.values()).map(ValueType::prefix)
                        .collect(Collectors.joining(", ")) + ", then a number, e.g. thing1)");
            }
            slots.add(new Slot(key, type, Source.parse(where + ".fields." + key, source)));
        });
        return new TemplateMapping(template.templateId().strip(), List.copyOf(slots));
    }

    String templateId() {
        return templateId;
    }

    /** The template keys, as they are sent. */
    List<String> keys() {
        return slots.stream().map(Slot::key).toList();
    }

    /**
     * The {@code data} values of {@code message}, key by key.
     *
     * @throws DeliveryFailure permanent, when the notice has nothing for a key: WeChat would refuse the message as
     *                         47003 on every attempt
     */
    Map<String, String> values(Outgoing message, ZoneId zone) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Slot slot : slots) {
            String value = slot.source().valueOf(message)
                    .map(raw -> slot.type().render(raw, zone))
                    .orElse("");
            if (value.isEmpty()) {
                throw DeliveryFailure.permanent("WeChat template " + templateId + ": key " + slot.key() + " takes "
                        + slot.source() + ", which this " + message.kind().id() + " notice does not have");
            }
            values.put(slot.key(), value);
        }
        return values;
    }

    private record Slot(String key, ValueType type, Source source) {
    }

    /** What fills a key: the notice's title, body, time, or one of its named facts. */
    private record Source(String name, String field) {

        static Source parse(String where, String text) {
            String value = text == null ? "" : text.strip();
            if (value.equals("title") || value.equals("body") || value.equals("at")) {
                return new Source(value, null);
            }
            if (value.startsWith("field:") && !value.substring("field:".length()).isBlank()) {
                return new Source("field", value.substring("field:".length()).strip());
            }
            throw new IllegalArgumentException(where + ": '" + text + "' is not a source (title, body, at or "
                    + "field:<name>)");
        }

        /** A text, or the {@link Instant} itself for {@code at} (each type writes a time its own way). */
        Optional<Object> valueOf(Outgoing message) {
            return Optional.ofNullable(switch (name) {
                case "title" -> message.title();
                case "body" -> message.body();
                case "at" -> message.at();
                default -> message.fields() == null ? null : message.fields().get(field);
            });
        }

        @Override
        public String toString() {
            return field == null ? name : "field:" + field;
        }
    }

    /** The value types of template keys and their documented limits. */
    enum ValueType {
        /** 事物: up to 20 characters of any kind. */
        THING("thing"),
        /** 数字: up to 32 digits, a decimal point allowed. */
        NUMBER("number"),
        /** 字母: up to 32 letters. */
        LETTER("letter"),
        /** 符号: up to 5 symbols. */
        SYMBOL("symbol"),
        /** 字符串: up to 32 digits, letters or symbols. */
        CHARACTER_STRING("character_string"),
        /** 时间: a 24-hour time, a date before it allowed. */
        TIME("time"),
        /** 日期: a date, a time after it allowed. */
        DATE("date"),
        /** 金额: a currency sign and up to 10 digits; sent as the notice has it. */
        AMOUNT("amount"),
        /** 电话: up to 17 digits and symbols. */
        PHONE_NUMBER("phone_number"),
        /** 车牌: up to 8 characters. */
        CAR_NUMBER("car_number"),
        /** 姓名: up to 10 Chinese characters, or 20 letters when there is none. */
        NAME("name"),
        /** 汉字: up to 5 Chinese characters and nothing else. */
        PHRASE("phrase"),
        /** 枚举值: one of the template's values; sent as the notice has it. */
        ENUM("enum");

        private final String prefix;

        ValueType(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }

        static Optional<ValueType> named(String name) {
            return Arrays.stream(values()).filter(type -> type.prefix.equals(name)).findFirst();
        }

        String render(Object raw, ZoneId zone) {
            if (this == TIME || this == DATE) {
                DateTimeFormatter format = this == TIME ? TIME_FORMAT : DATE_FORMAT;
                Optional<Instant> instant = raw instanceof Instant at ? Optional.of(at) : instantOf(raw.toString(), zone);
                return instant.map(at -> format.format(at.atZone(zone))).orElseGet(() -> clean(raw.toString()));
            }
            String text = raw instanceof Instant at ? TIME_FORMAT.format(at.atZone(zone)) : clean(raw.toString());
            return switch (this) {
                case THING -> shorten(text, 20);
                case NUMBER, LETTER, CHARACTER_STRING -> cut(text, 32);
                case SYMBOL -> cut(text, 5);
                case PHONE_NUMBER -> cut(text, 17);
                case CAR_NUMBER -> cut(text, 8);
                case NAME -> cut(text, text.codePoints().anyMatch(TemplateMapping::han) ? 10 : 20);
                // Only Chinese characters are allowed: punctuation and spaces go rather than the whole message.
                case PHRASE -> cut(text.codePoints().filter(TemplateMapping::han)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString(), 5);
                default -> text;
            };
        }
    }

    /** A date-time as the notice's facts may carry it (ISO-8601, with or without an offset). */
    private static Optional<Instant> instantOf(String text, ZoneId zone) {
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(ZonedDateTime.parse(value).toInstant());
            } catch (DateTimeParseException notZoned) {
                try {
                    return Optional.of(LocalDateTime.parse(value).atZone(zone).toInstant());
                } catch (DateTimeParseException notLocal) {
                    return Optional.empty();
                }
            }
        }
    }

    /** Line breaks and other control characters are not allowed in any value: one space for each run. */
    private static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    /** At most {@code limit} characters, the last one an ellipsis when the text was longer. */
    private static String shorten(String text, int limit) {
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return cut(text, limit - 1).stripTrailing() + "…";
    }

    private static String cut(String text, int limit) {
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit));
    }

    private static boolean han(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
