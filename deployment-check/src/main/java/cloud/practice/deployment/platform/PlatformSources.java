package cloud.practice.deployment.platform;

import cloud.practice.deployment.yaml.YamlDocuments;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads, from the repository's sources, what the services expect of their environment, so that the deployment files
 * are checked against the code rather than against a second copy of its facts.
 */
public final class PlatformSources {

    static final Path PRACTICE_DEFAULTS =
            Path.of("service-support/src/main/java/cloud/practice/support/config/PracticeDefaults.java");
    static final Path SUPPORT_SOURCES = Path.of("service-support/src/main/java");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^${}]*))?");
    private static final Pattern DEFAULT_ENTRY =
            Pattern.compile("Map\\.entry\\(\\s*\"([^\"]+)\"\\s*,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern CONFIGURATION_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*|value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)\\s*"
                    + "public\\s+record\\s+\\w+\\s*\\(");

    private final Path root;

    public PlatformSources(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every module of the root POM whose name ends in {@code -service}, in POM order. */
    public List<String> serviceModuleNames() {
        List<String> names = new ArrayList<>();
        Matcher matcher = MODULE.matcher(read(root.resolve("pom.xml")));
        while (matcher.find()) {
            if (matcher.group(1).trim().endsWith("-service")) {
                names.add(matcher.group(1).trim());
            }
        }
        return names;
    }

    public List<ServiceModule> services() {
        return serviceModuleNames().stream().map(this::service).toList();
    }

    public ServiceModule service(String name) {
        Path module = root.resolve(name);
        boolean support = read(module.resolve("pom.xml")).contains("<artifactId>service-support</artifactId>");

        Map<String, String> properties = new TreeMap<>();
        if (support) {
            properties.putAll(practiceDefaults());
        }
        Path applicationYml = module.resolve("src/main/resources/application.yml");
        if (!Files.isRegularFile(applicationYml)) {
            throw new IllegalStateException(name + " has no src/main/resources/application.yml");
        }
        for (JsonNode document : YamlDocuments.read(applicationYml)) {
            flatten("", document, properties);
        }
        if (!name.equals(properties.get("spring.application.name"))) {
            throw new IllegalStateException(name + ": spring.application.name is "
                    + properties.get("spring.application.name") + ", not the module name");
        }

        Map<String, String> placeholders = new LinkedHashMap<>();
        properties.values().forEach(value -> placeholders(value, placeholders));
        String port = properties.get("server.port");
        Matcher portPlaceholder = Pattern.compile("\\$\\{PORT:(\\d+)}").matcher(port == null ? "" : port);
        if (!portPlaceholder.matches()) {
            throw new IllegalStateException(name + ": server.port is '" + port + "', expected ${PORT:<number>}");
        }

        Set<String> relaxed = new LinkedHashSet<>();
        List<Path> sourceRoots = new ArrayList<>(List.of(module.resolve("src/main/java")));
        if (support) {
            sourceRoots.add(root.resolve(SUPPORT_SOURCES));
        }
        for (Path sources : sourceRoots) {
            relaxed.addAll(relaxedVariables(sources));
        }
        Duration shutdown = duration(properties.getOrDefault("spring.lifecycle.timeout-per-shutdown-phase", "30s"));
        return new ServiceModule(name, Integer.parseInt(portPlaceholder.group(1)), placeholders, relaxed, properties,
                shutdown);
    }

    /** The defaults every service-support service inherits ({@code PracticeDefaults.DEFAULTS}). */
    public Map<String, String> practiceDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        Matcher matcher = DEFAULT_ENTRY.matcher(read(root.resolve(PRACTICE_DEFAULTS)));
        while (matcher.find()) {
            defaults.put(matcher.group(1), matcher.group(2).replace("\\\"", "\""));
        }
        if (defaults.isEmpty()) {
            throw new IllegalStateException("no Map.entry(\"key\", \"value\") found in " + PRACTICE_DEFAULTS);
        }
        return defaults;
    }

    /**
     * Environment variables that Spring's relaxed binding maps onto the components of {@code @ConfigurationProperties}
     * records under the source root: {@code practice.eventstore} + {@code transactions} →
     * {@code PRACTICE_EVENTSTORE_TRANSACTIONS}, {@code replicationFactor} → {@code ..._REPLICATIONFACTOR}.
     */
    public Set<String> relaxedVariables(Path sourceRoot) {
        Set<String> variables = new LinkedHashSet<>();
        if (!Files.isDirectory(sourceRoot)) {
            return variables;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = read(file);
                Matcher matcher = CONFIGURATION_RECORD.matcher(source);
                while (matcher.find()) {
                    String prefix = matcher.group(1).toUpperCase(Locale.ROOT).replace(".", "_").replace("-", "");
                    recordVariables(source, matcher.end(), prefix, variables, 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    /**
     * The variables of the record header at {@code start}, and of the components whose type is a record declared in
     * the same file ({@code practice.security.claims.role} → {@code PRACTICE_SECURITY_CLAIMS_ROLE}).
     */
    private static void recordVariables(String source, int start, String prefix, Set<String> into, int depth) {
        List<String> declarations = recordDeclarations(source, start);
        for (String declaration : declarations) {
            String[] words = declaration.split("\\s+");
            String variable = prefix + "_" + words[words.length - 1].toUpperCase(Locale.ROOT);
            into.add(variable);
            if (words.length > 1 && depth < 3) {
                Matcher nested = Pattern.compile("\\brecord\\s+" + Pattern.quote(words[words.length - 2]) + "\\s*\\(")
                        .matcher(source);
                if (nested.find()) {
                    recordVariables(source, nested.end(), variable, into, depth + 1);
                }
            }
        }
    }

    /** Names of the components of the record header that starts at {@code start} (just after its '('). */
    static List<String> recordComponents(String source, int start) {
        return recordDeclarations(source, start).stream().map(declaration -> {
            String[] words = declaration.split("\\s+");
            return words[words.length - 1];
        }).toList();
    }

    /** The component declarations ("Type name", annotations removed) of the record header at {@code start}. */
    private static List<String> recordDeclarations(String source, int start) {
        List<String> components = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if ((c == ',' || c == ')') && depth == 0) {
                String declaration = current.toString().replaceAll("@\\w+(\\([^)]*\\))?", " ").trim();
                if (!declaration.isEmpty()) {
                    components.add(declaration);
                }
                current.setLength(0);
                if (c == ')') {
                    return components;
                }
                continue;
            }
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == ')' || c == '>') {
                depth--;
            }
            current.append(c);
        }
        throw new IllegalStateException("unterminated record header");
    }

    static void placeholders(String value, Map<String, String> into) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            into.putIfAbsent(matcher.group(1), matcher.group(2));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.put(prefix, node.asText());
        }
    }

    static Duration duration(String value) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a simple duration: " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "ms" : matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    /**
     * The {@code @DefaultValue} of a component of a settings record of service-support, e.g. {@code partitions} of
     * {@code kafka/MessagingSettings.java}.
     */
    public String settingDefault(String supportFile, String component) {
        String source = read(root.resolve(SUPPORT_SOURCES).resolve("cloud/practice/support").resolve(supportFile));
        Matcher matcher = Pattern.compile("@DefaultValue\\(\"([^\"]*)\"\\)\\s+[\\w<>,. ]+?\\s+" + Pattern.quote(component)
                + "\\s*[,)]").matcher(source);
        if (!matcher.find()) {
            throw new IllegalStateException("no @DefaultValue for " + component + " in " + supportFile);
        }
        return matcher.group(1);
    }

    /** The value of a {@code static final String NAME = "value";} constant in a source file of the repository. */
    public String stringConstant(String relativePath, String name) {
        Matcher matcher = Pattern.compile("static\\s+final\\s+String\\s+" + Pattern.quote(name) + "\\s*=\\s*\"([^\"]*)\"")
                .matcher(read(root.resolve(relativePath)));
        if (!matcher.find()) {
            throw new IllegalStateException("no String constant " + name + " in " + relativePath);
        }
        return matcher.group(1);
    }

    /** The project's version from the root POM. */
    public String projectVersion() {
        Matcher matcher = Pattern.compile("<artifactId>practice-cloud</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(root.resolve("pom.xml")));
        if (!matcher.find()) {
            throw new IllegalStateException("no project version in pom.xml");
        }
        return matcher.group(1);
    }

    public String readFile(String relativePath) {
        return read(root.resolve(relativePath));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
