/** Literals for the bench's generated SQL. Values are our own ids and labels, quoted anyway. */

export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sqlUuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `array[${ids.map((id) => `'${id}'`).join(",")}]::uuid[]`;
}

export function sqlTextArray(values: readonly string[]): string {
  return `array[${values.map(sqlText).join(",")}]::text[]`;
}

/**
 * A UUIDv7 for the instant `tsExpr` (48 bits of milliseconds, version 7, variant 10,
 * random rest): the same shape the application's `newId` gives, so indexes on `id` see
 * time-ordered keys as in production.
 */
export function uuid7Sql(tsExpr: string): string {
  return `(lpad(to_hex(floor(extract(epoch from ${tsExpr}) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;
}
