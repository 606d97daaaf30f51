package cloud.practice.localplatform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The few options a launcher takes: {@code --name=value} or {@code --name value} on the command line, else the
 * system property {@code <prefix>.<name>} (e.g. {@code -Dkafka.port=29092}), else the default.
 */
final class LaunchOptions {

    private final String prefix;
    private final Map<String, String> arguments = new HashMap<>();

    private LaunchOptions(String prefix) {
        this.prefix = prefix;
    }

    static LaunchOptions parse(String prefix, String[] args, String usage) {
        LaunchOptions options = new LaunchOptions(prefix);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage);
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.arguments.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.arguments.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + usage);
            }
        }
        return options;
    }

    String string(String name, String defaultValue) {
        String value = arguments.get(name);
        if (value == null) {
            value = System.getProperty(prefix + "." + name);
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    int port(String name, int defaultValue) {
        String value = string(name, Integer.toString(defaultValue));
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a TCP port, not '" + value + "'");
        }
    }

    Path directory(String name, String defaultValue) {
        return Path.of(string(name, defaultValue)).toAbsolutePath().normalize();
    }
}
