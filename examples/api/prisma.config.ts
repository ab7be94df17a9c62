import { defineConfig } from 'prisma/config';

// The Prisma CLI reads this file. The app itself builds its clients from the
// same variable in src/config.ts, with the same default.
const url = process.env.DATABASE_URL ?? 'file:./data/seda.db';
const dialect = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: `generated/schemas/${dialect}.prisma`,
  migrations: { path: `prisma/migrations/${dialect}` },
  datasource: { url },
});
