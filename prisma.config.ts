import { defineConfig } from "prisma/config";

// `generate` needs no database; the URL only matters to tools run against a live one.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/leadrelay" },
});
