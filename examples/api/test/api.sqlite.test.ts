import { createClient } from '@libsql/client';
import { describeApi } from './api-suite.js';
import { createSqliteDatabase } from './helpers/databases.js';

describeApi('API on SQLite', {
  create: createSqliteDatabase,
  listColumns: listSqliteColumns,
});

async function listSqliteColumns(
  url: string,
): Promise<Map<string, Set<string>>> {
  const client = createClient({ url });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    const columns = new Map<string, Set<string>>();
    for (const row of tables.rows) {
      const table = String(row.name);
      const info = await client.execute(`PRAGMA table_info("${table}")`);
      columns.set(
        table,
        new Set(info.rows.map((column) => String(column.name))),
      );
    }
    return columns;
  } finally {
    client.close();
  }
}
