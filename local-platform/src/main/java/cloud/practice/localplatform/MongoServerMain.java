package cloud.practice.localplatform;

import cloud.practice.mongostandin.StandInMongo;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB stand-in (mongo-java-server, writes serialised) on an H2 MVStore file, so the data outlives the
 * process. Stop it with SIGTERM: the shutdown hook closes the store, which commits. H2 commits in the background
 * about once a second, so a {@code kill -9} loses the last second of writes.
 */
public final class MongoServerMain {

    static final int DEFAULT_PORT = 27027;
    static final String STORE_FILE = "mongo.mv.db";
    static final String USAGE = """
            usage: java -Dloader.main=cloud.practice.localplatform.MongoServerMain -jar local-platform.jar \\
                        [--data-dir DIR] [--port PORT] [--store file|memory]
              --data-dir  data directory, holds the H2 store file (default .run/data/mongo; -Dmongo.data-dir)
              --port      listener on 127.0.0.1 (default 27027; -Dmongo.port)
              --store     file (default: the H2 file, data survives restarts) or memory (faster, gone on exit;
                          for benchmarks of our code rather than of the stand-in's file store; -Dmongo.store)""";

    private static final Logger LOG = LoggerFactory.getLogger(MongoServerMain.class);

    private MongoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions options = LaunchOptions.parse("mongo", args, USAGE);
        Path dataDir = options.directory("data-dir", ".run/data/mongo");
        int port = options.port("port", DEFAULT_PORT);
        String store = options.string("store", "file");
        if (!store.equals("file") && !store.equals("memory")) {
            System.err.println("--store must be file or memory, not '" + store + "'\n" + USAGE);
            System.exit(2);
            return;
        }

        long started = System.nanoTime();
        Files.createDirectories(dataDir);
        Path storeFile = dataDir.resolve(STORE_FILE);
        MongoServer server;
        try {
            server = store.equals("memory") ? StandInMongo.inMemory() : StandInMongo.onFile(storeFile);
        } catch (RuntimeException e) {
            // Most often: another process holds the file lock on the store.
            LOG.error("Cannot open the store {}", storeFile, e);
            System.exit(1);
            return;
        }
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            LOG.error("Cannot listen on 127.0.0.1:{}", port, e);
            server.shutdownNow();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the MongoDB stand-in; closing {}", storeFile);
            try {
                // Closes the connections and then the backend, whose MVStore commits on close.
                server.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "mongo-server-shutdown"));

        LOG.info("MongoDB stand-in ready on 127.0.0.1:{} (store {}) in {} ms",
                port, store.equals("memory") ? "in memory" : storeFile, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }
}
