package cloud.practice.system;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/**
 * The CPU time each process of the running platform has used (the kernel's count in {@code /proc/<pid>/stat},
 * through {@link ProcessHandle}), and this JVM's — the load generator's — apart. Two readings around a load give CPU
 * milliseconds per call, per process and for the whole platform (issue 24: a command's CPU against a no-op POST's
 * through the same gateway and security path). Benchmarks only: nothing here is asserted.
 */
final class ProcessCpu {

    static final String GENERATOR = "load generator";
    /** How often the CPU rate is sampled while waiting for the platform to settle. */
    private static final Duration SAMPLE = Duration.ofSeconds(2);

    private ProcessCpu() {
    }

    /** CPU used so far by each process, at one moment. */
    record Reading(Map<String, Duration> cpu, long nanoTime) {

        Usage since(Reading before) {
            Map<String, Duration> used = new TreeMap<>();
            cpu.forEach((process, total) -> used.put(process,
                    total.minus(before.cpu.getOrDefault(process, Duration.ZERO))));
            return new Usage(used, Duration.ofNanos(nanoTime - before.nanoTime));
        }
    }

    /** CPU used by each process between two readings, and the wall time between them. */
    record Usage(Map<String, Duration> cpu, Duration elapsed) {

        /** Milliseconds of CPU of one process. */
        double millis(String process) {
            return cpu.getOrDefault(process, Duration.ZERO).toNanos() / 1e6;
        }

        /** Milliseconds of CPU of one process less what it uses idle over the same wall time. */
        double netMillis(String process, Usage idle) {
            return millis(process) - idle.millisPerSecond(process) * elapsed.toNanos() / 1e9;
        }

        /** Milliseconds of CPU per second of wall time, of one process. */
        double millisPerSecond(String process) {
            return millis(process) / (elapsed.toNanos() / 1e9);
        }

        /** Milliseconds of CPU per second of wall time, of every process of the platform (not the generator). */
        double platformMillisPerSecond() {
            return cpu.keySet().stream().filter(process -> !GENERATOR.equals(process))
                    .mapToDouble(this::millisPerSecond).sum();
        }
    }

    static Reading read() throws Exception {
        Map<String, Duration> cpu = new TreeMap<>();
        RunningPlatform.pids().forEach((process, pid) -> ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration()).ifPresent(total -> cpu.put(process, total)));
        ProcessHandle.current().info().totalCpuDuration().ifPresent(total -> cpu.put(GENERATOR, total));
        return new Reading(cpu, System.nanoTime());
    }

    /**
     * A reading taken once the work of what came before has drained (the consumers and projections caught up, the
     * compilers done): the platform's CPU rate sampled every two seconds until a sample is no lower than 85 % of the
     * one before — the rate stopped falling — or, still falling after {@code atMost}, the last sample.
     */
    static Reading quiet(Duration atMost) throws Exception {
        Reading[] last = {read()};
        double[] lastRate = {Double.MAX_VALUE};
        try {
            await().pollDelay(SAMPLE).pollInterval(SAMPLE).atMost(atMost).until(() -> {
                Reading now = read();
                double rate = now.since(last[0]).platformMillisPerSecond();
                boolean stoppedFalling = rate >= lastRate[0] * 0.85;
                last[0] = now;
                lastRate[0] = rate;
                return stoppedFalling;
            });
        } catch (ConditionTimeoutException stillFalling) {
            // measured as it stands: the figures say how long the window was
        }
        return last[0];
    }

    /** What the platform uses doing nothing, once quiet, over readings spanning {@code window}. */
    static Usage idle(Duration window) throws Exception {
        Reading before = quiet(Duration.ofMinutes(2));
        Reading[] now = {before};
        await().pollInterval(Duration.ofSeconds(1)).atMost(window.plusSeconds(10)).until(() -> {
            now[0] = read();
            return now[0].nanoTime() - before.nanoTime() >= window.toNanos();
        });
        return now[0].since(before);
    }

    /**
     * Lines of CPU milliseconds per call, per process and for the platform: gross (all it used between the readings)
     * and net of its idle rate over the same wall time.
     */
    static String perCall(String what, Usage usage, Usage idle, long calls) {
        StringBuilder text = new StringBuilder();
        double platformGross = 0;
        double platformNet = 0;
        for (String process : usage.cpu().keySet()) {
            double gross = usage.millis(process);
            double net = usage.netMillis(process, idle);
            if (!GENERATOR.equals(process)) {
                platformGross += gross;
                platformNet += net;
            }
            text.append(String.format(Locale.ROOT, "cpu ms per %s, %s: %.2f gross, %.2f net of idle%n", what,
                    process, gross / calls, net / calls));
        }
        text.append(String.format(Locale.ROOT, "cpu ms per %s, platform: %.2f gross, %.2f net of idle, over %d calls "
                        + "in %.1f s (idle: %.0f ms/s)%n", what, platformGross / calls, platformNet / calls, calls,
                usage.elapsed().toNanos() / 1e9, idle.platformMillisPerSecond()));
        return text.toString();
    }

    /** One line: what each process uses idle, in CPU milliseconds per second. */
    static String idleLine(Usage idle) {
        StringBuilder text = new StringBuilder("cpu ms per second idle:");
        idle.cpu().keySet().forEach(process -> text.append(String.format(Locale.ROOT, " %s %.0f,", process,
                idle.millisPerSecond(process))));
        return text.append(String.format(Locale.ROOT, " platform %.0f%n", idle.platformMillisPerSecond())).toString();
    }

    /** The platform's net CPU milliseconds per call (for the ratio of two loads). */
    static double platformNetPerCall(Usage usage, Usage idle, long calls) {
        return usage.cpu().keySet().stream().filter(process -> !GENERATOR.equals(process))
                .mapToDouble(process -> usage.netMillis(process, idle)).sum() / calls;
    }
}
