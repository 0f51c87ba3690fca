import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export function createDatabase(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: 10 }),
    // Password hashes never leave the data layer unless a query asks for them by name.
    omit: { user: { passwordHash: true } },
  });
}

export type Database = ReturnType<typeof createDatabase>;

const globalForDb = globalThis as unknown as { leadrelayDb?: Database };

/** The process's one client; kept on globalThis so dev reloads reuse its pool. */
export function db(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide one.");
  return (globalForDb.leadrelayDb ??= createDatabase(url));
}
