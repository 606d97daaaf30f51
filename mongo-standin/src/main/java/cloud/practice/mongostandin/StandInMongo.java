package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Path;

/**
 * The two ways we run the stand-in: in memory for tests, on an H2 file for the local platform. Either way writes run
 * one at a time ({@link SerializedWritesBackend}), unique indexes serve filters wider than their own fields
 * ({@link NarrowingUniqueIndex}), secondary indexes exist ({@link SecondaryIndex}) and large results come in
 * MongoDB's batches of at most 16 MiB ({@link ReplyBatches}).
 */
public final class StandInMongo {

    private StandInMongo() {
    }

    public static MongoServer inMemory() {
        return new MongoServer(new SerializedWritesBackend(NarrowingBackends.inMemory()));
    }

    /** Data survives restarts; H2 commits in the background (~1 s), so a kill -9 loses the last writes. */
    public static MongoServer onFile(Path file) {
        return new MongoServer(new SerializedWritesBackend(NarrowingBackends.onFile(file.toString())));
    }
}
