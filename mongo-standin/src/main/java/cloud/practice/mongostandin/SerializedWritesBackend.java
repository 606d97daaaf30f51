package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs write commands one at a time. MongoDB guarantees that a single-document write ({@code findAndModify},
 * {@code $inc}, an upsert) is atomic; mongo-java-server 1.47 reads, modifies and writes without a lock, so two
 * concurrent {@code $inc}s on one counter can return the same value (our ordering test caught it), and it answers
 * findAndModify with the live stored document, which later writes mutate before the reply is sent. Serialising
 * writes and replying with a copy restores the guarantee; reads stay concurrent. The stand-in is a single-node development store, so the
 * lost write parallelism does not matter.
 */
public final class SerializedWritesBackend implements MongoBackend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    private final MongoBackend delegate;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    public SerializedWritesBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    static boolean isWrite(String command) {
        return command != null && WRITES.contains(command.toLowerCase(Locale.ROOT));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!isWrite(command)) {
            return delegate.handleCommand(channel, database, command, query);
        }
        writeLock.lock();
        try {
            return detached(delegate.handleCommand(channel, database, command, query));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document document = message.getDocument();
        String command = document.isEmpty() ? null : document.keySet().iterator().next();
        if (!isWrite(command)) {
            return delegate.handleMessage(message);
        }
        writeLock.lock();
        try {
            return detached(delegate.handleMessage(message));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * findAndModify answers with the stored document itself, which the next write mutates in place before the
     * reply is encoded; a deep copy taken under the lock is the value this write produced.
     */
    private static Document detached(Document response) {
        return response == null ? null : response.cloneDeeply();
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        writeLock.lock();
        try {
            delegate.dropDatabase(database);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
