import { defineConfig } from "prisma/config";

// Only the Prisma CLI reads this file. The app connects through src/client.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/koe" },
});
