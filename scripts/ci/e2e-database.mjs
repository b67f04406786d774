// Creates (prints its URL) or drops the PostgreSQL database of one end-to-end run.
//   node scripts/ci/e2e-database.mjs create <server-url>
//   node scripts/ci/e2e-database.mjs drop <server-url> <database-url>
import { randomBytes } from "node:crypto";
import pg from "pg";

const [command, serverUrl, databaseUrl] = process.argv.slice(2);
const client = new pg.Client({ connectionString: serverUrl });
await client.connect();
try {
  if (command === "create") {
    const name = `concierge_e2e_${randomBytes(5).toString("hex")}`;
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.stdout.write(url.toString());
  } else if (command === "drop") {
    const name = new URL(databaseUrl).pathname.slice(1);
    if (!/^concierge_e2e_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    throw new Error("usage: e2e-database.mjs create|drop …");
  }
} finally {
  await client.end();
}
