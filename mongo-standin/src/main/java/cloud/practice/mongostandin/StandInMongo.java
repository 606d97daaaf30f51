package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.nio.file.Path;

/** The two ways we run the stand-in: in memory for tests, on an H2 file for the local platform. */
public final class StandInMongo {

    private StandInMongo() {
    }

    public static MongoServer inMemory() {
        return new MongoServer(new SerializedWritesBackend(new MemoryBackend()));
    }

    /** Data survives restarts; H2 commits in the background (~1 s), so a kill -9 loses the last writes. */
    public static MongoServer onFile(Path file) {
        return new MongoServer(new SerializedWritesBackend(new H2Backend(file.toString())));
    }
}
