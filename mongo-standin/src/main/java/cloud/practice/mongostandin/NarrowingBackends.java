package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import java.util.Comparator;
import java.util.List;

/**
 * mongo-java-server's two backends with every unique index wrapped in a {@link NarrowingUniqueIndex}, the secondary
 * indexes it does not implement served by a {@link SecondaryIndex} (ADR 0034), and find and
 * aggregate replies cut into MongoDB's batches ({@link ReplyBatches}; the backend's own cursor registry serves getMore).
 */
final class NarrowingBackends {

    private NarrowingBackends() {
    }

    static MemoryBackend inMemory() {
        return new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return ReplyBatches.capped(command, query, super.handleCommand(channel, database, command, query),
                        getCursorRegistry());
            }

            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                                     List<IndexKey> keys, boolean sparse) {
                        return NarrowingUniqueIndex.over(
                                super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse);
                    }

                    @Override
                    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                                        List<IndexKey> keys, boolean sparse) {
                        // the memory collection scans its documents by position
                        return new SecondaryIndex<>(indexName, keys, sparse, Comparator.<Integer>naturalOrder());
                    }
                };
            }
        };
    }

    static H2Backend onFile(String fileName) {
        MVStore store = MVStore.open(fileName);
        NarrowingH2Backend.OPENING.set(store);
        try {
            return new NarrowingH2Backend(store);
        } finally {
            NarrowingH2Backend.OPENING.remove();
        }
    }

    /**
     * H2Backend opens the databases already in the file from its constructor, before a subclass's fields are set:
     * {@link #onFile} hands the store to those calls through {@link #OPENING}.
     */
    private static final class NarrowingH2Backend extends H2Backend {

        private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
        private static final ObjectDataType H2_KEY_ORDER = new ObjectDataType();

        private final MVStore store;

        NarrowingH2Backend(MVStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return ReplyBatches.capped(command, query, super.handleCommand(channel, database, command, query),
                    getCursorRegistry());
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            MVStore mvStore = store != null ? store : OPENING.get();
            return new H2Database(databaseName, mvStore, getCursorRegistry()) {
                @Override
                protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                                List<IndexKey> keys, boolean sparse) {
                    return NarrowingUniqueIndex.over(
                            super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse);
                }

                @Override
                protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                                   List<IndexKey> keys, boolean sparse) {
                    // the file collection scans its documents in its map's key order: the _id's, by H2's own comparison
                    return new SecondaryIndex<>(indexName, keys, sparse, H2_KEY_ORDER::compare);
                }
            };
        }
    }
}
