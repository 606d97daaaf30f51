package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Exception;
import cloud.practice.request.open311.format.Format;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Reading GeoReport parameters, each failure a 400 naming the parameter in the spec's words. */
final class GeoReportParameters {

    private GeoReportParameters() {
    }

    /** {@code services.json} → JSON; an extension we do not serve is an unknown resource (404). */
    static Format format(String extension) {
        return Format.of(extension).orElseThrow(() -> Open311Exception.notFound(
                "Format '" + Jurisdictions.shorten(extension) + "' is not offered; use xml or json"));
    }

    /** {@code req-1.json} → {@code [req-1, json]}. */
    static String[] file(String file) {
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw Open311Exception.notFound("Append the format to the resource, like '" + Jurisdictions.shorten(file)
                    + ".json' or '.xml'");
        }
        return new String[]{file.substring(0, dot), file.substring(dot + 1)};
    }

    /**
     * An ISO 8601 date-time with its offset. A '+' that arrived as a space (a client that did not URL-encode the
     * offset) is read as the '+' it was.
     */
    static Instant datetime(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > 19 && text.charAt(text.length() - 6) == ' ') {
            text = text.substring(0, text.length() - 6) + "+" + text.substring(text.length() - 5);
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw Open311Exception.badRequest(name + " must be an ISO 8601 date and time with an offset, like "
                    + "2026-03-07T09:30:00+08:00");
        }
    }

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest(name + " must be a whole number from " + min + " to " + max);
        }
    }

    /** A comma-separated list; every item must match {@code pattern}; at most {@code max} items. */
    static List<String> list(String name, String value, Pattern pattern, int max) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .distinct().toList();
        if (items.size() > max) {
            throw Open311Exception.badRequest(name + " lists more than " + max + " values");
        }
        for (String item : items) {
            if (!pattern.matcher(item).matches()) {
                throw Open311Exception.badRequest(name + " has an invalid value '" + Jurisdictions.shorten(item) + "'");
            }
        }
        return items;
    }

    static String text(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw Open311Exception.badRequest(name + " may be at most " + max + " characters long");
        }
        return value.strip();
    }

    static String matching(String name, String value, Pattern pattern, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value.strip()).matches()) {
            throw Open311Exception.badRequest(name + " must be " + what);
        }
        return value.strip();
    }
}
