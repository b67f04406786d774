// ESLint (flat config). The rule that matters most here is architectural:
// ⚠ only the domain layer (lib/domain), the access layer (lib/access) and lib/db itself may
// import the database client. Pages, actions, route handlers and components reach data
// through lib/domain, so permission checks and auditing cannot be skipped (DESIGN.md §3).
import tseslint from "typescript-eslint";

export const databaseImportRule = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          regex: "(^|/)lib/db(/|$)|^@/lib/db|(^|/)db/generated(/|$)|^\\.{1,2}(/\\.\\.)*/db(/|$)",
          message: "Only lib/domain and lib/access may use the database. Call a function in lib/domain instead.",
        },
        { group: ["@prisma/client", "@prisma/client/*", "@prisma/adapter-*", "pg", "@electric-sql/pglite", "pglite-prisma-adapter"], message: "Only lib/db may talk to the database driver." },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", ".test-data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Everything outside the allowed layers: no database imports.
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    // Database tooling and test set-up (and e2e/support, which checks what the servers stored) may open connections directly.
    ignores: ["lib/domain/**", "lib/access/**", "lib/db/**", "prisma/**", "scripts/db/**", "scripts/ci/**", "scripts/bench/**", "test/**", "e2e/support/**", "**/*.integration.test.ts"],
    rules: databaseImportRule,
  },
);
