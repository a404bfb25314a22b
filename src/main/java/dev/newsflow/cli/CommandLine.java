package dev.newsflow.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command's arguments: the options it declares ({@code --name VALUE} or {@code --name=VALUE}),
 * its flags and its positional arguments. Anything else is a usage error, not silently ignored.
 */
final class CommandLine {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /** The arguments do not fit the command; the message says how. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> positionals;

    private CommandLine(Map<String, String> options, Set<String> flags, List<String> positionals) {
        this.options = options;
        this.flags = flags;
        this.positionals = positionals;
    }

    static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) throws UsageError {
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                flags.add("--help");
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                if (flagOptions.contains(name) && eq < 0) {
                    flags.add(name);
                } else if (valueOptions.contains(name)) {
                    if (eq > 0) {
                        options.put(name, arg.substring(eq + 1));
                    } else if (i + 1 < args.size()) {
                        options.put(name, args.get(++i));
                    } else {
                        throw new UsageError(name + " needs a value");
                    }
                } else {
                    throw new UsageError("unknown option " + name);
                }
            } else {
                positionals.add(arg);
            }
        }
        return new CommandLine(options, flags, positionals);
    }

    boolean help() {
        return flags.contains("--help");
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    List<String> positionals() {
        return positionals;
    }

    Optional<Integer> positiveInt(String name) throws UsageError {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n > 0) {
                return Optional.of(n);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UsageError(name + " wants a whole number above 0, not \"" + value.get() + "\"");
    }

    /** A duration as ISO-8601 ({@code PT10S}) or short ({@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}). */
    Optional<Duration> duration(String name) throws UsageError {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SHORT_DURATION.matcher(value.get());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        try {
            return Optional.of(Duration.parse(value.get()));
        } catch (DateTimeParseException e) {
            throw new UsageError(name + " wants a duration such as 10s, 2m or PT10S, not \"" + value.get() + "\"");
        }
    }
}
