package cloud.practice.deployment.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A shell script that creates the topics with the Kafka CLI (compose's kafka-topics, the dev Job). */
final class TopicScript {

    private TopicScript() {
    }

    static List<String> check(String who, String script, Expectations expected) {
        List<String> problems = new ArrayList<>();
        Set<String> topics = ComposeConsistency.topicsIn(script);
        if (!topics.equals(expected.topics())) {
            problems.add(who + ": creates topics " + topics + ", the contexts have " + expected.topics());
        }
        Matcher partitions = Pattern.compile("--partitions\\s+(\\d+)").matcher(script);
        if (!partitions.find() || Integer.parseInt(partitions.group(1)) != expected.partitions()) {
            problems.add(who + ": topics need --partitions " + expected.partitions() + " (practice.messaging.partitions)");
        }
        for (String required : List.of("--if-not-exists", "retention.ms=-1", "cleanup.policy=delete", "kafka-topics.sh")) {
            if (!script.contains(required)) {
                problems.add(who + ": the script lacks " + required);
            }
        }
        return problems;
    }
}
