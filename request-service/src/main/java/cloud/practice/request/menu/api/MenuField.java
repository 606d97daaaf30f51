package cloud.practice.request.menu.api;

import java.util.List;

/**
 * An extra field a requester answers when ordering an item: the same model as an Open311 service definition
 * attribute (code, datatype, required, order, values for lists).
 */
public record MenuField(String code, String label, Datatype datatype, boolean required, int order,
                        String description, List<Value> values) {

    public enum Datatype { STRING, NUMBER, DATETIME, TEXT, SINGLEVALUELIST, MULTIVALUELIST }

    public record Value(String key, String name) {
    }
}
