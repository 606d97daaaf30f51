package cloud.practice.deployment;

import cloud.practice.deployment.consistency.Expectations;
import cloud.practice.deployment.consistency.ImageConsistency;
import cloud.practice.deployment.platform.PlatformSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository under test: the module's parent directory (set by the POM, or found from the working directory). */
final class Repository {

    static final Path ROOT = root();
    static final PlatformSources SOURCES = new PlatformSources(ROOT);
    static final Expectations EXPECTED = Expectations.from(SOURCES);

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int imageUser() {
        return ImageConsistency.user(read("docker/Dockerfile"));
    }

    private static Path root() {
        String configured = System.getProperty("practice.repository.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deployment-check"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }
}
