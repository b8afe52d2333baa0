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
  await runMigrations({
    connectionString,
    schema: JOB_QUEUE_SCHEMA,
    noPreparedStatements: true,
    // Keeps graphile-worker's own migration chatter out of the runner's output; errors still throw.
    logger: new Logger(() => () => {}),
  });
}
