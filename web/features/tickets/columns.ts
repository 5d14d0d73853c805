import type { SortField } from "../../../common/query/fields.js";

export type ColumnId =
  | "select"
  | "number"
  | "subject"
  | "status"
  | "priority"
  | "assignee"
  | "team"
  | "company"
  | "sla"
  | "updated";

export interface Column {
  id: ColumnId;
  label: string;
  width: number;
  /** The query language's sort key behind a click on the header. */
  sort?: SortField;
  /** Left out when space is short, lowest first (the table still scrolls sideways for the rest). */
  dropOrder?: number;
}

/** Widths in px; the subject takes what is left, at least its width. */
export const COLUMNS: Column[] = [
  { id: "select", label: "Select", width: 34 },
  { id: "number", label: "Number", width: 88, sort: "number" },
  { id: "subject", label: "Subject", width: 220 },
  { id: "status", label: "Status", width: 152, sort: "status" },
  { id: "priority", label: "Priority", width: 100, sort: "priority" },
  { id: "assignee", label: "Assignee", width: 116, dropOrder: 4 },
  { id: "team", label: "Team", width: 96, dropOrder: 2 },
  { id: "company", label: "Company", width: 112, dropOrder: 1 },
  { id: "sla", label: "SLA due", width: 104, sort: "due" },
  { id: "updated", label: "Updated", width: 96, sort: "updated", dropOrder: 3 },
];

export const ROW_HEIGHT = 36;

const total = (cols: readonly Column[]) => cols.reduce((sum, c) => sum + c.width, 0);

/** The columns that fit `width` (0: not measured yet, show all), dropping the least useful first. */
export function visibleColumns(width: number): Column[] {
  let cols = COLUMNS;
  if (width <= 0) return cols;
  const droppable = COLUMNS.filter((c) => c.dropOrder !== undefined).sort(
    (a, b) => (a.dropOrder ?? 0) - (b.dropOrder ?? 0),
  );
  for (const drop of droppable) {
    if (total(cols) <= width) break;
    cols = cols.filter((c) => c.id !== drop.id);
  }
  return cols;
}

export const columnsWidth = total;
