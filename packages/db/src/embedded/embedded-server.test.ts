import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedServer, startEmbeddedServer } from "./embedded-server.ts";

describe("the embedded server shared by many connections", () => {
  let server: EmbeddedServer;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startEmbeddedServer();
    pool = new pg.Pool({ connectionString: server.url, max: 8 });
    await pool.query("CREATE TABLE note (id serial PRIMARY KEY, owner int NOT NULL, body text NOT NULL)");
  });
  afterAll(async () => {
    await pool.end();
    await server.close();
  });

  it("keeps each connection's parameterized queries apart when they run at once", async () => {
    // Different parameter counts and result shapes: interleaved batches would bind one query's
    // parameters to another's statement. Large ones arrive in several TCP reads, which is when the
    // other connections' messages get in between.
    const large = "x".repeat(200_000);
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? pool
              .query("SELECT length($1::text) AS n, $2::int AS i", [large, i])
              .then((r) => r.rows[0]?.n === large.length && r.rows[0]?.i === i)
          : i % 3 === 1
            ? pool.query("SELECT $1::int + $2::int AS s", [i, 1]).then((r) => r.rows[0]?.s === i + 1)
            : pool
                .query("SELECT $1::text || $2::text || $3::text || $4::text AS t", ["a", String(i), "b", "c"])
                .then((r) => r.rows[0]?.t === `a${i}bc`),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it("runs concurrent transactions whole, each seeing only its own uncommitted rows", async () => {
    const owners = Array.from({ length: 6 }, (_, i) => i + 1);
    const seen = await Promise.all(
      owners.map(async (owner) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO note (owner, body) VALUES ($1, 'a'), ($1, 'b')", [owner]);
          const rows = await client.query("SELECT count(*)::int AS n FROM note WHERE owner = $1", [owner]);
          if (owner % 2 === 0) await client.query("ROLLBACK");
          else await client.query("COMMIT");
          return rows.rows[0]?.n;
        } finally {
          client.release();
        }
      }),
    );
    expect(seen).toEqual(owners.map(() => 2));
    const kept = await pool.query("SELECT DISTINCT owner FROM note ORDER BY owner");
    expect(kept.rows.map((r) => r.owner)).toEqual([1, 3, 5]);
  });

  it("goes on serving others when a connection drops inside a transaction", async () => {
    const dropped = new pg.Client({ connectionString: server.url });
    dropped.on("error", () => {});
    await dropped.connect();
    await dropped.query("BEGIN");
    await dropped.query("INSERT INTO note (owner, body) VALUES (99, 'lost')");
    const waiting = pool.query("SELECT count(*)::int AS n FROM note WHERE owner = 99");
    // Kill the socket without a goodbye, as a crashed process would.
    (dropped as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0]?.n).toBe(0);
  });
});
