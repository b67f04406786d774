/**
 * A minimal raw-SQL connection for work Prisma's client cannot do: running multi-statement
 * migration files, advisory locks, LISTEN/NOTIFY. One shape for PGlite and PostgreSQL.
 */
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";

export type SqlExecutor = {
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterized statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};

/** Lazily connects one dedicated pg client (not from the Prisma pool). */
export function postgresExecutor(connectionString: string): SqlExecutor {
  // Keep the connecting promise, not the client: two concurrent first calls share one
  // connection instead of leaking one.
  let client: Promise<pg.Client> | null = null;
  const connected = () => {
    client ??= (async () => {
      const c = new pg.Client({ connectionString });
      await c.connect();
      return c;
    })();
    client.catch(() => {
      client = null;
    });
    return client;
  };
  return {
    async exec(sql) {
      await (await connected()).query(sql);
    },
    async query(sql, params = []) {
      const result = await (await connected()).query(sql, params);
      return result.rows;
    },
    async close() {
      const c = client;
      client = null;
      await (await c?.catch(() => null))?.end();
    },
  };
}

/** Uses the process's PGlite instance; closing it is the owner's job (see client.ts). */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
    },
    async close() {},
  };
}
