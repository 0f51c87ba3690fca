import pg from "pg";
import type { TestProject } from "vitest/node";
import { startTemporaryPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server URL (any database) whose template database (below) holds the migrated schema. */
    postgresUrl: string;
    /** The migrated template database's name: one per project, so projects sharing a TEST_DATABASE_URL server never clash. */
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the run: TEST_DATABASE_URL's server when given, else an embedded one in a
 * temp folder. Migrations are applied once to a template; each test file copies it (tests/support/database.ts).
 */
export default async function setup(project: TestProject) {
  const TEMPLATE = `leadrelay_test_template_${project.name}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  let cleanup = async () => {};
  if (!serverUrl) {
    const embedded = await startTemporaryPostgres("test", { database: "postgres" });
    serverUrl = embedded.url;
    cleanup = embedded.stop;
  }

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await migrate(templateUrl.toString());

  project.provide("postgresUrl", serverUrl);
  project.provide("templateDatabase", TEMPLATE);
  return cleanup;
}
