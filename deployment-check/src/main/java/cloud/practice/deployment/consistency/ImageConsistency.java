package cloud.practice.deployment.consistency;

import cloud.practice.deployment.platform.PlatformSources;
import cloud.practice.deployment.platform.ServiceModule;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/Dockerfile and .dockerignore: a pinned JRE base of the project's Java release, the jar that Maven builds
 * for each service, Spring Boot's layers in order, a numeric non-root user, a health check on the readiness probe,
 * and an exec-form entry point that sizes the heap from the container's memory.
 */
public final class ImageConsistency {

    /** Spring Boot's default layers, least often changed first. */
    static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
            "application");
    private static final Pattern PINNED_JRE =
            Pattern.compile("eclipse-temurin:(\\d+)\\.\\d+\\.\\d+(_\\d+)?-jre(-[a-z]+)?(@sha256:[0-9a-f]{64})?");

    private ImageConsistency() {
    }

    public static List<String> check(String dockerfile, String dockerignore, PlatformSources sources) {
        List<String> problems = new ArrayList<>();
        Map<String, String> args = args(dockerfile);
        String base = args.getOrDefault("JRE_IMAGE", "");
        Matcher pinned = PINNED_JRE.matcher(base);
        String javaRelease = sources.readFile("pom.xml").replaceAll("(?s).*<java.version>(\\d+)</java.version>.*", "$1");
        if (!pinned.matches()) {
            problems.add("JRE_IMAGE '" + base + "' is not a pinned eclipse-temurin JRE (major.minor.patch tag)");
        } else if (!pinned.group(1).equals(javaRelease)) {
            problems.add("JRE_IMAGE is Java " + pinned.group(1) + ", the build targets Java " + javaRelease);
        }
        List<String> froms = lines(dockerfile, "FROM");
        if (froms.isEmpty() || !froms.stream().allMatch(from -> from.startsWith("${JRE_IMAGE}"))) {
            problems.add("every stage should start FROM ${JRE_IMAGE}: " + froms);
        }
        String version = sources.projectVersion();
        if (!dockerfile.contains("COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar")
                || !version.equals(args.get("VERSION"))) {
            problems.add("the jar copied is not <module>/target/<module>-" + version + ".jar");
        }
        if (!dockerfile.contains("-Djarmode=tools -jar application.jar extract --layers --launcher")) {
            problems.add("the jar is not extracted into Spring Boot's layers");
        }
        List<String> copies = new ArrayList<>();
        Matcher copy = Pattern.compile("COPY --from=\\w+ /build/extracted/([a-z-]+)/ \\./").matcher(dockerfile);
        while (copy.find()) {
            copies.add(copy.group(1));
        }
        if (!copies.equals(LAYERS)) {
            problems.add("layers copied " + copies + ", expected " + LAYERS);
        }
        Integer user = user(dockerfile);
        if (user == null || user == 0) {
            problems.add("the image must switch to a numeric non-root USER");
        }
        if (!dockerfile.contains("HEALTHCHECK") || !dockerfile.contains("/actuator/health/readiness")) {
            problems.add("no HEALTHCHECK on " + Expectations.READINESS);
        }
        List<String> entrypoints = lines(dockerfile, "ENTRYPOINT");
        String entrypoint = entrypoints.isEmpty() ? "" : entrypoints.get(entrypoints.size() - 1);
        if (!entrypoint.startsWith("[\"java\"")) {
            problems.add("ENTRYPOINT must be the exec form starting java (PID 1 receives SIGTERM)");
        }
        for (String flag : List.of("-XX:MaxRAMPercentage=", "org.springframework.boot.loader.launch.JarLauncher")) {
            if (!entrypoint.contains(flag)) {
                problems.add("ENTRYPOINT lacks " + flag);
            }
        }
        for (ServiceModule module : sources.services()) {
            Path jar = Path.of(module.name(), "target", module.name() + "-" + version + ".jar");
            if (!included(dockerignore, jar)) {
                problems.add(".dockerignore keeps " + jar + " out of the build context");
            }
        }
        for (String secretish : List.of(".git/config", ".run/data/mongo/db.h2", "hierarchy-service/src/main/resources/application.yml",
                "local-platform/target/local-platform-" + version + ".jar")) {
            if (included(dockerignore, Path.of(secretish))) {
                problems.add(".dockerignore lets " + secretish + " into the build context");
            }
        }
        return problems;
    }

    /** The uid of the last USER instruction, or null. */
    public static Integer user(String dockerfile) {
        List<String> users = lines(dockerfile, "USER");
        if (users.isEmpty()) {
            return null;
        }
        Matcher matcher = Pattern.compile("(\\d+)(:\\d+)?").matcher(users.get(users.size() - 1));
        return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
    }

    /** ARG names with their defaults (an ARG without one maps to ""). */
    public static Map<String, String> args(String dockerfile) {
        Map<String, String> args = new TreeMap<>();
        for (String arg : lines(dockerfile, "ARG")) {
            String[] pair = arg.split("=", 2);
            args.putIfAbsent(pair[0].trim(), pair.length == 2 ? pair[1].trim() : "");
            if (pair.length == 2) {
                args.put(pair[0].trim(), pair[1].trim());
            }
        }
        return args;
    }

    /** The arguments of every instruction of that name, continuation lines joined. */
    static List<String> lines(String dockerfile, String instruction) {
        List<String> found = new ArrayList<>();
        String joined = dockerfile.replaceAll("\\\\\\r?\\n\\s*", " ");
        for (String line : joined.split("\\r?\\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(instruction + " ")) {
                found.add(trimmed.substring(instruction.length()).trim());
            }
        }
        return found;
    }

    /** Docker's .dockerignore semantics for the patterns used here: the last matching pattern decides. */
    static boolean included(String dockerignore, Path path) {
        boolean included = true;
        String candidate = path.toString().replace('\\', '/');
        for (String raw : dockerignore.split("\\r?\\n")) {
            String pattern = raw.trim();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (matcher.matches(Path.of(candidate)) || glob.equals("**")) {
                included = negated;
            }
        }
        return included;
    }
}
