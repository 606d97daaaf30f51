package cloud.practice.support.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one engine's client sent: the commands that write events and end transactions, as the driver put them on the
 * wire (session id, transaction number and all). Seen at the client, so it reads the same on any server.
 */
final class SentCommands implements CommandListener {

    private static final Set<String> RECORDED = Set.of("insert", "commitTransaction", "abortTransaction");

    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    private final List<BsonDocument> snapshotReads = new CopyOnWriteArrayList<>();
    private final List<BsonDocument> counterReads = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (RECORDED.contains(event.getCommandName())) {
            commands.add(event.getCommand().clone()); // the event's document lives only as long as its buffer
        } else if (event.getCommandName().equals("find")
                && event.getCommand().getString("find").getValue().equals(MongoEventStorageEngine.SNAPSHOTS)) {
            snapshotReads.add(event.getCommand().clone());
        } else if (event.getCommandName().equals("find")
                && event.getCommand().getString("find").getValue().equals(MongoEventStorageEngine.SEQUENCES)) {
            counterReads.add(event.getCommand().clone());
        }
    }

    /** Finds in the snapshot collection, in the order sent. */
    List<BsonDocument> snapshotReads() {
        return List.copyOf(snapshotReads);
    }

    /** Reads of the global counter (not its increments), in the order sent. */
    List<BsonDocument> counterReads() {
        return List.copyOf(counterReads);
    }

    /** In the order sent. */
    List<BsonDocument> all() {
        return List.copyOf(commands);
    }

    /** Inserts into the event collection, in the order sent. */
    List<BsonDocument> eventInserts() {
        return commands.stream().filter(command -> command.getFirstKey().equals("insert")
                && command.getString("insert").getValue().equals(MongoEventStorageEngine.EVENTS)).toList();
    }

    static boolean inTransaction(BsonDocument command) {
        return command.containsKey("txnNumber");
    }

    static boolean startsTransaction(BsonDocument command) {
        return command.getBoolean("startTransaction", BsonBoolean.FALSE).getValue();
    }

    /** The session and transaction a command belongs to, comparable across commands. */
    static BsonDocument transactionOf(BsonDocument command) {
        return new BsonDocument("lsid", command.get("lsid")).append("txnNumber", command.get("txnNumber"));
    }
}
