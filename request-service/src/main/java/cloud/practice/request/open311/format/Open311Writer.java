package cloud.practice.request.open311.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders one GeoReport v2 document in either format from the same tree of ordered maps and lists, so JSON and XML
 * never drift apart. JSON is the tree as it is (a list root is an array, a missing value is {@code null}); XML wraps
 * it in the spec's root element, names each list item by the singular of its list ({@code <services><service>},
 * {@code <service_requests><request>}, {@code <attributes><attribute>}, {@code <values><value>}) and writes a
 * missing value as an empty element. Both are UTF-8; the XML starts with its declaration, as the spec requires.
 */
public final class Open311Writer {

    /** List element → item element, where the item is not simply the list's name without its final "s". */
    private static final Map<String, String> ITEMS = Map.ofEntries(
            Map.entry("service_requests", "request"),
            Map.entry("service_request_updates", "request_update"),
            Map.entry("services", "service"),
            Map.entry("attributes", "attribute"),
            Map.entry("values", "value"),
            Map.entry("endpoints", "endpoint"),
            Map.entry("formats", "format"),
            Map.entry("errors", "error"),
            Map.entry("subscriptions", "subscription"),
            Map.entry("dead_letters", "dead_letter"),
            Map.entry("service_codes", "service_code"),
            Map.entry("redeliveries", "redelivery"));

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final ObjectMapper json;

    public Open311Writer(ObjectMapper json) {
        this.json = json;
    }

    /** The document: {@code root} names the XML root element; {@code body} is a map or a list of maps. */
    public String write(Format format, String root, Object body) {
        return format == Format.JSON ? json(body) : xml(root, body);
    }

    private String json(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an Open311 document", e);
        }
    }

    static String xml(String root, Object body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, body);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render an Open311 document", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                element(xml, String.valueOf(entry.getKey()), entry.getValue());
            }
        } else if (value instanceof Collection<?> list) {
            String item = item(name);
            for (Object each : list) {
                element(xml, item, each);
            }
        } else {
            xml.writeCharacters(text(value));
        }
        xml.writeEndElement();
    }

    static String item(String list) {
        String known = ITEMS.get(list);
        if (known != null) {
            return known;
        }
        return list.endsWith("s") && list.length() > 1 ? list.substring(0, list.length() - 1) : list + "_item";
    }

    private static String text(Object value) {
        if (value instanceof Double number) {
            return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return xmlSafe(String.valueOf(value));
    }

    /**
     * Drops what XML 1.0 cannot carry at all (control characters other than tab and line breaks, lone surrogates,
     * U+FFFE/U+FFFF), which a requester's free text may contain: the document stays well-formed.
     */
    static String xmlSafe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD
                    || Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (!allowed && safe == null) {
                safe = new StringBuilder(text.substring(0, i));
            } else if (allowed && safe != null) {
                safe.append(c);
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** The spec's error document: {@code [{code, description}]} / {@code <errors><error><code/><description/>}. */
    public String errors(Format format, int code, String description) {
        return write(format, "errors", List.of(ordered("code", code, "description", description)));
    }

    /** A map that keeps the order of its keys (the spec's examples list fields in a fixed order). */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
