import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema files and committed; `openDatabase` applies them on open.
export default defineConfig({
  dialect: 'postgresql',
  // Tests live beside the schema files; drizzle-kit would execute them while loading the schema.
  schema: './src/db/schema/!(*.test).ts',
  out: './drizzle',
});
