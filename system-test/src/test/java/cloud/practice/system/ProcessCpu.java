package cloud.practice.system;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time each process of the running platform has used (the kernel's count in {@code /proc/<pid>/stat},
 * through {@link ProcessHandle}), and this JVM's — the load generator's — apart. Two readings around a load give CPU
 * milliseconds per call, per process and for the whole platform (issue 24: a command's CPU against a no-op POST's
 * through the same gateway and security path). Benchmarks only: nothing here is asserted.
 */
final class ProcessCpu {

    static final String GENERATOR = "load generator";

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

        /** Milliseconds of CPU per second of wall time, of one process. */
        double millisPerSecond(String process) {
            return cpu.getOrDefault(process, Duration.ZERO).toNanos() / 1e6 / (elapsed.toNanos() / 1e9);
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
     * compilers done): two-second samples of the platform's CPU rate until one is no lower than 85 % of the one before
     * — the rate stopped falling — or after {@code atMost}.
     */
    static Reading quiet(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        Reading last = read();
        double lastRate = Double.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            Thread.sleep(2_000); // one sample of the CPU rate
            Reading now = read();
            double rate = now.since(last).platformMillisPerSecond();
            last = now;
            if (rate >= lastRate * 0.85) {
                break;
            }
            lastRate = rate;
        }
        return last;
    }

    /** What the platform uses doing nothing, over {@code window}, once quiet (the pollers, the brokers' own work). */
    static Usage idle(Duration window) throws Exception {
        Reading before = quiet(Duration.ofMinutes(2));
        Thread.sleep(window.toMillis()); // a measurement window, not a wait for something to happen
        return read().since(before);
    }

    /**
     * Lines of CPU milliseconds per call, per process and for the platform: gross (all it used between the readings)
     * and net of its idle rate over the same wall time.
     */
    static String perCall(String what, Usage usage, Usage idle, long calls) {
        StringBuilder text = new StringBuilder();
        double platformGross = 0;
        double platformNet = 0;
        for (Map.Entry<String, Duration> process : usage.cpu().entrySet()) {
            double gross = process.getValue().toNanos() / 1e6;
            double net = gross - idle.millisPerSecond(process.getKey()) * usage.elapsed().toNanos() / 1e9;
            if (!GENERATOR.equals(process.getKey())) {
                platformGross += gross;
                platformNet += net;
            }
            text.append(String.format(Locale.ROOT, "cpu ms per %s, %s: %.2f gross, %.2f net of idle%n", what,
                    process.getKey(), gross / calls, net / calls));
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
        double net = 0;
        for (Map.Entry<String, Duration> process : usage.cpu().entrySet()) {
            if (!GENERATOR.equals(process.getKey())) {
                net += process.getValue().toNanos() / 1e6
                        - idle.millisPerSecond(process.getKey()) * usage.elapsed().toNanos() / 1e9;
            }
        }
        return net / calls;
    }
}
