package cloud.practice.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * Every text a client sends in a JSON body is refused (400, naming the field) when it holds characters that change
 * how the text is shown without being seen: bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069,
 * the marks U+200E/U+200F/U+061C) and zero-width or invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF,
 * U+00AD). Such a name would read one way on a screen and another in a CSV or a search ("Trojan Source"). The
 * platform's texts are Chinese names, addresses and descriptions, which never need them, so they are refused rather
 * than silently changed: what is stored is exactly what the client sent. Events and stored data are not touched.
 * Controllers that parse a raw text body themselves call {@link #find} on each text.
 */
@ControllerAdvice
public class InvisibleCharacters extends RequestBodyAdviceAdapter {

    private static final int MAX_DEPTH = 32;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        // A raw text body (the tree import's JSON or CSV) is parsed by its controller, which names the row instead.
        return targetType != String.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check(body, "", 0);
        return body;
    }

    /** The first invisible or direction-changing character in {@code text}, or -1. */
    public static int find(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (invisible(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean invisible(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c >= '\u200B' && c <= '\u200F'
                || c >= '\u2060' && c <= '\u2064' || c == '\uFEFF' || c == '\u00AD' || c == '\u061C';
    }

    private static void check(Object value, String path, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof String text) {
            int at = find(text);
            if (at >= 0) {
                throw ApiException.badRequest(path.isEmpty() ? "body" : path, String.format(
                        "'%s' holds an invisible or direction-changing character (U+%04X at %d); remove it",
                        path.isEmpty() ? "body" : path, (int) text.charAt(at), at));
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                check(item, path + "[" + i++ + "]", depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                check(key, join(path, key), depth + 1);
                check(entry.getValue(), join(path, key), depth + 1);
            }
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    check(component.getAccessor().invoke(value), join(path, component.getName()), depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
