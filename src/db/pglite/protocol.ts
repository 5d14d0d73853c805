/** Messages between the main thread and the PGlite worker thread. */

export type WorkerRequest =
  | {
      id: number;
      op: "query";
      sql: string;
      params: unknown[];
      rowMode: "array" | "object";
      rawOids: number[];
      txId?: number;
    }
  | { id: number; op: "exec"; sql: string; txId?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "commit"; txId: number }
  | { id: number; op: "rollback"; txId: number }
  | { id: number; op: "close" };

export interface SerializedDbError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: SerializedDbError };

export interface WorkerInit {
  /** Directory PGlite stores its cluster in; undefined = in memory. */
  dataDir: string | undefined;
}

export interface QueryResultShape<T = Record<string, unknown>> {
  rows: T[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}
