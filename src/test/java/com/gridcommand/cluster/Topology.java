package com.gridcommand.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole topology of {@code src/cluster/cluster.sh} — a pg_auto_failover monitor, primary and standby, two app
 * nodes, HAProxy — started by that script, as an operator starts it, in a folder of its own; faults are made with
 * the script's own commands (which kill by the pids it recorded).
 */
final class Topology implements AutoCloseable {

    static final Path SCRIPT = Path.of("src/cluster/cluster.sh");

    private final Path dir;
    private final Map<String, String> environment;
    private final Map<String, String> state = new LinkedHashMap<>();

    private Topology(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = environment;
    }

    /** Starts everything from a fresh folder; the app nodes run the jar the build just made. */
    static Topology start(Path dir, Map<String, String> environment) throws IOException, InterruptedException {
        Topology t = new Topology(dir, environment);
        t.script(Duration.ofMinutes(2), "clean");
        t.script(Duration.ofMinutes(10), "start");
        for (String line : Files.readAllLines(dir.resolve("cluster.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) t.state.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return t;
    }

    /** Runs the script with these arguments and returns what it printed; fails if it fails. */
    String script(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        pb.environment().put("GRIDCOMMAND_CLUSTER_DIR", dir.toString());
        Path out = Files.createTempFile("cluster", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " did not end within " + limit + ":\n" + Files.readString(out));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (p.exitValue() != 0) throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed:\n" + text + logsTail());
        return text;
    }

    private String logsTail() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("app1", "app2", "db1", "db2", "monitor", "proxy")) {
            Path log = dir.resolve("logs/" + name + ".log");
            try {
                if (!Files.exists(log)) continue;
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                sb.append("\n--- ").append(name).append(" (last lines)\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("(").append(log).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return sb.toString();
    }

    int port(String name) {
        return Integer.parseInt(state.get(name));
    }

    /** The address users open: the proxy. */
    String proxy() {
        return "http://127.0.0.1:" + port("PROXY_PORT");
    }

    /** One app node directly, bypassing the proxy. */
    String app(int node) {
        return "http://127.0.0.1:" + port("APP" + node + "_PORT");
    }

    /** A connection to whichever database node is the primary now, as the app's own user. */
    Connection primary() throws SQLException, IOException {
        String url = "jdbc:postgresql://127.0.0.1:%d,127.0.0.1:%d/gridcommand?targetServerType=primary&connectTimeout=3&hostRecheckSeconds=1"
                .formatted(port("DB1_PORT"), port("DB2_PORT"));
        return DriverManager.getConnection(url, "gridcommand", Files.readString(dir.resolve("db-password")).trim());
    }

    /** Which database node (1 or 2) is the primary now. */
    int primaryNode() throws SQLException, IOException {
        try (Connection c = primary(); var s = c.createStatement(); var rs = s.executeQuery("select inet_server_port()")) {
            rs.next();
            return rs.getInt(1) == port("DB1_PORT") ? 1 : 2;
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Boolean.getBoolean("cluster.keep")) return;
        script(Duration.ofMinutes(3), "clean");
    }
}
