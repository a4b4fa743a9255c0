import { defineConfig } from 'drizzle-kit';

// Generation only diffs the schema against the committed snapshots; it needs no database.
export default defineConfig({
  dialect: 'mysql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
