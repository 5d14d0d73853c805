import { configDefaults, defineConfig } from "vitest/config";

// The browser journeys (test/e2e) drive the built web app in Chromium against the embedded database,
// as `npm start` serves it. The PostgreSQL pass of CI leaves them out (the engine under the API is
// covered by the rest of the suite there); HELPLINE_E2E_ON_POSTGRES=1 runs them on PostgreSQL too.
const browserJourneys = !process.env.TEST_DATABASE_URL || process.env.HELPLINE_E2E_ON_POSTGRES === "1";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "common/**/*.test.ts", "test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(browserJourneys ? [] : ["test/e2e/**"])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Most files wait on a database, a child process or a socket: two at a time use both cores.
    maxWorkers: Number(process.env.HELPLINE_TEST_WORKERS ?? 2),
    reporters: ["default"],
  },
});
