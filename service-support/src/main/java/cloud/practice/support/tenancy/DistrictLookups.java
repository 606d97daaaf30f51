package cloud.practice.support.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read model that command handlers and consumers may use to resolve the ids a command or event names. Every
 * lookup it offers (a public method answering something, whose first parameter is a text) takes the district first
 * and answers only from that district: an id of another district is simply not there. The shared architecture
 * contract ({@code ServiceArchitectureContract} in test-support) holds every service to it: command handlers and
 * consumers reach stored state only through such lookups, never through the MongoDB driver or an unmarked read model.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DistrictLookups {
}
