import pg from 'pg';

/** Lists the columns of every table in `schema`, by table name. */
export async function listPostgresColumns(
  baseUrl: string,
  schema: string,
): Promise<Map<string, Set<string>>> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    const result = await client.query<{
      table_name: string;
      column_name: string;
    }>(
      'SELECT table_name, column_name FROM information_schema.columns ' +
        'WHERE table_schema = $1',
      [schema],
    );
    const columns = new Map<string, Set<string>>();
    for (const row of result.rows) {
      const names = columns.get(row.table_name) ?? new Set<string>();
      names.add(row.column_name);
      columns.set(row.table_name, names);
    }
    return columns;
  } finally {
    await client.end();
  }
}
