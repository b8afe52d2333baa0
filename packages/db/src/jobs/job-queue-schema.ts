import pg from "pg";

/** graphile-worker's schema: the job queue the post-call analysis runs on. */
export const JOB_QUEUE_SCHEMA = "graphile_worker";

/**
 * Installs or upgrades graphile-worker's schema. Part of every migration run, so a database that
 * Koe's triggers enqueue into always has the queue, before any api or bridge process starts.
 * Without prepared statements: on the embedded PGlite every connection shares one session.
 */
export async function installJobQueueSchema(connectionString: string): Promise<void> {
  // Loaded here, not at import: processes that only read `@koe/db` (the bridge) never carry it.
  const { Logger, runMigrations } = await import("graphile-worker");
  // Our own pool, whose connections have all closed when this returns. graphile-worker's own pool
  // is ended without waiting, after its error listeners are gone, so a connection still closing when
  // the server ended it (a database dropped, a restart) raised an uncaught error (57P01) in whatever
  // process had migrated. (pg's `end()` itself does not wait for its connections to close.)
  const pool = new pg.Pool({ connectionString, max: 2 });
  const closed: Promise<void>[] = [];
  // An idle connection's error needs no action (pg drops it); a query's error reaches its caller.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    client.on("error", () => {});
    closed.push(new Promise((resolve) => client.once("end", resolve)));
  });
  try {
    await runMigrations({
      pgPool: pool,
      schema: JOB_QUEUE_SCHEMA,
      noPreparedStatements: true,
      // Keeps graphile-worker's own migration chatter out of the runner's output; errors still throw.
      logger: new Logger(() => () => {}),
    });
  } finally {
    await pool.end();
    await Promise.all(closed);
  }
}
