package patgraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Neo4j Community (in-process, via neo4j-harness) with Bolt on 127.0.0.1, running until
 * SIGTERM/SIGINT, then stopping cleanly and deleting its data directory.
 *
 * <pre>
 *   java -Xmx1g -cp "target/classes:target/lib/*" patgraph.LocalNeo4j PORT [WORKDIR]
 * </pre>
 *
 * The page cache is NEO4J_LOCAL_PAGECACHE megabytes (default 128, enough for the tests).
 * Authentication is disabled unless the environment variable NEO4J_LOCAL_PASSWORD is set;
 * then user {@code neo4j} gets that password (read from the environment, never from argv,
 * so it does not show in {@code ps}). When NEO4J_LOCAL_WATCH_PID is set, the server also stops
 * once that process is gone (a test session killed hard does not leak a server). Prints {@code NEO4J_LOCAL_READY bolt://127.0.0.1:PORT}
 * on stdout when Bolt accepts connections.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("uso: LocalNeo4j PUERTO [DIRECTORIO_DE_TRABAJO]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path workDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("neo4j-local");
        Files.createDirectories(workDir);
        String password = System.getenv("NEO4J_LOCAL_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        long pageCacheMb = 128;
        String pageCache = System.getenv("NEO4J_LOCAL_PAGECACHE");
        if (pageCache != null && !pageCache.isEmpty()) {
            pageCacheMb = Long.parseLong(pageCache.trim());
        }

        long t0 = System.nanoTime();
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(workDir)
                .withDisabledServer() // no HTTP/Browser: Bolt only
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, auth)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
                // stop in ~1 s instead of ~12 s (netty's graceful quiet period)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout,
                        Duration.ofSeconds(2))
                .build();
        if (auth) {
            neo4j.databaseManagementService()
                    .database("system")
                    .executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED",
                            Map.of("p", password));
        }

        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "neo4j-local-shutdown"));

        String watch = System.getenv("NEO4J_LOCAL_WATCH_PID");
        if (watch != null && !watch.isEmpty()) {
            long watched = Long.parseLong(watch);
            Thread watcher = new Thread(() -> {
                while (ProcessHandle.of(watched).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.out.println("NEO4J_LOCAL_PARENT_GONE " + watched);
                System.exit(0); // runs the shutdown hook: clean stop
            }, "neo4j-local-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("NEO4J_LOCAL_READY bolt://127.0.0.1:" + port
                + " (Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + ", auth " + (auth ? "on" : "off") + ", " + ms + " ms)");
        System.out.flush();

        stopped.await();
        try {
            neo4j.close();
            System.out.println("NEO4J_LOCAL_STOPPED");
            System.out.flush();
        } finally {
            done.countDown();
        }
    }
}
