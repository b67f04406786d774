// Prisma 7 configuration. The datasource URL is only set when DATABASE_URL is present so
// that `prisma generate` works on a machine without any database (the embedded default).
// Migrations are applied by scripts/db/migrate.ts, not by the Prisma CLI (see docs/database.md).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
