package cloud.practice.support.eventstore;

import cloud.practice.mongostandin.SerializedWritesBackend;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The MongoDB stand-in of the tests (in memory, writes serialised as {@code mongo-standin} runs them) that also
 * speaks the session and transaction protocol, so the event store's transactional branch — what compose and
 * Kubernetes run — executes here with the real driver and real writes where no Docker is at hand.
 *
 * <p>mongo-java-server 1.47 advertises no logical sessions, so the driver refuses to use a {@code ClientSession}
 * before anything is sent, and it answers {@code commitTransaction}/{@code abortTransaction} with CommandNotFound
 * ({@code mongo-standin}'s {@code StandInSessionsTest}). This server advertises sessions and acknowledges those two
 * commands, <b>and nothing more</b>: every write inside a "transaction" is applied at once and seen by every reader
 * (no isolation), and an abort undoes nothing (no rollback). It proves what the engine and the driver send, not what
 * a replica set does with it; atomicity is proven only on MongoDB (the containers mode of {@code TestInfrastructure}).
 *
 * <p>A test can have it answer one transaction of its database as a replica set answers in trouble
 * ({@link #injectOnce}); those answers are what makes the driver's {@code withTransaction} retry.
 */
final class SessionAcceptingStandIn {

    /** How the server answers the next transaction that inserts into a database, once. */
    enum TransactionFault {
        /** The insert fails with WriteConflict, labelled TransientTransactionError; nothing is written. */
        INSERT_CONFLICTS,
        /**
         * The insert is applied and the commit acknowledged with a write concern error (majority not reached in time),
         * which the driver labels UnknownTransactionCommitResult. A second commit of the same transaction succeeds.
         */
        COMMIT_RESULT_UNKNOWN
    }

    private static final Map<String, TransactionFault> ARMED = new ConcurrentHashMap<>();
    private static final Set<List<Object>> COMMITS_TO_FAIL = ConcurrentHashMap.newKeySet();

    private static InetSocketAddress address;

    private SessionAcceptingStandIn() {
    }

    /** A connection string for {@code database} on the one server of this JVM, started on first use. */
    static synchronized String mongoUri(String database) {
        if (address == null) {
            MongoServer server = new MongoServer(new SessionProtocol(new SerializedWritesBackend(new MemoryBackend())));
            server.bind("127.0.0.1", 0);
            address = server.getLocalAddress();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "session-stand-in-stop"));
        }
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database
                + "?uuidRepresentation=standard";
    }

    /** The next transaction that inserts into {@code database} meets {@code fault}. */
    static void injectOnce(String database, TransactionFault fault) {
        ARMED.put(database, fault);
    }

    /** Adds the session timeout to the handshake and acknowledges the commands that end a transaction. */
    static final class SessionProtocol implements MongoBackend {

        private static final Set<String> HANDSHAKES = Set.of("ismaster", "hello");
        private static final Set<String> TRANSACTION_ENDS = Set.of("committransaction", "aborttransaction");
        private static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

        private final MongoBackend delegate;

        SessionProtocol(MongoBackend delegate) {
            this.delegate = delegate;
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return answer(command, () -> delegate.handleCommand(channel, database, command, query));
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            Document document = message.getDocument();
            String command = document.isEmpty() ? "" : document.keySet().iterator().next();
            Document fault = injectedFault(command.toLowerCase(Locale.ROOT), message.getDatabaseName(), document);
            return fault != null ? fault : answer(command, () -> delegate.handleMessage(message));
        }

        /** The armed answer for this command, or null to answer as usual. */
        private static Document injectedFault(String command, String database, Document document) {
            List<Object> transaction = List.of(String.valueOf(document.get("lsid")),
                    String.valueOf(document.get("txnNumber")));
            if (command.equals("insert") && document.containsKey("txnNumber") && ARMED.containsKey(database)) {
                TransactionFault fault = ARMED.remove(database);
                if (fault == TransactionFault.INSERT_CONFLICTS) {
                    Document conflict = new Document();
                    conflict.put("ok", 0.0);
                    conflict.put("errmsg", "WriteConflict error: this operation conflicted with another operation");
                    conflict.put("code", 112);
                    conflict.put("codeName", "WriteConflict");
                    conflict.put("errorLabels", List.of("TransientTransactionError"));
                    return conflict;
                }
                COMMITS_TO_FAIL.add(transaction);
            }
            if (command.equals("committransaction") && COMMITS_TO_FAIL.remove(transaction)) {
                Document writeConcernError = new Document();
                writeConcernError.put("code", 64);
                writeConcernError.put("codeName", "WriteConcernFailed");
                writeConcernError.put("errmsg", "waiting for replication timed out");
                writeConcernError.put("errInfo", new Document("wtimeout", true));
                Document unknown = new Document();
                unknown.put("ok", 1.0);
                unknown.put("writeConcernError", writeConcernError);
                return unknown;
            }
            return null;
        }

        private static Document answer(String command, Supplier<Document> stored) {
            String name = command.toLowerCase(Locale.ROOT);
            if (TRANSACTION_ENDS.contains(name)) {
                Document acknowledged = new Document();
                acknowledged.put("ok", 1.0);
                return acknowledged;
            }
            Document response = stored.get();
            if (HANDSHAKES.contains(name) && response != null) {
                response = response.cloneDeeply();
                response.put("logicalSessionTimeoutMinutes", LOGICAL_SESSION_TIMEOUT_MINUTES);
            }
            return response;
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
            delegate.dropDatabase(database);
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
}
