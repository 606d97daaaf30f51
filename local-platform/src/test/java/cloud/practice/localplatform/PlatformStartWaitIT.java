package cloud.practice.localplatform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code ./platform up} waits for its processes: by their progress, not by a fixed clock. The processes here are
 * stand-ins for the JVMs ({@code JAVA_HOME} points at a script named {@code java}): one that says a line and then
 * nothing (stalled), one that keeps talking but never becomes ready. Only the infrastructure is started
 * ({@code PLATFORM_SERVICES=""}), on ports shifted by 2000 in a run directory of its own.
 */
class PlatformStartWaitIT {

    private static final Path PLATFORM = Path.of("..", "platform").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void shouldFailAStartThatMakesNoProgressNamingTheProcessAndStopWhatItStarted() throws Exception {
        Result result = up("silent", Map.of("PLATFORM_STALL_TIMEOUT", "2", "PLATFORM_START_TIMEOUT", "300"));

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("platform: mongo made no progress for 2 s (log and health unchanged")
                .contains("stopping what this run started: mongo kafka");
        assertNothingLeftRunning();
    }

    @Test
    void shouldLetAProgressingStartRunPastTheStallTimeUntilTheOverallBound() throws Exception {
        // Talks every 0.2 s for longer than the stall time: only the overall bound may end it.
        Result result = up("chatty", Map.of("PLATFORM_STALL_TIMEOUT", "2", "PLATFORM_START_TIMEOUT", "6"));

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("platform: mongo was not ready within 6 s though still progressing")
                .doesNotContain("made no progress");
        assertThat(Files.readAllLines(temp.resolve("run/logs/mongo.log")).size())
                .as("the stand-in talked past the stall time").isGreaterThan(2 * 5);
        assertNothingLeftRunning();
    }

    @Test
    void shouldRefuseTimeoutsThatAreNotWholeSeconds() throws Exception {
        Result result = up("silent", Map.of("PLATFORM_STALL_TIMEOUT", "soon"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("PLATFORM_START_TIMEOUT and PLATFORM_STALL_TIMEOUT must be whole seconds");
        assertThat(temp.resolve("run/pids")).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private Result up(String mode, Map<String, String> environment) throws Exception {
        Path javaHome = temp.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                # A stand-in for a JVM that never becomes ready: silent after one line, or talking without end.
                echo "starting $*"
                while true; do
                    [[ "$FAKE_JAVA_MODE" == chatty ]] && echo "still working"
                    sleep 0.2
                done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = temp.resolve("up-" + mode + ".out");
        ProcessBuilder builder = new ProcessBuilder(PLATFORM.toString(), "up", "--no-build")
                .directory(PLATFORM.getParent().toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("JAVA_HOME", javaHome.toString(), "FAKE_JAVA_MODE", mode,
                "PLATFORM_SERVICES", "", "PLATFORM_PORT_OFFSET", "2000",
                "PLATFORM_RUN_DIR", temp.resolve("run").toString()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("./platform up returned").isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** The stand-ins this start launched (their pids were written) are gone. */
    private void assertNothingLeftRunning() throws Exception {
        try (var lines = Files.lines(temp.resolve("run/logs/mongo.log"))) {
            assertThat(lines.findFirst()).hasValueSatisfying(first -> assertThat(first).startsWith("starting"));
        }
        for (String name : new String[] {"mongo", "kafka"}) {
            assertThat(temp.resolve("run/pids/" + name + ".pid")).as(name + "'s pid file removed").doesNotExist();
        }
        assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .filter(line -> line.contains(temp.toString())).isPresent()))
                .as("no stand-in of this test left running").isEmpty();
    }
}
