import type pg from "pg";
import { csvRecord, UTF8_BOM } from "@/lib/export/csv";
import { Prisma } from "@/lib/db/generated/client";
import type { FormCatalog } from "@/lib/forms/catalog";
import { UTM_NAMES, type Attribution } from "./attribution";
import { filterSql, orderSql, type OutboxFilter } from "./filter";

/** Rows per FETCH: what sits in memory at once, whatever the export's size. */
export const EXPORT_BATCH = 500;

/** A form field as an export column: the union over the forms in the result, in each form's own order. */
export type FieldColumn = { name: string; label: string };

const FIXED_COLUMNS = ["Submitted (UTC)", "Status", "Attempts", "Last error", "Contact id", "Partner", ...UTM_NAMES];

type ExportRow = {
  fields: Record<string, unknown> | null;
  createdAt: Date;
  status: string;
  attemptCount: number;
  lastError: string | null;
  contactId: string | null;
  partnerId: string | null;
  attribution: Attribution | null;
};

export type OutboxExport = {
  /** Exactly how many rows the stream carries: counted in the cursor's own snapshot. */
  rows: number;
  stream: ReadableStream<Uint8Array>;
};

/** The field columns for the forms in a result: a name seen in an earlier form keeps that form's label. */
export function fieldColumns(catalog: FormCatalog, formIds: string[]): FieldColumn[] {
  const columns = new Map<string, string>();
  for (const formId of [...formIds].sort()) {
    for (const field of catalog.find(formId)?.fields ?? []) if (!columns.has(field.name)) columns.set(field.name, field.label);
  }
  return [...columns].map(([name, label]) => ({ name, label }));
}

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(fieldText).join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function record(columns: FieldColumn[], row: ExportRow): string {
  const utm = row.attribution?.utm ?? {};
  return csvRecord([
    ...columns.map((c) => fieldText(row.fields?.[c.name])),
    row.createdAt.toISOString(),
    row.status,
    row.attemptCount,
    row.lastError,
    row.contactId,
    row.partnerId,
    ...UTM_NAMES.map((name) => utm[name]),
  ]);
}

/**
 * The submissions matching a filter as CSV (UTF-8 with a BOM, RFC 4180, formulas defused), in the list's order. Read through
 * a server-side cursor in one read-only snapshot, EXPORT_BATCH rows per FETCH, and only when the reader pulls: a slow
 * download holds one batch in memory, not the result. The connection is held until the stream ends or is cancelled.
 */
export async function exportOutboxCsv(
  pool: pg.Pool,
  catalog: FormCatalog,
  filter: OutboxFilter,
  { batchSize = EXPORT_BATCH, onFetch }: { batchSize?: number; onFetch?: (fetched: number) => void } = {},
): Promise<OutboxExport> {
  const where = filterSql(filter);
  const client = await pool.connect();
  let open = true;
  const finish = async (commit: boolean) => {
    if (!open) return;
    open = false;
    try {
      await client.query(commit ? "COMMIT" : "ROLLBACK");
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  };
  try {
    // One snapshot for the count, the forms and the rows: the count in the audit log is what was sent.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const forms = await client.query<{ formId: string; count: number }>(
      `SELECT "formId", count(*)::int AS count FROM "Submission" WHERE ${where.text} GROUP BY "formId"`,
      where.values,
    );
    const statement = Prisma.sql`
      SELECT fields, "createdAt", status, "attemptCount", "lastError", "contactId", "partnerId", attribution
      FROM "Submission" WHERE ${where} ORDER BY ${orderSql(filter)}`;
    await client.query(`DECLARE outbox_export NO SCROLL CURSOR FOR ${statement.text}`, statement.values);
    const columns = fieldColumns(
      catalog,
      forms.rows.map((r) => r.formId),
    );
    const encoder = new TextEncoder();
    let fetched = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(encoder.encode(UTF8_BOM + csvRecord([...columns.map((c) => c.label), ...FIXED_COLUMNS])));
        },
        // Called only while the queue is below its high-water mark: a reader that stops reading stops the FETCHes.
        async pull(controller) {
          try {
            const { rows } = await client.query<ExportRow>(`FETCH ${batchSize} FROM outbox_export`);
            fetched += rows.length;
            onFetch?.(fetched);
            if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => record(columns, row)).join("")));
            if (rows.length < batchSize) {
              await finish(true);
              controller.close();
            }
          } catch (error) {
            await finish(false);
            controller.error(error);
          }
        },
        cancel: () => finish(false),
      },
      { highWaterMark: 1 },
    );
    return { rows: forms.rows.reduce((sum, r) => sum + r.count, 0), stream };
  } catch (error) {
    await finish(false);
    throw error;
  }
}

/** The download's name, with the day it was taken (UTC). */
export function exportFilename(now = new Date()): string {
  return `leadrelay-outbox-${now.toISOString().slice(0, 10)}.csv`;
}
