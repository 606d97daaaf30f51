package cloud.practice.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What every service has stored, read straight from the platform's MongoDB: per database and collection the number
 * of documents and an order-independent digest of their content. Two equal fingerprints mean nothing was added,
 * changed or removed — the check behind "bad input changes nothing" and "replayed deliveries change nothing".
 */
final class StoreFingerprint {

    static final String MONGO = "mongodb://127.0.0.1:" + (27027 + RunningPlatform.OFFSET);

    /**
     * Collections whose documents change with time alone, not with commands or events: the Axon tracking
     * processors' tokens (their claim's owner and timestamp are renewed every few seconds). Everything a command or
     * an event writes is outside this list — found by reading the stores of an idle platform until only these moved.
     */
    static final Predicate<String> CHANGES_WITH_TIME_ALONE = name -> name.endsWith(".trackingtokens");

    /** One client for every reading, closed with the test JVM. */
    private static final MongoClient CLIENT = MongoClients.create(MONGO);

    private StoreFingerprint() {
    }

    /** Database.collection → "count:digest", for every collection not in {@link #CHANGES_WITH_TIME_ALONE}. */
    static Map<String, String> take() {
        Map<String, String> fingerprint = new TreeMap<>();
        {
            MongoClient client = CLIENT;
            for (String databaseName : client.listDatabaseNames()) {
                if (List.of("admin", "local", "config").contains(databaseName)) {
                    continue;
                }
                MongoDatabase database = client.getDatabase(databaseName);
                for (String collectionName : database.listCollectionNames()) {
                    String name = databaseName + "." + collectionName;
                    if (!CHANGES_WITH_TIME_ALONE.test(name)) {
                        fingerprint.put(name, digest(database.getCollection(collectionName)));
                    }
                }
            }
        }
        return fingerprint;
    }

    /** Waits until two readings a second apart agree (consumers have settled), and answers that reading. */
    static Map<String, String> settled(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<String, String> previous = take();
        java.util.Set<String> changing = new java.util.TreeSet<>();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            Map<String, String> current = take();
            if (current.equals(previous)) {
                return current;
            }
            differences(previous, current).forEach(change -> changing.add(change.substring(0, change.indexOf(':'))));
            previous = current;
        }
        throw new AssertionError("the stores did not settle within " + atMost + "; collections that kept changing: "
                + changing);
    }

    /**
     * Waits until no SLA clock of request-service falls due within {@code window} (at most {@code atMost}): the
     * escalation scheduler is the platform's one writer driven by time alone (the demo district's short review clock
     * escalates every two minutes until its requests expire), so a comparison of the stores across a window is only
     * fair when no deadline lies inside it.
     */
    static void awaitNoDeadlineWithin(Duration window, Duration atMost) {
        org.awaitility.Awaitility.await("no SLA deadline within " + window).atMost(atMost)
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    Document next = CLIENT.getDatabase("request").getCollection("sla_clocks").find()
                            .sort(new Document("dueAt", 1)).first();
                    return next == null || next.getDate("dueAt").toInstant()
                            .isAfter(java.time.Instant.now().plus(window));
                });
    }

    /** The collections whose fingerprints differ, with both readings. */
    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(before);
        after.forEach(all::putIfAbsent);
        all.keySet().forEach(name -> {
            if (!java.util.Objects.equals(before.get(name), after.get(name))) {
                changed.add(name + ": " + before.get(name) + " → " + after.get(name));
            }
        });
        return changed;
    }

    private static String digest(MongoCollection<Document> collection) {
        long count = 0;
        long sum = 0;
        long xor = 0;
        for (Document document : collection.find()) {
            long hash = hash(document.toJson());
            sum += hash;
            xor ^= Long.rotateLeft(hash, 17);
            count++;
        }
        return count + ":" + Long.toHexString(sum) + Long.toHexString(xor);
    }

    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (digest[i] & 0xff);
            }
            return value;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
