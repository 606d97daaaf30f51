package cloud.practice.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MongoDB operations each service of the running platform has sent, from its own metrics (Spring Boot's driver
 * command listener: {@code mongodb_driver_commands_seconds_count} by command and collection). Two readings around a
 * load give the store operations per acknowledged command, per service and per kind of operation (issue 24) —
 * background work included (tracking processors, consumers, the relay), which is what the store pays for.
 */
final class StoreOperations {

    /** The services with a store, by their port on the running platform. */
    static final Map<String, Integer> SERVICES = Map.of(
            "hierarchy-service", 8081 + RunningPlatform.OFFSET,
            "volunteer-service", 8082 + RunningPlatform.OFFSET,
            "request-service", 8083 + RunningPlatform.OFFSET,
            "reporting-service", 8084 + RunningPlatform.OFFSET,
            "notification-service", 8085 + RunningPlatform.OFFSET,
            "auth-server", 9000 + RunningPlatform.OFFSET);

    private static final Pattern SAMPLE = Pattern.compile(
            "^mongodb_driver_commands_seconds_count\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern SECONDS = Pattern.compile(
            "^mongodb_driver_commands_seconds_sum\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern COMMAND = Pattern.compile("command=\"([^\"]+)\"");
    private static final Pattern COLLECTION = Pattern.compile("collection=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One reading: service → "command collection" → operations so far. */
    record Reading(Map<String, Map<String, Double>> counts) {

        /** What was sent since {@code before}, per service and operation. */
        Map<String, Map<String, Double>> since(Reading before) {
            Map<String, Map<String, Double>> delta = new TreeMap<>();
            counts.forEach((service, operations) -> operations.forEach((operation, count) -> {
                double earlier = before.counts.getOrDefault(service, Map.of()).getOrDefault(operation, 0.0);
                if (count - earlier > 0) {
                    delta.computeIfAbsent(service, s -> new TreeMap<>()).put(operation, count - earlier);
                }
            }));
            return delta;
        }
    }

    private StoreOperations() {
    }

    static Reading read() throws Exception {
        return read(SAMPLE);
    }

    /** The same reading of the seconds the operations took (the driver's timer sums): where a service waits. */
    static Reading readSeconds() throws Exception {
        return read(SECONDS);
    }

    private static Reading read(Pattern samples) throws Exception {
        Map<String, Map<String, Double>> counts = new TreeMap<>();
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getValue()
                    + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> operations = new TreeMap<>();
            Matcher sample = samples.matcher(metrics);
            while (sample.find()) {
                Matcher command = COMMAND.matcher(sample.group(1));
                Matcher collection = COLLECTION.matcher(sample.group(1));
                String operation = (command.find() ? command.group(1) : "?") + " "
                        + (collection.find() ? collection.group(1) : "");
                operations.merge(operation.strip(), Double.parseDouble(sample.group(2)), Double::sum);
            }
            counts.put(service.getKey(), operations);
        }
        return new Reading(counts);
    }

    /** Lines of "service: seconds in all (the operations that took longest)". */
    static String slowest(Map<String, Map<String, Double>> seconds) {
        StringBuilder text = new StringBuilder();
        seconds.forEach((service, operations) -> {
            StringBuilder slowest = new StringBuilder();
            operations.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .forEach(operation -> slowest.append(String.format(Locale.ROOT, "%s %.1f s, ", operation.getKey(),
                            operation.getValue())));
            text.append(String.format(Locale.ROOT, "store seconds, %s: %.1f (%s)%n", service,
                    operations.values().stream().mapToDouble(Double::doubleValue).sum(),
                    slowest.length() == 0 ? "" : slowest.substring(0, slowest.length() - 2)));
        });
        return text.toString();
    }

    /** Lines of "service: total per command (the heaviest operations)", and the platform's total per command. */
    static String perCommand(Map<String, Map<String, Double>> delta, long commands) {
        StringBuilder text = new StringBuilder();
        double platform = 0;
        for (Map.Entry<String, Map<String, Double>> service : delta.entrySet()) {
            double total = service.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            platform += total;
            StringBuilder heaviest = new StringBuilder();
            service.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .forEach(operation -> heaviest.append(String.format(Locale.ROOT, "%s %.2f, ", operation.getKey(),
                            operation.getValue() / commands)));
            text.append(String.format(Locale.ROOT, "store operations per command, %s: %.2f (%s)%n", service.getKey(),
                    total / commands, heaviest.length() == 0 ? "" : heaviest.substring(0, heaviest.length() - 2)));
        }
        text.append(String.format(Locale.ROOT, "store operations per command, platform: %.2f over %d commands%n",
                platform / commands, commands));
        return text.toString();
    }
}
